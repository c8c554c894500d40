import Foundation
import PaperCore

/// Collections in the JSON shape of Hugging Face's collections API, which `huggingface_hub`'s
/// `Collection` and `CollectionItem` read: every field they require is here.
enum CollectionJSON {
    struct Collection: Encodable {
        let slug: String
        let title: String
        let description: String?
        let owner: Owner
        let items: [Item]
        let lastUpdated: String
        let createdAt: String
        /// Its place among its owner's collections; left out of lists, where `huggingface_hub`
        /// numbers the collections itself (and would refuse a second `position`).
        let position: Int?
        let `private`: Bool
        let theme = "orange"
        let upvotes = 0
        let isUpvotedByUser = false
        let gating = false

        init(_ collection: PaperCollection, items: [Item], position: Int?) {
            slug = collection.slug
            title = collection.title
            description = collection.description
            owner = Owner(name: collection.ownerName)
            self.items = items
            lastUpdated = HFJSON.timestamp(collection.updatedAt)
            createdAt = HFJSON.timestamp(collection.createdAt)
            self.position = position
            self.private = collection.isPrivate
        }
    }

    struct Owner: Encodable {
        let name: String
        let fullname: String
        let type = "user"

        init(name: String) {
            self.name = name
            fullname = name
        }
    }

    /// A paper in a collection: `_id` is the item's own id (for `update_collection_item`), `id`
    /// the paper's.
    struct Item: Encodable {
        let _id: String
        let id: String
        let type = "paper"
        let position: Int
        let note: Note?
        let title: String
        let upvotes: Int
        let numComments: Int
        let publishedAt: String?
        let addedAt: String

        init(_ item: CollectionItem, paper: Paper) {
            _id = String(item.id)
            id = item.paperID.rawValue
            position = item.position
            note = item.note.map(Note.init)
            title = paper.title
            upvotes = paper.upvotes
            numComments = paper.commentCount
            publishedAt = paper.publishedAt.map(HFJSON.timestamp)
            addedAt = HFJSON.timestamp(item.addedAt)
        }
    }

    struct Note: Encodable {
        let text: String
        let html: String

        init(_ text: String) {
            self.text = text
            html = text.htmlEscaped
        }
    }

    /// `PATCH /api/collections/{slug}` answers `{"data": collection}`.
    struct Updated: Encodable {
        let data: Collection
    }

    /// A 409 for a title taken: `create_collection(exists_ok=True)` reads `slug` from it.
    struct Conflict: Encodable {
        let error: String
        let slug: String
    }

    /// `GET /api/whoami-v2`, as `huggingface_hub.whoami()` reads it.
    struct WhoAmI: Encodable {
        let type = "user"
        let id: String
        let name: String
        let fullname: String
        let email: String
        let emailVerified = false
        let isPro = false
        let canPay = false
        let orgs: [String] = []
        let auth: Auth

        init(_ user: User, token: APIToken?) {
            id = String(user.id)
            name = user.name
            fullname = user.name
            email = user.email
            auth = Auth(token: token)
        }
    }

    struct Auth: Encodable {
        /// `access_token` for a bearer token, `session` for a logged-in browser.
        let type: String
        let accessToken: AccessToken?

        init(token: APIToken?) {
            type = token == nil ? "session" : "access_token"
            accessToken = token.map(AccessToken.init)
        }
    }

    struct AccessToken: Encodable {
        let displayName: String
        /// Every PaperFeed token can read and change its owner's library.
        let role = "write"
        let createdAt: String

        init(_ token: APIToken) {
            displayName = token.name
            createdAt = HFJSON.timestamp(token.createdAt)
        }
    }
}
