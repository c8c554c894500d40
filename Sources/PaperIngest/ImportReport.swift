import PaperCore

/// What an import did so far, or in all when it has finished.
public struct ImportReport: Sendable {
    public var filesRead = 0
    /// Papers read from the sources (a paper listed twice counts twice).
    public var records = 0
    public var counts = UpsertCounts()
    public var skipped: [SkippedEntry] = []
    public var failedFiles: [FailedFile] = []
    /// Files in named folders that are in no known format (a README beside the data).
    public var ignoredFiles: [String] = []

    public init() {}

    /// A record left out, and the file it was in.
    public struct SkippedEntry: Sendable, CustomStringConvertible {
        public var file: String
        public var record: SkippedRecord
        public var description: String { "\(file): \(record)" }
    }

    /// A file that could not be imported at all.
    public struct FailedFile: Sendable, CustomStringConvertible {
        public var file: String
        public var reason: String
        public var description: String { "\(file): \(reason)" }
    }
}
