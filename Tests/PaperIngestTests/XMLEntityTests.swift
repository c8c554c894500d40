import Foundation
import PaperCore
import Testing
@testable import PaperIngest
import TestSupport

/// Entity expansion ("billion laughs") and external entities (XXE) in Atom and OAI-PMH
/// documents: a document with a DOCTYPE is refused before any entity can be expanded or loaded.
@Suite(.hangGuard) struct XMLEntityTests {
    static let atomRoot = #"<feed xmlns="http://www.w3.org/2005/Atom">"#
    static let oaiRoot = #"<OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/">"#

    /// Ten levels of ten references each: 10^9 copies of "lol" if expanded.
    static let laughs: String = {
        var declarations = [#"<!ENTITY lol "lol">"#]
        for level in 1...9 {
            let previous = level == 1 ? "lol" : "lol\(level - 1)"
            declarations.append("<!ENTITY lol\(level) \"\(String(repeating: "&\(previous);", count: 10))\">")
        }
        return "<!DOCTYPE lolz [\n" + declarations.joined(separator: "\n") + "\n]>"
    }()

    /// An Atom feed whose entry's title (and a category) use the entity `name`.
    static func atom(doctype: String, entity name: String) -> Data {
        Data("""
            <?xml version="1.0" encoding="UTF-8"?>
            \(doctype)
            \(atomRoot)<entry><id>http://arxiv.org/abs/2501.00001v1</id><title>&\(name);</title>
            <category term="&\(name);"/><summary>s</summary></entry></feed>
            """.utf8)
    }

    /// An OAI-PMH page with one arXiv record whose title uses the entity `name`.
    static func oai(doctype: String, entity name: String) -> Data {
        Data("""
            <?xml version="1.0" encoding="UTF-8"?>
            \(doctype)
            \(oaiRoot)<ListRecords><record><header><identifier>oai:arXiv.org:2501.00001</identifier></header>
            <metadata><arXiv xmlns="http://arxiv.org/OAI/arXiv/"><id>2501.00001</id><title>&\(name);</title>
            </arXiv></metadata></record></ListRecords></OAI-PMH>
            """.utf8)
    }

    /// Parses `data` with both parsers' entry point for its root, expecting the DOCTYPE refusal.
    func expectRefused(_ data: Data, atom: Bool, mustNotMention secret: String? = nil) {
        let error = #expect(throws: DocumentError.self) {
            if atom { _ = try AtomFeedParser.parse(data) } else { _ = try OAIPMHParser.parse(data) }
        }
        #expect(error?.reason.contains("DOCTYPE") == true, "\(String(describing: error))")
        if let secret { #expect(error?.reason.contains(secret) == false) }
    }

    @Test func billionLaughsIsRefused() {
        expectRefused(Self.atom(doctype: Self.laughs, entity: "lol9"), atom: true)
        expectRefused(Self.oai(doctype: Self.laughs, entity: "lol9"), atom: false)
    }

    @Test func externalEntitiesAreRefusedWithoutReadingTheFile() throws {
        let directory = try makeTemporaryFolder("paperingest-tests")
        defer { try? FileManager.default.removeItem(at: directory) }
        let secretFile = directory.appendingPathComponent("secret.txt")
        let secret = "SECRET-\(UUID().uuidString)"
        try Data(secret.utf8).write(to: secretFile)
        for target in ["file:///etc/passwd", secretFile.absoluteString] {
            let general = "<!DOCTYPE feed [ <!ENTITY x SYSTEM \"\(target)\"> ]>"
            let parameter = "<!DOCTYPE feed [ <!ENTITY % p SYSTEM \"\(target)\"> %p; ]>"
            let externalSubset = "<!DOCTYPE feed SYSTEM \"\(target)\">"
            for doctype in [general, parameter, externalSubset] {
                expectRefused(Self.atom(doctype: doctype, entity: "x"), atom: true, mustNotMention: secret)
                expectRefused(Self.oai(doctype: doctype, entity: "x"), atom: false, mustNotMention: secret)
            }
        }
    }

    @Test func aDoctypeIsFoundBehindABOMCommentsAndInUTF16() {
        let doctype = "<!DOCTYPE feed [ <!ENTITY x \"y\"> ]>"
        let plain = String(decoding: Self.atom(doctype: doctype, entity: "x"), as: UTF8.self)
        let commented = plain.replacingOccurrences(of: "?>\n", with: "?>\n<!-- a > comment --><?pi x?>\n")
        #expect(commented != plain)
        var utf16 = Data([0xFF, 0xFE])
        for unit in plain.replacingOccurrences(of: "UTF-8", with: "UTF-16").utf16 {
            utf16.append(contentsOf: [UInt8(unit & 0xFF), UInt8(unit >> 8)])
        }
        for data in [Data([0xEF, 0xBB, 0xBF]) + Data(commented.utf8), utf16, Data("<!doctype feed>\(Self.atomRoot)</feed>".utf8)] {
            #expect(XMLDocumentParsing.declaresDocumentType(data))
            expectRefused(data, atom: true)
        }
    }

    @Test func realDocumentsHaveNoDoctype() throws {
        let folders = ["atom-api/2026", "atom-api/2016", "oai-pmh/arxivraw-2015", "oai-pmh/arxiv-2018", "oai-pmh/oai_dc-2016"]
        var checked = 0
        for folder in folders {
            for name in try FileManager.default.contentsOfDirectory(atPath: RepositoryPaths.arxivFixtures.appendingPathComponent(folder).path)
            where name.hasSuffix(".xml") {
                #expect(!XMLDocumentParsing.declaresDocumentType(try Fixtures.data("\(folder)/\(name)")), "\(folder)/\(name)")
                checked += 1
            }
        }
        #expect(checked > 25)
        // An unterminated prolog is no DOCTYPE (the parser then calls the document malformed),
        // and a long comment does not hide one.
        #expect(!XMLDocumentParsing.declaresDocumentType(Data("<?xml version=\"1.0\"".utf8)))
        #expect(!XMLDocumentParsing.declaresDocumentType(Data("<!-- <!DOCTYPE x> ".utf8)))
        let longComment = "<!--" + String(repeating: "-x", count: 500_000) + "--><!DOCTYPE feed>"
        #expect(XMLDocumentParsing.declaresDocumentType(Data(longComment.utf8)))
        // A DOCTYPE-like text after the root element is content, not a declaration.
        #expect(!XMLDocumentParsing.declaresDocumentType(Data("\(Self.atomRoot)<title>&lt;!DOCTYPE</title></feed>".utf8)))
    }

    @Test func anUndeclaredEntityNamesItself() {
        let data = Data("\(Self.atomRoot)<entry><title>a&nbsp;b</title></entry></feed>".utf8)
        let error = #expect(throws: DocumentError.self) { try AtomFeedParser.parse(data) }
        #expect(error?.reason.contains("&nbsp;") == true, "\(String(describing: error))")
    }

    @Test func theImporterReportsAnEntityDocumentAndWritesNothing() async throws {
        let directory = try makeTemporaryFolder("paperingest-tests")
        defer { try? FileManager.default.removeItem(at: directory) }
        let files = [
            ("laughs.xml", Self.atom(doctype: Self.laughs, entity: "lol9")),
            ("xxe.xml", Self.oai(doctype: "<!DOCTYPE OAI-PMH [ <!ENTITY x SYSTEM \"file:///etc/passwd\"> ]>", entity: "x")),
            ("good.xml", try Fixtures.data("atom-api/2026/id_1707.08567_s0_m100.xml")),
        ]
        for (name, data) in files { try data.write(to: directory.appendingPathComponent(name)) }
        let repository = RecordingRepository()
        let report = try await Importer(repository: repository).run(paths: [directory.path])
        #expect(report.filesRead == 1)
        #expect(report.failedFiles.map { ($0.file as NSString).lastPathComponent }.sorted() == ["laughs.xml", "xxe.xml"])
        #expect(report.failedFiles.allSatisfy { $0.reason.contains("DOCTYPE") && !$0.reason.contains("root:") })
        #expect(repository.written.map(\.id.rawValue) == ["1707.08567"])
    }
}
