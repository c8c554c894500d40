import ArgumentParser
import Embedding
import Foundation
import PaperMail
import PaperStore

struct DoctorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "doctor",
        abstract: "Check the database, its schema, the model files, the SMTP server, the public URL and disk space, and say what to fix.",
        discussion: """
            Reads the same settings as serve and changes nothing (the schema is inspected, not migrated; \
            the SMTP server is logged in to, and nothing is sent). Exits with status 1 when a check fails.
            """)

    @OptionGroup var store: StoreOptions
    @OptionGroup var model: ModelOptions

    func run() async throws {
        let settings = try await Settings.load(overrides: [Setting.db.rawValue: store.db.map { .string($0) }])
        let checks = [
            await DoctorCheck.database(settings.database),
            DoctorCheck.model(model.directory(settings), precision: try settings.embeddingPrecision()),
            await DoctorCheck.email(settings),
            DoctorCheck.publicURL(settings),
            DoctorCheck.diskSpace(settings.database),
        ]
        for check in checks { StandardOutput.line(check.line) }
        let failed = checks.filter { $0.verdict == .fail }.count
        guard failed == 0 else { throw CommandFailure("\(failed) of \(checks.count) checks failed; see above for what to fix.") }
        StandardOutput.line(checks.contains { $0.verdict == .warn } ? "Ready, with warnings." : "Everything is ready.")
    }
}

/// One finding of `paperfeed doctor`: what was checked, how it went, and what to do.
struct DoctorCheck {
    enum Verdict: String { case ok = "ok  ", warn = "warn", fail = "FAIL" }
    let name: String
    let verdict: Verdict
    let message: String

    var line: String { "\(verdict.rawValue)  \(name.padding(toLength: 9, withPad: " ", startingAt: 0)) \(message)" }

    static func database(_ location: String) async -> DoctorCheck {
        if StoreOptions.isMissingFile(location) {
            return DoctorCheck(name: "database", verdict: .warn,
                               message: "\(location) does not exist yet; serve creates it (with the demo papers unless PAPERFEED_DEMO=false).")
        }
        do {
            let status = try await PaperDatabases.schemaStatus(location)
            do {
                try status.requireKnownSteps()
            } catch {
                return DoctorCheck(name: "database", verdict: .fail, message: error.description)
            }
            guard status.pending.isEmpty else {
                return DoctorCheck(name: "database", verdict: .warn, message: "schema at step \(status.current); the next start applies "
                    + "\(status.pending.map(\.description).joined(separator: ", ")). Back up first (paperfeed backup).")
            }
            let papers = try await PaperDatabases.withStore(location) { try await $0.statistics().papers }
            return DoctorCheck(name: "database", verdict: .ok, message: "schema up to date (step \(status.current)), \(papers.formatted()) papers.")
        } catch {
            return DoctorCheck(name: "database", verdict: .fail, message: "\(error) Check PAPERFEED_DB.")
        }
    }

    static func model(_ directory: String, precision: EmbeddingPrecision) -> DoctorCheck {
        switch ModelOptions.load(directory, precision: precision, workers: 1) {
        case let .success(embedder):
            DoctorCheck(name: "model", verdict: .ok, message: "\(embedder.modelName) in \(directory): semantic search on.")
        case let .failure(unavailable):
            DoctorCheck(name: "model", verdict: .fail, message: unavailable.reason)
        }
    }

    static func email(_ settings: Settings) async -> DoctorCheck {
        let smtp: SMTPConfiguration?
        do {
            smtp = try settings.smtp()
        } catch {
            return DoctorCheck(name: "email", verdict: .fail, message: "\(error)")
        }
        guard var smtp else {
            return DoctorCheck(name: "email", verdict: .warn,
                               message: "no SMTP server: emails (digests, confirmations, password resets) are only written to the log. Set PAPERFEED_SMTP_HOST.")
        }
        smtp.timeout = .seconds(10)
        do {
            try await SMTPMailer(configuration: smtp).check()
            return DoctorCheck(name: "email", verdict: .ok,
                               message: "SMTP \(smtp.host):\(smtp.port) accepts a connection\(smtp.username == nil ? "" : " and the login"); sender \(settings.mailFrom).")
        } catch {
            return DoctorCheck(name: "email", verdict: .fail,
                               message: "SMTP \(smtp.host):\(smtp.port): \(error). Check PAPERFEED_SMTP_HOST, _PORT, _SECURITY, _USERNAME and _PASSWORD.")
        }
    }

    static func publicURL(_ settings: Settings) -> DoctorCheck {
        guard let text = settings.publicURL else {
            return DoctorCheck(name: "links", verdict: .warn, message: "PAPERFEED_PUBLIC_URL is not set: links in emails and feeds "
                + "point to \(settings.siteURL())/, which only works on this machine. Set it to the address people use.")
        }
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), ["http", "https"].contains(scheme),
              let host = url.host, !host.isEmpty, url.query == nil, url.fragment == nil else {
            return DoctorCheck(name: "links", verdict: .fail,
                               message: "PAPERFEED_PUBLIC_URL '\(text)' is not an http(s) address like https://papers.example.org.")
        }
        if scheme == "http", !["localhost", "127.0.0.1", "::1"].contains(host) {
            return DoctorCheck(name: "links", verdict: .warn, message: "\(text) is plain http: cookies are not Secure and there is no HSTS. "
                + "Serve it over https behind a reverse proxy (README, \"Running as a service\").")
        }
        return DoctorCheck(name: "links", verdict: .ok, message: "emails and feeds link to \(text).")
    }

    static func diskSpace(_ location: String) -> DoctorCheck {
        guard !location.contains("://") else {
            return DoctorCheck(name: "disk", verdict: .ok, message: "PostgreSQL keeps its data on its server; watch its disk there.")
        }
        let folder = URL(fileURLWithPath: location).deletingLastPathComponent().path
        guard let free = (try? FileManager.default.attributesOfFileSystem(forPath: folder))?[.systemFreeSize] as? Int64 else {
            return DoctorCheck(name: "disk", verdict: .warn, message: "cannot tell the free space of \(folder).")
        }
        let size = ((try? FileManager.default.attributesOfItem(atPath: location))?[.size] as? Int64) ?? 0
        let text = "\(free.formatted(.byteCount(style: .file))) free in \(folder)"
            + (size > 0 ? "; the database is \(size.formatted(.byteCount(style: .file)))" : "")
        // A backup or VACUUM needs room for a whole copy; imports and vectors grow it.
        if free < 512 << 20 || free < size {
            return DoctorCheck(name: "disk", verdict: .fail, message: "\(text). Free some space: a backup needs a whole copy.")
        }
        if free < 2 * size + (2 << 30) {
            return DoctorCheck(name: "disk", verdict: .warn, message: "\(text): little room to grow or back up.")
        }
        return DoctorCheck(name: "disk", verdict: .ok, message: "\(text).")
    }
}
