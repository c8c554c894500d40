import Foundation

/// The reference-manager formats a list of papers can be downloaded in.
public enum BibliographyFormat: String, CaseIterable, Hashable, Sendable {
    case bibtex
    case ris
    case cslJSON = "csl-json"

    /// Reads the names people and scripts use: `bibtex`/`bib`, `ris`, `csl-json`/`csljson`/`json`.
    public init?(name: String) {
        switch name.lowercased() {
        case "bibtex", "bib": self = .bibtex
        case "ris": self = .ris
        case "csl-json", "csljson", "csl", "json": self = .cslJSON
        default: return nil
        }
    }

    /// The `Content-Type` of a download.
    public var mediaType: String {
        switch self {
        case .bibtex: "application/x-bibtex; charset=utf-8"
        case .ris: "application/x-research-info-systems; charset=utf-8"
        case .cslJSON: "application/vnd.citationstyles.csl+json; charset=utf-8"
        }
    }

    /// The file name extension, without its dot.
    public var fileExtension: String {
        switch self {
        case .bibtex: "bib"
        case .ris: "ris"
        case .cslJSON: "json"
        }
    }

    /// What people call it on a page.
    public var label: String {
        switch self {
        case .bibtex: "BibTeX"
        case .ris: "RIS"
        case .cslJSON: "CSL-JSON"
        }
    }

    /// `papers` in this format, in their order. BibTeX keys are unique across the list.
    public func render(_ papers: [Paper]) -> String {
        switch self {
        case .bibtex: Paper.bibTeX(papers)
        case .ris: papers.map(\.ris).joined()
        case .cslJSON: Paper.cslJSON(papers)
        }
    }

    /// A safe `Content-Disposition` file name for `base` with this format's extension.
    public func fileName(_ base: String) -> String {
        SafeFileName.make(base, extension: fileExtension)
    }
}

/// File names for downloads: ASCII letters, digits, `-` and `_` only (at most 80), never empty.
public enum SafeFileName {
    public static func make(_ base: String, extension fileExtension: String) -> String {
        var name = ""
        for scalar in base.decomposedASCII.unicodeScalars {
            if scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) {
                name.unicodeScalars.append(scalar)
            } else if scalar == "_" || scalar == "-" || scalar == " " || scalar == "." || scalar == "/" {
                if let last = name.last, last != "-", last != "_" { name.append(scalar == "_" ? "_" : "-") }
            }
            if name.count >= 80 { break }
        }
        while name.last == "-" || name.last == "_" { name.removeLast() }
        return (name.isEmpty ? "papers" : name) + "." + fileExtension
    }
}

/// A person's name split as reference formats want it: family name and given names.
public struct PersonName: Hashable, Sendable {
    public var family: String
    public var given: String?

    /// "Ada Lovelace" → Lovelace, Ada; "Lovelace, Ada" too; a one-word name is a family name.
    public init(_ name: String) {
        let clean = name.singleLine
        if let comma = clean.firstIndex(of: ",") {
            family = clean[..<comma].trimmingCharacters(in: .whitespaces)
            let rest = clean[clean.index(after: comma)...].trimmingCharacters(in: .whitespaces)
            given = rest.isEmpty ? nil : rest
        } else {
            var words = clean.split(separator: " ").map(String.init)
            family = words.popLast() ?? ""
            given = words.isEmpty ? nil : words.joined(separator: " ")
        }
        if family.isEmpty, let given { family = given; self.given = nil }
    }
}

extension String {
    /// The text on one line: every run of white space (line breaks too) one space, control
    /// characters dropped, trimmed. Imported text is not trusted to keep to one line.
    public var singleLine: String {
        var result = ""
        var pendingSpace = false
        for scalar in unicodeScalars {
            if scalar.properties.isWhitespace || scalar == "\u{2028}" || scalar == "\u{2029}" {
                pendingSpace = !result.isEmpty
            } else if scalar.properties.generalCategory == .control || scalar.properties.generalCategory == .format {
                continue
            } else {
                if pendingSpace { result.append(" ") }
                pendingSpace = false
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// The text with accents taken off and anything else outside ASCII dropped ("Gödel" → "Godel").
    var decomposedASCII: String {
        String(String.UnicodeScalarView(decomposedStringWithCanonicalMapping.unicodeScalars.filter(\.isASCII)))
    }
}

extension Paper {
    /// The day a reference gives for the paper: its first arXiv version, else the day it was listed.
    var referenceDay: Day? {
        publishedAt.map { Day($0) } ?? listedOn
    }
}
