import Foundation
import Hummingbird
import NIOCore

/// The JSON bodies `huggingface_hub` sends to the collections API.
struct CreateBody: Decodable {
    let title: String
    let namespace: String?
    let description: String?
    let `private`: Bool?
}

/// `update_collection_metadata` sends only what changes; `position` and `theme` are accepted
/// and not kept (PaperFeed has one order of collections and one look).
struct UpdateBody: Decodable {
    let title: String?
    let description: String?
    let `private`: Bool?
    let position: Int?
    let theme: String?
}

struct AddItemBody: Decodable {
    struct Item: Decodable {
        let id: String
        let type: String
    }
    let item: Item
    let note: String?
}

struct UpdateItemBody: Decodable {
    let note: String?
    let position: Int?
}

/// Reading a JSON request body, at most 64 KB of it.
enum JSONBody {
    static let maxSize = 64 * 1024

    static func decode<T: Decodable>(_ type: T.Type, from request: Request) async throws -> T {
        if let length = request.headers[.contentLength].flatMap(Int.init), length > maxSize { throw tooLarge }
        let bytes: ByteBuffer
        do {
            bytes = try await request.body.collect(upTo: maxSize)
        } catch is NIOTooManyBytesError {
            throw tooLarge
        }
        do {
            return try JSONDecoder().decode(T.self, from: Data(bytes.readableBytesView))
        } catch let DecodingError.keyNotFound(key, _) {
            throw RequestError.badRequest("The JSON body lacks “\(key.stringValue)”.")
        } catch let DecodingError.typeMismatch(_, context) {
            throw RequestError.badRequest("The JSON body's “\(context.codingPath.map(\.stringValue).joined(separator: "."))” has the wrong type.")
        } catch {
            throw RequestError.badRequest("The body must be a JSON object (application/json).")
        }
    }

    private static var tooLarge: RequestError {
        RequestError(status: .contentTooLarge, message: "The body is larger than \(maxSize / 1024) KB.")
    }
}

/// The limits Hugging Face sets on what a collection holds, checked before anything is stored.
enum CollectionFields {
    /// 1 to 100 characters, surrounding white space removed.
    static func title(_ text: String) throws -> String {
        let title = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard (1...100).contains(title.count) else { throw RequestError.badRequest("A title has 1 to 100 characters.") }
        return title
    }

    /// At most 150 characters; an empty one is none.
    static func description(_ text: String?) throws -> String? {
        try limited(text, to: 150, "A description")
    }

    /// At most 500 characters; an empty one is none.
    static func note(_ text: String?) throws -> String? {
        try limited(text, to: 500, "A note")
    }

    private static func limited(_ text: String?, to maximum: Int, _ what: String) throws -> String? {
        guard let text = text?.trimmingCharacters(in: .whitespacesAndNewlines), !text.isEmpty else { return nil }
        guard text.count <= maximum else { throw RequestError.badRequest("\(what) has at most \(maximum) characters.") }
        return text
    }
}
