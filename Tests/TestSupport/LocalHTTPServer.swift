import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix
import Synchronization

/// A small HTTP/1.1 server on 127.0.0.1 (a free port) that serves canned answers per request
/// target and records when each request arrived, for testing HTTP clients against a real socket.
///
/// Each answer closes its connection, so that no client keeps a pooled connection to a server
/// a test has stopped.
public final class LocalHTTPServer: Sendable {
    /// One canned answer.
    public struct Response: Sendable {
        public var status: Int
        public var headers: [(String, String)] = []
        public var body: Data = Data()
        /// How long to wait before answering (a stalled server).
        public var delay: Duration = .zero
        /// Close the connection instead of answering (a server that drops requests).
        public var closesWithoutAnswer = false

        public init(status: Int, headers: [(String, String)] = [], body: Data = Data(), delay: Duration = .zero,
                    closesWithoutAnswer: Bool = false) {
            self.status = status
            self.headers = headers
            self.body = body
            self.delay = delay
            self.closesWithoutAnswer = closesWithoutAnswer
        }
    }

    /// One request as the server saw it.
    public struct Request: Sendable {
        /// The request target: path and query, e.g. `/api/query?id_list=1707.08567&max_results=1`.
        public var target: String
        public var headers: [(String, String)]
        public var receivedAt: ContinuousClock.Instant

        /// The first value of the header `name`, compared case-insensitively.
        public func header(_ name: String) -> String? {
            headers.first { $0.0.caseInsensitiveCompare(name) == .orderedSame }?.1
        }
    }

    private struct State {
        var routes: [String: [Response]]
        public var requests: [Request] = []
        var connections = 0
    }

    /// The port the server listens on.
    public let port: Int
    /// `http://127.0.0.1:{port}`.
    public var baseURL: String { "http://127.0.0.1:\(port)" }
    private let channel: any Channel
    private let recorder: Recorder

    /// Starts a server answering each target in `routes` with its responses in turn, the last
    /// one again once they run out, and `404` to any other target.
    public static func start(routes: [String: [Response]]) async throws -> LocalHTTPServer {
        let recorder = Recorder(routes: routes)
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                recorder.state.withLock { $0.connections += 1 }
                return channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline()
                    try channel.pipeline.syncOperations.addHandler(CannedResponder(answer: recorder.answer))
                }
            }
            .bind(host: "127.0.0.1", port: 0)
            .get()
        return LocalHTTPServer(channel: channel, recorder: recorder)
    }

    private init(channel: any Channel, recorder: Recorder) {
        self.channel = channel
        self.port = channel.localAddress?.port ?? 0
        self.recorder = recorder
    }

    /// The requests received so far, in arrival order.
    public var requests: [Request] { recorder.state.withLock { $0.requests } }

    /// How many connections the server has accepted so far.
    public var connectionCount: Int { recorder.state.withLock { $0.connections } }

    /// Stops listening; later connections to `port` are refused.
    public func stop() async throws {
        try await channel.close()
    }

    /// The routes and the requests seen, shared by the server and each connection's handler.
    private final class Recorder: Sendable {
        let state: Mutex<State>
        init(routes: [String: [Response]]) { state = Mutex(State(routes: routes)) }

        /// Records `request` and picks its answer.
        @Sendable func answer(_ request: Request) -> Response {
            state.withLock { state in
                let earlier = state.requests.filter { $0.target == request.target }.count
                state.requests.append(request)
                guard let responses = state.routes[request.target], let last = responses.last else {
                    return Response(status: 404, body: Data("no route for \(request.target)\n".utf8))
                }
                return earlier < responses.count ? responses[earlier] : last
            }
        }
    }
}

/// Answers each request with what `answer` picks, then closes the connection.
private final class CannedResponder: ChannelInboundHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    private let answer: @Sendable (LocalHTTPServer.Request) -> LocalHTTPServer.Response
    private var head: HTTPRequestHead?

    init(answer: @escaping @Sendable (LocalHTTPServer.Request) -> LocalHTTPServer.Response) {
        self.answer = answer
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case let .head(head):
            self.head = head
        case .body:
            break
        case .end:
            guard let head else { return }
            let request = LocalHTTPServer.Request(
                target: head.uri, headers: head.headers.map { ($0.name, $0.value) }, receivedAt: .now
            )
            let response = answer(request)
            let channel = context.channel
            self.head = nil
            if response.closesWithoutAnswer {
                channel.close(promise: nil)
                return
            }
            let delay = TimeAmount.nanoseconds(Int64(response.delay.components.seconds) * 1_000_000_000
                + response.delay.components.attoseconds / 1_000_000_000)
            // Written through the channel, not the context: the client may have gone by then.
            context.eventLoop.scheduleTask(in: delay) {
                Self.send(response, version: head.version, on: channel)
            }
        }
    }

    /// Writes `response`, then closes the connection.
    private static func send(_ response: LocalHTTPServer.Response, version: HTTPVersion, on channel: any Channel) {
        var headers = HTTPHeaders(response.headers)
        headers.replaceOrAdd(name: "Content-Length", value: String(response.body.count))
        headers.replaceOrAdd(name: "Connection", value: "close")
        let status = HTTPResponseStatus(statusCode: response.status)
        let head = HTTPResponseHead(version: version, status: status, headers: headers)
        channel.write(HTTPServerResponsePart.head(head), promise: nil)
        channel.write(HTTPServerResponsePart.body(.byteBuffer(ByteBuffer(bytes: response.body))), promise: nil)
        channel.writeAndFlush(HTTPServerResponsePart.end(nil)).whenComplete { _ in
            channel.close(promise: nil)
        }
    }
}
