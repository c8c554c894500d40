import Configuration
import Foundation
import Logging
import PaperMail

/// PaperFeed's settings, read once at start from (highest first) command-line options, the
/// environment, and a `.env` file in the current folder. Keys and their variables:
///
/// | key | environment | default |
/// |---|---|---|
/// | `paperfeed.db` | `PAPERFEED_DB` | `paperfeed.sqlite` |
/// | `paperfeed.host` | `PAPERFEED_HOST` | `127.0.0.1` |
/// | `paperfeed.port` | `PAPERFEED_PORT` | `8080` |
/// | `paperfeed.public.url` | `PAPERFEED_PUBLIC_URL` | `http://host:port` |
/// | `paperfeed.demo` | `PAPERFEED_DEMO` | `true`: load the demo papers into an empty store |
/// | `paperfeed.log.level` | `PAPERFEED_LOG_LEVEL` | `info` |
/// | `paperfeed.model.dir` | `PAPERFEED_MODEL_DIR` | `.models/…/model` (see `ModelOptions`) |
/// | `paperfeed.smtp.host` | `PAPERFEED_SMTP_HOST` | none: emails are written to the log |
/// | `paperfeed.smtp.port` | `PAPERFEED_SMTP_PORT` | 25, 587 or 465 by security |
/// | `paperfeed.smtp.security` | `PAPERFEED_SMTP_SECURITY` | `starttls` (or `plain`, `tls`) |
/// | `paperfeed.smtp.username` / `.password` | `PAPERFEED_SMTP_USERNAME` / `_PASSWORD` | none |
/// | `paperfeed.mail.from` | `PAPERFEED_MAIL_FROM` | `paperfeed@localhost` |
/// | `paperfeed.digest.hour` | `PAPERFEED_DIGEST_HOUR` | `7` (UTC hour digests go out) |
/// | `paperfeed.arxiv.url` | `PAPERFEED_ARXIV_URL` | `https://export.arxiv.org` |
/// | `paperfeed.password.cost` | `PAPERFEED_PASSWORD_COST` | `12` (bcrypt cost) |
/// | `paperfeed.arxiv.oai.url` | `PAPERFEED_ARXIV_OAI_URL` | `https://oaipmh.arxiv.org/oai` (the endpoint itself) |
/// | `paperfeed.arxiv.sets` | `PAPERFEED_ARXIV_SETS` | `cs` (OAI-PMH sets to harvest, space- or comma-separated) |
/// | `paperfeed.arxiv.categories` | `PAPERFEED_ARXIV_CATEGORIES` | none: every category of the sets |
/// | `paperfeed.hf.url` | `PAPERFEED_HF_URL` | `https://huggingface.co` (the site root) |
/// | `paperfeed.harvest` | `PAPERFEED_HARVEST` | none: `serve` harvests nothing (`arxiv`, `hf` or both) |
/// | `paperfeed.harvest.minutes` | `PAPERFEED_HARVEST_MINUTES` | `60` (how often `serve` harvests) |
/// | `paperfeed.summaries` | `PAPERFEED_SUMMARIES` | `on` (`off`: `serve` and `embed` make no generated summaries) |
struct Settings {
    let reader: ConfigReader

    /// `overrides` are the options given on the command line, by key.
    static func load(overrides: [String: ConfigContent?]) async throws -> Settings {
        var values: [AbsoluteConfigKey: ConfigValue] = [:]
        for case let (key, value?) in overrides {
            values[AbsoluteConfigKey(key.split(separator: ".").map(String.init))] = ConfigValue(value, isSecret: false)
        }
        let dotEnv = try await EnvironmentVariablesProvider(environmentFilePath: ".env", allowMissing: true)
        return Settings(reader: ConfigReader(providers: [
            InMemoryProvider(name: "command line", values: values),
            EnvironmentVariablesProvider(),
            dotEnv,
        ]))
    }

    var database: String { reader.string(forKey: "paperfeed.db", default: "paperfeed.sqlite") }
    var host: String { reader.string(forKey: "paperfeed.host", default: "127.0.0.1") }
    var port: Int { reader.int(forKey: "paperfeed.port", default: 8080) }
    var publicURL: String? { reader.string(forKey: "paperfeed.public.url") }
    var loadsDemo: Bool { reader.bool(forKey: "paperfeed.demo", default: true) }
    var logLevel: String { reader.string(forKey: "paperfeed.log.level", default: "info") }
    var modelDirectory: String { reader.string(forKey: "paperfeed.model.dir", default: ModelOptions.defaultDirectory) }
    var mailFrom: String { reader.string(forKey: "paperfeed.mail.from", default: "paperfeed@localhost") }
    var digestHour: Int { reader.int(forKey: "paperfeed.digest.hour", default: 7) }
    var arxivURL: String { reader.string(forKey: "paperfeed.arxiv.url", default: "https://export.arxiv.org") }
    var passwordCost: Int { reader.int(forKey: "paperfeed.password.cost", default: 12) }
    var arxivOAIURL: String { reader.string(forKey: "paperfeed.arxiv.oai.url", default: "https://oaipmh.arxiv.org/oai") }
    var arxivSets: [String] { Self.words(reader.string(forKey: "paperfeed.arxiv.sets", default: "cs")) }
    var arxivCategories: [String] { Self.words(reader.string(forKey: "paperfeed.arxiv.categories", default: "")) }
    var huggingFaceURL: String { reader.string(forKey: "paperfeed.hf.url", default: "https://huggingface.co") }
    var harvestSources: [String] { Self.words(reader.string(forKey: "paperfeed.harvest", default: "")) }
    var harvestMinutes: Int { reader.int(forKey: "paperfeed.harvest.minutes", default: 60) }

    /// Whether `serve` and `embed` make summaries and keyphrases for papers without Hugging
    /// Face's (after their vectors); `off` saves that work, and summaries made before still show.
    func generatesSummaries() throws -> Bool {
        let value = reader.string(forKey: "paperfeed.summaries", default: "on").lowercased()
        switch value {
        case "on", "true": return true
        case "off", "false": return false
        default: throw CommandFailure("PAPERFEED_SUMMARIES must be on or off, not '\(value)'")
        }
    }

    /// The items of a list setting: separated by spaces and/or commas.
    static func words(_ text: String) -> [String] {
        text.split(whereSeparator: { $0 == "," || $0.isWhitespace }).map(String.init)
    }

    /// The SMTP server, or `nil` when none is configured; a bad setting is an error.
    func smtp() throws -> SMTPConfiguration? {
        guard let host = reader.string(forKey: "paperfeed.smtp.host") else { return nil }
        let securityName = reader.string(forKey: "paperfeed.smtp.security", default: "starttls").lowercased()
        let securities: [String: SMTPConfiguration.Security] = ["plain": .plain, "starttls": .startTLS, "tls": .implicitTLS]
        guard let security = securities[securityName] else {
            throw CommandFailure("PAPERFEED_SMTP_SECURITY must be plain, starttls or tls, not '\(securityName)'")
        }
        return SMTPConfiguration(host: host, port: reader.int(forKey: "paperfeed.smtp.port"), security: security,
                                 username: reader.string(forKey: "paperfeed.smtp.username"),
                                 password: reader.string(forKey: "paperfeed.smtp.password", isSecret: true))
    }

    /// The address links in emails and feeds point to.
    func siteURL() -> String {
        publicURL.map { $0.hasSuffix("/") ? String($0.dropLast()) : $0 } ?? "http://\(host):\(port)"
    }

    /// Where mail goes: the SMTP server `smtp`, or the log when there is none.
    static func mailer(_ smtp: SMTPConfiguration?, logger: Logger) -> any Mailer {
        smtp.map { SMTPMailer(configuration: $0) } ?? LogMailer(logger: logger)
    }
}
