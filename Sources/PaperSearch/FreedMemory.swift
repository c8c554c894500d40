#if canImport(Glibc)
import Glibc
#endif

/// Hands memory the process has freed back to the system. glibc's allocator keeps freed blocks
/// in its arenas for reuse, and loading millions of vectors goes through many short-lived
/// buffers (rows, blobs, pages of vectors) on several threads: at 2.7 million vectors that was
/// about 520 MB resident that nothing used again. `malloc_trim` is looked up at run time
/// (Swift's Glibc module does not declare it); where there is none this does nothing.
enum FreedMemory {
    #if canImport(Glibc)
    private static let trim: (@convention(c) (Int) -> Int32)? = {
        guard let symbol = dlsym(nil, "malloc_trim") else { return nil }
        return unsafeBitCast(symbol, to: (@convention(c) (Int) -> Int32).self)
    }()
    #endif

    /// Whether this system's allocator can give memory back (glibc's can).
    static var isAvailable: Bool {
        #if canImport(Glibc)
        trim != nil
        #else
        false
        #endif
    }

    static func returnToSystem() {
        #if canImport(Glibc)
        _ = trim?(0)
        #endif
    }
}
