import PaperCore
import Testing

@Suite struct CodeLinksTests {
    @Test(arguments: [
        ("Code is available at https://github.com/Sense-X/Co-DETR.", "https://github.com/Sense-X/Co-DETR"),
        ("see https://github.com/TamashaM/NAPA-VQ.git.", "https://github.com/TamashaM/NAPA-VQ"),
        ("Code: https://github.com/Sarinda251/CDFSL-V{https://github.com/Sarinda251/CDFSL-V}",
         "https://github.com/Sarinda251/CDFSL-V"),
        ("(github.com/AI45Lab/DeepScan/)", "https://github.com/AI45Lab/DeepScan"),
        ("at https://github.com/ZhengPeng7/GCoNet_plus. We", "https://github.com/ZhengPeng7/GCoNet_plus"),
    ])
    func findsTheRepositoryInTheFormsAbstractsUse(text: String, expected: String) {
        #expect(CodeLinks.firstRepository(in: text) == expected)
    }

    @Test func listsEachRepositoryOnce() {
        let text = "https://github.com/a/b and https://github.com/A/B. Also https://github.com/c/d"
        #expect(CodeLinks.repositories(in: text) == ["https://github.com/a/b", "https://github.com/c/d"])
    }

    @Test func ignoresTextWithoutRepositories() {
        #expect(CodeLinks.firstRepository(in: "We release code on github.com/ soon.") == nil)
        #expect(CodeLinks.firstRepository(in: "No code.") == nil)
    }

    @Test func paperTakesItsCodeLinkFromTheAbstract() {
        let paper = Paper(id: PaperID(rawValue: "local-1"), title: "T",
                          abstract: "Code at https://github.com/OpenGVLab/UniFormerV2.", authors: [], source: .seed)
        #expect(paper.githubRepo == "https://github.com/OpenGVLab/UniFormerV2")
    }
}
