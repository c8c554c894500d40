// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "PaperFeed",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "paperfeed", targets: ["paperfeed"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.6.0"),
        .package(url: "https://github.com/vapor/sql-kit", from: "3.33.0"),
        .package(url: "https://github.com/vapor/sqlite-kit", from: "4.5.0"),
        .package(url: "https://github.com/vapor/postgres-kit", from: "2.14.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.0"),
        .package(url: "https://github.com/apple/swift-configuration", from: "1.4.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.0"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.4.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.0"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.0"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth", from: "2.5.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.0.0"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
    ],
    targets: [
        .target(name: "PaperCore"),
        .systemLibrary(
            name: "CZlib",
            pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"])]
        ),
        .target(
            name: "PaperMail",
            dependencies: [
                "PaperCore",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ]
        ),
        // Who may have an account: the rules for names, addresses and passwords, bcrypt, secret tokens and reset links.
        .target(
            name: "PaperAccounts",
            dependencies: [
                "PaperCore", "PaperMail",
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ]
        ),
        .systemLibrary(name: "COpenBLAS", providers: [.apt(["libopenblas-dev"])]),
        // Integer GEMM kernels, one function per instruction set, chosen at run time (no -march).
        .target(name: "CEmbeddingKernels"),
        .target(name: "Embedding", dependencies: ["COpenBLAS", "CEmbeddingKernels", "PaperCore"]),
        .target(
            name: "PaperIngest",
            dependencies: [
                "PaperCore", "CZlib",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            resources: [.copy("Resources/demo-papers.jsonl.gz"), .copy("Resources/demo-vectors.bin")]
        ),
        // Offline one-sentence summaries and keyphrases, chosen with any `SentenceEmbedder`.
        .target(name: "PaperSummaries", dependencies: ["PaperCore"]),
        .target(
            name: "PaperStore",
            dependencies: [
                "PaperCore",
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "SQLiteKit", package: "sqlite-kit"),
                .product(name: "PostgresKit", package: "postgres-kit"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ]
        ),
        .target(
            name: "PaperSearch",
            dependencies: [
                "PaperCore", "PaperSummaries", "CEmbeddingKernels",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            resources: [.copy("Resources/eval-queries.jsonl")]
        ),
        .target(
            name: "PaperWeb",
            dependencies: [
                "PaperCore", "PaperSearch", "PaperMail", "PaperAccounts",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            resources: [.copy("Resources/templates"), .copy("Resources/static"), .copy("Resources/openapi.json")]
        ),
        .executableTarget(
            name: "paperfeed",
            dependencies: [
                "PaperCore", "PaperStore", "PaperIngest", "PaperSearch", "PaperWeb", "PaperMail", "PaperAccounts", "Embedding",
                "PaperSummaries",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Configuration", package: "swift-configuration"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        .target(name: "BenchmarkSupport", dependencies: ["PaperCore", "PaperIngest"], path: "Benchmarks/Support"),
        .executableTarget(
            name: "paperfeed-bench",
            dependencies: ["PaperCore", "PaperStore", "PaperIngest", "PaperSearch", "BenchmarkSupport"],
            path: "Benchmarks/PaperFeedBench"
        ),
        // Harvest throughput and freshness; the tests' LocalHTTPServer plays arXiv and Hugging Face.
        .executableTarget(
            name: "harvest-bench",
            dependencies: [
                "PaperCore", "PaperStore", "PaperIngest", "PaperSearch", "Embedding", "BenchmarkSupport", "TestSupport",
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Benchmarks/HarvestBench"
        ),
        .executableTarget(name: "embedding-bench", dependencies: ["Embedding", "BenchmarkSupport"], path: "Benchmarks/EmbeddingBench"),
        .executableTarget(
            name: "summaries-bench",
            dependencies: ["PaperCore", "PaperIngest", "PaperSummaries", "Embedding", "BenchmarkSupport"],
            path: "Benchmarks/SummariesBench"
        ),
        // Recommendation quality beside arxiv-sanity-lite's method (baseline.py), and its speed.
        .executableTarget(
            name: "recommend-bench",
            dependencies: ["PaperCore", "PaperIngest", "PaperSearch", "PaperStore", "BenchmarkSupport"],
            path: "Benchmarks/RecommendBench",
            exclude: ["baseline.py"]
        ),
        .executableTarget(
            name: "vector-bench",
            dependencies: ["PaperCore", "PaperSearch", "Embedding", "BenchmarkSupport"],
            path: "Benchmarks/VectorBench"
        ),
        // Issue 16's table at arXiv's size; scripts/bench-scale.sh runs it beside a real `serve`.
        .executableTarget(
            name: "scale-bench",
            dependencies: [
                "PaperCore", "PaperStore", "PaperIngest", "PaperSearch", "Embedding", "BenchmarkSupport",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            path: "Benchmarks/ScaleBench"
        ),
        // What the test targets share: repository and model paths, temporary SQLite and
        // PostgreSQL databases, the real SMTP server (aiosmtpd), a local HTTP server for the
        // network sources, and the seeded randomness.
        .target(
            name: "TestSupport",
            dependencies: [
                "PaperCore", "PaperStore", "BenchmarkSupport",
                .product(name: "PostgresKit", package: "postgres-kit"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Tests/TestSupport"
        ),
        .testTarget(name: "PaperCoreTests", dependencies: ["PaperCore"]),
        .testTarget(name: "EmbeddingTests", dependencies: ["Embedding", "TestSupport"]),
        .testTarget(name: "PaperAccountsTests", dependencies: ["PaperAccounts"]),
        .testTarget(
            name: "PaperMailTests",
            dependencies: [
                "PaperMail", "PaperCore", "PaperStore", "TestSupport",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOEmbedded", package: "swift-nio"),
            ]
        ),
        .testTarget(
            name: "PaperIngestTests",
            dependencies: [
                "PaperIngest", "PaperCore", "PaperStore", "Embedding", "TestSupport",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ]
        ),
        .testTarget(name: "PaperStoreTests", dependencies: ["PaperStore", "PaperIngest", "PaperSearch", "TestSupport"]),
        .testTarget(name: "PaperSummariesTests", dependencies: ["PaperSummaries", "PaperCore", "Embedding", "TestSupport"]),
        .testTarget(name: "PaperSearchTests", dependencies: ["PaperSearch", "PaperStore", "PaperSummaries", "Embedding", "TestSupport"]),
        .testTarget(
            name: "PaperWebTests",
            dependencies: [
                "PaperWeb", "PaperStore", "PaperIngest", "PaperSearch", "Embedding", "PaperMail", "PaperAccounts", "TestSupport",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ]
        ),
        // Runs the built `paperfeed` binary (see `RepositoryPaths.paperfeed`); `scripts/test.sh` builds it first.
        .testTarget(name: "PaperFeedCLITests", dependencies: ["PaperAccounts", "PaperCore", "PaperStore", "TestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
