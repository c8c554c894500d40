import Foundation

// The shapes of a Hugging Face `/api/daily_papers` entry, as far as PaperFeed reads them.
// Every field is optional and a field of the wrong type reads as absent: the API has grown
// fields over the years, and one odd field must not cost the whole entry.

extension HFDailyPapersParser {
    /// One element of the top-level array.
    struct Entry: Decodable {
        var paper: PaperDTO?
        var publishedAt: String?
        var title: String?
        var summary: String?
        var numComments: Int?
        var submittedBy: UserDTO?

        enum CodingKeys: String, CodingKey {
            case paper, publishedAt, title, summary, numComments, submittedBy
        }

        init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            paper = c.lenient(PaperDTO.self, .paper)
            publishedAt = c.lenient(String.self, .publishedAt)
            title = c.lenient(String.self, .title)
            summary = c.lenient(String.self, .summary)
            numComments = c.lenient(Int.self, .numComments)
            submittedBy = c.lenient(UserDTO.self, .submittedBy)
        }
    }

    /// `entry.paper`.
    struct PaperDTO: Decodable {
        var id: String?
        var title: String?
        var summary: String?
        var authors: [AuthorDTO]
        var publishedAt: String?
        var submittedOnDailyAt: String?
        var submittedOnDailyBy: UserDTO?
        var upvotes: Int?
        var githubRepo: String?
        var githubStars: Int?
        var projectPage: String?
        var aiKeywords: [String]
        var aiSummary: String?

        enum CodingKeys: String, CodingKey {
            case id, title, summary, authors, publishedAt, submittedOnDailyAt, submittedOnDailyBy
            case upvotes, githubRepo, githubStars, projectPage
            case aiKeywords = "ai_keywords", aiSummary = "ai_summary"
        }

        init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            id = c.lenient(String.self, .id)
            title = c.lenient(String.self, .title)
            summary = c.lenient(String.self, .summary)
            authors = (c.lenient([Lossy<AuthorDTO>].self, .authors) ?? []).compactMap(\.value)
            publishedAt = c.lenient(String.self, .publishedAt)
            submittedOnDailyAt = c.lenient(String.self, .submittedOnDailyAt)
            submittedOnDailyBy = c.lenient(UserDTO.self, .submittedOnDailyBy)
            upvotes = c.lenient(Int.self, .upvotes)
            githubRepo = c.lenient(String.self, .githubRepo)
            githubStars = c.lenient(Int.self, .githubStars)
            projectPage = c.lenient(String.self, .projectPage)
            aiKeywords = c.lenient([String].self, .aiKeywords) ?? []
            aiSummary = c.lenient(String.self, .aiSummary)
        }
    }

    /// `paper.authors[]`.
    struct AuthorDTO: Decodable {
        var name: String?
        var user: UserDTO?
        enum CodingKeys: String, CodingKey { case name, user }
        init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            name = c.lenient(String.self, .name)
            user = c.lenient(UserDTO.self, .user)
        }
    }

    /// `submittedBy`, `paper.submittedOnDailyBy`, `author.user`: `name`/`user` are the user
    /// name, `fullname` the display name.
    struct UserDTO: Decodable {
        var name: String?
        var user: String?
        var fullname: String?
        enum CodingKeys: String, CodingKey { case name, user, fullname }
        init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            name = c.lenient(String.self, .name)
            user = c.lenient(String.self, .user)
            fullname = c.lenient(String.self, .fullname)
        }
    }

    /// An array element that decodes as `T`, or records why not without failing the array.
    struct Lossy<T: Decodable>: Decodable {
        var value: T?
        var error: (any Error)?
        /// The element was a JSON string (the Python-repr files).
        var isString = false

        init(from decoder: any Decoder) throws {
            do {
                value = try T(from: decoder)
            } catch {
                self.error = error
                isString = (try? decoder.singleValueContainer().decode(String.self)) != nil
            }
        }
    }

    /// `{"status": …, "date": …, "data": [...]}`: the wrapper some dump files use.
    struct Wrapper: Decodable {
        var data: [Lossy<Entry>]
    }
}

extension KeyedDecodingContainer {
    /// The value under `key`, or `nil` when it is absent, `null`, or of another type.
    func lenient<T: Decodable>(_ type: T.Type, _ key: Key) -> T? {
        (try? decodeIfPresent(type, forKey: key)) ?? nil
    }
}

extension DecodingError {
    /// What went wrong with `data`, in words a user can act on: where the JSON syntax breaks,
    /// or which field had the wrong shape (`… (at [3].paper.id)`).
    func readableDescription(of data: Data) -> String {
        if case let .dataCorrupted(context) = self, context.codingPath.isEmpty {
            return Self.syntaxError(in: data) ?? readableDescription
        }
        return readableDescription
    }

    /// JSONDecoder only says "not valid JSON"; JSONSerialization says where. Run on failures only.
    private static func syntaxError(in data: Data) -> String? {
        do {
            _ = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
            return nil
        } catch {
            guard let detail = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String else { return nil }
            if let marker = detail.range(of: "around character "),
               let offset = Int(detail[marker.upperBound...].prefix { $0.isNumber }) {
                let line = 1 + data.prefix(offset).reduce(0) { $1 == 0x0A ? $0 + 1 : $0 }
                return "invalid JSON at line \(line): \(detail)"
            }
            return "invalid JSON: \(detail)"
        }
    }

    /// What went wrong, in words a user can act on: `invalid JSON: … (at [3].paper.id)`.
    var readableDescription: String {
        func path(_ codingPath: [any CodingKey]) -> String {
            guard !codingPath.isEmpty else { return "" }
            let text = codingPath.map { key in
                key.intValue.map { "[\($0)]" } ?? ".\(key.stringValue)"
            }.joined()
            return " (at \(text.hasPrefix(".") ? String(text.dropFirst()) : text))"
        }
        switch self {
        case let .dataCorrupted(context):
            let underlying = (context.underlyingError as NSError?).map { error in
                (error.userInfo[NSDebugDescriptionErrorKey] as? String) ?? error.localizedDescription
            }
            return "invalid JSON: \(underlying ?? context.debugDescription)\(path(context.codingPath))"
        case let .typeMismatch(type, context):
            let name = String(describing: type)
            let expected = name.hasPrefix("Dictionary") ? "a JSON object" : name.hasPrefix("Array") ? "a JSON array" : name
            return "wrong type, expected \(expected)\(path(context.codingPath))"
        case let .valueNotFound(type, context):
            return "missing \(type) value\(path(context.codingPath))"
        case let .keyNotFound(key, context):
            return "missing field \"\(key.stringValue)\"\(path(context.codingPath))"
        @unknown default:
            return String(describing: self)
        }
    }
}
