import Foundation

/// Finds code repository links in free text such as an abstract.
///
/// Abstracts end sentences right after a URL (`…/Co-DETR.`), add `.git`, or wrap the URL in
/// LaTeX braces (`{https://github.com/Sarinda251/CDFSL-V}`); all of these give the plain
/// `https://github.com/owner/repo`.
public enum CodeLinks {
    public static func repositories(in text: String) -> [String] {
        var found: [String] = []
        var rest = Substring(text)
        while let range = rest.range(of: "github.com/", options: .caseInsensitive) {
            rest = rest[range.upperBound...]
            let owner = rest.prefix { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }
            let afterOwner = rest.dropFirst(owner.count)
            guard !owner.isEmpty, afterOwner.first == "/" else { continue }
            var repo = afterOwner.dropFirst().prefix {
                $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == ".")
            }
            while repo.last == "." { repo = repo.dropLast() }
            if repo.lowercased().hasSuffix(".git") { repo = repo.dropLast(4) }
            while repo.last == "." { repo = repo.dropLast() }
            guard !repo.isEmpty else { continue }
            let url = "https://github.com/\(owner)/\(repo)"
            if !found.contains(where: { $0.lowercased() == url.lowercased() }) { found.append(url) }
        }
        return found
    }

    /// The first repository mentioned in `text`, if any.
    public static func firstRepository(in text: String) -> String? {
        repositories(in: text).first
    }
}
