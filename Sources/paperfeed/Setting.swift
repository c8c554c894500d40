import Configuration

/// Every setting PaperFeed reads, in one list: `Settings` reads by these keys, `serve --help`
/// lists them, `paperfeed settings` prints them with their values, and the README's table is
/// this list's `--markdown` form (a test checks it is), so none can be added without the others.
enum Setting: String, CaseIterable {
    case db = "paperfeed.db"
    case host = "paperfeed.host"
    case port = "paperfeed.port"
    case publicURL = "paperfeed.public.url"
    case trustedProxies = "paperfeed.trusted.proxies"
    case demo = "paperfeed.demo"
    case logLevel = "paperfeed.log.level"
    case modelDirectory = "paperfeed.model.dir"
    case embeddingPrecision = "paperfeed.embedding.precision"
    case summaries = "paperfeed.summaries"
    case smtpHost = "paperfeed.smtp.host"
    case smtpPort = "paperfeed.smtp.port"
    case smtpSecurity = "paperfeed.smtp.security"
    case smtpUsername = "paperfeed.smtp.username"
    case smtpPassword = "paperfeed.smtp.password"
    case mailFrom = "paperfeed.mail.from"
    case digestHour = "paperfeed.digest.hour"
    case passwordCost = "paperfeed.password.cost"
    case arxivURL = "paperfeed.arxiv.url"
    case harvest = "paperfeed.harvest"
    case harvestMinutes = "paperfeed.harvest.minutes"
    case arxivOAIURL = "paperfeed.arxiv.oai.url"
    case arxivSets = "paperfeed.arxiv.sets"
    case arxivCategories = "paperfeed.arxiv.categories"
    case huggingFaceURL = "paperfeed.hf.url"

    /// The configuration key (`paperfeed.smtp.host`).
    var key: ConfigKey { ConfigKey(rawValue.split(separator: ".").map(String.init)) }

    /// The environment variable (and `.env` line) that sets it: the key in capitals, `_` for `.`.
    var environmentName: String { rawValue.uppercased().replacingOccurrences(of: ".", with: "_") }

    /// The command-line option that overrides it, where there is one.
    var option: String? {
        switch self {
        case .db: "--db"
        case .host: "--host"
        case .port: "--port"
        case .publicURL: "--public-url"
        case .modelDirectory: "--model-dir"
        default: nil
        }
    }

    /// Whether its value is kept out of output (`paperfeed settings` shows it as set or not).
    var isSecret: Bool { self == .smtpPassword }

    /// The default, as people read it.
    var defaultValue: String {
        switch self {
        case .db: "paperfeed.sqlite"
        case .host: "127.0.0.1"
        case .port: "8080"
        case .publicURL: "http://HOST:PORT"
        case .demo: "true"
        case .logLevel: "info"
        case .modelDirectory: ModelOptions.defaultDirectory
        case .embeddingPrecision: "quantized"
        case .summaries: "on"
        case .smtpHost, .smtpUsername, .smtpPassword, .harvest, .arxivCategories, .trustedProxies: "none"
        case .smtpPort: "25, 587 or 465"
        case .smtpSecurity: "starttls"
        case .mailFrom: "paperfeed@localhost"
        case .digestHour: "7"
        case .passwordCost: "12"
        case .arxivURL: "https://export.arxiv.org"
        case .harvestMinutes: "60"
        case .arxivOAIURL: "https://oaipmh.arxiv.org/oai"
        case .arxivSets: "cs"
        case .huggingFaceURL: "https://huggingface.co"
        }
    }

    /// What it does, in a sentence.
    var help: String {
        switch self {
        case .db: "The SQLite file (created if missing) or a postgres://user:password@host:port/database URL."
        case .host: "The interface to listen on; 0.0.0.0 for every interface."
        case .port: "The port to listen on; 0 picks a free one."
        case .publicURL: "The address people use (https://papers.example.org behind a proxy): every absolute link in emails, feeds and Link headers is built from it, never from a request."
        case .trustedProxies: "Addresses of your reverse proxies (127.0.0.1, ::1): from them, X-Forwarded-For names the visitor for rate limits; from anyone else it is ignored."
        case .demo: "Load the bundled demo papers (and their vectors) into an empty database."
        case .logLevel: "trace, debug, info, notice, warning, error or critical."
        case .modelDirectory: "The folder with all-MiniLM-L6-v2's model.safetensors and vocab.txt; without it, keyword search only."
        case .embeddingPrecision: "quantized or fp32: how the model multiplies; quantized (11-bit integer products, faster on CPUs with AVX2) gives vectors within cosine 0.9997 of fp32 (Float32, the reference port)."
        case .summaries: "on or off: make a generated one-sentence summary and keyphrases, after their vectors, for papers without Hugging Face's."
        case .smtpHost: "The SMTP server digests and account emails go through; without one, emails are written to the log."
        case .smtpPort: "The SMTP port; the default follows the security: 25 plain, 587 starttls, 465 tls."
        case .smtpSecurity: "plain, starttls or tls (implicit TLS)."
        case .smtpUsername: "The SMTP login (AUTH PLAIN or LOGIN), when the server wants one."
        case .smtpPassword: "The SMTP password."
        case .mailFrom: "The sender address of every email."
        case .digestHour: "The UTC hour serve sends the digests (weekly ones on Mondays)."
        case .passwordCost: "bcrypt's cost for new passwords."
        case .arxivURL: "Where submitted papers are looked up (the arXiv API; one request per 3 s, Retry-After honoured)."
        case .harvest: "What serve harvests by itself: arxiv, hf or both (arxiv,hf)."
        case .harvestMinutes: "How often serve harvests, in minutes."
        case .arxivOAIURL: "arXiv's OAI-PMH endpoint."
        case .arxivSets: "The OAI-PMH sets to harvest (cs, math, physics:hep-th …), separated by spaces or commas."
        case .arxivCategories: "Keep only papers in these categories (cs.CL cs.LG …); none keeps every category of the sets."
        case .huggingFaceURL: "Where the daily papers are harvested from (the site root)."
        }
    }

    /// The README's table of every setting.
    static var markdownTable: String {
        var lines = ["| environment | option | default | what it does |", "|---|---|---|---|"]
        for setting in allCases {
            lines.append("| `\(setting.environmentName)` | \(setting.option.map { "`\($0)`" } ?? "") | `\(setting.defaultValue)` | \(setting.help) |")
        }
        return lines.joined(separator: "\n")
    }

    /// `serve --help`'s list of the environment variables.
    static var helpList: String {
        allCases.map { "\($0.environmentName) (default \($0.defaultValue)): \($0.help)" }.joined(separator: "\n")
    }
}
