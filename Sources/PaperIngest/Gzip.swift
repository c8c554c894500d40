import CZlib
import Foundation

/// gzip decompression through the system zlib.
public enum Gzip {
    public struct Error: Swift.Error, CustomStringConvertible {
        public let description: String
    }

    /// Inflates a whole gzip member (or several, concatenated) held in memory.
    public static func decompress(_ data: Data) throws -> Data {
        var stream = z_stream()
        // 16 + MAX_WBITS selects the gzip wrapper.
        guard inflateInit2_(&stream, 16 + MAX_WBITS, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw Error(description: "cannot initialise zlib")
        }
        defer { inflateEnd(&stream) }
        var output = Data()
        let chunkSize = 1 << 18
        var chunk = [UInt8](repeating: 0, count: chunkSize)
        // zlib counts input in 32 bits.
        guard data.count <= Int(UInt32.max) else { throw Error(description: "gzip data larger than 4 GiB") }
        try data.withUnsafeBytes { (input: UnsafeRawBufferPointer) in
            guard let base = input.bindMemory(to: Bytef.self).baseAddress else { return }
            stream.next_in = UnsafeMutablePointer(mutating: base)
            stream.avail_in = uInt(input.count)
            var status = Z_OK
            repeat {
                let produced = try chunk.withUnsafeMutableBufferPointer { buffer -> Int in
                    stream.next_out = buffer.baseAddress
                    stream.avail_out = uInt(chunkSize)
                    status = inflate(&stream, Z_NO_FLUSH)
                    if status == Z_STREAM_END, stream.avail_in > 0 {
                        // Another gzip member follows: start it.
                        inflateReset(&stream)
                        status = Z_OK
                    }
                    guard status == Z_OK || status == Z_STREAM_END || status == Z_BUF_ERROR else {
                        throw Error(description: "corrupt gzip data (zlib status \(status))")
                    }
                    return chunkSize - Int(stream.avail_out)
                }
                output.append(chunk, count: produced)
                if status == Z_BUF_ERROR && stream.avail_in == 0 {
                    throw Error(description: "gzip data ends early")
                }
            } while status != Z_STREAM_END
        }
        return output
    }
}
