import Configuration
import Foundation

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
}
