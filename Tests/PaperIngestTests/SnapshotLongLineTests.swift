import Foundation
import PaperCore
import Testing
@testable import PaperIngest
import TestSupport

/// Lines far longer than any real snapshot record: skipped by number, read once, never held whole.
@Suite struct SnapshotLongLineTests {
    /// A temporary file holding `lines` joined by `\n`, removed by `cleanUp`.
    private func file(_ lines: [Data], name: String = "snapshot.jsonl") throws -> URL {
        let directory = try makeTemporaryFolder("paperingest-tests")
        let url = directory.appendingPathComponent(name)
        var data = Data()
        for (index, line) in lines.enumerated() {
            if index > 0 { data.append(0x0A) }
            data.append(line)
        }
        try data.write(to: url)
        return url
    }

    private func cleanUp(_ file: URL) {
        try? FileManager.default.removeItem(at: file.deletingLastPathComponent())
    }

    /// The fixture's first `count` lines.
    private func fixtureLines(_ count: Int) throws -> [Data] {
        try Data(contentsOf: Fixtures.snapshot).split(separator: UInt8(ascii: "\n")).prefix(count).map { Data($0) }
    }

    /// A JSON line of `size` bytes or more: a paper whose title is `size` letters.
    private func hugeLine(_ size: Int) -> Data {
        var line = Data("{\"id\": \"0704.9999\", \"title\": \"".utf8)
        line.append(Data(repeating: UInt8(ascii: "a"), count: size))
        line.append(Data("\"}".utf8))
        return line
    }

    @Test func aTwentyMegabyteLineIsSkippedByNumberAndTheRestImported() async throws {
        let good = try fixtureLines(2)
        let file = try file([good[0], hugeLine(20 << 20), good[1]])
        defer { cleanUp(file) }
        let repository = RecordingRepository()
        let report = try await Importer(repository: repository).run(paths: [file.path])
        #expect(report.failedFiles.isEmpty)
        #expect(report.filesRead == 1)
        #expect(report.records == 2)
        #expect(repository.written.map(\.id.rawValue) == ["0704.0001", "0704.0002"])
        try #require(report.skipped.count == 1)
        let skip = report.skipped[0].record
        #expect(skip.location == "line 2")
        #expect(skip.reason.contains("longer than the 4 MiB"))
        #expect(skip.reason.contains("\((20 << 20) + 32) bytes"))
    }

    @Test func aLongLineAcrossManyChunksIsScannedOnce() throws {
        // 3 MiB in 4 KiB chunks: 768 reads. Rescanning the line from its start after each read
        // would look at about 1.2 GB; a linear scan looks at each byte once.
        let good = try fixtureLines(1)
        let long = hugeLine(3 << 20)
        let file = try file([good[0], long, good[0]])
        defer { cleanUp(file) }
        let size = try #require(try FileManager.default.attributesOfItem(atPath: file.path)[.size] as? Int)
        let reader = LineReader(handle: try FileHandle(forReadingFrom: file), chunkSize: 4096, maximumLength: 4 << 20)
        var lengths: [Int] = []
        while case let .text(number, bytes)? = reader.next() {
            #expect(number == lengths.count + 1)
            lengths.append(bytes.count)
        }
        #expect(lengths == [good[0].count, long.count, good[0].count])
        #expect(reader.bytesScanned == size)
    }

    @Test func aTooLongLineIsDroppedAsItIsReadNotHeld() throws {
        let file = try file([Data("first".utf8), hugeLine(1 << 20), Data("third\r".utf8), hugeLine(300_000)])
        defer { cleanUp(file) }
        let size = try #require(try FileManager.default.attributesOfItem(atPath: file.path)[.size] as? Int)
        let reader = LineReader(handle: try FileHandle(forReadingFrom: file), chunkSize: 4096, maximumLength: 64 << 10)
        var lines: [String] = []
        while let line = reader.next() {
            switch line {
            case let .text(number, bytes): lines.append("\(number): \(String(decoding: bytes, as: UTF8.self))")
            case let .tooLong(number, length): lines.append("\(number): \(length) bytes")
            }
        }
        #expect(lines == ["1: first", "2: \((1 << 20) + 32) bytes", "3: third", "4: 300032 bytes"])
        #expect(reader.bytesScanned == size)
        // The buffer never held much more than the limit and a chunk.
        #expect(reader.peakBufferCount <= (64 << 10) + 2 * 4096)
    }

    @Test func aLineJustAtTheLimitIsStillRead() throws {
        let line = Data(repeating: UInt8(ascii: "x"), count: 10_000)
        let file = try file([line, line + Data("y".utf8)])
        defer { cleanUp(file) }
        let reader = LineReader(handle: try FileHandle(forReadingFrom: file), chunkSize: 1000, maximumLength: 10_000)
        guard case let .text(1, bytes)? = reader.next() else {
            Issue.record("expected line 1 as text")
            return
        }
        #expect(bytes.count == 10_000)
        guard case .tooLong(2, 10_001)? = reader.next() else {
            Issue.record("expected line 2 too long")
            return
        }
        #expect(reader.next() == nil)
    }
}
