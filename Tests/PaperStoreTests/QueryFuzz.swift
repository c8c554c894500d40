import Foundation
import PaperCore
import TestSupport

/// Query strings for the parser and the stores, from a grammar of what people (and scripts) type.
enum QueryFuzz {
    /// Words that are their own stem in both SQLite's porter tokenizer and PostgreSQL's english
    /// configuration, none a stop word, none sharing a prefix with another: over them the two
    /// engines must agree on which papers match. (Stemmers differ on other words — `vis` is
    /// `vi` to porter and `vis` to snowball — and PostgreSQL drops stop words FTS5 keeps.)
    static let words = ["video", "graph", "robot", "protein", "speech", "token", "kernel", "camera",
                        "sensor", "planet", "ocean", "garden", "music", "cloud", "matrix", "agent"]
    /// Author names (searched with `author:` only: PostgreSQL indexes names unstemmed).
    static let names = ["Kaiming He", "Yann LeCun", "Ada Lovelace", "Grace Hopper", "Alan Turing"]
    static let categories = ["cs.CV", "cs.LG", "cs.CL", "stat.ML"]

    /// Papers made of the fair vocabulary only, so that phrases never straddle two fields.
    static func corpus(count: Int, seed: UInt64) -> [Paper] {
        var random = SeededRandom(seed: seed)
        return (0..<count).map { index in
            let title = (0..<Int.random(in: 1...4, using: &random)).map { _ in words.randomElement(using: &random)! }
            let abstract = (0..<Int.random(in: 0...8, using: &random)).map { _ in words.randomElement(using: &random)! }
            let authors = (0..<Int.random(in: 1...2, using: &random)).map { _ in names.randomElement(using: &random)! }
            let cats = (0..<Int.random(in: 1...2, using: &random)).map { _ in categories.randomElement(using: &random)! }
            return Paper(id: PaperID(rawValue: String(format: "2401.%05d", index + 1)), title: title.joined(separator: " "),
                         abstract: abstract.joined(separator: " "), authors: authors.map { Author(name: $0) },
                         categories: Array(Set(cats)).sorted(),
                         publishedAt: Day("\(2019 + index % 7)-03-0\(1 + index % 9)")?.start, source: .huggingFace)
        }
    }

    /// A query of the fair vocabulary: words, phrases, prefixes, fields, years, OR, NOT, `-`
    /// and parentheses, nested up to `depth`.
    static func fair(using random: inout SeededRandom, depth: Int = 3) -> String {
        let count = Int.random(in: 1...3, using: &random)
        return (0..<count).map { _ in fairOperand(using: &random, depth: depth) }.joined(separator: " ")
    }

    private static func fairOperand(using random: inout SeededRandom, depth: Int) -> String {
        let word = words.randomElement(using: &random)!
        switch Int.random(in: 0..<16, using: &random) {
        case 0..<5: return word
        case 5: return "\"\(word) \(words.randomElement(using: &random)!)\""
        case 6: return String(word.prefix(Int.random(in: 3...4, using: &random))) + "*"
        case 7: return ["title:", "ti:", "abstract:", "abs:"].randomElement(using: &random)! + word
        case 8: return "author:\"\(names.randomElement(using: &random)!)\""
        case 9: return "cat:" + categories.randomElement(using: &random)!
        case 10: return Bool.random(using: &random) ? "year:\(Int.random(in: 2019...2025, using: &random))" : "year:2020-2023"
        case 11: return "\(word) OR \(fairOperand(using: &random, depth: depth - 1))"
        case 12: return "-" + (depth > 0 && Bool.random(using: &random) ? "(\(fair(using: &random, depth: depth - 1)))" : word)
        case 13: return "NOT " + (Bool.random(using: &random) ? "NOT " : "") + word
        case 14 where depth > 0: return "(\(fair(using: &random, depth: depth - 1)))"
        default: return "(\(word) OR \(words.randomElement(using: &random)!))"
        }
    }

    /// Anything: the fair grammar's pieces mixed with stray operators, quotes and parentheses,
    /// both engines' own syntax, control characters, Unicode and random bytes.
    static func wild(using random: inout SeededRandom) -> String {
        let count = Int.random(in: 0...12, using: &random)
        var text = ""
        for _ in 0..<count {
            text += piece(using: &random)
            text += ["", " ", " ", " ", "  ", "\t"].randomElement(using: &random)!
        }
        return text
    }

    private static let syntax = ["(", ")", "\"", "-", "*", ":", "OR", "AND", "NOT", "or", "and", "not", "--", "-(", "((", "))",
                                 "NEAR(", "^", "{title}", "+", "&", "|", "!", "<->", ":*", "'", "\\", "';--", "\"\"", "a:*",
                                 "title:", "author:", "year:", "cat:", "abs:", "year:99999999999999999999", "year:2020-1990",
                                 "year:-", "year:2024-", "author:\"\"", "ti:\"", "*a", "**", "a**", "x-*", "é*", "'s*"]
    private static let unicode = ["café", "naïve", "Ångström", "日本語", "Ω", "½", "e\u{301}", "ﬁ", "İ", "ß", "🙂", "\u{200B}",
                                  "\u{FEFF}", "\u{FFFD}", "\u{FFFE}", "a½b*", "١٢٣", "x\u{301}\u{301}\u{301}", "Straße*"]
    private static let controls = ["\u{0}", "\u{1}", "\u{7}", "\u{8}", "\n", "\r", "\u{1B}", "\u{7F}", "\u{85}", "\u{9F}"]

    private static func piece(using random: inout SeededRandom) -> String {
        switch Int.random(in: 0..<10, using: &random) {
        case 0...2: return fairOperand(using: &random, depth: 2)
        case 3, 4: return syntax.randomElement(using: &random)!
        case 5: return unicode.randomElement(using: &random)!
        case 6: return controls.randomElement(using: &random)! + (Bool.random(using: &random) ? words.randomElement(using: &random)! : "")
        case 7:
            let bytes = (0..<Int.random(in: 1...8, using: &random)).map { _ in UInt8.random(in: 0...255, using: &random) }
            return String(decoding: bytes, as: UTF8.self)
        case 8:
            let scalars = (0..<Int.random(in: 1...4, using: &random)).compactMap { _ in
                Unicode.Scalar(UInt32.random(in: 0...0x2FFFF, using: &random))
            }
            return String(String.UnicodeScalarView(scalars))
        default:
            return String(repeating: "(", count: Int.random(in: 1...40, using: &random)) + "a"
                + String(repeating: ")", count: Int.random(in: 0...40, using: &random))
        }
    }
}
