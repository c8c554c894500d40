import NIOConcurrencyHelpers
import NIOCore
import NIOSSL

/// One complete server reply, all lines of a multi-line reply joined.
struct SMTPReply: Sendable, Equatable {
    var code: Int
    /// The text of each line without its code and separator.
    var lines: [String]
    var text: String { lines.joined(separator: "\n") }
}

/// Cuts the byte stream into replies: `250-first`, `250-second`, `250 last` make one reply.
struct SMTPReplyDecoder: ByteToMessageDecoder {
    typealias InboundOut = SMTPReply
    // RFC 5321 allows 512 octets per reply line; anything far longer is not SMTP.
    static let maxLineLength = 8_192
    private var pending: [String] = []

    mutating func decode(context: ChannelHandlerContext, buffer: inout ByteBuffer) throws -> DecodingState {
        guard let newline = buffer.readableBytesView.firstIndex(of: UInt8(ascii: "\n")) else {
            if buffer.readableBytes > Self.maxLineLength { throw SMTPError.malformedReply("line too long") }
            return .needMoreData
        }
        var line = buffer.readString(length: newline - buffer.readerIndex + 1) ?? ""
        while line.last == "\n" || line.last == "\r" || line.last == "\r\n" { line.removeLast() }
        let bytes = Array(line.utf8)
        guard bytes.count >= 3, let code = Int(String(decoding: bytes[0..<3], as: UTF8.self)),
              (200...599).contains(code) || (100...199).contains(code),
              bytes.count == 3 || bytes[3] == UInt8(ascii: " ") || bytes[3] == UInt8(ascii: "-") else {
            throw SMTPError.malformedReply(String(line.prefix(200)))
        }
        pending.append(bytes.count > 4 ? String(decoding: bytes[4...], as: UTF8.self) : "")
        if bytes.count == 3 || bytes[3] == UInt8(ascii: " ") {
            context.fireChannelRead(wrapInboundOut(SMTPReply(code: code, lines: pending)))
            pending = []
        }
        return .continue
    }

    mutating func decodeLast(context: ChannelHandlerContext, buffer: inout ByteBuffer, seenEOF: Bool) throws -> DecodingState {
        while try decode(context: context, buffer: &buffer) == .continue {}
        return .needMoreData
    }
}

/// What the connection asks the handler to do: write `bytes` (nothing for the greeting) and
/// complete `promise` with the next reply.
struct SMTPRequest: Sendable {
    var bytes: ByteBuffer?
    /// Names the command in errors; never holds credentials.
    var what: String
    var promise: EventLoopPromise<SMTPReply>
}

/// Pairs each request with the next reply, in order, and fails what is waiting when the
/// reply does not come in time, the connection closes, or TLS fails.
final class SMTPClientHandler: ChannelDuplexHandler {
    typealias InboundIn = SMTPReply
    typealias OutboundIn = SMTPRequest
    typealias OutboundOut = ByteBuffer

    private struct Waiting {
        var what: String
        var promise: EventLoopPromise<SMTPReply>
        var deadline: Scheduled<Void>
    }

    private let timeout: TimeAmount
    private var waiting = CircularBuffer<Waiting>()
    // The greeting may arrive before anyone asked for it.
    private var unclaimed = CircularBuffer<SMTPReply>()
    private var failure: SMTPError?
    // Also read by the connection: a TLS failure can close the channel before the first
    // request is written, and the write then fails with nothing but "closed".
    private let sharedFailure: NIOLockedValueBox<SMTPError?>

    init(timeout: TimeAmount, failure: NIOLockedValueBox<SMTPError?>) {
        self.timeout = timeout
        self.sharedFailure = failure
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        let request = unwrapOutboundIn(data)
        if let failure {
            request.promise.fail(failure)
            promise?.fail(failure)
            return
        }
        if let reply = unclaimed.popFirst() {
            request.promise.succeed(reply)
        } else {
            let what = request.what
            let deadline = context.eventLoop.assumeIsolated().scheduleTask(in: timeout) { [self] in
                self.failAll(.timeout(waitingFor: what), context: context)
            }
            waiting.append(Waiting(what: what, promise: request.promise, deadline: deadline))
        }
        if let bytes = request.bytes {
            context.write(wrapOutboundOut(bytes), promise: promise)
        } else {
            promise?.succeed()
        }
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let reply = unwrapInboundIn(data)
        guard let first = waiting.popFirst() else {
            unclaimed.append(reply)
            return
        }
        first.deadline.cancel()
        first.promise.succeed(reply)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        let what = waiting.first?.what ?? "a reply"
        let mapped: SMTPError = switch error {
        case let error as SMTPError: error
        case let error as NIOSSLError: .tls(String(describing: error))
        case let error as BoringSSLError: .tls(String(describing: error))
        default: .connectionClosed(waitingFor: "\(what) (\(error))")
        }
        failAll(mapped, context: context)
    }

    func channelInactive(context: ChannelHandlerContext) {
        failAll(.connectionClosed(waitingFor: waiting.first?.what ?? "a reply"), context: context)
        context.fireChannelInactive()
    }

    private func failAll(_ error: SMTPError, context: ChannelHandlerContext) {
        if failure == nil {
            failure = error
            sharedFailure.withLockedValue { $0 = $0 ?? error }
        }
        let failed = waiting
        waiting.removeAll()
        for item in failed {
            item.deadline.cancel()
            item.promise.fail(error)
        }
        if context.channel.isActive { context.close(promise: nil) }
    }
}
