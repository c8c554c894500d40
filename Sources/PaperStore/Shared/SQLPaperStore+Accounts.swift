import Foundation
import PaperCore
import SQLKit

/// A `users` row.
struct UserRow: Decodable {
    var id: Int
    var name: String
    var email: String
    var password_hash: String
    var is_admin: Int
    var created_at: Int64
    var disabled: Int

    static let columns = ["id", "name", "email", "password_hash", "is_admin", "created_at", "disabled"]
    var user: User {
        User(id: id, name: name, email: email, passwordHash: password_hash, isAdmin: is_admin != 0,
             createdAt: Date(timeIntervalSince1970: Double(created_at)), isDisabled: disabled != 0)
    }
}

/// The `AccountStore`: users, sessions and password resets.
extension SQLPaperStore {
    func createUser(name: String, email: String, passwordHash: String, isAdmin: Bool, now: Date) async throws -> User {
        try await transaction { db in
            if try await Self.userRow(where: "name_key", is: name.lowercased(), on: db) != nil { throw AccountError.nameTaken(name) }
            if try await Self.userRow(where: "email_key", is: email.lowercased(), on: db) != nil { throw AccountError.emailTaken(email) }
            let created = Int64(now.timeIntervalSince1970)
            // A concurrent sign-up with the same name loses on the unique index: no row comes back.
            let row = try await db.insert(into: "users")
                .columns("name", "name_key", "email", "email_key", "password_hash", "is_admin", "created_at")
                .values(SQLBind(name), SQLBind(name.lowercased()), SQLBind(email), SQLBind(email.lowercased()),
                        SQLBind(passwordHash), SQLBind(isAdmin ? 1 : 0), SQLBind(created))
                .ignoringConflicts(with: ["name_key"])
                .returning("id").first()
            guard let id = try row?.decode(column: "id", as: Int.self) else { throw AccountError.nameTaken(name) }
            return User(id: id, name: name, email: email, passwordHash: passwordHash, isAdmin: isAdmin,
                        createdAt: Date(timeIntervalSince1970: Double(created)))
        }
    }

    func user(id: Int) async throws -> User? {
        try await read { try await Self.userRow(where: "id", is: id, on: $0)?.user }
    }

    func user(named name: String) async throws -> User? {
        try await read { try await Self.userRow(where: "name_key", is: name.lowercased(), on: $0)?.user }
    }

    func user(email: String) async throws -> User? {
        try await read { try await Self.userRow(where: "email_key", is: email.lowercased(), on: $0)?.user }
    }

    func setPasswordHash(_ hash: String, userID: Int) async throws {
        try await transaction { db in
            try await db.update("users").set("password_hash", to: hash).where("id", .equal, userID).run()
            try await db.delete(from: "sessions").where("user_id", .equal, userID).run()
        }
    }

    func users() async throws -> [User] {
        try await read { db in
            try await db.select().columns(UserRow.columns).from("users").orderBy("id").all(decoding: UserRow.self).map(\.user)
        }
    }

    func setAdmin(_ isAdmin: Bool, userID: Int) async throws -> User? {
        try await transaction { db in
            try await db.update("users").set("is_admin", to: isAdmin ? 1 : 0).where("id", .equal, userID).run()
            return try await Self.userRow(where: "id", is: userID, on: db)?.user
        }
    }

    func setDisabled(_ isDisabled: Bool, userID: Int) async throws -> User? {
        try await transaction { db in
            try await db.update("users").set("disabled", to: isDisabled ? 1 : 0).where("id", .equal, userID).run()
            if isDisabled {
                for table in ["sessions", "password_resets"] {
                    try await db.delete(from: table).where("user_id", .equal, userID).run()
                }
            }
            return try await Self.userRow(where: "id", is: userID, on: db)?.user
        }
    }

    func createSession(tokenHash: String, userID: Int, expiresAt: Date) async throws {
        try await storeToken(in: "sessions", tokenHash: tokenHash, userID: userID, expiresAt: expiresAt)
    }

    func sessionUser(tokenHash: String, now: Date) async throws -> User? {
        try await read { db in
            try await db.select().columns(UserRow.columns.map { SQLColumn($0, table: "users") }).from("sessions")
                .join("users", on: SQLColumn("user_id", table: "sessions"), .equal, SQLColumn("id", table: "users"))
                .where(SQLColumn("token_hash", table: "sessions"), .equal, SQLBind(tokenHash))
                .where(SQLColumn("expires_at", table: "sessions"), .greaterThan, SQLBind(Int64(now.timeIntervalSince1970)))
                .where(SQLColumn("disabled", table: "users"), .equal, SQLBind(0))
                .first(decoding: UserRow.self)?.user
        }
    }

    func deleteSession(tokenHash: String) async throws {
        try await transaction { try await $0.delete(from: "sessions").where("token_hash", .equal, tokenHash).run() }
    }

    func createPasswordReset(tokenHash: String, userID: Int, expiresAt: Date) async throws {
        try await storeToken(in: "password_resets", tokenHash: tokenHash, userID: userID, expiresAt: expiresAt)
    }

    /// Sessions and reset links are the same kind of row: a token's hash, its user, its end.
    private func storeToken(in table: String, tokenHash: String, userID: Int, expiresAt: Date) async throws {
        try await transaction { db in
            try await db.insert(into: table).columns("token_hash", "user_id", "expires_at")
                .values(SQLBind(tokenHash), SQLBind(userID), SQLBind(Int64(expiresAt.timeIntervalSince1970))).run()
        }
    }

    func consumePasswordReset(tokenHash: String, now: Date) async throws -> Int? {
        try await transaction { db in
            // Deleting is what uses the token up: a second use finds nothing.
            let row = try await db.delete(from: "password_resets").where("token_hash", .equal, tokenHash)
                .returning("user_id", "expires_at").first()
            guard let row, try row.decode(column: "expires_at", as: Int64.self) > Int64(now.timeIntervalSince1970) else { return nil }
            let userID = try row.decode(column: "user_id", as: Int.self)
            // Disabling deletes the account's tokens; this covers one made in the same instant.
            guard let user = try await Self.userRow(where: "id", is: userID, on: db), user.disabled == 0 else { return nil }
            return userID
        }
    }

    static func userRow(where column: String, is value: some Encodable & Sendable, on db: any SQLDatabase) async throws -> UserRow? {
        try await db.select().columns(UserRow.columns).from("users").where(SQLColumn(column), .equal, SQLBind(value))
            .first(decoding: UserRow.self)
    }
}
