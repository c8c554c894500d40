import Foundation
import PaperIngest
import Synchronization

/// A one-line live progress display on standard error: papers, rate, problems.
/// Redraws at most ten times a second, and only on a terminal.
final class ProgressLine: Sendable {
    private let started = ContinuousClock.now
    private let lastDraw = Mutex<ContinuousClock.Instant?>(nil)

    var elapsed: Duration { ContinuousClock.now - started }

    func update(_ report: ImportReport) {
        let seconds = max(elapsed.seconds, 0.001)
        let rate = Int(Double(report.records) / seconds)
        let problems = report.skipped.count + report.failedFiles.count
        show("\(report.records.formatted()) papers · \(rate.formatted())/s · \(report.filesRead) files · \(problems) problems")
    }

    /// Redraws the line with `text`, at most ten times a second, on a terminal only.
    func show(_ text: String) {
        guard StandardError.isTerminal else { return }
        let now = ContinuousClock.now
        let due = lastDraw.withLock { last in
            guard last.map({ now - $0 >= .milliseconds(100) }) ?? true else { return false }
            last = now
            return true
        }
        guard due else { return }
        StandardError.write("\r\u{1B}[K" + text)
    }

    func finish() {
        if StandardError.isTerminal { StandardError.write("\r\u{1B}[K") }
    }
}

extension Duration {
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}
