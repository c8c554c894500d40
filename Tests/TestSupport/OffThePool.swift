import Foundation

/// Runs CPU-bound `work` on a thread of its own rather than on Swift concurrency's cooperative
/// pool, which has as many threads as the machine has cores (two on CI): a test computing there
/// for seconds keeps every other test's continuations waiting, network tests' included.
///
/// `work` must not record test issues (it runs outside the test's task): return what to check.
public func offThePool<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        Thread { continuation.resume(with: Result(catching: work)) }.start()
    }
}
