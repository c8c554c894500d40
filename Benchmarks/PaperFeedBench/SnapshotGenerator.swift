import BenchmarkSupport
import Foundation

/// Writes a large arXiv snapshot file built from real records: each output line is a real
/// line with a fresh new-style id and its title and abstract sentences mixed with other records',
/// so that the full-text index sees a realistic spread of word combinations.
struct SnapshotGenerator {
    let source: URL

    func write(records count: Int, to output: URL) throws {
        let lines = try String(contentsOf: source, encoding: .utf8).split(separator: "\n")
        let objects = try lines.map { line in
            try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] ?? [:]
        }
        let sentences = objects.flatMap { ($0["abstract"] as? String ?? "").split(separator: ".").map(String.init) }
        _ = FileManager.default.createFile(atPath: output.path, contents: nil)
        let handle = try FileHandle(forWritingTo: output)
        defer { try? handle.close() }
        var buffer = Data()
        var random = SeededRandom(seed: 42)
        for index in 0..<count {
            var record = objects[index % objects.count]
            // 2001–2412 and five digits: unique, valid new-style ids.
            let month = index / 99_999
            record["id"] = String(format: "%02d%02d.%05d", 20 + month / 12, month % 12 + 1, index % 99_999 + 1)
            let borrowed = (0..<3).map { _ in sentences[Int(random.next() % UInt64(sentences.count))] }
            record["abstract"] = (record["abstract"] as? String ?? "") + borrowed.joined(separator: ".") + "."
            record["title"] = (record["title"] as? String ?? "") + " " + (borrowed[0].split(separator: " ").prefix(3).joined(separator: " "))
            buffer.append(try JSONSerialization.data(withJSONObject: record))
            buffer.append(0x0A)
            if buffer.count > 1 << 20 {
                handle.write(buffer)
                buffer.removeAll(keepingCapacity: true)
            }
        }
        handle.write(buffer)
    }
}
