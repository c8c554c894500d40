import NIOCore
import NIOPosix
import Testing

/// Bytes sent as they are to a live server on loopback, for what a well-behaved client never
/// sends: a forged `Host`, a request cut off halfway, a header no library would write.
enum RawHTTP {
    /// Sends `request` to `127.0.0.1:port` and returns everything read until the server closes
    /// the connection (send `Connection: close`, or rely on the server's idle timeout) or resets it.
    /// `source` picks the loopback address the request comes from (127.0.0.2 …), so that tests
    /// can be several visitors to per-address limits.
    static func exchange(port: Int, from source: String? = nil, _ request: String) async throws -> String {
        var bootstrap = ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
        if let source { bootstrap = bootstrap.bind(to: try SocketAddress(ipAddress: source, port: 0)) }
        let channel = try await bootstrap.connect(host: "127.0.0.1", port: port) { channel in
            channel.eventLoop.makeCompletedFuture {
                try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
            }
        }
        return try await channel.executeThenClose { inbound, outbound in
            var answer = ""
            // A server that refuses a request before reading all of it (a 100 kB header) may
            // reset the connection: that is an answer too, whatever it wrote before.
            do {
                try await outbound.write(ByteBuffer(string: request))
                for try await buffer in inbound { answer += String(buffer: buffer) }
            } catch let error as IOError where [ECONNRESET, EPIPE].contains(error.errnoCode) {
            } catch ChannelError.ioOnClosedChannel {}
            return answer
        }
    }

    /// A GET of `path` with the `Host` header `host`, closing the connection after the answer.
    static func get(port: Int, _ path: String, host: String = "localhost", headers: String = "") async throws -> String {
        try await exchange(port: port, "GET \(path) HTTP/1.1\r\nHost: \(host)\r\n\(headers)Connection: close\r\n\r\n")
    }

    /// Posts a form to `path` from `source`, fetching `/login` first for the CSRF cookie and token
    /// as a browser would; returns the whole answer.
    static func post(port: Int, from source: String, _ path: String, form: [(String, String)],
                     host: String = "localhost", headers: String = "") async throws -> String {
        let page = try await exchange(port: port, from: source, "GET /login HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
        let token = try #require(Browser.csrfToken(in: page))
        let body = Browser.encode(form + [("csrf", token)])
        let head = "POST \(path) HTTP/1.1\r\nHost: \(host)\r\n\(headers)Cookie: pf_csrf=\(token)\r\n"
            + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: \(body.utf8.count)\r\nConnection: close\r\n\r\n"
        return try await exchange(port: port, from: source, head + body)
    }

    /// The status of a GET of `path`, asked again while the connection closes unanswered. With a
    /// short idle timeout (the tests of slow clients use 1–2 s) a heavily loaded test run can
    /// leave a new connection unread past it, and the server closes it as it would a silent
    /// client: that is the timeout working, not the server refusing. At most `attempts` asks.
    static func statusOnceServed(port: Int, _ path: String, attempts: Int = 60) async throws -> Int {
        for _ in 1..<attempts {
            let answer = try await get(port: port, path)
            if !answer.isEmpty { return status(answer) }
        }
        return status(try await get(port: port, path))
    }

    /// The status code of a raw answer (`HTTP/1.1 429 Too Many Requests` gives 429).
    static func status(_ answer: String) -> Int {
        Int(answer.split(separator: " ", maxSplits: 2).dropFirst().first ?? "") ?? 0
    }
}
