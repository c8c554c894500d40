import Foundation
import Testing
@testable import Embedding

@Suite struct WordPieceTokenizerTests {
    @Test func matchesReferenceTokenIDsForAllFixtures() throws {
        let tokenizer = try Fixtures.require(Fixtures.tokenizer)
        let cases = try Fixtures.lines("tokens.jsonl", as: Fixtures.TokenCase.self)
        #expect(cases.count == 52)
        for fixture in cases {
            let ids = tokenizer.encode(fixture.text)
            #expect(ids == fixture.input_ids, "\(fixture.id): \(ids.map(tokenizer.token(for:))) vs \(fixture.tokens)")
        }
    }

    @Test func truncatesToMaxLength() throws {
        let tokenizer = try Fixtures.require(Fixtures.tokenizer)
        let ids = tokenizer.encode(String(repeating: "the ", count: 1000))
        #expect(ids.count == 256)
        #expect(ids.first == tokenizer.clsID && ids.last == tokenizer.sepID)
    }

    @Test func keysCompareBytesNotCanonicalEquivalence() throws {
        let tokenizer = try Fixtures.require(Fixtures.tokenizer)
        // "é" decomposes to e + U+0301 and the mark is dropped: both spellings give "cafe".
        #expect(tokenizer.encode("Caf\u{E9}") == tokenizer.encode("cafe\u{301}"))
        #expect(tokenizer.encode("[cls]") != tokenizer.encode("[CLS]"))
    }

    @Test func missingVocabularyFileIsATypedError() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("no-such-\(UUID().uuidString).txt")
        #expect(throws: EmbeddingError.self) { try WordPieceTokenizer(vocabularyURL: url) }
    }
}
