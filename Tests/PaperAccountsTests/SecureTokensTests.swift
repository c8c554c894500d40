import PaperAccounts
import Testing

@Suite struct SecureTokensTests {
    @Test func tokensAreWellFormedAndNeverRepeat() {
        let tokens = (0..<1_000).map { _ in SecureTokens.make() }
        #expect(tokens.allSatisfy(SecureTokens.isWellFormed))
        #expect(Set(tokens).count == tokens.count)
        // Every character of the URL-safe alphabet turns up, and nothing else.
        let alphabet = Set(tokens.joined())
        #expect(alphabet.count == 64)
        #expect(alphabet.isSuperset(of: ["-", "_"]))
    }

    @Test func hashesAreSHA256InLowercaseHex() {
        #expect(SecureTokens.hash("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SecureTokens.hash("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    }
}
