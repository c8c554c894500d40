@testable import PaperSearch
import Testing

/// After the vector index loads, the memory its loading freed goes back to the system.
@Suite struct FreedMemoryTests {
    #if os(Linux)
    @Test func glibcsTrimIsFoundAtRunTime() {
        #expect(FreedMemory.isAvailable)
    }
    #endif

    @Test func freedMemoryGoesBackWithoutDisturbingWhatIsInUse() {
        var kept = [[UInt8]]()
        for size in stride(from: 1 << 10, through: 1 << 20, by: 1 << 14) {
            let buffer = [UInt8](repeating: UInt8(truncatingIfNeeded: size), count: size)
            if size % (1 << 15) == 0 { kept.append(buffer) }
        }
        FreedMemory.returnToSystem()
        #expect(kept.allSatisfy { buffer in buffer.allSatisfy { $0 == UInt8(truncatingIfNeeded: buffer.count) } })
    }
}
