import Foundation
import PaperCore

/// The outbox key of a digest period: `daily/2026-11-29` or `weekly/2026-W48`.
public struct DigestPeriodKey: Hashable, Sendable, CustomStringConvertible {
    public var frequency: DigestFrequency
    public var period: Period

    public init(frequency: DigestFrequency, period: Period) {
        self.frequency = frequency
        self.period = period
    }

    /// The earliest a paper in this period's personal digest may have appeared: the frequency's
    /// `personalWindow` before the end of the day the digest goes out (the period's first day),
    /// or before `now` when that is earlier.
    public func personalSince(now: Date) -> Date {
        min(now, period.days.lowerBound.adding(days: 1).start).addingTimeInterval(-frequency.personalWindow)
    }

    /// The period a digest sent on `day` covers.
    public init(frequency: DigestFrequency, sending day: Day) {
        self.init(frequency: frequency, period: frequency.period(sending: day))
    }

    /// Parses a stored key; `nil` for anything else.
    public init?(_ text: String) {
        let parts = text.split(separator: "/", maxSplits: 1)
        guard parts.count == 2, let frequency = DigestFrequency(rawValue: String(parts[0])) else { return nil }
        switch frequency {
        case .daily:
            guard let day = Day(parts[1]) else { return nil }
            self.init(frequency: frequency, period: .day(day))
        case .weekly:
            guard let week = Period.week(parts[1]) else { return nil }
            self.init(frequency: frequency, period: week)
        }
    }

    public var description: String { "\(frequency.rawValue)/\(period)" }
}
