import Foundation

/// A comment on a paper: plain text, shown escaped.
public struct Comment: Hashable, Sendable {
    public var id: Int
    public var paperID: PaperID
    public var userID: Int
    public var userName: String
    public var body: String
    public var createdAt: Date
    public var editedAt: Date?

    public init(id: Int, paperID: PaperID, userID: Int, userName: String, body: String, createdAt: Date, editedAt: Date?) {
        self.id = id
        self.paperID = paperID
        self.userID = userID
        self.userName = userName
        self.body = body
        self.createdAt = createdAt
        self.editedAt = editedAt
    }
}

/// A vote's state after a toggle.
public struct VoteState: Hashable, Sendable {
    public var voted: Bool
    /// The paper's upvotes, imported and community together.
    public var upvotes: Int
    public init(voted: Bool, upvotes: Int) {
        self.voted = voted
        self.upvotes = upvotes
    }
}

/// A user's claim to be one of a paper's authors, decided by an admin.
public struct AuthorshipClaim: Hashable, Sendable {
    public enum State: String, Sendable, CaseIterable { case pending, approved, rejected }
    public var id: Int
    public var paperID: PaperID
    public var userID: Int
    public var userName: String
    public var authorName: String
    public var state: State
    public var createdAt: Date

    public init(id: Int, paperID: PaperID, userID: Int, userName: String, authorName: String, state: State, createdAt: Date) {
        self.id = id
        self.paperID = paperID
        self.userID = userID
        self.userName = userName
        self.authorName = authorName
        self.state = state
        self.createdAt = createdAt
    }
}

/// Why a submission was refused.
public enum SubmissionError: Error, Hashable, Sendable, CustomStringConvertible {
    case alreadyListed(PaperID, Day)

    public var description: String {
        switch self {
        case let .alreadyListed(id, day): "\(id) is already on the list of \(day)."
        }
    }
}

/// Votes, comments, submissions, authorship claims and moderation.
public protocol CommunityStore: Sendable {
    /// Adds the user's vote to the paper, or takes it back if there is one; the count changes
    /// in the same transaction, so concurrent toggles never lose a vote.
    func toggleVote(userID: Int, paper: PaperID, now: Date) async throws -> VoteState
    /// Which of `papers` the user has voted for.
    func votedPapers(userID: Int, among papers: [PaperID]) async throws -> Set<PaperID>

    /// Adds a comment and counts it on the paper.
    func addComment(userID: Int, paper: PaperID, body: String, now: Date) async throws -> Comment
    /// The paper's visible comments, oldest first.
    func comments(paper: PaperID) async throws -> [Comment]
    /// One comment (hidden ones too), or `nil`.
    func comment(id: Int) async throws -> Comment?
    /// Replaces a comment's text.
    func editComment(id: Int, body: String, now: Date) async throws
    /// Deletes a comment and uncounts it.
    func deleteComment(id: Int) async throws
    /// The user's visible comments, newest first.
    func comments(userID: Int, limit: Int) async throws -> [Comment]

    /// Puts a stored paper on `day`'s list as submitted by `userName`.
    /// Throws `SubmissionError.alreadyListed` when it is on that day's list already.
    func submit(paper: PaperID, userName: String, day: Day) async throws
    /// The papers the user submitted, newest first.
    func submissions(userName: String, limit: Int) async throws -> [Paper]

    /// Records a claim (one per user, paper and author name).
    func claimAuthorship(userID: Int, paper: PaperID, authorName: String, now: Date) async throws -> AuthorshipClaim
    /// Claims in `state`, oldest first.
    func claims(state: AuthorshipClaim.State) async throws -> [AuthorshipClaim]
    /// The user's claims, newest first.
    func claims(userID: Int) async throws -> [AuthorshipClaim]
    /// Approves or rejects a claim; an approved claim links the author to the user on the paper.
    func decideClaim(id: Int, approve: Bool) async throws

    /// Hides a paper from every list, feed, search and API answer, or shows it again.
    func setPaperHidden(_ paper: PaperID, hidden: Bool) async throws
    /// Hidden papers, for the admin page.
    func hiddenPapers() async throws -> [Paper]
    /// Hides a comment, or shows it again; hidden comments are not counted.
    func setCommentHidden(id: Int, hidden: Bool) async throws
}
