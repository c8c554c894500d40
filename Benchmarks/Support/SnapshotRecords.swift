import Foundation

/// As many arXiv records as a benchmark wants, made from the real lines of an arXiv metadata
/// snapshot (JSON lines): record `n` is line `n % lines` with the fresh id `id(n)`, three
/// sentences of other records added to its abstract and the first three words of one of them
/// to its title, so that the full-text index and the embedding model see a realistic spread of
/// word combinations rather than the same 200 texts again. Built from a fixed seed, so every
/// run makes the same records when it asks for them in the same order.
public struct SnapshotRecords {
    /// The real records, as JSON objects (`id`, `title`, `abstract`, `authors_parsed`, …).
    public let originals: [[String: Any]]
    private let sentences: [String]
    private var random: SeededRandom

    /// The records of the snapshot file at `url`.
    /// - Throws: when the file cannot be read or a line is not JSON.
    public init(contentsOf url: URL, seed: UInt64 = 42) throws {
        let lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n")
        originals = try lines.map { line in
            try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] ?? [:]
        }
        sentences = originals.flatMap { ($0["abstract"] as? String ?? "").split(separator: ".").map(String.init) }
        random = SeededRandom(seed: seed)
    }

    /// Record `index`, varied as the type describes; each call draws the next borrowed sentences.
    public mutating func record(_ index: Int) -> [String: Any] {
        var record = originals[index % originals.count]
        record["id"] = Self.id(index)
        let borrowed = (0..<3).map { _ in sentences[Int(random.next() % UInt64(sentences.count))] }
        record["abstract"] = (record["abstract"] as? String ?? "") + borrowed.joined(separator: ".") + "."
        record["title"] = (record["title"] as? String ?? "") + " " + (borrowed[0].split(separator: " ").prefix(3).joined(separator: " "))
        return record
    }

    /// A valid new-style arXiv id, distinct for every index below 99,999 × 288: `YYMM.NNNNN`,
    /// months from 2001 on.
    public static func id(_ index: Int) -> String {
        let month = index / 99_999
        return String(format: "%02d%02d.%05d", 20 + month / 12, month % 12 + 1, index % 99_999 + 1)
    }
}
