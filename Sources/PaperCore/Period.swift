import Foundation

/// A span of listing days the feed shows at once: a day, an ISO week or a calendar month.
public enum Period: Hashable, Sendable, CustomStringConvertible {
    case day(Day)
    /// ISO 8601 week: weeks start on Monday; week 1 holds the year's first Thursday.
    case week(year: Int, week: Int)
    case month(year: Int, month: Int)

    /// The years a week or month can be asked for: one year short of `Day.last`, so that the
    /// next period, which every page links, is representable too.
    public static let years = 1900...9998

    /// Parses `2025-W07` (case-insensitive `w`), or `nil` for anything else (`2025-W60`).
    public static func week(_ text: some StringProtocol) -> Period? {
        let parts = text.uppercased().split(separator: "-")
        guard parts.count == 2, parts[0].count == 4, parts[1].count == 3, parts[1].first == "W",
              let year = Int(parts[0]), let week = Int(parts[1].dropFirst()), years.contains(year),
              (1...Self.weeksIn(year: year)).contains(week) else { return nil }
        return .week(year: year, week: week)
    }

    /// Parses `2025-03`.
    public static func month(_ text: some StringProtocol) -> Period? {
        let parts = text.split(separator: "-")
        guard parts.count == 2, parts[0].count == 4, parts[1].count == 2,
              let year = Int(parts[0]), let month = Int(parts[1]), years.contains(year),
              (1...12).contains(month) else { return nil }
        return .month(year: year, month: month)
    }

    /// The ISO week containing `day`.
    public static func week(containing day: Day) -> Period {
        let c = Self.iso.dateComponents([.yearForWeekOfYear, .weekOfYear], from: day.start)
        return .week(year: c.yearForWeekOfYear ?? day.year, week: c.weekOfYear ?? 1)
    }

    /// The first and last day of the period.
    public var days: ClosedRange<Day> {
        switch self {
        case let .day(day):
            return day...day
        case let .week(year, week):
            let components = DateComponents(weekday: 2, weekOfYear: week, yearForWeekOfYear: year)
            let monday = Self.iso.date(from: components).map(Day.init) ?? (year < 1 ? Day.first : Day.last)
            return monday...monday.adding(days: 6)
        case let .month(year, month):
            // Out-of-range years only come from shifting the first or last month; they hold there.
            guard let first = Day(year: year, month: month, day: 1),
                  let last = Day(year: year, month: month, day: Day.daysIn(month: month, year: year))
            else { return year < 1 ? Day.first...Day.first : Day.last...Day.last }
            return first...last
        }
    }

    public var previous: Period { shifted(by: -1) }
    public var next: Period { shifted(by: 1) }

    private func shifted(by step: Int) -> Period {
        switch self {
        case let .day(day): return .day(day.adding(days: step))
        case .week: return Self.week(containing: days.lowerBound.adding(days: 7 * step))
        case let .month(year, month):
            let index = year * 12 + (month - 1) + step
            return .month(year: index / 12, month: index % 12 + 1)
        }
    }

    /// The form used in URLs and the API: `2025-03-11`, `2025-W11`, `2025-03`.
    public var description: String {
        switch self {
        case let .day(day): day.description
        case let .week(year, week): String(format: "%04d-W%02d", year, week)
        case let .month(year, month): String(format: "%04d-%02d", year, month)
        }
    }

    static func weeksIn(year: Int) -> Int {
        // A year has 53 ISO weeks when December 28th falls in week 53.
        guard let dec28 = Day(year: year, month: 12, day: 28) else { return 52 }
        return iso.component(.weekOfYear, from: dec28.start)
    }

    static let iso: Calendar = {
        var calendar = Calendar(identifier: .iso8601)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar
    }()
}
