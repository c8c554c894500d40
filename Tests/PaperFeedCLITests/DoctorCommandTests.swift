import Foundation
import Testing
import TestSupport

/// `paperfeed doctor` as an operator runs it: every check passes on a set-up instance, and each
/// broken setting is named with what to fix, with a failing exit status.
@Suite struct DoctorCommandTests {
    @Test func aSetUpInstancePassesEveryCheck() async throws {
        let smtp = try await SMTPTestServer(security: "plain", auth: "paperfeed:mail-secret")
        var cli = CLI()
        defer { cli.removeDatabase() }
        #expect(try await cli.run("migrate").status == 0)
        cli.environment = [
            "PAPERFEED_MODEL_DIR": RepositoryPaths.modelDirectory.path, "PAPERFEED_PUBLIC_URL": "https://papers.example.org",
            "PAPERFEED_SMTP_HOST": "127.0.0.1", "PAPERFEED_SMTP_PORT": "\(smtp.port)", "PAPERFEED_SMTP_SECURITY": "plain",
            "PAPERFEED_SMTP_USERNAME": "paperfeed", "PAPERFEED_SMTP_PASSWORD": "mail-secret",
        ]
        let result = try await cli.run("doctor")
        #expect(result.status == 0, "\(result.output)\(result.errors)")
        let verdicts = result.output.split(separator: "\n").map { $0.prefix(4) }
        #expect(verdicts.prefix(5) == ["ok  ", "ok  ", "ok  ", "ok  ", "ok  "], "\(result.output)")
        #expect(result.output.contains("Everything is ready."))
        #expect(!result.output.contains("mail-secret"))
        #expect(try await smtp.messages(count: 0, timeout: .zero).isEmpty, "the check must send nothing")
    }

    @Test func eachBrokenSettingIsNamedWithWhatToFix() async throws {
        var cli = CLI()
        defer { cli.removeDatabase() }
        #expect(try await cli.run("migrate").status == 0)
        cli.environment = [
            "PAPERFEED_MODEL_DIR": "/nonexistent/model", "PAPERFEED_PUBLIC_URL": "ftp://papers.example.org",
            "PAPERFEED_SMTP_HOST": "127.0.0.1", "PAPERFEED_SMTP_PORT": "1", "PAPERFEED_SMTP_SECURITY": "plain",
        ]
        // Port 1: nothing listens there (see SMTPFailureTests).
        let result = try await cli.run("doctor")
        #expect(result.status == 1)
        let failures = result.output.split(separator: "\n").filter { $0.hasPrefix("FAIL") }
        #expect(failures.count == 3, "\(result.output)")
        #expect(failures.contains { $0.contains("model") && $0.contains("scripts/install-model.sh") })
        #expect(failures.contains { $0.contains("email") && $0.contains("PAPERFEED_SMTP_HOST") })
        #expect(failures.contains { $0.contains("links") && $0.contains("ftp://papers.example.org") })
        #expect(result.errors.contains("3 of 5 checks failed"))
    }

    @Test func aMissingDatabaseIsAWarningAndIsNotCreated() async throws {
        let cli = CLI()
        defer { cli.removeDatabase() }
        let result = try await cli.run("doctor")
        #expect(result.output.contains("does not exist yet"))
        #expect(!FileManager.default.fileExists(atPath: cli.database), "doctor must not create the database")
    }
}
