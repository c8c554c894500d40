import Foundation

/// Something that delivers email: the SMTP client in production, a recorder in tests.
public protocol Mailer: Sendable {
    /// Delivers `message` to all of its recipients, or throws; on return the server has
    /// accepted responsibility for it.
    func send(_ message: MailMessage) async throws
}

/// An email address with an optional display name: `Ada Lovelace <ada@example.org>`.
public struct MailAddress: Hashable, Sendable, CustomStringConvertible, ExpressibleByStringLiteral {
    /// The display name, any Unicode; encoded (RFC 2047) when the message is rendered.
    public var name: String?
    /// The `local@domain` part, ASCII only.
    public var address: String

    /// `address` is `local@domain`; `name` the optional display name.
    public init(_ address: String, name: String? = nil) {
        self.address = address
        self.name = name
    }

    /// A bare address without display name: `"reader@example.org"`.
    public init(stringLiteral address: String) {
        self.init(address)
    }

    /// The part after the `@`, used for Message-ID; `localhost` when there is none.
    public var domain: String {
        address.split(separator: "@").last.map(String.init).flatMap { $0.isEmpty ? nil : $0 } ?? "localhost"
    }

    /// Whether the address can go into an SMTP command and a header unchanged: ASCII, one `@`,
    /// no spaces, angle brackets or control characters (which would let a value inject commands).
    public var isValid: Bool {
        let parts = address.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else { return false }
        return address.unicodeScalars.allSatisfy { $0.isASCII && $0.value > 32 && $0.value < 127 && !"<>()[]\\,;:\"".unicodeScalars.contains($0) }
    }

    /// `Name <address>`, unencoded, for logs.
    public var description: String {
        if let name, !name.isEmpty { return "\(name) <\(address)>" }
        return address
    }
}
