import Foundation
import PaperCore

/// Reads the capture of the Hugging Face Papers page (`seed/hf-papers-page.txt`): some page
/// chrome, then for each paper a title line and an abstract line.
public enum SeedPageParser {
    /// The papers on the page, in page order.
    ///
    /// The chrome at the top ("new", "Get trending papers in your email inbox!", "Subscribe",
    /// "byAK and the research community", date lines like "Mar 17") is skipped; then non-empty
    /// lines pair up as title and abstract. A trailing title without an abstract is dropped.
    /// The page carries no arXiv ids, so each paper gets a local id from its title
    /// (`localID(title:)`); GitHub links in abstracts become the papers' code repositories.
    public static func parse(_ text: String) -> [Paper] {
        var lines = text.split(whereSeparator: \.isNewline)
            .map { $0.collapsingWhitespace }
            .filter { !$0.isEmpty }[...]
        while let first = lines.first, isChrome(first) { lines = lines.dropFirst() }
        var papers: [Paper] = []
        var seen: Set<PaperID> = []
        while lines.count >= 2 {
            let title = lines.removeFirst()
            let abstract = lines.removeFirst()
            let id = localID(title: title)
            // The same title twice on one page is one paper; keep its first appearance.
            guard seen.insert(id).inserted else { continue }
            papers.append(Paper(id: id, title: title, abstract: abstract, authors: [], source: .seed))
        }
        return papers
    }

    /// `local-` and the first 12 hex digits of the FNV-1a 64-bit hash of the lower-cased,
    /// whitespace-collapsed title: the same title always gets the same id.
    public static func localID(title: String) -> PaperID {
        let hash = fnv1a64(title.lowercased().collapsingWhitespace)
        let hex = String(hash, radix: 16)
        let padded = String(repeating: "0", count: 16 - hex.count) + hex
        return PaperID(rawValue: "local-" + padded.prefix(12))
    }

    private static let chrome: Set<String> = [
        "new", "get trending papers in your email inbox!", "subscribe",
        "byak and the research community", "daily papers", "daily papers by ak and the research community",
    ]

    /// Page chrome: the fixed strings of the page header and date lines like `Mar 17`.
    static func isChrome(_ line: String) -> Bool {
        chrome.contains(line.lowercased()) || isDateLine(line)
    }

    /// `Mar 17`, `March 17`, `Mar 17, 2025`.
    private static func isDateLine(_ line: String) -> Bool {
        let parts = line.replacingOccurrences(of: ",", with: "").split(separator: " ")
        guard (2...3).contains(parts.count), parts[0].count >= 3 else { return false }
        let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
        guard months.contains(String(parts[0].prefix(3)).lowercased()),
              let day = Int(parts[1]), (1...31).contains(day) else { return false }
        return parts.count == 2 || Int(parts[2]) != nil
    }
}
