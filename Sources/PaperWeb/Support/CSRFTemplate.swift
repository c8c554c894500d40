import NIOCore

/// A page shared through the response cache, cut where each visitor's CSRF token goes: the
/// page's bytes without the placeholders, and the offsets the token is written at. Filling it
/// in is one allocation and a run of copies, the same cost at every place the page has a form
/// (a front page has one per paper).
struct CSRFTemplate: Sendable {
    private let bytes: [UInt8]
    /// Offsets into `bytes`, ascending, where the token goes.
    private let cuts: [Int]

    /// `nil` when `page` has no placeholder.
    init?(_ page: String, placeholder: String) {
        let parts = page.split(separator: placeholder, omittingEmptySubsequences: false)
        guard parts.count > 1 else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(page.utf8.count)
        var cuts: [Int] = []
        for (index, part) in parts.enumerated() {
            if index > 0 { cuts.append(bytes.count) }
            bytes.append(contentsOf: part.utf8)
        }
        self.bytes = bytes
        self.cuts = cuts
    }

    var memorySize: Int { bytes.count + cuts.count * MemoryLayout<Int>.size }

    /// The page with `token` at every cut.
    func filled(with token: String) -> ByteBuffer {
        let token = Array(token.utf8)
        var buffer = ByteBufferAllocator().buffer(capacity: bytes.count + cuts.count * token.count)
        var read = 0
        for cut in cuts {
            buffer.writeBytes(bytes[read..<cut])
            buffer.writeBytes(token)
            read = cut
        }
        buffer.writeBytes(bytes[read...])
        return buffer
    }
}
