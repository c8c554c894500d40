import HummingbirdBcrypt
import NIOPosix

/// bcrypt hashing, run on a thread of its own: a hash takes a quarter of a second at cost 12
/// and must stall neither the event loops nor NIO's shared thread pool, where SQLite runs every
/// query (a burst of log-ins there would hold up every page). Log-ins queue for that thread.
public struct Passwords: Sendable {
    /// The bcrypt cost (work factor 2^cost); tests lower it.
    public let cost: UInt8

    public init(cost: UInt8) { self.cost = cost }

    public func hash(_ password: String) async throws -> String {
        let cost = self.cost
        return try await Self.pool.runIfActive { Bcrypt.hash(password, cost: cost) }
    }

    public func verify(_ password: String, hash: String) async throws -> Bool {
        try await Self.pool.runIfActive { Bcrypt.verify(password, hash: hash) }
    }

    /// Lives as long as the process, like NIO's own singletons.
    private static let pool: NIOThreadPool = {
        let pool = NIOThreadPool(numberOfThreads: 1)
        pool.start()
        return pool
    }()

    /// A hash to compare against when the account does not exist, so that the answer takes as
    /// long as for a real account and does not tell which names exist.
    public static let absentAccountHash = "$2b$12$C6UzMDM.H6dfI/f/IKxGhu3G7yB8L/kr0wRW2pQ2SU2Ysl7EbLh4u"
}
