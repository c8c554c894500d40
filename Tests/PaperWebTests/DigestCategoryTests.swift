import Foundation
import HummingbirdTesting
import PaperCore
import PaperMail
import PaperSearch
import Testing

/// A digest subscription that names categories: chosen on the subscribe form, confirmed by the
/// emailed link, and the digest that goes out lists trending papers of those categories only.
@Suite struct DigestCategoryTests {
    static var papers: [Paper] {
        var retrieval = CommunityFixture.quokka
        retrieval.categories = ["cs.IR"]
        var diffusion = CommunityFixture.wombat
        diffusion.categories = ["cs.CV", "cs.LG"]
        var graphs = CommunityFixture.platypus
        graphs.categories = ["cs.LG"]
        return [retrieval, diffusion, graphs]
    }

    @Test func aSubscriberOfCategoriesGetsTrendingPapersOfThoseOnly() async throws {
        let mailer = RecordingMailer()
        try await withStore(Self.papers) { store in
            try await CommunityFixture.withApp(store: store, mailer: mailer) { client in
                var reader = Browser(client)
                #expect(try await reader.get("/").text.contains("name=\"categories\""))
                try await reader.post("/digest/subscribe", form: [("email", "reader@example.org"), ("frequency", "daily"),
                                                                  ("categories", "cs.IR, cs.CV cs.IR")])
                let confirmLink = try #require(mailer.link(to: "reader@example.org", startingWith: "/digest/confirm/"))
                let confirmed = try await reader.get(confirmLink)
                #expect(confirmed.text.contains("daily digest of trending papers in cs.IR, cs.CV"))
                let token = String(confirmLink.dropFirst("/digest/confirm/".count))
                #expect(try await store.subscriber(token: token)?.categories.map(\.name) == ["cs.IR", "cs.CV"])
            }
            // Another subscriber takes every paper.
            _ = try await store.subscribe(email: "all@example.org", frequency: .daily, userID: nil, confirmed: true, token: "all",
                                          now: WebFixture.now)

            let renderer = DigestRenderer(siteName: "PaperFeed", siteURL: "http://papers.test", from: MailAddress("digest@papers.test"))
            let sender = DigestSender(store: store, mailer: mailer, renderer: renderer, clock: FixedClock(WebFixture.now), node: "a")
            let trending = TrendingFeed(repository: store, clock: FixedClock(WebFixture.now))
            _ = try await sender.plan(.daily, on: CommunityFixture.today)
            let run = try await sender.sendDue { _, categories in try await trending.papers(categories: categories, limit: 10) }
            #expect(run.sent == 2)

            let digests = mailer.sent.filter { $0.subject.hasPrefix("Trending") }
            let reader = try #require(digests.first { $0.to.map(\.address) == ["reader@example.org"] })
            #expect(reader.subject.contains("Trending papers in cs.IR, cs.CV for"))
            #expect(reader.textBody.contains("Quokka Networks") && reader.textBody.contains("Wombat Diffusion"))
            #expect(!reader.textBody.contains("Platypus Graph"))
            let everyone = try #require(digests.first { $0.to.map(\.address) == ["all@example.org"] })
            #expect(everyone.textBody.contains("Quokka Networks") && everyone.textBody.contains("Platypus Graph"))
        }
    }

    @Test(arguments: ["cs.CL; DROP TABLE", "<script>", "cs.CL.extra"])
    func aMalformedCategoryIsRefusedAndNothingIsStored(categories: String) async throws {
        let mailer = RecordingMailer()
        try await withStore(Self.papers) { store in
            try await CommunityFixture.withApp(store: store, mailer: mailer) { client in
                var reader = Browser(client)
                _ = try await reader.get("/")
                let response = try await reader.post("/digest/subscribe", form: [("email", "reader@example.org"), ("categories", categories)])
                #expect(response.status == .badRequest)
                #expect(response.text.contains("is not an arXiv category"))
                #expect(mailer.sent.isEmpty)
                #expect(try await store.subscriberCount(frequency: .daily, state: .pending) == 0)
            }
        }
    }
}
