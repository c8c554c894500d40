import Embedding
import PaperCore
import PaperSummaries
import Testing
import TestSupport

/// The real model, loaded once.
enum MiniLM {
    static let shared: Result<MiniLMEmbedder, any Error> = Result { try MiniLMEmbedder.load(directory: RepositoryPaths.modelDirectory) }
}

@Suite struct PaperSummarizerTests {
    func summarize(_ title: String, _ abstract: String) async throws -> GeneratedSummary {
        let summarizer = PaperSummarizer(embedder: try MiniLM.shared.get())
        let results = try await summarizer.summarize([Paper(id: PaperID(rawValue: "2501.00001"), title: title, abstract: abstract,
                                                            authors: [Author(name: "A")], source: .oaiPMH)])
        return try #require(results.first)
    }

    @Test func picksTheContributionAndTopicalKeyphrases() async throws {
        let abstract = "Large language models are widely deployed. However, serving them is expensive. "
            + "We propose KVPrune, a threshold-free KV cache compression method that adaptively allocates the cache budget "
            + "of each attention head during LLM inference. Experiments on 13 datasets (e.g. LongBench) show a 4.2x memory "
            + "reduction with no loss in accuracy. Code is available at https://github.com/a/kvprune."
        let result = try await summarize("KVPrune: Threshold-Free KV Cache Compression for LLM Inference", abstract)
        let summary = try #require(result.summary)
        #expect(summary.hasPrefix("We propose KVPrune"))
        #expect((5...8).contains(result.keywords.count))
        let lowered = result.keywords.map { $0.lowercased() }
        #expect(lowered.contains { $0.contains("kv cache") })
        #expect(Set(lowered).count == lowered.count)
        #expect(!lowered.contains { $0.contains("github") || $0.contains("https") })
    }

    @Test func oneSentenceAndEmptyAbstracts() async throws {
        let one = try await summarize("Robot grasping", "We learn robust grasping policies for cluttered bins from simulation alone.")
        #expect(one.summary == "We learn robust grasping policies for cluttered bins from simulation alone.")
        #expect(!one.keywords.isEmpty)
        let empty = try await summarize("", "")
        #expect(empty.isEmpty)
        let titleOnly = try await summarize("Graph Neural Networks for Molecules", "")
        #expect(titleOnly.summary == nil)
        #expect(titleOnly.keywords.contains("Graph Neural Networks"))
    }

    @Test func longTeXAndNonEnglishAbstractsStayWithinBounds() async throws {
        let long = (0..<60).map { "Sentence \($0) shows that sparse attention with $O(n \\log n)$ cost scales to long documents." }
            .joined(separator: " ")
        let longResult = try await summarize("Sparse attention at scale", long)
        #expect(longResult.summary.map(long.contains) == true)
        #expect(longResult.keywords.count <= 8)
        #expect(!longResult.keywords.contains { $0.contains("log") || $0.contains("$") })

        let chinese = "我们提出了一种新的图像生成方法。实验表明该方法在多个数据集上有效。"
        let chineseResult = try await summarize("图像生成", chinese)
        #expect(chineseResult.summary.map(chinese.contains) == true)
        #expect(chineseResult.keywords.count <= 8)

        let german = "Wir stellen ein neues Verfahren zur Spracherkennung vor. Es übertrifft bisherige Modelle deutlich."
        let germanResult = try await summarize("Spracherkennung mit wenig Daten", german)
        #expect(germanResult.summary.map(german.contains) == true)
    }

    @Test func usesGivenDocumentVectorsAndKeepsOrder() async throws {
        let embedder = try MiniLM.shared.get()
        let papers = ["protein structure prediction", "speech recognition for low-resource languages"].enumerated().map { index, topic in
            Paper(id: PaperID(rawValue: "2501.0000\(index)"), title: "A study of \(topic)",
                  abstract: "We study \(topic) at scale. Our models of \(topic) beat prior ones.", authors: [], source: .oaiPMH)
        }
        let vectors = try await embedder.embed(papers.map(\.embeddingText))
        let results = try await PaperSummarizer(embedder: embedder).summarize(papers, documentVectors: vectors)
        #expect(results.count == 2)
        #expect(results[0].keywords.contains { $0.lowercased().contains("protein") })
        #expect(results[1].keywords.contains { $0.lowercased().contains("speech") })
    }
}
