import Foundation

/// A forgiving reader of BibTeX: entries (`@type{key, name = {…} # "…" # 2024, …}` or with
/// parentheses), `@string` macros, comments and junk between entries. An entry it cannot
/// read is reported by its key (or position) and skipped up to the next `@`.
struct BibTeXScanner {
    private let characters: [Character]
    private var index = 0
    private var macros: [String: String] = [:]
    private var result = ReadBibliography()
    /// Longest field value kept; longer ones (hostile, or a whole file without a closing
    /// brace) make the entry malformed.
    private static let maxValue = 20_000
    /// After this many unreadable entries the rest of the file is not read: each costs a scan.
    private static let maxMalformed = 500

    init(_ text: String) {
        characters = Array(text)
    }

    struct Malformed: Error {
        let reason: String
    }

    mutating func read() -> ReadBibliography {
        var entries = 0
        while let at = nextAt() {
            index = at + 1
            let type = identifier().lowercased()
            if type.isEmpty { continue }
            if type == "comment" || type == "preamble" {
                skipBlock()
                continue
            }
            let start = index
            do {
                if type == "string" {
                    try readString()
                    continue
                }
                entries += 1
                guard entries <= BibliographyReader.maxEntries else {
                    result.malformed.append("only the first \(BibliographyReader.maxEntries) entries were read")
                    break
                }
                let (key, fields) = try readEntry()
                result.add(key: key, fields: fields)
            } catch let error as Malformed {
                result.malformed.append("entry \(entries) (@\(type)): \(error.reason)")
                guard result.malformed.count < Self.maxMalformed else {
                    result.malformed.append("stopped after \(Self.maxMalformed) unreadable entries")
                    break
                }
                // Read on from just after this entry's `@`: the next entry may be whole.
                index = start
            } catch {
                break
            }
        }
        return result
    }

    /// The next `@` that starts an entry (at the start of a line or after white space).
    private func nextAt() -> Int? {
        var position = index
        while position < characters.count {
            if characters[position] == "@", position == 0 || characters[position - 1].isWhitespace || characters[position - 1] == "}" {
                return position
            }
            position += 1
        }
        return nil
    }

    private mutating func skipSpace() {
        while index < characters.count, characters[index].isWhitespace { index += 1 }
    }

    private mutating func identifier() -> String {
        skipSpace()
        var name = ""
        while index < characters.count, name.count < 200 {
            let character = characters[index]
            guard character.isLetter || character.isNumber || "_-:.+/'".contains(character) else { break }
            name.append(character)
            index += 1
        }
        return name
    }

    private mutating func open() throws -> Character {
        skipSpace()
        guard index < characters.count, characters[index] == "{" || characters[index] == "(" else {
            throw Malformed(reason: "expected { after the entry type")
        }
        defer { index += 1 }
        return characters[index] == "{" ? "}" : ")"
    }

    private mutating func skipBlock() {
        guard (try? open()) != nil else { return }
        _ = try? braced(closing: "}")
    }

    private mutating func readString() throws {
        let close = try open()
        let name = identifier().lowercased()
        skipSpace()
        guard index < characters.count, characters[index] == "=" else { throw Malformed(reason: "@string without =") }
        index += 1
        macros[name] = try value()
        skipSpace()
        if index < characters.count, characters[index] == close { index += 1 }
    }

    private mutating func readEntry() throws -> (String, [String: String]) {
        let close = try open()
        skipSpace()
        var key = ""
        while index < characters.count, characters[index] != ",", characters[index] != close, key.count < 200 {
            if !characters[index].isWhitespace { key.append(characters[index]) }
            index += 1
        }
        if key.isEmpty { throw Malformed(reason: "no citation key") }
        var fields: [String: String] = [:]
        while true {
            skipSpace()
            guard index < characters.count else { throw Malformed(reason: "\(key): the entry is not closed") }
            if characters[index] == close { index += 1; break }
            if characters[index] == "," { index += 1; continue }
            let name = identifier().lowercased()
            guard !name.isEmpty else { throw Malformed(reason: "\(key): unexpected “\(characters[index])”") }
            skipSpace()
            guard index < characters.count, characters[index] == "=" else { throw Malformed(reason: "\(key): field \(name) has no =") }
            index += 1
            fields[name] = try value()
        }
        return (key, fields)
    }

    /// A field value: braced, quoted, a number or a macro, joined with `#`.
    private mutating func value() throws -> String {
        var text = ""
        while true {
            skipSpace()
            guard index < characters.count else { throw Malformed(reason: "a value is not closed") }
            switch characters[index] {
            case "{":
                index += 1
                text += try braced(closing: "}")
            case "\"":
                index += 1
                text += try braced(closing: "\"")
            default:
                let word = identifier()
                guard !word.isEmpty else { throw Malformed(reason: "a value is missing") }
                text += macros[word.lowercased()] ?? Self.months[word.lowercased()] ?? word
            }
            guard text.utf8.count <= Self.maxValue else { throw Malformed(reason: "a value is longer than \(Self.maxValue) characters") }
            skipSpace()
            guard index < characters.count, characters[index] == "#" else { return text }
            index += 1
        }
    }

    /// Text up to `closing` at brace depth 0 (the opening is consumed already), inner braces kept.
    private mutating func braced(closing: Character) throws -> String {
        var depth = 0
        var length = 0
        var text = ""
        while index < characters.count {
            let character = characters[index]
            index += 1
            if character == closing, depth == 0 { return text }
            if character == "{" { depth += 1 }
            if character == "}" {
                depth -= 1
                if depth < 0 { throw Malformed(reason: "a } closes nothing") }
            }
            // A line starting a new entry inside a value means the value was never closed (a
            // brace missing): read as BibTeX counts, it would swallow the entries that follow.
            if character == "@", text.last == "\n", startsEntry(at: index) {
                throw Malformed(reason: "a value is not closed before the next entry")
            }
            text.append(character)
            length += 1
            if length > Self.maxValue { throw Malformed(reason: "a value is longer than \(Self.maxValue) characters") }
        }
        throw Malformed(reason: "a value is not closed")
    }

    /// Whether `@` just before `position` begins `@type{` or `@type(`.
    private func startsEntry(at position: Int) -> Bool {
        var index = position
        while index < characters.count, index - position < 40, characters[index].isLetter { index += 1 }
        return index > position && index < characters.count && (characters[index] == "{" || characters[index] == "(")
    }

    private static let months = ["jan": "January", "feb": "February", "mar": "March", "apr": "April", "may": "May", "jun": "June",
                                 "jul": "July", "aug": "August", "sep": "September", "oct": "October", "nov": "November",
                                 "dec": "December"]
}
