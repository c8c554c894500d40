import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing
import TestSupport

/// A fresh instance on the demo papers: keyword, semantic and hybrid search cover every one of
/// them once the stored vectors are in memory (read in the background after the address is
/// printed; a moment for the demo), semantic from the vectors shipped with them.
@Suite(.hangGuard) struct DemoStartTests {
    @Test func semanticSearchCoversTheDemoPapersOnceLoaded() async throws {
        var cli = CLI()
        cli.environment = ["PAPERFEED_MODEL_DIR": RepositoryPaths.modelDirectory.path, "PAPERFEED_SUMMARIES": "off"]
        defer { cli.removeDatabase() }
        let server = try cli.start(["serve", "--port", "0", "--db", cli.database])
        defer { server.terminate() }
        let (base, output) = try await ServerOutput.startup(of: server)
        #expect(output.contains("demo papers and 8,091 of their vectors"), "\(output)")
        #expect(output.contains("8,091 of 8,091 papers embedded."), "\(output)")
        while try await ServerOutput.indexIsLoading(base) { try await Task.sleep(for: .milliseconds(50)) }
        let query = "how can robots learn to manipulate objects from human videos"
            .addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
        for mode in ["semantic", "hybrid", "keyword"] {
            var request = URLRequest(url: URL(string: base + "api/papers/search?mode=\(mode)&limit=5&q=" + query)!)
            request.timeoutInterval = 60
            let (data, response) = try await URLSession.shared.data(for: request)
            #expect((response as? HTTPURLResponse)?.value(forHTTPHeaderField: "X-Search-Mode") == mode)
            #expect((try JSONSerialization.jsonObject(with: data) as? [Any])?.count == 5, "\(mode)")
        }
        let (health, _) = try await URLSession.shared.data(from: URL(string: base + "health")!)
        let semantic = (try JSONSerialization.jsonObject(with: health) as? [String: Any])?["semanticSearch"] as? [String: Any]
        #expect(semantic?["embedded"] as? Int == 8_091)
    }
}
