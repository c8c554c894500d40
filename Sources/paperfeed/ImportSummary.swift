import PaperIngest

/// The report printed when an import ends: counts, then every problem with its reason.
struct ImportSummary {
    let report: ImportReport
    let elapsed: Duration
    /// What was read, e.g. "12 files" or "the demo dataset".
    let source: String
    /// Skipped records listed one by one before the rest are only counted.
    var skippedShown = 50

    func print() {
        let c = report.counts
        let rate = Int(Double(report.records) / max(elapsed.seconds, 0.001))
        Swift.print("Imported \(report.records.formatted()) records from \(source) "
            + "in \(String(format: "%.1f", elapsed.seconds)) s (\(rate.formatted())/s).")
        Swift.print("  new: \(c.inserted.formatted()), updated: \(c.updated.formatted()), "
            + "unchanged: \(c.unchanged.formatted()), older versions ignored: \(c.older.formatted())")
        if !report.failedFiles.isEmpty {
            Swift.print("\(report.failedFiles.count) files could not be imported:")
            for failure in report.failedFiles { Swift.print("  \(failure)") }
        }
        if !report.ignoredFiles.isEmpty {
            Swift.print("\(report.ignoredFiles.count) files ignored, in no known format: "
                + report.ignoredFiles.map { $0.split(separator: "/").last.map(String.init) ?? $0 }.joined(separator: ", "))
        }
        if !report.skipped.isEmpty {
            Swift.print("\(report.skipped.count) records skipped:")
            for skip in report.skipped.prefix(skippedShown) { Swift.print("  \(skip)") }
            if report.skipped.count > skippedShown {
                Swift.print("  … and \(report.skipped.count - skippedShown) more")
            }
        }
    }
}
