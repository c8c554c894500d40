import Foundation
import Synchronization
import Testing

@testable import PaperWeb

/// The response cache and the rate limiter stay bounded in memory whatever visitors send, and
/// the cache renders a new URL once however many ask for it at the same moment.
@Suite struct ResponseCacheTests {
    static func page(_ size: Int) -> BodyResponse {
        BodyResponse(contentType: "application/json", body: String(repeating: "x", count: size))
    }

    @Test func theCacheStaysWithinItsBytes() async throws {
        let cache = ResponseCache(lifetime: .seconds(60), maxBytes: 1 << 20)
        for number in 0..<2_000 {
            _ = try await cache.response(for: "/api/papers?limit=1000&z=\(number)") { Self.page(20_000) }
        }
        #expect(cache.heldBytes <= 1 << 20)
        #expect(cache.count > 10)
        // The newest answers are the ones kept.
        let calls = Counter()
        _ = try await cache.response(for: "/api/papers?limit=1000&z=1999") { calls.increment(); return Self.page(1) }
        #expect(calls.value == 0)
    }

    @Test func anAnswerTooLargeToShareIsNotKept() async throws {
        let cache = ResponseCache(lifetime: .seconds(60), maxBytes: 1 << 20)
        _ = try await cache.response(for: "/big") { Self.page(200_000) }
        #expect(cache.count == 0)
    }

    @Test func expiredAnswersAreDropped() async throws {
        let cache = ResponseCache(lifetime: .milliseconds(1), maxBytes: 1 << 20)
        for number in 0..<50 { _ = try await cache.response(for: "/p?\(number)") { Self.page(100) } }
        try await Task.sleep(for: .milliseconds(20))
        _ = try await cache.response(for: "/last") { Self.page(100) }
        #expect(cache.count == 1)
    }

    @Test func concurrentRequestsForANewURLRenderItOnce() async throws {
        let cache = ResponseCache(lifetime: .seconds(60))
        let renders = Counter()
        try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<64 {
                group.addTask {
                    try await cache.response(for: "/api/daily_papers?limit=10") {
                        renders.increment()
                        try await Task.sleep(for: .milliseconds(50))
                        return Self.page(10)
                    }.body.readableBytes
                }
            }
            for try await size in group { #expect(size == 10) }
        }
        #expect(renders.value == 1)
    }

    @Test func aRenderThatSpansAWriteIsNotKept() async throws {
        let cache = ResponseCache(lifetime: .seconds(60))
        _ = try await cache.response(for: "/") {
            cache.removeAll()  // a vote lands while the page renders
            return Self.page(10)
        }
        #expect(cache.count == 0)
    }

    @Test func theRateLimiterForgetsOldKeysFirstAndNeverAllAtOnce() {
        let limiter = RateLimiter(maxKeys: 1_000)
        let rule = RateLimiter.Rule(limit: 1, window: .seconds(60))
        #expect(limiter.allow("login:victim", rule))
        for address in 0..<10_000 { _ = limiter.allow("signup:10.0.\(address)", rule) }
        #expect(limiter.count <= 1_000)
        #expect(limiter.count >= 800)
        // Recent keys are still counted: their next attempt is still refused.
        #expect(!limiter.allow("signup:10.0.9999", rule))
    }
}

/// Counts calls from concurrent closures.
final class Counter: Sendable {
    private let count = Mutex(0)
    var value: Int { count.withLock { $0 } }
    func increment() { count.withLock { $0 += 1 } }
}
