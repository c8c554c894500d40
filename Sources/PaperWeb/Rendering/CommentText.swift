import Foundation
import PaperCore

/// Comments as HTML: everything escaped, then web addresses made links and line breaks kept.
/// Nothing a user writes becomes markup.
enum CommentText {
    static func html(_ text: String) -> String {
        text.components(separatedBy: "\n").map(linkified).joined(separator: "<br>\n")
    }

    private static func linkified(_ line: String) -> String {
        line.split(separator: " ", omittingEmptySubsequences: false).map { word -> String in
            let text = String(word)
            guard text.hasPrefix("https://") || text.hasPrefix("http://"), URL(string: text)?.host != nil else {
                return text.htmlEscaped
            }
            return "<a href=\"\(text.htmlEscaped)\" rel=\"nofollow ugc noopener\">\(text.htmlEscaped)</a>"
        }.joined(separator: " ")
    }
}
