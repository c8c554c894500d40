import Foundation

/// PostgreSQL is backed up with its own tools, which know its snapshots, roles and extensions;
/// these say exactly what to run for a database URL, without its password.
enum PostgresBackupAdvice {
    static func backup(_ url: String, to file: String) throws -> String {
        """
        PaperFeed makes backups of SQLite databases only; back up PostgreSQL with pg_dump, \
        a consistent snapshot while PaperFeed keeps running:
            \(try command("pg_dump --format=custom", url)) --file=\(quoted(file))
        (password from PGPASSWORD or ~/.pgpass), or copy the instance into an SQLite file that paperfeed restore takes \
        (with the password where *** is):
            paperfeed copy --from '\(PostgresURL.redacted(url))' --to \(quoted(file))
        """
    }

    static func restore(_ file: String, to url: String) throws -> String {
        """
        PaperFeed restores SQLite databases only; restore a pg_dump archive into PostgreSQL with pg_restore \
        (stop PaperFeed first):
            \(try command("pg_restore --clean --if-exists --no-owner", url)) \(quoted(file))
        (password from PGPASSWORD or ~/.pgpass), or copy an SQLite backup into it (with the password where *** is):
            paperfeed copy --from \(quoted(file)) --to '\(PostgresURL.redacted(url))'
        """
    }

    private static func command(_ tool: String, _ url: String) throws -> String {
        let parts = try PostgresURL.parts(url)
        return "\(tool) --host=\(quoted(parts.host)) --port=\(parts.port) --username=\(quoted(parts.user))"
            + " --dbname=\(quoted(parts.database ?? parts.user))"
    }

    /// `text` as one shell word.
    private static func quoted(_ text: String) -> String {
        text.allSatisfy { $0.isLetter || $0.isNumber || "-_./:@".contains($0) }
            ? text : "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
