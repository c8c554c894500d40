import Foundation
import Testing
import TestSupport

/// The settings reference cannot drift: the README's table is what `paperfeed settings
/// --markdown` prints, and every environment variable the code mentions is in it.
@Suite struct SettingsReferenceTests {
    @Test func theReadmeTableIsTheOneTheBinaryPrints() async throws {
        let printed = try await CLI().run("settings", "--markdown")
        #expect(printed.status == 0)
        let readme = try String(contentsOf: RepositoryPaths.root.appendingPathComponent("README.md"), encoding: .utf8)
        #expect(readme.contains(printed.output), "README's settings table differs from `paperfeed settings --markdown`:\n\(printed.output)")
    }

    @Test func everyEnvironmentVariableTheCodeReadsIsInTheTable() async throws {
        let table = try await CLI().run("settings", "--markdown").output
        let sources = RepositoryPaths.root.appendingPathComponent("Sources")
        var mentioned: Set<String> = []
        for case let file as URL in FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil)!
        where file.pathExtension == "swift" {
            let text = try String(contentsOf: file, encoding: .utf8)
            for match in text.matches(of: /PAPERFEED_[A-Z_]*[A-Z]/) { mentioned.insert(String(match.output)) }
        }
        #expect(!mentioned.isEmpty)
        let missing = mentioned.filter { !table.contains("`\($0)`") }.sorted()
        #expect(missing.isEmpty, "mentioned in Sources/ but not in the settings table: \(missing)")
    }

    @Test func settingsShowsValuesButNeverASecret() async throws {
        var cli = CLI()
        cli.environment = ["PAPERFEED_SMTP_HOST": "mail.example.org", "PAPERFEED_SMTP_PASSWORD": "hunter2-secret"]
        let shown = try await cli.run("settings")
        #expect(shown.output.contains("mail.example.org"))
        #expect(shown.output.contains("PAPERFEED_PORT"))
        #expect(!shown.output.contains("hunter2-secret"))
    }

    @Test func serveHelpListsTheEnvironmentVariables() async throws {
        let help = try await CLI().run("serve", "--help").output
        for name in ["PAPERFEED_PUBLIC_URL", "PAPERFEED_SMTP_PASSWORD", "PAPERFEED_HARVEST_MINUTES", "PAPERFEED_SUMMARIES"] {
            #expect(help.contains(name))
        }
    }

    @Test func theDeployFilesUseOnlySettingsThatExist() async throws {
        let table = try await CLI().run("settings", "--markdown").output
        let deploy = RepositoryPaths.root.appendingPathComponent("deploy")
        for name in ["paperfeed.env", "paperfeed.service"] {
            let text = try String(contentsOf: deploy.appendingPathComponent(name), encoding: .utf8)
            for match in text.matches(of: /PAPERFEED_[A-Z_]*[A-Z]/) {
                #expect(table.contains("`\(match.output)`"), "\(name) sets \(match.output), which is no setting")
            }
        }
    }

    /// systemd's own checker accepts the unit (where systemd-analyze is installed), with the
    /// built binary in place of the installed one.
    @Test func systemdAcceptsTheServiceUnit() async throws {
        let analyzer = URL(fileURLWithPath: "/usr/bin/systemd-analyze")
        guard FileManager.default.isExecutableFile(atPath: analyzer.path) else { return }
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let unit = try String(contentsOf: RepositoryPaths.root.appendingPathComponent("deploy/paperfeed.service"), encoding: .utf8)
            .replacingOccurrences(of: "/opt/paperfeed/bin/paperfeed", with: RepositoryPaths.paperfeed.path)
        let copy = folder.appendingPathComponent("paperfeed.service")
        try unit.write(to: copy, atomically: true, encoding: .utf8)
        let process = try ChildProcess(analyzer, arguments: ["verify", "--man=no", copy.path])
        try process.standardInput.close()
        let result = try await CLI.finish(process)
        #expect(result.status == 0, "\(result.errors)")
        #expect(!result.errors.contains("paperfeed.service"), "\(result.errors)")
    }
}
