import Foundation

/// Writes to standard error, for progress and warnings that must not mix with results.
enum StandardError {
    static func write(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }

    /// Whether standard error is a terminal, so a progress line may redraw itself.
    static var isTerminal: Bool { isatty(2) == 1 }
}

/// Writes whole lines to standard output unbuffered, so a process reading our output (a test,
/// a supervisor) sees "running at …" the moment it is true.
enum StandardOutput {
    static func line(_ text: String) {
        FileHandle.standardOutput.write(Data((text + "\n").utf8))
    }
}
