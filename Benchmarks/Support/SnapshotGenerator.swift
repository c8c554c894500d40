import Foundation

/// Writes a large arXiv snapshot file built from real records (`SnapshotRecords`): each output
/// line is a real line with a fresh new-style id and its title and abstract sentences mixed with
/// other records'; with `appearance`, spread over days as `SnapshotRecords.appearance` says.
public struct SnapshotGenerator {
    let source: URL
    let appearance: SnapshotRecords.Appearance?

    public init(source: URL, appearance: SnapshotRecords.Appearance? = nil) {
        self.source = source
        self.appearance = appearance
    }

    public func write(records count: Int, to output: URL) throws {
        var records = try SnapshotRecords(contentsOf: source)
        records.appearance = appearance
        _ = FileManager.default.createFile(atPath: output.path, contents: nil)
        let handle = try FileHandle(forWritingTo: output)
        defer { try? handle.close() }
        var buffer = Data()
        for index in 0..<count {
            buffer.append(try JSONSerialization.data(withJSONObject: records.record(index)))
            buffer.append(0x0A)
            if buffer.count > 1 << 20 {
                handle.write(buffer)
                buffer.removeAll(keepingCapacity: true)
            }
        }
        handle.write(buffer)
    }
}
