import Foundation

/// Writes to standard error, for progress and warnings that must not mix with results.
enum StandardError {
    static func write(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }

    /// Whether standard error is a terminal, so a progress line may redraw itself.
    static var isTerminal: Bool { isatty(2) == 1 }
}
