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
    ],
    targets: [
        .target(name: "PaperCore"),
        .systemLibrary(
            name: "CZlib",
            pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"])]
        ),
        .target(
            name: "PaperIngest",
            dependencies: ["PaperCore", "CZlib"],
            resources: [.copy("Resources/demo-papers.jsonl.gz")]
        ),
        .target(
            name: "PaperStore",
            dependencies: [
                "PaperCore",
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "SQLiteKit", package: "sqlite-kit"),
            ]
        ),
        .target(name: "PaperSearch", dependencies: ["PaperCore"]),
        .executableTarget(
            name: "paperfeed",
            dependencies: [
                "PaperCore", "PaperStore", "PaperIngest", "PaperSearch",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "paperfeed-bench",
            dependencies: ["PaperCore", "PaperStore", "PaperIngest", "PaperSearch"],
            path: "Benchmarks/PaperFeedBench"
        ),
        .testTarget(name: "PaperCoreTests", dependencies: ["PaperCore"]),
        .testTarget(name: "PaperIngestTests", dependencies: ["PaperIngest"]),
        .testTarget(name: "PaperStoreTests", dependencies: ["PaperStore", "PaperIngest", "PaperSearch"]),
        .testTarget(name: "PaperSearchTests", dependencies: ["PaperSearch"]),
        // Runs the built `paperfeed` binary; `scripts/test.sh` builds it first.
        .testTarget(name: "PaperFeedCLITests"),
    ],
    swiftLanguageModes: [.v6]
)
