import Foundation
import PaperCore

/// PaperFeed's own interchange format: one JSON `Paper` per line (`paperfeed export`).
public enum PaperLines {
    public static func encode(_ paper: Paper) throws -> Data {
        try encoder.encode(paper) + Data("\n".utf8)
    }

    public static func decode(_ data: Data) throws -> [Paper] {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .secondsSince1970
        var papers: [Paper] = []
        var lineNumber = 0
        for line in data.split(separator: UInt8(ascii: "\n")) where !line.isEmpty {
            lineNumber += 1
            do {
                papers.append(try decoder.decode(Paper.self, from: line))
            } catch {
                throw DocumentError("line \(lineNumber) is not a PaperFeed paper record: \(error)")
            }
        }
        return papers
    }

    private static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .secondsSince1970
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()
}
