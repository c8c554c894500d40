import NIOCore
import NIOSSL

/// Where and how ``SMTPMailer`` connects.
public struct SMTPConfiguration: Sendable {
    /// How the connection is protected.
    public enum Security: String, Sendable, CaseIterable {
        /// No TLS at all (a relay on localhost, a test server).
        case plain
        /// Connect in the clear, then upgrade with STARTTLS (RFC 3207; usually port 587). Fails
        /// with ``SMTPError/startTLSUnsupported`` when the server does not offer it, rather
        /// than falling back to plain text.
        case startTLS
        /// TLS from the first byte (RFC 8314; usually port 465).
        case implicitTLS
    }

    /// How the server's certificate is checked.
    public enum CertificateVerification: Sendable {
        /// The system's trust store, and the host name (or IP address) must match.
        case full
        /// Trust only these PEM-encoded certificates (a self-signed test server), host name checked.
        case trusting(pemCertificates: [String])
        /// Accept any certificate. Only for tests and trusted networks.
        case none
    }

    /// A host name or IP address; TLS checks the certificate against it.
    public var host: String
    /// Defaults to ``defaultPort(for:)``.
    public var port: Int
    /// Plain, STARTTLS or implicit TLS.
    public var security: Security
    /// When set, ``SMTPMailer`` authenticates (AUTH PLAIN, else LOGIN) and fails if the server
    /// offers neither. With ``Security/plain`` the password crosses the network in the clear:
    /// only for a relay on the same host.
    public var username: String?
    /// Sent only in AUTH, never logged or put into errors.
    public var password: String?
    /// The name sent in EHLO: this machine's fully qualified name.
    public var heloName: String
    /// The longest wait for connecting, and then for each reply of the server.
    public var timeout: TimeAmount
    /// How the server's certificate is checked in the TLS modes.
    public var certificateVerification: CertificateVerification

    /// `port` defaults to the usual port for `security`.
    public init(
        host: String, port: Int? = nil, security: Security = .startTLS,
        username: String? = nil, password: String? = nil, heloName: String = "localhost",
        timeout: TimeAmount = .seconds(30), certificateVerification: CertificateVerification = .full
    ) {
        self.host = host
        self.port = port ?? Self.defaultPort(for: security)
        self.security = security
        self.username = username
        self.password = password
        self.heloName = heloName
        self.timeout = timeout
        self.certificateVerification = certificateVerification
    }

    /// 25 for plain, 587 for STARTTLS (submission), 465 for implicit TLS (submissions).
    public static func defaultPort(for security: Security) -> Int {
        switch security {
        case .plain: 25
        case .startTLS: 587
        case .implicitTLS: 465
        }
    }

    /// The TLS client configuration for this server.
    func tlsConfiguration() throws -> TLSConfiguration {
        var tls = TLSConfiguration.makeClientConfiguration()
        switch certificateVerification {
        case .full:
            break
        case let .trusting(pems):
            let certificates = try pems.flatMap { try NIOSSLCertificate.fromPEMBytes(Array($0.utf8)) }
            tls.trustRoots = .certificates(certificates)
        case .none:
            tls.certificateVerification = .none
        }
        return tls
    }
}
