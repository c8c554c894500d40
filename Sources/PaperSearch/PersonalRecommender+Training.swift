import PaperCore

extension PersonalRecommender {
    /// A model of the library, or `nil` when none of its saved papers has a vector yet: the
    /// saved papers against the "not interested" ones and `backgroundSize` others drawn by
    /// `seed`, each read with its stored vector and its title and abstract.
    func train(_ signals: LibrarySignals, seed: UInt64) async throws -> TrainedRecommender? {
        let wantedVectors = try await semantic.storedVectors(signals.savedIDs)
        guard !wantedVectors.isEmpty else { return nil }
        let unwantedVectors = try await semantic.storedVectors(signals.notInterested)
        let backgroundVectors = try await semantic.backgroundVectors(count: backgroundSize, seed: seed, excluding: signals.excluded)
        let everyID = (wantedVectors + unwantedVectors + backgroundVectors).map(\.id)
        let papers = Dictionary(try await repository.papers(ids: everyID).map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let wanted = wantedVectors.filter { papers[$0.id] != nil }
        func features(_ items: [PaperVector]) -> [PaperFeatures] {
            items.compactMap { item in papers[item.id].map { PaperFeatures(paper: $0, vector: item.vector) } }
        }
        var words: [UInt64: String] = [:]
        for item in wanted { words.merge(PaperTerms.words(PaperTerms.text(of: papers[item.id]!))) { first, _ in first } }
        guard let model = BlendedRecommender(options: options).train(
            wanted: features(wanted), unwanted: features(unwantedVectors), background: features(backgroundVectors), words: words)
        else { return nil }
        return TrainedRecommender(model: model, wanted: wanted.map { papers[$0.id]! })
    }
}
