import NIOCore
@testable import PaperWeb
import Testing

/// A cached page is cut where the visitor's CSRF token goes and filled per response.
@Suite struct CSRFTemplateTests {
    let marker = BodyResponse.csrfPlaceholder

    @Test func everyPlaceholderGetsTheVisitorsTokenAndNothingElseChanges() throws {
        let page = "\(marker)<p>Größe – 数学</p><input value=\"\(marker)\">\(marker)\(marker)<p>end ✓</p>\(marker)"
        let template = try #require(CSRFTemplate(page, placeholder: marker))
        let token = "Ab-_0123456789abcdefghijklmnopqrstuvwxyzABC"
        let filled = template.filled(with: token)
        #expect(String(buffer: filled) == page.replacingOccurrences(of: marker, with: token))
        #expect(filled.readableBytes == page.utf8.count + 5 * (token.utf8.count - marker.utf8.count))
    }

    @Test func aPageWithoutFormsIsNotCut() {
        #expect(CSRFTemplate("<p>no forms here</p>", placeholder: marker) == nil)
    }

    @Test func aCachedPageServesEachVisitorTheirOwnTokenUnderTheSharedWeakETag() {
        let response = BodyResponse.html("<form><input name=\"csrf\" value=\"\(marker)\"></form>")
        let ada = response.fillingCSRFToken("ada-token")
        let bob = response.fillingCSRFToken("bob-token")
        #expect(String(buffer: ada.body) == "<form><input name=\"csrf\" value=\"ada-token\"></form>")
        #expect(String(buffer: bob.body) == "<form><input name=\"csrf\" value=\"bob-token\"></form>")
        #expect(ada.headers[.eTag] == "W/" + (response.headers[.eTag] ?? ""))
        #expect(ada.headers[.eTag] == bob.headers[.eTag])
    }
}
