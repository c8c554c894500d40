import ArgumentParser
import PaperCore

extension UserCommand {
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List every account: name, email, admin, disabled, and the day it was created (UTC)."
        )

        @OptionGroup var store: StoreOptions

        func run() async throws {
            try await store.withStore { database, _ in
                let users = try await database.users()
                guard !users.isEmpty else {
                    return StandardOutput.line("No accounts yet. Create the first admin: paperfeed user create --name N --email E --admin")
                }
                let rows = [["NAME", "EMAIL", "ADMIN", "DISABLED", "CREATED"]] + users.map {
                    [$0.name, $0.email, $0.isAdmin ? "yes" : "no", $0.isDisabled ? "yes" : "no", Day($0.createdAt).description]
                }
                for line in Self.table(rows) { StandardOutput.line(line) }
                let admins = users.count { $0.isAdmin }, disabled = users.count { $0.isDisabled }
                StandardOutput.line("\(users.count) account\(users.count == 1 ? "" : "s"): \(admins) admin\(admins == 1 ? "" : "s"), \(disabled) disabled.")
            }
        }

        /// `rows` as lines of left-aligned columns two spaces apart.
        static func table(_ rows: [[String]]) -> [String] {
            let widths = rows.reduce(into: [Int](repeating: 0, count: rows.first?.count ?? 0)) { widths, row in
                for (index, cell) in row.enumerated() { widths[index] = max(widths[index], cell.count) }
            }
            return rows.map { row in
                row.enumerated().map { index, cell in
                    index == row.count - 1 ? cell : cell.padding(toLength: widths[index], withPad: " ", startingAt: 0)
                }.joined(separator: "  ")
            }
        }
    }
}
