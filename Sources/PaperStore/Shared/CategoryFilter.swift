import PaperCore
import SQLKit

/// The SQL test for "this paper belongs to an arXiv category", dialect-neutral. A paper's
/// categories are stored space-separated; the match is on whole names (`cs.CL` does not match
/// `cs.CLx`), or on the archive's prefix for a whole archive (`cs` → `cs.*`).
enum CategoryFilter {
    /// `' ' || categories || ' '` contains ` name ` (or ` archive.` for a whole archive), on the
    /// `papers` row in scope.
    static func matches(_ category: ArxivCategory) -> any SQLExpression {
        let padded = SQLQueryString("(' ' || categories || ' ')")
        return SQLBinaryExpression(padded, .like, SQLBind(category.isArchive ? "% \(category.name).%" : "% \(category.name) %"))
    }

    /// The paper belongs to any of `categories` (which must not be empty).
    static func matches(any categories: [ArxivCategory]) -> any SQLExpression {
        let tests = categories.map(matches)
        return tests.dropFirst().reduce(tests[0]) { SQLBinaryExpression($0, .or, $1) }
    }
}
