import Foundation
import PaperCore
import Testing
import TestSupport

/// `paperfeed user list | promote | demote | disable | enable | reset-password`, as an operator
/// runs them, with `serve` showing what a user of the site sees.
@Suite struct UserCommandTests {
    /// A CLI with fast bcrypt, no demo papers or model, and links to papers.test.
    static func operatorCLI() -> CLI {
        var cli = CLI()
        cli.environment = ["PAPERFEED_PASSWORD_COST": "4", "PAPERFEED_DEMO": "false", "PAPERFEED_MODEL_DIR": "/nonexistent",
                           "PAPERFEED_PUBLIC_URL": "http://papers.test/"]
        return cli
    }

    func create(_ name: String, admin: Bool = false, password: String = "correct horse", on cli: CLI) async throws {
        let created = try await cli.run(["user", "create", "--name", name, "--email", "\(name)@example.org"] + (admin ? ["--admin"] : []),
                                        input: password + "\n")
        #expect(created.status == 0, "\(created.errors)")
    }

    /// The `user list` row of `name`, split into its columns.
    func row(of name: String, in output: String) -> [String]? {
        output.split(separator: "\n").map { $0.split(separator: " ", omittingEmptySubsequences: true).map(String.init) }
            .first { $0.first == name }
    }

    @Test func listShowsEveryAccountAndPromoteAndDemoteChangeAdmins() async throws {
        let cli = Self.operatorCLI()
        defer { cli.removeDatabase() }
        let empty = try await cli.run("user", "list")
        #expect(empty.status == 0, "\(empty.errors)")
        #expect(empty.output.contains("No accounts yet."))

        try await create("ada", on: cli)
        try await create("bob", admin: true, on: cli)
        let list = try await cli.run("user", "list")
        #expect(list.output.hasPrefix("NAME"), "\(list.output)")
        let ada = try #require(row(of: "ada", in: list.output))
        #expect(Array(ada.prefix(4)) == ["ada", "ada@example.org", "no", "no"])
        #expect(ada.count == 5 && Day(ada[4]) != nil, "created on a day: \(ada)")
        #expect(row(of: "bob", in: list.output)?.prefix(4) == ["bob", "bob@example.org", "yes", "no"])
        #expect(list.output.contains("2 accounts: 1 admin, 0 disabled."))

        let promoted = try await cli.run("user", "promote", "--name", "ADA")
        #expect(promoted.status == 0, "\(promoted.errors)")
        #expect(promoted.output == "ada is now an admin.\n")
        #expect(try await cli.run("user", "promote", "--name", "ada").output == "ada is an admin already.\n")
        #expect(try await cli.run("user", "demote", "--name", "bob").output == "bob is no longer an admin.\n")
        let after = try await cli.run("user", "list")
        #expect(row(of: "ada", in: after.output)?[2] == "yes")
        #expect(row(of: "bob", in: after.output)?[2] == "no")
    }

    @Test func everyCommandSaysSoForAnUnknownName() async throws {
        let cli = Self.operatorCLI()
        defer { cli.removeDatabase() }
        try await create("ada", on: cli)
        for command in ["promote", "demote", "disable", "enable", "reset-password"] {
            let result = try await cli.run("user", command, "--name", "nobody")
            #expect(result.status == 1, "\(command)")
            #expect(result.errors.contains("No account named 'nobody'."), "\(command): \(result.errors)")
            #expect(result.output.isEmpty)
        }
        let missing = try await cli.run("user", "disable")
        #expect(missing.status != 0)
        #expect(missing.errors.contains("--name"))
    }

    @Test func disablingLogsOutAtOnceAndRefusesLogInAndResetLinksUntilEnabled() async throws {
        let cli = Self.operatorCLI()
        defer { cli.removeDatabase() }
        try await create("ada", on: cli)
        // The site itself runs on a free port; the links the CLI prints name papers.test.
        var site = cli
        site.environment["PAPERFEED_PUBLIC_URL"] = nil
        let server = try site.start(["serve", "--port", "0"])
        defer { server.terminate() }
        let base = try await ServerOutput.baseURL(of: server)

        let browser = HTTP.Browser(base: base)
        _ = try await browser.get("login")
        #expect(try await browser.post("login", form: ["name": "ada", "password": "correct horse"]).status == 303)
        #expect(try await browser.get("").body.contains("href=\"/u/ada\">ada</a>"))
        let early = try await resetLink(for: "ada", cli: cli)

        let disabled = try await cli.run("user", "disable", "--name", "ada")
        #expect(disabled.status == 0, "\(disabled.errors)")
        #expect(disabled.output.hasPrefix("ada is disabled"))
        #expect(!(try await browser.get("").body.contains("href=\"/u/ada\">ada</a>")), "logged out at once")
        let refused = try await browser.post("login", form: ["name": "ada", "password": "correct horse"])
        #expect(refused.status == 403)
        #expect(refused.body.contains("This account is disabled"))
        _ = try await browser.get(early)
        #expect(try await browser.post(early, form: ["password": "a new password"]).status == 404, "a link from before")
        let noLink = try await cli.run("user", "reset-password", "--name", "ada")
        #expect(noLink.status == 1)
        #expect(noLink.errors.contains("is disabled; enable it first"))
        #expect(row(of: "ada", in: try await cli.run("user", "list").output)?[3] == "yes")

        let enabled = try await cli.run("user", "enable", "--name", "ada")
        #expect(enabled.output == "ada is enabled again and can log in.\n")
        let link = try await resetLink(for: "ada", cli: cli)
        #expect(try await browser.get(link).status == 200)
        let changed = try await browser.post(link, form: ["password": "a new password"])
        #expect(changed.status == 200)
        #expect(changed.body.contains("Password changed"))
        #expect(try await browser.post("login", form: ["name": "ada", "password": "correct horse"]).status == 401)
        #expect(try await browser.post("login", form: ["name": "ada", "password": "a new password"]).status == 303)
    }

    /// The link `user reset-password` prints, as a path for `HTTP.Browser` (no leading slash).
    func resetLink(for name: String, cli: CLI) async throws -> String {
        let result = try await cli.run("user", "reset-password", "--name", name)
        #expect(result.status == 0, "\(result.errors)")
        #expect(result.output.contains("it works once, and expires in an hour"), "\(result.output)")
        let lines = result.output.split(separator: "\n")
        let link = try #require(lines.last.map(String.init))
        let prefix = "http://papers.test/password/reset/"
        #expect(link.hasPrefix(prefix), "from PAPERFEED_PUBLIC_URL: \(link)")
        return "password/reset/" + link.dropFirst(prefix.count)
    }
}
