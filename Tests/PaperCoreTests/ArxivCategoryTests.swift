import PaperCore
import Testing

@Suite struct ArxivCategoryTests {
    @Test(arguments: ["cs.CL", "math.AP", "hep-th", "cs", "physics", "q-bio.NC", "cond-mat.mes-hall"])
    func categoryNamesAreAccepted(name: String) {
        #expect(ArxivCategory(name)?.name == name)
    }

    @Test(arguments: ["", "CS.CL", "cs.", ".CL", "cs.CL.x", "cs CL", "cs.CL'--", "cs/CL", "%", String(repeating: "a", count: 40)])
    func anythingElseIsRefused(text: String) {
        #expect(ArxivCategory(text) == nil)
    }

    @Test func anArchiveContainsItsCategoriesOnly() throws {
        let cs = try #require(ArxivCategory("cs"))
        #expect(cs.contains(["cs.CL"]) && !cs.contains(["physics.optics"]) && !cs.contains(["csx.CL"]))
        #expect(try #require(ArxivCategory("cs.CL")).contains(["cs.LG", "cs.CL"]))
        #expect(try #require(ArxivCategory("cs.CL")).contains(["cs.CLx"]) == false)
    }
}
