extension LocalHTTPServer {
    /// Runs `body` with a server answering `routes` (see `start(routes:)`), stopped afterwards
    /// whether `body` returns or throws.
    public static func serving<T>(_ routes: [String: [Response]], isolation: isolated (any Actor)? = #isolation,
                                  _ body: (LocalHTTPServer) async throws -> T) async throws -> T {
        let server = try await start(routes: routes)
        do {
            let result = try await body(server)
            try await server.stop()
            return result
        } catch {
            try? await server.stop()
            throw error
        }
    }
}
