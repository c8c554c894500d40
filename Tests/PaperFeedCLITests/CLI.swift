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

    /// Waits for a started `process` to end and collects what it printed. The wait blocks the
    /// calling thread: the CLI tests then run fewer processes at once beside everything else.
    static func finish(_ process: ChildProcess) async throws -> Result {
        let output = try process.standardOutput.readToEnd() ?? Data()
        let errors = try process.standardError?.readToEnd() ?? Data()
        process.waitUntilExit()
        return Result(status: process.terminationStatus,
                      output: String(decoding: output, as: UTF8.self), errors: String(decoding: errors, as: UTF8.self))
    }

    /// Starts `paperfeed`, with `--db` pointing at this CLI's database; the caller waits or kills.
    /// (`ChildProcess`, not Foundation's `Process`, whose `run()` crashes now and then on Linux.)
    func start(_ arguments: [String], input: String? = nil) throws -> ChildProcess {
        // Commands get this CLI's database unless the test names one (or, like copy, takes two,
        // or, like settings, none).
        let named = arguments.contains("--db") || ["copy", "settings"].contains(arguments.first)
        let process = try ChildProcess(RepositoryPaths.paperfeed, arguments: named ? arguments : arguments + ["--db", database],
                                       environment: ProcessInfo.processInfo.environment.merging(environment) { _, new in new })
        if let input { process.standardInput.write(Data(input.utf8)) }
        try process.standardInput.close()
        return process
    }

    func removeDatabase() {
        temporary.removeFolder()
    }
}
