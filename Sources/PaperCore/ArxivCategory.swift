/// An arXiv category as people name it: `cs.CL`, `math.AP`, `hep-th`, or a whole archive
/// (`cs`, `math`, `physics`) standing for every category in it.
public struct ArxivCategory: Hashable, Sendable, CustomStringConvertible {
    public let name: String

    /// `nil` unless `text` has a category's shape: lower-case archive letters (and `-`), then
    /// optionally `.` and a subject class of letters (and `-`); at most 32 characters.
    public init?(_ text: String) {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard text.utf8.count <= 32, (1...2).contains(parts.count),
              let archive = parts.first, !archive.isEmpty,
              archive.allSatisfy({ ($0.isASCII && $0.isLowercase) || $0 == "-" }),
              parts.dropFirst().allSatisfy({ !$0.isEmpty && $0.allSatisfy { ($0.isASCII && $0.isLetter) || $0 == "-" } })
        else { return nil }
        name = text
    }

    public var description: String { name }

    /// A whole archive (`cs`), which stands for each of its categories.
    public var isArchive: Bool { !name.contains(".") }

    /// The categories named in `text`, separated by spaces or commas, in order and without
    /// repeats; the first malformed name when there is one.
    public static func list(_ text: String) -> Result<[ArxivCategory], MalformedName> {
        var categories: [ArxivCategory] = []
        for name in text.split(whereSeparator: { $0 == "," || $0.isWhitespace }).map(String.init) {
            guard let category = ArxivCategory(name) else { return .failure(MalformedName(name: name)) }
            if !categories.contains(category) { categories.append(category) }
        }
        return .success(categories)
    }

    /// A name that is not a category's.
    public struct MalformedName: Error, Hashable {
        public let name: String
    }

    /// Whether a paper of `categories` belongs here.
    public func contains(_ categories: [String]) -> Bool {
        categories.contains { $0 == name || (isArchive && $0.hasPrefix(name + ".")) }
    }
}
