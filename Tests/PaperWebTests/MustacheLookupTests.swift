import Foundation
import Mustache
import PaperCore
import PaperSearch
import Testing
@testable import PaperWeb

/// The models that answer template names themselves must answer every name reflection would,
/// or a field added later would silently render empty.
@Suite struct MustacheLookupTests {
    static let paper = Paper(
        id: PaperID(rawValue: "2608.00001"), title: "A title", abstract: "An abstract.", authors: [Author(name: "Ada")],
        listedOn: Day("2026-08-21"), submitter: Submitter(name: "ada"), upvotes: 3, commentCount: 1,
        githubRepo: "https://github.com/a/b", githubStars: 10, aiKeywords: ["k"], source: .huggingFace)

    func expectAnswersEveryStoredProperty(_ model: any MustacheParent) {
        for case let (label?, value) in Mirror(reflecting: model).children {
            let reflectedIsNil = (value as Any?).flatMap { value in
                Mirror(reflecting: value).displayStyle == .optional && Mirror(reflecting: value).children.isEmpty ? nil : value
            } == nil
            #expect((model.child(named: label) == nil) == reflectedIsNil, "\(type(of: model)).\(label)")
        }
    }

    @Test func listModelsAnswerEveryNameReflectionWould() {
        let card = PaperCard(Self.paper, rank: 1, highlighting: ["title"], withSnippet: true, reasons: "3 upvotes")
        expectAnswersEveryStoredProperty(card)
        let listing = ListingPageModel(period: .day(Day("2026-08-21")!), scope: .daily(.curated, filter: ArxivCategory("cs.CL")), result: ListingPage(papers: [Self.paper], total: 1),
                                       page: 0, pageSize: 50, nearby: NearbyDays(before: Day("2026-08-20"), after: Day("2026-08-24")))
        expectAnswersEveryStoredProperty(listing)
        expectAnswersEveryStoredProperty(TrendingPageModel(cards: [card]))
        let chrome = PageChrome(title: "T", query: "q", rssURL: "/r", atomURL: "/a", description: "d")
        expectAnswersEveryStoredProperty(chrome)
        let visitor = VisitorView(Visitor(user: User(id: 1, name: "ada", email: "a@x.org", passwordHash: "h", isAdmin: true,
                                                     createdAt: Date()), csrfToken: "t"))
        expectAnswersEveryStoredProperty(visitor)
        expectAnswersEveryStoredProperty(PageContext(site: "S", chrome: chrome, visitor: visitor, page: listing))
    }

    @Test func paperAndSearchModelsAnswerEveryNameReflectionWould() {
        let page = PaperPageModel(Self.paper, similar: [Self.paper])
        expectAnswersEveryStoredProperty(page)
        expectAnswersEveryStoredProperty(page.authors[0])
        let search = SearchPageModel(query: "q", mode: .hybrid, notice: "n", error: "e", cards: [PaperCard(Self.paper)], total: 1,
                                     olderPageURL: "/o", newerPageURL: "/n")
        expectAnswersEveryStoredProperty(search)
        expectAnswersEveryStoredProperty(search.modes[0])
    }

    @Test func forYouModelsAnswerEveryNameReflectionWould() throws {
        var card = PaperCard(Self.paper, rank: 1)
        let reason = try #require(RecommendationReason(Recommendation(paper: Self.paper, score: 1, nearestSaved: Self.paper,
                                                                      terms: ["title"])))
        card.because = reason
        card.library.mark(id: Self.paper.id, LibraryMarks(saved: [SavedPaper(paperID: Self.paper.id, inDefault: true)], notInterested: []))
        expectAnswersEveryStoredProperty(card)
        expectAnswersEveryStoredProperty(card.library)
        expectAnswersEveryStoredProperty(reason)
        var model = ForYouPageModel(savedCount: 1, minimumSaved: 3, category: ArxivCategory("cs.CL"))
        model.notice = "n"
        model.periodNote = "p"
        model.cards = [card]
        expectAnswersEveryStoredProperty(model)
    }

    @Test func discussionModelsAnswerEveryNameReflectionWould() async throws {
        try await withStore([Self.paper]) { store in
            let user = try await store.createUser(name: "ada", email: "a@x.org", passwordHash: "h", isAdmin: true, now: Date())
            _ = try await store.addComment(userID: user.id, paper: Self.paper.id, body: "Hi", now: Date())
            try await store.editComment(id: 1, body: "Hi again", now: Date())
            let discussion = try await DiscussionModel(paper: Self.paper, community: store,
                                                       visitor: Visitor(user: user, csrfToken: "t"))
            expectAnswersEveryStoredProperty(discussion)
            expectAnswersEveryStoredProperty(try #require(discussion.comments.first))
        }
    }
}
