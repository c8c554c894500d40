/// One step of the schema this binary knows: its number and what it does.
public struct SchemaStep: Sendable, Equatable, CustomStringConvertible {
    public let number: Int
    public let name: String

    public var description: String { "\(number) \(name)" }

    /// Every step this binary knows, in order.
    public static var all: [SchemaStep] {
        allMigrations.map { SchemaStep(number: $0.number, name: $0.name) }.sorted { $0.number < $1.number }
    }

    /// The newest step this binary knows.
    public static var latest: Int { all.last?.number ?? 0 }
}

/// Where a database's schema stands against this binary's steps.
public struct SchemaStatus: Sendable, Equatable {
    /// The step numbers recorded in the database.
    public let applied: Set<Int>
    /// This binary's steps the database lacks, in the order they would run.
    public let pending: [SchemaStep]
    /// Steps recorded in the database that this binary does not know: a newer PaperFeed wrote it.
    public let unknown: [Int]

    public init(applied: some Sequence<Int>) {
        let applied = Set(applied)
        let known = SchemaStep.all
        self.applied = applied
        pending = known.filter { !applied.contains($0.number) }
        unknown = applied.subtracting(known.map(\.number)).sorted()
    }

    /// Throws `StoreError.newerSchema` when a newer PaperFeed wrote the database (it has steps
    /// this binary does not know): nothing here may read or change it.
    public func requireKnownSteps() throws(StoreError) {
        if let newest = unknown.max() { throw .newerSchema(database: newest, binary: SchemaStep.latest) }
    }

    /// The newest step the database has, 0 for a new one.
    public var current: Int { applied.max() ?? 0 }
}
