import Foundation
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix
import NIOSSL

/// One open connection to an SMTP server: sends commands, one at a time, and returns replies.
struct SMTPConnection: Sendable {
    let channel: any Channel
    let configuration: SMTPConfiguration
    /// Why the handler gave up on the connection, once it has.
    let failure: NIOLockedValueBox<SMTPError?>

    /// Connects (with TLS from the start for implicit TLS) and returns once the TCP connection
    /// is up; the greeting is read by ``greeting()``.
    static func connect(_ configuration: SMTPConfiguration, group: any EventLoopGroup) async throws -> SMTPConnection {
        let tls = configuration.security == .implicitTLS ? try makeTLSContext(configuration) : nil
        let serverName = sniName(configuration.host)
        let timeout = configuration.timeout
        let failure = NIOLockedValueBox<SMTPError?>(nil)
        let bootstrap = ClientBootstrap(group: group)
            .connectTimeout(timeout)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    let pipeline = channel.pipeline.syncOperations
                    if let tls { try pipeline.addHandler(NIOSSLClientHandler(context: tls, serverHostname: serverName)) }
                    try pipeline.addHandler(ByteToMessageHandler(SMTPReplyDecoder()))
                    try pipeline.addHandler(SMTPClientHandler(timeout: timeout, failure: failure))
                }
            }
        do {
            let channel = try await bootstrap.connect(host: configuration.host, port: configuration.port).get()
            return SMTPConnection(channel: channel, configuration: configuration, failure: failure)
        } catch {
            throw mapConnectError(error, configuration)
        }
    }

    /// Waits for the server's 220 greeting.
    func greeting() async throws {
        try await expect(send(nil, what: "greeting"), 220, command: "greeting")
    }

    /// Sends one command line (CRLF added) and waits for the reply.
    func command(_ line: String, what: String? = nil) async throws -> SMTPReply {
        try await send(ByteBuffer(string: line + "\r\n"), what: what ?? line)
    }

    /// Sends `line` and throws ``SMTPError/rejected(code:message:command:)`` unless the reply
    /// code is one of `codes`. `what` replaces the line in errors when it holds secrets.
    @discardableResult
    func command(_ line: String, expecting codes: Int..., what: String? = nil) async throws -> SMTPReply {
        try await expect(command(line, what: what), codes, command: what ?? line)
    }

    /// Sends raw bytes (the message after DATA) and waits for the reply.
    func send(_ bytes: ByteBuffer?, what: String) async throws -> SMTPReply {
        let promise = channel.eventLoop.makePromise(of: SMTPReply.self)
        let request = SMTPRequest(bytes: bytes, what: what, promise: promise)
        channel.writeAndFlush(request).whenFailure { [failure] error in
            promise.fail(error as? SMTPError ?? failure.withLockedValue { $0 } ?? .connectionClosed(waitingFor: what))
        }
        // A cancelled task (graceful shutdown) closes the connection rather than wait out the timeout.
        return try await withTaskCancellationHandler {
            try await promise.futureResult.get()
        } onCancel: { [channel] in
            channel.close(promise: nil)
        }
    }

    @discardableResult
    func expect(_ reply: SMTPReply, _ codes: Int..., command: String) throws -> SMTPReply {
        try expect(reply, codes, command: command)
    }

    @discardableResult
    func expect(_ reply: SMTPReply, _ codes: [Int], command: String) throws -> SMTPReply {
        guard codes.contains(reply.code) else {
            throw SMTPError.rejected(code: reply.code, message: reply.text, command: command)
        }
        return reply
    }

    /// After the server's 220 to STARTTLS: puts TLS under everything else in the pipeline.
    func upgradeToTLS() async throws {
        let context = try Self.makeTLSContext(configuration)
        let serverName = Self.sniName(configuration.host)
        let channel = self.channel
        try await channel.eventLoop.submit {
            let handler = try NIOSSLClientHandler(context: context, serverHostname: serverName)
            try channel.pipeline.syncOperations.addHandler(handler, position: .first)
        }.get()
    }

    func close() async {
        try? await channel.close()
    }

    private static func makeTLSContext(_ configuration: SMTPConfiguration) throws -> NIOSSLContext {
        do {
            return try NIOSSLContext(configuration: configuration.tlsConfiguration())
        } catch {
            throw SMTPError.tls("cannot set up TLS: \(error)")
        }
    }

    /// SNI takes host names only; for an IP address NIOSSL checks the certificate against the
    /// peer's address instead.
    private static func sniName(_ host: String) -> String? {
        var v4 = in_addr(), v6 = in6_addr()
        let isIP = inet_pton(AF_INET, host, &v4) == 1 || inet_pton(AF_INET6, host, &v6) == 1
        return isIP ? nil : host
    }

    private static func mapConnectError(_ error: any Error, _ configuration: SMTPConfiguration) -> SMTPError {
        let (host, port) = (configuration.host, configuration.port)
        if let error = error as? SMTPError { return error }
        if case ChannelError.connectTimeout = error { return .timeout(waitingFor: "connection to \(host):\(port)") }
        if let error = error as? IOError, error.errnoCode == ECONNREFUSED { return .connectionRefused(host: host, port: port) }
        if let error = error as? NIOConnectionError {
            let failures = error.connectionErrors.map(\.error)
            if !failures.isEmpty, failures.allSatisfy({ ($0 as? IOError)?.errnoCode == ECONNREFUSED }) {
                return .connectionRefused(host: host, port: port)
            }
            if failures.contains(where: { if case ChannelError.connectTimeout = $0 { true } else { false } }) {
                return .timeout(waitingFor: "connection to \(host):\(port)")
            }
        }
        return .unreachable(host: host, port: port, reason: String(describing: error))
    }
}
