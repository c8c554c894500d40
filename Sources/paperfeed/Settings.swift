import Configuration
import Embedding
import Foundation
import Logging
import PaperMail

/// PaperFeed's settings, read once at start from (highest first) command-line options, the
/// environment, and a `.env` file in the current folder. Every key is a `Setting`, which
/// documents it.
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

    var database: String { text(.db) }
    var host: String { text(.host) }
    var port: Int { number(.port) }
    var publicURL: String? { reader.string(forKey: Setting.publicURL.key) }
    var loadsDemo: Bool { reader.bool(forKey: Setting.demo.key, default: Setting.demo.defaultValue == "true") }
    var logLevel: String { text(.logLevel) }
    var modelDirectory: String { text(.modelDirectory) }
    var mailFrom: String { text(.mailFrom) }
    var digestHour: Int { number(.digestHour) }
    var arxivURL: String { text(.arxivURL) }
    var passwordCost: Int { number(.passwordCost) }
    var arxivOAIURL: String { text(.arxivOAIURL) }
    var arxivSets: [String] { Self.words(text(.arxivSets)) }
    var arxivCategories: [String] { Self.words(reader.string(forKey: Setting.arxivCategories.key, default: "")) }
    var huggingFaceURL: String { text(.huggingFaceURL) }
    var harvestSources: [String] { Self.words(reader.string(forKey: Setting.harvest.key, default: "")) }
    var harvestMinutes: Int { number(.harvestMinutes) }
    var trustedProxies: Set<String> { Set(Self.words(reader.string(forKey: Setting.trustedProxies.key, default: ""))) }

    /// `setting`'s value, else its documented default.
    private func text(_ setting: Setting) -> String {
        reader.string(forKey: setting.key, default: setting.defaultValue)
    }

    private func number(_ setting: Setting) -> Int {
        reader.int(forKey: setting.key, default: Int(setting.defaultValue)!)
    }

    /// What `paperfeed settings` shows for `setting`: its value (a secret only as set or not),
    /// or `nil` when it is not set and its default applies.
    func shownValue(_ setting: Setting) -> String? {
        guard let value = reader.string(forKey: setting.key, isSecret: setting.isSecret) else { return nil }
        return setting.isSecret ? "(set)" : value
    }

    /// How the embedding model multiplies: quantised integer products (the default) or Float32.
    func embeddingPrecision() throws -> EmbeddingPrecision {
        let value = text(.embeddingPrecision).lowercased()
        guard let precision = EmbeddingPrecision(rawValue: value) else {
            throw CommandFailure("PAPERFEED_EMBEDDING_PRECISION must be quantized or fp32, not '\(value)'")
        }
        return precision
    }

    /// Whether `serve` and `embed` make summaries and keyphrases for papers without Hugging
    /// Face's (after their vectors); `off` saves that work, and summaries made before still show.
    func generatesSummaries() throws -> Bool {
        let value = text(.summaries).lowercased()
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
        guard let host = reader.string(forKey: Setting.smtpHost.key) else { return nil }
        let securityName = text(.smtpSecurity).lowercased()
        let securities: [String: SMTPConfiguration.Security] = ["plain": .plain, "starttls": .startTLS, "tls": .implicitTLS]
        guard let security = securities[securityName] else {
            throw CommandFailure("PAPERFEED_SMTP_SECURITY must be plain, starttls or tls, not '\(securityName)'")
        }
        return SMTPConfiguration(host: host, port: reader.int(forKey: Setting.smtpPort.key), security: security,
                                 username: reader.string(forKey: Setting.smtpUsername.key),
                                 password: reader.string(forKey: Setting.smtpPassword.key, isSecret: true))
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
