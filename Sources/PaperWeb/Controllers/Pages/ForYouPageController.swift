import Foundation
import Hummingbird
import PaperCore
import PaperSearch

/// `/papers/for-you`: the logged-in user's recommendations, each saying why (the saved paper
/// closest to it and the terms they share). With fewer than `minimumSaved` saved papers it
/// explains that and offers papers to save: the trending ones, and the top papers of a
/// category chosen with `?cat=`, and an import of a `.bib` or CSL-JSON file into "Saved"
/// (`POST /papers/for-you/import`). It links the downloads of the recommendations and of the
/// "Saved" collection. Never cached: every answer is one user's.
struct ForYouPageController<Context: VisitorRequestContext> {
    let repository: any PaperRepository
    let library: any LibraryStore
    let upload: BibliographyUpload
    /// `nil` when semantic search is off: the page says recommendations need the model.
    let recommender: PersonalRecommender?
    let trending: TrendingFeed
    let marks: CardMarks
    let renderer: PageRenderer
    let semanticOffReason: String
    static var path: String { "/papers/for-you" }
    static var minimumSaved: Int { 3 }
    static var pageSize: Int { 30 }
    static var pickSize: Int { 10 }

    func register(on router: Router<Context>) {
        router.get(RouterPath(Self.path)) { request, context in
            guard context.visitor.user != nil else { return Redirect.toLogin(next: Self.path) }
            return try await page(request, context).response(from: request, context: context)
        }
        router.post(RouterPath(UploadForm.forYouPath)) { request, context in
            guard let user = context.visitor.user else { return Redirect.toLogin(next: Self.path) }
            let saved = try await library.defaultCollection(ownerID: user.id, now: upload.clock.now())
            let report = try await upload.run(context.form, into: saved)
            return try await page(request, context, report: report).response(from: request, context: context)
        }
    }

    private func page(_ request: Request, _ context: Context, report: BibliographyImportReport? = nil) async throws -> BodyResponse {
        let user = try context.visitor.requireUser()
        let category = try ListingPagesController<Context>.filter(request)
        let marked = try await marks.library(of: context.visitor)
        var model = ForYouPageModel(savedCount: marked?.saved.count ?? 0, minimumSaved: Self.minimumSaved, category: category)
        model.report = report.map(ImportReportView.init)
        if marked?.inDefault.isEmpty == false,
           let saved = try await library.collections(CollectionQuery(ownerID: user.id, viewerID: user.id,
                                                                     limit: LibraryLimits.collectionsPerUser))
               .first(where: \.isDefault) {
            model.savedPath = CollectionLookup.path(saved)
            model.savedDownloads = BibliographyDownload.links(collectionPath: CollectionLookup.path(saved))
        }
        if let recommender {
            let signals = try await recommender.signals(userID: user.id)
            if signals.saved.count >= Self.minimumSaved {
                let found = try await recommender.recommend(userID: user.id, signals: signals, since: nil, limit: Self.pageSize)
                model.cards = found.items.enumerated().map { index, item in
                    var card = PaperCard(item.paper, rank: index + 1)
                    card.because = RecommendationReason(item)
                    return card
                }
                model.downloads = found.items.isEmpty ? [] : RecommendationsAPIController<Context>.downloads(limit: Self.pageSize)
                model.periodNote = found.widened
                    ? "Fewer new papers than this appeared in the last 30 days, so these are chosen from every paper here."
                    : found.since.map { "New papers since \(DayFormat.long(Day($0))), ranked for you." }
            }
        } else {
            model.notice = "Recommendations need the embedding model, which this server does not have. \(semanticOffReason)"
        }
        if model.coldStart {
            var picks = try await trending.papers(limit: Self.pickSize).map(\.paper)
            if picks.isEmpty {
                picks = try await repository.listing(ListingQuery(order: .upvotes, limit: Self.pickSize, countsTotal: false)).papers
            }
            model.picks = picks.map { PaperCard($0) }
            if let category {
                let top = try await repository.listing(ListingQuery(.appeared, categories: [category], order: .upvotes,
                                                                    limit: Self.pickSize, countsTotal: false))
                model.categoryCards = top.papers.map { PaperCard($0) }
            }
        }
        try await marks.mark(&model.cards, for: context.visitor)
        try await marks.mark(&model.picks, for: context.visitor)
        try await marks.mark(&model.categoryCards, for: context.visitor)
        let chrome = PageChrome(title: "For you", description: "New papers ranked for you from the papers you saved.")
        return .html(renderer.render("for-you", model, chrome: chrome, visitor: context.visitor))
    }
}

/// Why a paper is recommended: the saved paper nearest to it and the terms they share.
struct RecommendationReason {
    let title: String
    let url: String
    let terms: [String]

    init?(_ recommendation: Recommendation) {
        guard let saved = recommendation.nearestSaved else { return nil }
        title = saved.title
        url = "/papers/" + saved.id.rawValue
        terms = recommendation.terms
    }
}

/// The model of `/papers/for-you`.
struct ForYouPageModel {
    let savedCount: Int
    let minimumSaved: Int
    /// Fewer saved papers than recommendations need: the page offers papers to save.
    let coldStart: Bool
    /// The category whose top papers `categoryCards` are, from `?cat=`.
    let category: String?
    let categories: [String]
    var notice: String?
    var periodNote: String?
    var cards: [PaperCard] = []
    var picks: [PaperCard] = []
    var categoryCards: [PaperCard] = []
    /// The recommendations shown, as BibTeX, RIS and CSL-JSON.
    var downloads: [DownloadLink] = []
    /// The visitor's "Saved" collection and its downloads, when it holds papers.
    var savedPath: String?
    var savedDownloads: [DownloadLink] = []
    /// What an import into "Saved" from this page did.
    var report: ImportReportView?
    let maxImportMB = UploadForm.maxMegabytes

    init(savedCount: Int, minimumSaved: Int, category: ArxivCategory?) {
        self.savedCount = savedCount
        self.minimumSaved = minimumSaved
        coldStart = savedCount < minimumSaved
        self.category = category?.name
        categories = Self.commonCategories
    }

    /// Offered in the category picker; any other category can be typed.
    static let commonCategories = ["cs.AI", "cs.CL", "cs.CV", "cs.LG", "cs.IR", "cs.RO", "cs.CR", "cs.SE", "cs.HC", "cs.SD",
                                   "eess.AS", "eess.IV", "stat.ML", "math.OC", "q-bio.QM"]
}
