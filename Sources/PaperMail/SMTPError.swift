/// Why sending through SMTP failed.
public enum SMTPError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Nothing listens at the address: the connection was refused (at once).
    case connectionRefused(host: String, port: Int)
    /// The host could not be reached or resolved (the text says why).
    case unreachable(host: String, port: Int, reason: String)
    /// Connecting, or waiting for a reply to `waitingFor`, took longer than the configured timeout.
    case timeout(waitingFor: String)
    /// The server closed the connection while a reply to `waitingFor` was due.
    case connectionClosed(waitingFor: String)
    /// The server answered `command` with an unexpected reply: its code and text.
    case rejected(code: Int, message: String, command: String)
    /// Security is ``SMTPConfiguration/Security/startTLS`` but the server does not offer STARTTLS.
    case startTLSUnsupported
    /// Credentials are configured but the server offers neither AUTH PLAIN nor AUTH LOGIN.
    case authenticationUnsupported(offered: [String])
    /// The TLS handshake or certificate check failed.
    case tls(String)
    /// The server sent something that is not an SMTP reply.
    case malformedReply(String)
    /// The message cannot be sent as it is (no recipients, an invalid address).
    case invalidMessage(String)

    /// The server's reply code, when the error is one.
    public var code: Int? {
        if case let .rejected(code, _, _) = self { return code }
        return nil
    }

    /// Whether trying again later can help: no answer, a dropped connection, or a 4xx reply.
    public var isTransient: Bool {
        switch self {
        case .connectionRefused, .unreachable, .timeout, .connectionClosed: true
        case let .rejected(code, _, _): (400..<500).contains(code)
        default: false
        }
    }

    /// One line for logs; never holds credentials.
    public var description: String {
        switch self {
        case let .connectionRefused(host, port): "SMTP connection to \(host):\(port) refused"
        case let .unreachable(host, port, reason): "SMTP server \(host):\(port) unreachable: \(reason)"
        case let .timeout(what): "SMTP timeout waiting for \(what)"
        case let .connectionClosed(what): "SMTP server closed the connection while waiting for \(what)"
        case let .rejected(code, message, command): "SMTP server answered \(command) with \(code) \(message)"
        case .startTLSUnsupported: "SMTP server does not offer STARTTLS"
        case let .authenticationUnsupported(offered):
            "SMTP server offers no supported AUTH mechanism (offered: \(offered.joined(separator: " ")))"
        case let .tls(reason): "SMTP TLS failure: \(reason)"
        case let .malformedReply(line): "malformed SMTP reply: \(line)"
        case let .invalidMessage(reason): "message cannot be sent: \(reason)"
        }
    }
}
