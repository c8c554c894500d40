import Foundation

/// Finds code repository links in free text such as an abstract.
///
/// Abstracts end sentences right after a URL (`…/Co-DETR.`), add `.git`, or wrap the URL in
/// LaTeX braces (`{https://github.com/Sarinda251/CDFSL-V}`); all of these give the plain
/// `https://github.com/owner/repo`. Every paper built passes through here, so the scan works
/// on UTF-8 bytes and returns at once for text without "github.com/".
public enum CodeLinks {
    public static func repositories(in text: String) -> [String] {
        var found: [String] = []
        let bytes = Array(text.utf8)
        var index = 0
        while let start = indexOfHost(in: bytes, from: index) {
            index = start + host.count
            let owner = bytes[index...].prefix { isNameByte($0) && $0 != UInt8(ascii: "_") && $0 != UInt8(ascii: ".") }
            let slash = index + owner.count
            guard !owner.isEmpty, slash < bytes.count, bytes[slash] == UInt8(ascii: "/") else { continue }
            var repo = bytes[(slash + 1)...].prefix(while: isNameByte)
            index = slash + 1 + repo.count
            while repo.last == UInt8(ascii: ".") { repo = repo.dropLast() }
            if repo.count > 4, String(decoding: repo.suffix(4), as: UTF8.self).lowercased() == ".git" { repo = repo.dropLast(4) }
            while repo.last == UInt8(ascii: ".") { repo = repo.dropLast() }
            guard !repo.isEmpty else { continue }
            let url = "https://github.com/\(String(decoding: owner, as: UTF8.self))/\(String(decoding: repo, as: UTF8.self))"
            if !found.contains(where: { $0.caseInsensitiveCompare(url) == .orderedSame }) { found.append(url) }
        }
        return found
    }

    /// The first repository mentioned in `text`, if any.
    public static func firstRepository(in text: String) -> String? {
        repositories(in: text).first
    }

    private static let host = Array("github.com/".utf8)

    /// The next case-insensitive occurrence of "github.com/" at or after `start`.
    private static func indexOfHost(in bytes: [UInt8], from start: Int) -> Int? {
        guard bytes.count >= host.count, start <= bytes.count - host.count else { return nil }
        outer: for i in start...(bytes.count - host.count) {
            for (offset, expected) in host.enumerated() where bytes[i + offset] | 0x20 != expected | 0x20 {
                continue outer
            }
            return i
        }
        return nil
    }

    /// Letters, digits, `-`, `_` and `.`: what GitHub allows in owner and repository names.
    private static func isNameByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
             UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."):
            true
        default:
            false
        }
    }
}
