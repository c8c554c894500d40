import Foundation

extension SearchEvaluation {
    /// The judged queries of a retrieval benchmark in BEIR's layout: `queries.jsonl`
    /// (`{"_id", "text"}`) and `qrels/<split>.tsv` (`query-id`, `corpus-id`, `score`, tab
    /// separated, after a header line). Grades above 0 are relevant; queries without any are
    /// left out, as BEIR's evaluation does. The corpus (`corpus.jsonl`) is imported separately.
    public static func beirJudgments(in directory: URL, split: String = "test") throws -> [Judgment] {
        let qrelsFile = directory.appendingPathComponent("qrels").appendingPathComponent("\(split).tsv")
        guard FileManager.default.fileExists(atPath: qrelsFile.path) else {
            throw BEIRFormatError("\(qrelsFile.path): no such file (a BEIR dataset has qrels/\(split).tsv)")
        }
        var grades: [String: [String: Int]] = [:]
        for (number, line) in try lines(of: qrelsFile).enumerated() {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map {
                $0.trimmingCharacters(in: .whitespaces)
            }
            if number == 0, fields.count >= 3, Int(fields[2]) == nil { continue }   // the header
            guard fields.count >= 3, let grade = Int(fields[2]) else {
                throw BEIRFormatError("\(qrelsFile.lastPathComponent) line \(number + 1): expected query-id, corpus-id and an integer score")
            }
            if grade > 0 { grades[fields[0], default: [:]][fields[1]] = grade }
        }
        let queriesFile = directory.appendingPathComponent("queries.jsonl")
        var judgments: [Judgment] = []
        for (number, line) in try lines(of: queriesFile).enumerated() {
            guard let query = try? JSONDecoder().decode(BEIRQuery.self, from: Data(line.utf8)) else {
                throw BEIRFormatError("queries.jsonl line \(number + 1): not a {\"_id\", \"text\"} object")
            }
            guard let judged = grades[query.id], !judged.isEmpty else { continue }
            judgments.append(Judgment(query: query.text, relevant: judged.keys.sorted(), kind: "beir", grades: judged))
        }
        return judgments
    }

    private static func lines(of file: URL) throws -> [String] {
        guard let data = FileManager.default.contents(atPath: file.path) else {
            throw BEIRFormatError("\(file.path): cannot be read")
        }
        return String(decoding: data, as: UTF8.self).split(whereSeparator: \.isNewline).map(String.init)
            .filter { !$0.allSatisfy(\.isWhitespace) }
    }
}

private struct BEIRQuery: Decodable {
    var id: String
    var text: String
    enum CodingKeys: String, CodingKey { case id = "_id", text }
}

/// A BEIR dataset file that is missing or not in BEIR's layout.
public struct BEIRFormatError: Error, CustomStringConvertible {
    public var description: String
    init(_ description: String) { self.description = description }
}
