import Foundation
import TestSupport

/// Runs the built `paperfeed` binary the way a user does.
struct CLI {
    struct Result {
        var status: Int32
        var output: String
        var errors: String
    }

    /// This CLI's own SQLite database, in a fresh temporary folder.
    let temporary = TemporaryDatabase.sqlite()
    var database: String { temporary.location }
    /// Settings passed through the environment, as an operator would.
    var environment: [String: String] = [:]

    func run(_ arguments: String...) async throws -> Result {
        try await run(arguments, input: nil)
    }

    /// Runs `paperfeed` with `input` on its standard input (a password, say).
    func run(_ arguments: [String], input: String?) async throws -> Result {
        try await Self.finish(try start(arguments, input: input))
    }

    /// Waits for a started `process` to end and collects what it printed.
    ///
    /// The wait blocks the calling thread on purpose. Waiting on threads of their own let the
    /// CLI tests run beside everything else, and then Foundation's `Process.run()` crashed in
    /// about every full run: on Linux it over-reads `/proc/self/fd` entries when many
    /// descriptors are open (swift-corelibs-foundation #5472, a fix not in this toolchain).
    static func finish(_ process: Process) async throws -> Result {
        let output = try (process.standardOutput as! Pipe).fileHandleForReading.readToEnd() ?? Data()
        let errors = try (process.standardError as! Pipe).fileHandleForReading.readToEnd() ?? Data()
        process.waitUntilExit()
        return Result(status: process.terminationStatus,
                      output: String(decoding: output, as: UTF8.self), errors: String(decoding: errors, as: UTF8.self))
    }

    /// Starts `paperfeed`, with `--db` pointing at this CLI's database; the caller waits or kills.
    func start(_ arguments: [String], input: String? = nil) throws -> Process {
        let process = Process()
        process.executableURL = RepositoryPaths.paperfeed
        // Commands get this CLI's database unless the test names one (or, like copy, takes two,
        // or, like settings, none).
        let named = arguments.contains("--db") || ["copy", "settings"].contains(arguments.first)
        process.arguments = named ? arguments : arguments + ["--db", database]
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        process.standardOutput = Pipe()
        process.standardError = Pipe()
        let stdin = Pipe()
        process.standardInput = stdin
        try process.run()
        if let input { stdin.fileHandleForWriting.write(Data(input.utf8)) }
        try stdin.fileHandleForWriting.close()
        return process
    }

    func removeDatabase() {
        temporary.removeFolder()
    }
}
