import Foundation

/// The real SMTP server of `scripts/smtp-test-server.py` (aiosmtpd), run from the repository's
/// `.venv` on a free loopback port, writing what it receives into a temporary folder.
public final class SMTPTestServer: Sendable {
    public let port: Int
    public let outbox: URL
    /// The server's self-signed certificate (PEM) in the TLS modes.
    public let certificatePEM: String?
    private let process: ChildProcess
    private let stdin: FileHandle
    private let folder: URL

    static var python: URL {
        if let path = ProcessInfo.processInfo.environment["PAPERFEED_TEST_PYTHON"] { return URL(fileURLWithPath: path) }
        return RepositoryPaths.root.appendingPathComponent(".venv/bin/python")
    }

    static let setupHint = "the mail tests need aiosmtpd in \(RepositoryPaths.root.path)/.venv: run scripts/mail-test-setup.sh"

    /// `holdAfter`: after that many messages, the next MAIL command is never answered (see the script).
    public init(security: String = "plain", auth: String? = nil, mechanisms: String = "PLAIN,LOGIN", holdAfter: Int? = nil) async throws {
        guard FileManager.default.isExecutableFile(atPath: Self.python.path) else {
            throw TestServerError(message: "no \(Self.python.path); \(Self.setupHint)")
        }
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("papermail-\(UUID().uuidString)")
        outbox = folder.appendingPathComponent("outbox")
        try FileManager.default.createDirectory(at: outbox, withIntermediateDirectories: true)
        let stderrURL = folder.appendingPathComponent("server.log")
        _ = FileManager.default.createFile(atPath: stderrURL.path, contents: nil)

        var arguments = [RepositoryPaths.root.appendingPathComponent("scripts/smtp-test-server.py").path,
                         "--port", "0", "--outbox", outbox.path, "--security", security, "--mechanisms", mechanisms]
        if let auth { arguments += ["--auth", auth] }
        if let holdAfter { arguments += ["--hold-after", String(holdAfter)] }
        let log = try FileHandle(forWritingTo: stderrURL)
        let process = try ChildProcess(Self.python, arguments: arguments, errorFile: log)
        try log.close()
        self.process = process
        stdin = process.standardInput

        // The server prints READY once it listens; give up (and kill it) after 20 s.
        let killer = Task { [process] in
            try await Task.sleep(for: .seconds(20))
            process.terminate()
        }
        let line = await Self.firstLine(of: process.standardOutput)
        killer.cancel()
        let parts = line.split(separator: " ")
        guard parts.count == 2, parts[0] == "READY", let port = Int(parts[1]) else {
            process.terminate()
            let log = (try? String(contentsOf: stderrURL, encoding: .utf8)) ?? ""
            let hint = log.contains("No module named 'aiosmtpd'") ? Self.setupHint : "server log:\n\(log)"
            throw TestServerError(message: "SMTP test server did not start (said \(line.debugDescription)); \(hint)")
        }
        self.port = port
        let certificate = folder.appendingPathComponent("server-cert.pem")
        certificatePEM = security == "plain" ? nil : try String(contentsOf: certificate, encoding: .utf8)
    }

    deinit {
        process.terminate()
        try? stdin.close()
        try? FileManager.default.removeItem(at: folder)
    }

    /// Reads up to the first newline on a thread of its own (the read blocks).
    private static func firstLine(of handle: FileHandle) async -> String {
        await withCheckedContinuation { continuation in
            Thread.detachNewThread {
                var bytes: [UInt8] = []
                while true {
                    let chunk = handle.readData(ofLength: 1)
                    guard let byte = chunk.first, byte != UInt8(ascii: "\n") else { break }
                    bytes.append(byte)
                }
                continuation.resume(returning: String(decoding: bytes, as: UTF8.self))
            }
        }
    }

    /// The messages received so far, oldest first, waiting up to `timeout` for `count` of them.
    public func messages(count: Int = 1, timeout: Duration = .seconds(5)) async throws -> [ReceivedMail] {
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        while true {
            let files = try FileManager.default.contentsOfDirectory(at: outbox, includingPropertiesForKeys: nil)
                .filter { $0.pathExtension == "eml" }.sorted { $0.lastPathComponent < $1.lastPathComponent }
            if files.count >= count || clock.now >= deadline {
                return try files.map { url in
                    let envelope = try Data(contentsOf: url.deletingPathExtension().appendingPathExtension("json"))
                    return try ReceivedMail(raw: Data(contentsOf: url), envelope: envelope)
                }
            }
            try await Task.sleep(for: .milliseconds(50))
        }
    }
}

public struct TestServerError: Error, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}
