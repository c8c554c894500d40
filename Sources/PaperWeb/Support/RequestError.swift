import Foundation
import Hummingbird

/// A request the service cannot answer as asked: bad parameters (400), no or a bad API token (401), or an unknown thing (404).
/// The message is shown to the person or client that sent it.
struct RequestError: Error {
    let status: HTTPResponse.Status
    let message: String

    static func badRequest(_ message: String) -> RequestError { RequestError(status: .badRequest, message: message) }
    static func notFound(_ message: String) -> RequestError { RequestError(status: .notFound, message: message) }
    static func unauthorized(_ message: String) -> RequestError { RequestError(status: .unauthorized, message: message) }
    static func forbidden(_ message: String) -> RequestError { RequestError(status: .forbidden, message: message) }
    static func conflict(_ message: String) -> RequestError { RequestError(status: .conflict, message: message) }
    static func tooManyRequests(_ message: String) -> RequestError { RequestError(status: .tooManyRequests, message: message) }
}
