import Mustache

// The for-you page's and the library marks' models answer by name, as the list models do (`MustacheLookups.swift`).

extension ForYouPageModel: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "savedCount": savedCount
        case "minimumSaved": minimumSaved
        case "coldStart": coldStart
        case "category": category
        case "categories": categories
        case "notice": notice
        case "periodNote": periodNote
        case "cards": cards
        case "picks": picks
        case "categoryCards": categoryCards
        case "downloads": downloads
        case "savedPath": savedPath
        case "savedDownloads": savedDownloads
        case "report": report
        case "maxImportMB": maxImportMB
        default: nil
        }
    }
}

extension RecommendationReason: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "title": title
        case "url": url
        case "terms": terms
        default: nil
        }
    }
}

extension LibraryView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "offersSave": offersSave
        case "loggedIn": loggedIn
        case "saved": saved
        case "inSaved": inSaved
        case "notInterested": notInterested
        default: nil
        }
    }
}

extension LibraryControls: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "id": id
        case "library": library
        default: nil
        }
    }
}
