import Foundation

/// Addresses that came from outside (imported records, people) and may become `href`s.
/// Only absolute http(s) URLs with a host pass: `javascript:`, `data:`, relative paths and
/// anything with white space or control characters (which browsers strip, turning
/// `java\tscript:` back into a script) are dropped. Checked when a paper is built, on import
/// and on every read from the store, and again where a page, feed or email renders a link.
public enum WebLink {
    /// `text` trimmed when it is a safe http(s) link, else `nil`.
    public static func http(_ text: String?) -> String? {
        guard let trimmed = text?.trimmingCharacters(in: .whitespacesAndNewlines), !trimmed.isEmpty,
              trimmed.utf8.count <= 2_048,
              !trimmed.unicodeScalars.contains(where: { $0.value <= 0x20 || (0x7F...0x9F).contains($0.value) }),
              let components = URLComponents(string: trimmed),
              let scheme = components.scheme?.lowercased(), scheme == "http" || scheme == "https",
              let host = components.host, !host.isEmpty
        else { return nil }
        return trimmed
    }
}
