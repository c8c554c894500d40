import Foundation
import PaperCore

/// The demo papers' vectors, shipped beside them so that semantic search covers every demo
/// paper the moment a fresh instance starts, instead of after the background embedding.
///
/// Compact: each vector is stored as 8-bit integers with one scale (`value ≈ byte · scale`),
/// 396 bytes instead of 1,536, with a cosine above 0.9999 to the original. Checked before use:
/// the file names the model that made it (a store loads the vectors only for that model), ends
/// with a checksum of everything before it, and carries each paper's text hash, so a paper
/// whose title or abstract changed since is left to be embedded again.
///
/// Layout: `PFVEC1\n`, a JSON header line (`model`, `dimensions`, `count`), then per paper its
/// id (length byte, UTF-8), the FNV-1a hash of `Paper.embeddingText`, the scale (Float32) and
/// `dimensions` Int8s, all little-endian; then the FNV-1a hash of the bytes before it.
public enum DemoVectors {
    public struct Header: Codable, Hashable, Sendable {
        public var model: String
        public var dimensions: Int
        public var count: Int
    }

    /// One paper's vector and the hash of the text it was made from.
    public struct Entry: Sendable {
        public var id: PaperID
        public var textHash: UInt64
        public var vector: [Float]
    }

    static let magic = Data("PFVEC1\n".utf8)

    /// The bundled file, when this build has one.
    public static var url: URL? { Bundle.module.url(forResource: "demo-vectors", withExtension: "bin") }

    /// The file's bytes for `vectors` of `papers` (papers without a vector are left out).
    public static func encode(model: String, dimensions: Int, papers: [Paper], vectors: [PaperID: [Float]]) throws -> Data {
        let kept = papers.filter { vectors[$0.id]?.count == dimensions && $0.id.rawValue.utf8.count <= 255 }
        var data = magic
        data.append(try JSONEncoder().encode(Header(model: model, dimensions: dimensions, count: kept.count)))
        data.append(UInt8(ascii: "\n"))
        for paper in kept {
            let vector = vectors[paper.id] ?? []
            let id = Data(paper.id.rawValue.utf8)
            data.append(UInt8(id.count))
            data.append(id)
            append(fnv1a64(paper.embeddingText), to: &data)
            let scale = max(vector.map(abs).max() ?? 0, .leastNormalMagnitude) / 127
            append(scale.bitPattern, to: &data)
            data.append(contentsOf: vector.map { UInt8(bitPattern: Int8(($0 / scale).rounded().clamped(to: -127...127))) })
        }
        append(fnv1a64(bytes: data), to: &data)
        return data
    }

    /// The header and entries of `data`; `DocumentError` when it is not such a file or its
    /// checksum does not match.
    public static func decode(_ data: Data) throws -> (header: Header, entries: [Entry]) {
        let bytes = [UInt8](data)
        guard bytes.count > magic.count + 8, bytes.starts(with: magic) else { throw DocumentError("not a PaperFeed vector file") }
        let body = bytes[..<(bytes.count - 8)]
        guard fnv1a64(bytes: body) == read(UInt64.self, bytes, at: bytes.count - 8) else {
            throw DocumentError("the vector file is damaged: its checksum does not match")
        }
        guard let newline = bytes[magic.count...].firstIndex(of: UInt8(ascii: "\n")) else { throw DocumentError("no header") }
        let header = try JSONDecoder().decode(Header.self, from: Data(bytes[magic.count..<newline]))
        var entries: [Entry] = []
        entries.reserveCapacity(header.count)
        var at = newline + 1
        for _ in 0..<header.count {
            let length = Int(bytes[at])
            let record = 1 + length + 8 + 4 + header.dimensions
            guard at + record <= body.count else { throw DocumentError("the vector file ends early") }
            let id = PaperID(rawValue: String(decoding: bytes[(at + 1)...(at + length)], as: UTF8.self))
            let hash = read(UInt64.self, bytes, at: at + 1 + length)
            let scale = Float(bitPattern: read(UInt32.self, bytes, at: at + 9 + length))
            let start = at + 13 + length
            let vector = bytes[start..<(start + header.dimensions)].map { Float(Int8(bitPattern: $0)) * scale }
            entries.append(Entry(id: id, textHash: hash, vector: vector))
            at += record
        }
        return (header, entries)
    }

    /// The vectors of `data` that still fit `papers`: papers present, with the same text.
    public static func matching(_ entries: [Entry], papers: [Paper]) -> [PaperVector] {
        let hashes = Dictionary(papers.map { ($0.id, fnv1a64($0.embeddingText)) }, uniquingKeysWith: { first, _ in first })
        return entries.filter { hashes[$0.id] == $0.textHash }.map { PaperVector(id: $0.id, vector: $0.vector) }
    }

    private static func append<T: FixedWidthInteger>(_ value: T, to data: inout Data) {
        withUnsafeBytes(of: value.littleEndian) { data.append(contentsOf: $0) }
    }

    private static func read<T: FixedWidthInteger>(_: T.Type, _ bytes: [UInt8], at offset: Int) -> T {
        var value: T = 0
        for index in 0..<MemoryLayout<T>.size { value |= T(bytes[offset + index]) << (8 * index) }
        return value
    }
}

private extension Comparable {
    func clamped(to range: ClosedRange<Self>) -> Self { min(max(self, range.lowerBound), range.upperBound) }
}
