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
    /// When set, each record's first version appeared on a day of its own run of days (arXiv's
    /// own pace), rather than on its original's day: a day, week or month then lists as many
    /// papers as on arXiv, not every copy of the 200 originals.
    public var appearance: Appearance?
    private var dayText: (day: Int, text: String)?

    /// Record `n` appeared `n / perDay` days after `first` (at noon UTC).
    public struct Appearance: Sendable {
        public var first: Date
        public var perDay: Int
        public init(first: Date, perDay: Int) {
            self.first = first
            self.perDay = perDay
        }

        /// `count` records at `perDay` a day, the last of them on `last`.
        public init(count: Int, perDay: Int, last: Date) {
            self.init(first: last.addingTimeInterval(-Double((max(count, 1) - 1) / perDay) * 86_400), perDay: perDay)
        }
    }

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
        if let appearance {
            record["versions"] = [["version": "v1", "created": created(index / appearance.perDay, after: appearance.first)]]
            record["update_date"] = nil
        }
        return record
    }

    /// The RFC 2822 date of noon `day` days after `first`, as the snapshot writes it; made once a day.
    private mutating func created(_ day: Int, after first: Date) -> String {
        if let dayText, dayText.day == day { return dayText.text }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "EEE, d MMM yyyy 12:00:00 'GMT'"
        let text = formatter.string(from: first.addingTimeInterval(Double(day) * 86_400))
        dayText = (day, text)
        return text
    }

    /// A valid new-style arXiv id, distinct for every index below 99,999 × 288: `YYMM.NNNNN`,
    /// months from 2001 on.
    public static func id(_ index: Int) -> String {
        let month = index / 99_999
        return String(format: "%02d%02d.%05d", 20 + month / 12, month % 12 + 1, index % 99_999 + 1)
    }
}
