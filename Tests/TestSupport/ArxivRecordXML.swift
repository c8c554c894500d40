import Foundation

/// One snapshot record (`SnapshotRecords`) written as arXiv's OAI-PMH serves it in the `arXiv`
/// metadata format: the `<record>` of a `ListRecords` page, shaped like the recorded page
/// `oai-pmh/arxiv-2018/ListRecords_arXiv_2015-01-01_2015-01-03_try2_http200.xml`.
public enum ArxivRecordXML {
    /// The `<record>` element for `record`, stamped `datestamp` (`YYYY-MM-DD`) in `set`.
    public static func record(_ record: [String: Any], datestamp: String, set: String) -> String {
        let id = record["id"] as? String ?? ""
        var fields = "<id>\(escaped(id))</id>"
        let versions = (record["versions"] as? [[String: Any]] ?? []).compactMap { $0["created"] as? String }
        if let created = versions.first.flatMap(day) { fields += "<created>\(created)</created>" }
        if versions.count > 1, let updated = versions.last.flatMap(day) { fields += "<updated>\(updated)</updated>" }
        fields += "<authors>" + authors(record).joined() + "</authors>"
        fields += element("title", record["title"])
        fields += element("categories", record["categories"])
        for name in ["comments", "report-no", "journal-ref", "doi", "license"] { fields += element(name, record[name]) }
        fields += element("abstract", record["abstract"])
        return """
            <record>
            <header>
             <identifier>oai:arXiv.org:\(escaped(id))</identifier>
             <datestamp>\(datestamp)</datestamp>
             <setSpec>\(escaped(set))</setSpec>
            </header>
            <metadata>
             <arXiv xmlns="http://arxiv.org/OAI/arXiv/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" \
            xsi:schemaLocation="http://arxiv.org/OAI/arXiv/ http://arxiv.org/OAI/arXiv.xsd">
             \(fields)</arXiv>
            </metadata>
            </record>

            """
    }

    /// `<author>` elements from `authors_parsed` (`[keyname, forenames, suffix]`).
    private static func authors(_ record: [String: Any]) -> [String] {
        (record["authors_parsed"] as? [[String]] ?? []).map { parts in
            let names = ["keyname", "forenames", "suffix"]
            return "<author>" + zip(names, parts).filter { !$0.1.isEmpty }.map { element($0.0, $0.1) }.joined() + "</author>"
        }
    }

    /// `<name>text</name>`, or nothing when the field is absent or null.
    private static func element(_ name: String, _ value: Any?) -> String {
        guard let text = value as? String, !text.isEmpty else { return "" }
        return "<\(name)>\(escaped(text))</\(name)>"
    }

    /// A version's `created` (`Mon, 2 Apr 2007 19:18:42 GMT`) as `2007-04-02`.
    private static func day(_ created: String) -> String? {
        let parser = DateFormatter()
        parser.locale = Locale(identifier: "en_US_POSIX")
        parser.timeZone = TimeZone(identifier: "GMT")
        parser.dateFormat = "EEE, d MMM yyyy HH:mm:ss zzz"
        guard let date = parser.date(from: created) else { return nil }
        parser.dateFormat = "yyyy-MM-dd"
        return parser.string(from: date)
    }

    /// `text` with `&`, `<`, `>` and `"` escaped.
    public static func escaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
