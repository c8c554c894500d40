import Foundation

/// A calendar day in UTC, written `YYYY-MM-DD`: the unit of the daily feed.
public struct Day: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    /// Fails for anything that is not a real calendar date (`2025-13-45`, `2025-02-30`).
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
              (1...Self.daysIn(month: month, year: year)).contains(day) else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses `YYYY-MM-DD`, also when followed by a time (`2025-03-11T00:00:00.000Z`).
    public init?(_ text: some StringProtocol) {
        let head = text.prefix(10)
        let parts = head.split(separator: "-")
        guard head.count == 10, parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]) else { return nil }
        self.init(year: y, month: m, day: d)
    }

    /// The UTC day containing `date`; dates before year 1 or after 9999 give the first or last
    /// day PaperFeed represents, so no date (a corrupt record, `Date.distantFuture`) can trap.
    public init(_ date: Date) {
        let c = Self.utc.dateComponents([.era, .year, .month, .day], from: date)
        if c.era == 1, let year = c.year, let month = c.month, let day = c.day, let valid = Day(year: year, month: month, day: day) {
            self = valid
        } else {
            self = date < Self.first.start ? Self.first : Self.last
        }
    }

    /// The first and last days PaperFeed represents: 0001-01-01 and 9999-12-31.
    public static let first = Day(year: 1, month: 1, day: 1)!
    public static let last = Day(year: 9999, month: 12, day: 31)!

    public var description: String {
        String(format: "%04d-%02d-%02d", year, month, day)
    }

    /// Midnight UTC at the start of this day.
    public var start: Date {
        // Every valid day has a date; the fallback is never taken.
        Self.utc.date(from: DateComponents(year: year, month: month, day: day)) ?? Date(timeIntervalSince1970: 0)
    }

    /// The day `days` later (earlier when negative), held within `first...last`.
    public func adding(days: Int) -> Day {
        let clamped = max(-4_000_000, min(4_000_000, days))
        return Day(start.addingTimeInterval(Double(clamped) * 86_400))
    }

    public static func < (a: Day, b: Day) -> Bool {
        (a.year, a.month, a.day) < (b.year, b.month, b.day)
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let day = Day(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not a day: \(text)"))
        }
        self = day
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    static let utc: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar
    }()
}
