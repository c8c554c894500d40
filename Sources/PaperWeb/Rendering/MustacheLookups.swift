import Mustache

// Mustache finds a template's names by reflection (`Mirror`) unless a model answers them
// itself; reflection walks every property for every name, which made a 50-card page cost
// ~10 ms to render. The models on every list answer by name here. A name missing from a
// switch renders as empty, so each lists all of its type's stored properties.

extension PaperCard: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "id": id
        case "url": url
        case "titleHTML": titleHTML
        case "authors": authors
        case "upvotes": upvotes
        case "comments": comments
        case "commentsLabel": commentsLabel
        case "codeURL": codeURL
        case "codeName": codeName
        case "stars": stars
        case "keywords": keywords
        case "categories": categories
        case "keywordsGenerated": keywordsGenerated
        case "listedOn": listedOn
        case "snippetHTML": snippetHTML
        case "submitter": submitter
        case "reasons": reasons
        case "match": match
        case "rank": rank
        case "voted": voted
        case "library": library
        case "because": because
        default: nil
        }
    }
}

extension PageContext: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "site": site
        case "chrome": chrome
        case "visitor": visitor
        case "page": page
        default: nil
        }
    }
}

extension VisitorView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "loggedIn": loggedIn
        case "name": self.name
        case "isAdmin": isAdmin
        case "csrf": csrf
        default: nil
        }
    }
}

extension PageChrome: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "title": title
        case "query": query
        case "rssURL": rssURL
        case "atomURL": atomURL
        case "description": description
        default: nil
        }
    }
}

extension ListingPageModel: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "showsSubscribe": showsSubscribe
        case "heading": heading
        case "periodKind": periodKind
        case "cards": cards
        case "total": total
        case "totalLabel": totalLabel
        case "isEmpty": isEmpty
        case "previousURL": previousURL
        case "nextURL": nextURL
        case "previousLabel": previousLabel
        case "nextLabel": nextLabel
        case "dayURL": dayURL
        case "weekURL": weekURL
        case "monthURL": monthURL
        case "nearbyBefore": nearbyBefore
        case "nearbyBeforeURL": nearbyBeforeURL
        case "nearbyAfter": nearbyAfter
        case "nearbyAfterURL": nearbyAfterURL
        case "olderPageURL": olderPageURL
        case "newerPageURL": newerPageURL
        case "rssURL": rssURL
        case "atomURL": atomURL
        case "feedLabel": feedLabel
        case "showsFilter": showsFilter
        case "filter": filter
        default: nil
        }
    }
}

extension TrendingPageModel: MustacheParent {
    func child(named name: String) -> Any? {
        name == "cards" ? cards : nil
    }
}

extension PaperPageModel: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "id": id
        case "titleHTML": titleHTML
        case "authors": authors
        case "abstractHTML": abstractHTML
        case "aiSummary": aiSummary
        case "generatedSummary": generatedSummary
        case "keywords": keywords
        case "keywordsGenerated": keywordsGenerated
        case "categories": categories
        case "hasCategories": hasCategories
        case "published": published
        case "updated": updated
        case "listedOn": listedOn
        case "listedURL": listedURL
        case "submitter": submitter
        case "upvotes": upvotes
        case "comments": comments
        case "arxivURL": arxivURL
        case "pdfURL": pdfURL
        case "codeURL": codeURL
        case "codeName": codeName
        case "stars": stars
        case "projectPage": projectPage
        case "doi": doi
        case "bibTeX": bibTeX
        case "coins": coins
        case "collections": collections
        case "authorsToFollow": authorsToFollow
        case "followedAuthors": followedAuthors
        case "similar": similar
        case "hasSimilar": hasSimilar
        case "discussion": discussion
        case "library": library
        default: nil
        }
    }
}

extension SearchLink: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "text": text
        case "url": url
        default: nil
        }
    }
}

extension DiscussionModel: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "paperID": paperID
        case "voted": voted
        case "loggedIn": loggedIn
        case "isAdmin": isAdmin
        case "comments": comments
        case "commentCount": commentCount
        case "authorNames": authorNames
        case "loginURL": loginURL
        default: nil
        }
    }
}

extension DiscussionModel.CommentView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "id": id
        case "author": author
        case "authorURL": authorURL
        case "bodyHTML": bodyHTML
        case "body": body
        case "date": date
        case "edited": edited
        case "mine": mine
        case "canDelete": canDelete
        default: nil
        }
    }
}

extension SearchPageModel: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "query": query
        case "encodedQuery": encodedQuery
        case "modes": modes
        case "modeValue": modeValue
        case "notice": notice
        case "error": error
        case "cards": cards
        case "total": total
        case "totalLabel": totalLabel
        case "totalNote": totalNote
        case "help": help
        case "olderPageURL": olderPageURL
        case "newerPageURL": newerPageURL
        case "searched": searched
        case "noResults": noResults
        case "downloads": downloads
        default: nil
        }
    }
}

extension ModeLink: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "name": self.name
        case "url": url
        case "current": current
        default: nil
        }
    }
}
