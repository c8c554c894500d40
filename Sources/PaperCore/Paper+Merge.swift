extension Paper {
    /// What to store when `self` arrives for a paper already stored as `existing`.
    ///
    /// Returns `nil` when `self` describes an older arXiv version than `existing` (the stored
    /// record stays). Otherwise fields `self` carries win and fields it lacks are kept, so that
    /// importing the same record twice gives the same row and sources complement each other
    /// (categories from arXiv, upvotes and code links from Hugging Face). Counts never go down
    /// through an import, and a paper keeps the first day it was listed.
    public func merged(over existing: Paper) -> Paper? {
        if let mine = version, let theirs = existing.version, mine < theirs { return nil }
        var result = self
        result.version = [version, existing.version].compactMap { $0 }.max()
        if title.isEmpty { result.title = existing.title }
        if abstract.isEmpty { result.abstract = existing.abstract }
        if authors.isEmpty { result.authors = existing.authors }
        // A claimed authorship stays linked when a source without user links re-sends the list.
        result.authors = result.authors.enumerated().map { index, author in
            var author = author
            if author.user == nil, index < existing.authors.count, existing.authors[index].name == author.name {
                author.user = existing.authors[index].user
            }
            return author
        }
        if categories.isEmpty { result.categories = existing.categories }
        result.publishedAt = publishedAt ?? existing.publishedAt
        result.updatedAt = [updatedAt, existing.updatedAt].compactMap { $0 }.max()
        result.listedOn = [listedOn, existing.listedOn].compactMap { $0 }.min()
        result.submitter = existing.listedOn != nil && existing.listedOn == result.listedOn
            ? existing.submitter ?? submitter : submitter ?? existing.submitter
        result.upvotes = max(upvotes, existing.upvotes)
        result.commentCount = max(commentCount, existing.commentCount)
        result.githubRepo = githubRepo ?? existing.githubRepo
        result.githubStars = githubStars ?? existing.githubStars
        result.projectPage = projectPage ?? existing.projectPage
        if aiKeywords.isEmpty { result.aiKeywords = existing.aiKeywords }
        result.aiSummary = aiSummary ?? existing.aiSummary
        result.doi = doi ?? existing.doi
        result.journalRef = journalRef ?? existing.journalRef
        result.source = existing.source
        return result
    }
}
