import Foundation
import NIOCore
import NIOPosix

/// Sends mail through an SMTP server (RFC 5321): plain, STARTTLS or implicit TLS, with
/// AUTH PLAIN or LOGIN, one connection per message.
public struct SMTPMailer: Mailer {
    /// The server this mailer talks to.
    public let configuration: SMTPConfiguration
    private let group: any EventLoopGroup

    /// `group` defaults to SwiftNIO's shared event loops.
    public init(configuration: SMTPConfiguration, eventLoopGroup: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton) {
        self.configuration = configuration
        self.group = eventLoopGroup
    }

    /// Opens a connection, delivers `message` and closes. Throws ``SMTPError``: see
    /// ``SMTPError/isTransient`` for whether a retry can help.
    public func send(_ message: MailMessage) async throws {
        guard !message.to.isEmpty else { throw SMTPError.invalidMessage("no recipients") }
        for address in [message.from] + message.to where !address.isValid {
            throw SMTPError.invalidMessage("invalid address \(address.address.debugDescription)")
        }
        try await session { connection in
            try await transmit(message, over: connection)
        }
    }

    /// Connects, says hello, upgrades to TLS and logs in as for a delivery, then quits without
    /// sending anything: whether mail would go out (`paperfeed doctor`). Throws ``SMTPError``.
    public func check() async throws {
        try await session { _ in }
    }

    /// Opens a connection, greets, secures and authenticates it, runs `body`, and quits.
    private func session(_ body: (SMTPConnection) async throws -> Void) async throws {
        let connection = try await SMTPConnection.connect(configuration, group: group)
        do {
            try await connection.greeting()
            var capabilities = try await hello(connection)
            if configuration.security == .startTLS {
                guard capabilities["STARTTLS"] != nil else { throw SMTPError.startTLSUnsupported }
                try await connection.command("STARTTLS", expecting: 220)
                try await connection.upgradeToTLS()
                capabilities = try await hello(connection) // RFC 3207 §4.2: forget what was said in clear
            }
            if let username = configuration.username {
                try await authenticate(connection, username: username, password: configuration.password ?? "",
                                       offered: capabilities["AUTH"] ?? [])
            }
            try await body(connection)
            // Whatever `body` did is done (a message accepted): a failing QUIT must not undo it.
            _ = try? await connection.command("QUIT")
        } catch {
            await connection.close()
            throw error
        }
        await connection.close()
    }

    /// EHLO, or HELO for a server that knows no extensions; the capabilities by keyword.
    private func hello(_ connection: SMTPConnection) async throws -> [String: [String]] {
        let reply = try await connection.command("EHLO \(configuration.heloName)")
        guard reply.code == 250 else {
            try await connection.command("HELO \(configuration.heloName)", expecting: 250)
            return [:]
        }
        var capabilities: [String: [String]] = [:]
        for line in reply.lines.dropFirst() {
            // `AUTH=LOGIN PLAIN` is an old form some servers still send.
            let words = line.uppercased().replacingOccurrences(of: "AUTH=", with: "AUTH ").split(separator: " ").map(String.init)
            guard let keyword = words.first else { continue }
            capabilities[keyword, default: []] += words.dropFirst()
        }
        return capabilities
    }

    private func authenticate(_ connection: SMTPConnection, username: String, password: String, offered: [String]) async throws {
        func base64(_ text: String) -> String { Data(text.utf8).base64EncodedString() }
        if offered.contains("PLAIN") {
            let response = base64("\0\(username)\0\(password)")
            try await connection.command("AUTH PLAIN \(response)", expecting: 235, what: "AUTH PLAIN")
        } else if offered.contains("LOGIN") {
            try await connection.command("AUTH LOGIN", expecting: 334)
            try await connection.command(base64(username), expecting: 334, what: "AUTH LOGIN username")
            try await connection.command(base64(password), expecting: 235, what: "AUTH LOGIN password")
        } else {
            throw SMTPError.authenticationUnsupported(offered: offered)
        }
    }

    private func transmit(_ message: MailMessage, over connection: SMTPConnection) async throws {
        try await connection.command("MAIL FROM:<\(message.from.address)>", expecting: 250)
        for recipient in message.to {
            try await connection.command("RCPT TO:<\(recipient.address)>", expecting: 250, 251)
        }
        try await connection.command("DATA", expecting: 354)
        let data = Self.dataTransmission(message.rendered())
        try connection.expect(await connection.send(ByteBuffer(string: data), what: "end of DATA"), 250,
                              command: "end of DATA")
    }

    /// The text after DATA (RFC 5321 §4.5.2): CRLF line endings, a `.` doubled at the start
    /// of every line that has one, and the terminating `.` line.
    static func dataTransmission(_ text: String) -> String {
        var lines = MIME.lines(text)
        if lines.last == "" { lines.removeLast() }
        return lines.map { $0.hasPrefix(".") ? "." + $0 : String($0) }.joined(separator: "\r\n") + "\r\n.\r\n"
    }
}
