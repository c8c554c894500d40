import Foundation
import PaperAccounts
import PaperCore
import Testing

@Suite struct AccountRulesTests {
    @Test func acceptableDetailsPass() {
        #expect(AccountRules.problem(name: "ada_l", email: "ada@example.org", password: "analytical engine") == nil)
    }

    @Test(arguments: [
        ("a", "ada@example.org", "long enough"),                              // name too short
        ("ada lovelace", "ada@example.org", "long enough"),                   // space in the name
        ("ada", "not an address", "long enough"),                             // address
        ("ada", "ada@example.org", "short"),                                  // password too short
        ("ada", "ada@example.org", String(repeating: "é", count: 40)),        // 80 bytes: bcrypt ignores past 72
    ])
    func unacceptableDetailsAreRefusedWithAReason(name: String, email: String, password: String) {
        #expect(AccountRules.problem(name: name, email: email, password: password) != nil)
    }
}

@Suite struct PasswordsTests {
    @Test func aHashVerifiesItsPasswordAndNoOther() async throws {
        let passwords = Passwords(cost: 4)
        let hash = try await passwords.hash("analytical engine")
        #expect(hash != "analytical engine")
        #expect(try await passwords.verify("analytical engine", hash: hash))
        #expect(try await !passwords.verify("difference engine", hash: hash))
    }

    @Test func theAbsentAccountHashMatchesNothingTyped() async throws {
        #expect(try await !Passwords(cost: 4).verify("", hash: Passwords.absentAccountHash))
    }
}
