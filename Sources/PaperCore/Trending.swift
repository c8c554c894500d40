import Foundation

/// Ranks recently listed papers by how much attention they are getting, and says why.
///
/// A paper's points are its upvotes, plus 3 per comment (a discussion is a stronger signal than
/// a click), plus 2 × log2(1 + GitHub stars) (stars grow for reasons beyond the paper, so they
/// count with diminishing returns). Points decay with age like Hacker News's gravity:
/// `score = points / (ageInDays + 1)^1.5`, where age counts from the start of the listing day.
/// Only papers listed within `window` days of the reference time take part.
public struct TrendingRanker: Sendable {
    public var window: Int
    public var gravity: Double

    public init(window: Int = 7, gravity: Double = 1.5) {
        self.window = window
        self.gravity = gravity
    }

    /// The days whose papers can trend at `reference`.
    public func candidateDays(at reference: Date) -> ClosedRange<Day> {
        let today = Day(reference)
        return today.adding(days: -(window - 1))...today
    }

    /// Ranks `papers`, highest score first; ties go to the more upvoted, then the newer.
    public func rank(_ papers: [Paper], at reference: Date) -> [TrendingPaper] {
        papers.map { score($0, at: reference) }.sorted {
            ($0.score, $0.paper.upvotes, $0.paper.id) > ($1.score, $1.paper.upvotes, $1.paper.id)
        }
    }

    public func score(_ paper: Paper, at reference: Date) -> TrendingPaper {
        let listed = paper.noticedAt ?? reference
        let ageDays = max(0, reference.timeIntervalSince(listed) / 86_400)
        let starPoints = 2 * log2(1 + Double(paper.githubStars ?? 0))
        let points = Double(paper.upvotes) + 3 * Double(paper.commentCount) + starPoints
        return TrendingPaper(paper: paper, score: points / pow(ageDays + 1, gravity),
                             points: points, starPoints: starPoints, ageDays: ageDays)
    }
}

/// A paper with its trending score and the parts it is made of.
public struct TrendingPaper: Sendable {
    public let paper: Paper
    public let score: Double
    public let points: Double
    public let starPoints: Double
    public let ageDays: Double

    /// What made the paper trend, in words: `42 upvotes · 3 comments · 1.2k stars · listed 2 days ago`.
    public var reasons: String {
        var parts = ["\(paper.upvotes) upvote\(paper.upvotes == 1 ? "" : "s")"]
        if paper.commentCount > 0 { parts.append("\(paper.commentCount) comment\(paper.commentCount == 1 ? "" : "s")") }
        if let stars = paper.githubStars, stars > 0 { parts.append("\(Self.compact(stars)) GitHub stars") }
        let days = Int(ageDays)
        parts.append(days == 0 ? "listed today" : days == 1 ? "listed yesterday" : "listed \(days) days ago")
        return parts.joined(separator: " · ")
    }

    public static func compact(_ number: Int) -> String {
        number >= 1_000 ? String(format: "%.1fk", Double(number) / 1_000) : String(number)
    }
}
