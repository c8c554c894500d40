import Foundation

/// Splits a file into lines, reading it a chunk at a time.
///
/// Each byte is looked at once: after a chunk is read, the search for the line break goes on
/// from where the previous search stopped, not from the line's start. A line longer than
/// `maximumLength` is not held: its bytes are dropped as they arrive and it comes back as
/// `.tooLong`, so memory stays within about `maximumLength + chunkSize` whatever the file holds.
final class LineReader {
    /// One line of the file, numbered from 1.
    enum Line {
        /// A line without its line break (`\n` or `\r\n`); the first line without a UTF-8 BOM.
        case text(number: Int, bytes: ArraySlice<UInt8>)
        /// A line of `length` bytes, more than the limit; its bytes were dropped.
        case tooLong(number: Int, length: Int)
    }

    private let handle: FileHandle
    private let chunkSize: Int
    private let maximumLength: Int
    private var buffer: [UInt8] = []
    /// Where the current line starts in `buffer`.
    private var start = 0
    /// `buffer[start..<searched]` has no line break: the search resumes here.
    private var searched = 0
    /// Bytes of the current line already dropped because it is too long.
    private var dropped = 0
    private var atEOF = false
    private var lineNumber = 0
    private var readFailure: String?
    /// How many bytes the line-break search has looked at: the file's size once it has been
    /// read to its end, if the scan is linear. Tests read it.
    private(set) var bytesScanned = 0
    /// The most bytes the buffer has held at once. Tests read it.
    private(set) var peakBufferCount = 0

    init(handle: FileHandle, chunkSize: Int = 1 << 20, maximumLength: Int) {
        self.handle = handle
        self.chunkSize = max(1, chunkSize)
        self.maximumLength = max(0, maximumLength)
    }

    /// The next line; `nil` at the end of the file.
    func next() -> Line? {
        while true {
            if let newline = firstLineBreak(from: searched) {
                bytesScanned += newline + 1 - searched
                var end = newline
                if end > start, buffer[end - 1] == 0x0D { end -= 1 }
                return emit(start..<end, resumingAt: newline + 1)
            }
            bytesScanned += buffer.count - searched
            searched = buffer.count
            if atEOF {
                guard start < buffer.count || dropped > 0 else { return nil }
                return emit(start..<buffer.count, resumingAt: buffer.count)
            }
            if buffer.count - start > maximumLength { dropCurrentLine() }
            refill()
        }
    }

    /// How many lines have been returned.
    var lineCount: Int { lineNumber }

    /// Why reading stopped early, once; `nil` when the file was read to its end.
    func takeReadFailure() -> String? {
        defer { readFailure = nil }
        return readFailure
    }

    private func emit(_ range: Range<Int>, resumingAt next: Int) -> Line {
        lineNumber += 1
        start = next
        searched = next
        let length = dropped + range.count
        dropped = 0
        if length > maximumLength { return .tooLong(number: lineNumber, length: length) }
        var line = buffer[range]
        if lineNumber == 1, line.starts(with: [0xEF, 0xBB, 0xBF]) { line = line.dropFirst(3) }
        return .text(number: lineNumber, bytes: line)
    }

    /// The index of the first `\n` in `buffer` from `index` on (memchr: gigabytes go through here).
    private func firstLineBreak(from index: Int) -> Int? {
        buffer.withUnsafeBytes { bytes in
            guard index < bytes.count, let base = bytes.baseAddress,
                  let found = memchr(base + index, 0x0A, bytes.count - index) else { return nil }
            return base.distance(to: UnsafeRawPointer(found))
        }
    }

    /// Forgets the bytes of the current line read so far: it is too long to be a record.
    private func dropCurrentLine() {
        dropped += buffer.count - start
        buffer.removeAll(keepingCapacity: true)
        start = 0
        searched = 0
    }

    private func refill() {
        // Drop consumed lines first, so the buffer holds at most one chunk plus one partial line.
        if start > 0 {
            buffer.removeSubrange(0..<start)
            searched -= start
            start = 0
        }
        let chunk: Data?
        do {
            chunk = try handle.read(upToCount: chunkSize)
        } catch {
            readFailure = "reading stopped: \(error.localizedDescription)"
            chunk = nil
        }
        guard let chunk, !chunk.isEmpty else {
            atEOF = true
            return
        }
        buffer.append(contentsOf: chunk)
        peakBufferCount = max(peakBufferCount, buffer.count)
    }
}
