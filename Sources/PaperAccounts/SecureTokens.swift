import Crypto
import Foundation

/// Random tokens for cookies and emailed links, and the hashes stored in their place.
public enum SecureTokens {
    /// 32 random bytes from the system's cryptographically secure generator
    /// (`SystemRandomNumberGenerator`: `getrandom` on Linux), as URL-safe base64 (43 characters).
    /// Every visitor without a cookie gets one, so the bytes are drawn eight at a time: byte by
    /// byte it was 32 system calls and three string replacements, a sixth of the CPU of serving a
    /// cached page. (`arc4random_buf` would be one call, but glibc has it only from 2.36.)
    public static func make() -> String {
        var generator = SystemRandomNumberGenerator()
        var bytes = Data(capacity: 32)
        for _ in 0..<4 { withUnsafeBytes(of: generator.next() as UInt64) { bytes.append(contentsOf: $0) } }
        return String(decoding: bytes.base64EncodedData().compactMap(urlSafe), as: UTF8.self)
    }

    /// A base64 byte in the URL-safe alphabet, `nil` for padding.
    private static func urlSafe(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "+"): UInt8(ascii: "-")
        case UInt8(ascii: "/"): UInt8(ascii: "_")
        case UInt8(ascii: "="): nil
        default: byte
        }
    }

    /// Whether `token` has the shape `make()` gives: 43 URL-safe base64 characters. A cookie
    /// is the visitor's to set, so its value is checked before it is echoed into a page.
    public static func isWellFormed(_ token: String) -> Bool {
        token.utf8.count == 43 && token.utf8.allSatisfy { byte in
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"): true
            default: false
            }
        }
    }

    /// SHA-256 of `token` in hex: what the database keeps, so a stolen copy opens no session.
    public static func hash(_ token: String) -> String {
        let digits = Array("0123456789abcdef".utf8)
        return String(decoding: SHA256.hash(data: Data(token.utf8)).flatMap { [digits[Int($0 >> 4)], digits[Int($0 & 15)]] },
                      as: UTF8.self)
    }

    /// Compares two secrets in time that does not depend on where they differ.
    public static func equal(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        return zip(x, y).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }
}
