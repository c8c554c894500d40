import Foundation

/// A reader of the safetensors format: a little-endian u64 header length, a JSON header
/// `{name: {dtype, shape, data_offsets: [begin, end]}}`, then the raw little-endian data.
///
/// The file is memory-mapped; tensors are copied out on request.
public struct SafeTensors: Sendable {
    /// Where one tensor lives in the file.
    public struct TensorInfo: Sendable, Equatable {
        /// The element type as the header spells it (`F32`, `I64`, ...).
        public let dtype: String
        /// The dimensions, outermost first.
        public let shape: [Int]
        /// Byte range relative to the start of the data section.
        public let byteRange: Range<Int>
    }

    /// Tensors by name (`__metadata__` excluded).
    public let tensors: [String: TensorInfo]
    private let data: Data
    private let dataStart: Int

    /// Maps the file at `url` and parses its header.
    public init(contentsOf url: URL) throws {
        let data: Data
        do {
            data = try Data(contentsOf: url, options: .alwaysMapped)
        } catch {
            throw EmbeddingError.invalidSafeTensors("cannot read \(url.path): \(error.localizedDescription)")
        }
        try self.init(data: data)
    }

    /// Parses safetensors bytes held in memory.
    public init(data: Data) throws {
        guard data.count >= 8 else { throw EmbeddingError.invalidSafeTensors("file shorter than 8 bytes") }
        let headerLength = data.prefix(8).reversed().reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        guard headerLength <= UInt64(data.count - 8) else {
            throw EmbeddingError.invalidSafeTensors("header length \(headerLength) exceeds the file")
        }
        let start = data.startIndex
        let headerEnd = start + 8 + Int(headerLength)
        let json = try? JSONSerialization.jsonObject(with: data[(start + 8)..<headerEnd])
        guard let header = json as? [String: Any] else {
            throw EmbeddingError.invalidSafeTensors("header is not a JSON object")
        }
        var tensors: [String: TensorInfo] = [:]
        let dataLength = data.count - 8 - Int(headerLength)
        for (name, value) in header where name != "__metadata__" {
            guard let entry = value as? [String: Any], let dtype = entry["dtype"] as? String,
                  let shape = entry["shape"] as? [Int], let offsets = entry["data_offsets"] as? [Int],
                  offsets.count == 2, 0 <= offsets[0], offsets[0] <= offsets[1], offsets[1] <= dataLength
            else { throw EmbeddingError.invalidSafeTensors("bad header entry for '\(name)'") }
            tensors[name] = TensorInfo(dtype: dtype, shape: shape, byteRange: offsets[0]..<offsets[1])
        }
        self.tensors = tensors
        self.data = data
        self.dataStart = 8 + Int(headerLength)
    }

    /// The values of an `F32` tensor, row-major, after checking its shape when one is given.
    public func floats(_ name: String, shape expected: [Int]? = nil) throws -> [Float] {
        guard let info = tensors[name] else { throw EmbeddingError.missingTensor(name) }
        guard info.dtype == "F32" else {
            throw EmbeddingError.unexpectedTensor(name: name, detail: "dtype \(info.dtype), expected F32")
        }
        if let expected, expected != info.shape {
            throw EmbeddingError.unexpectedTensor(name: name, detail: "shape \(info.shape), expected \(expected)")
        }
        let count = info.shape.reduce(1, *)
        guard count * 4 == info.byteRange.count else {
            throw EmbeddingError.unexpectedTensor(name: name, detail: "\(info.byteRange.count) bytes for \(count) floats")
        }
        let offset = dataStart + info.byteRange.lowerBound
        return data.withUnsafeBytes { raw in
            [Float](unsafeUninitializedCapacity: count) { buffer, initialized in
                let source = UnsafeRawBufferPointer(rebasing: raw[offset..<(offset + count * 4)])
                #if _endian(little)
                UnsafeMutableRawBufferPointer(buffer).copyMemory(from: source)
                #else
                for i in 0..<count {
                    buffer[i] = Float(bitPattern: UInt32(littleEndian: source.loadUnaligned(fromByteOffset: i * 4, as: UInt32.self)))
                }
                #endif
                initialized = count
            }
        }
    }
}
