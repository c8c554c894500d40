import Foundation
import PaperCore

/// Parsers for the date forms the sources use. Hand-written over UTF-8 bytes: they run for
/// every snapshot line, hold no formatter state, and so are safe to call from any task.
enum DateParsing {
    /// ISO 8601 as the sources write it: `2026-08-20T00:00:00.000Z`, `2012-04-02T12:38:54Z`,
    /// `2016-10-09T00:00:00-04:00`, or a bare date `2014-12-29` (midnight UTC).
    static func iso8601(_ text: some StringProtocol) -> Date? {
        var scanner = ByteScanner(Array(text.trimmed.utf8))
        guard let year = scanner.number(digits: 4), scanner.skip("-"),
              let month = scanner.number(digits: 2), scanner.skip("-"),
              let day = scanner.number(digits: 2) else { return nil }
        if scanner.atEnd { return date(year, month, day, 0, 0, 0, fraction: 0, offset: 0) }
        guard scanner.skip("T") || scanner.skip(" "),
              let hour = scanner.number(digits: 2), scanner.skip(":"),
              let minute = scanner.number(digits: 2) else { return nil }
        var second = 0
        if scanner.skip(":") {
            guard let s = scanner.number(digits: 2) else { return nil }
            second = s
        }
        var fraction = 0.0
        if scanner.skip(".") || scanner.skip(",") {
            var scale = 0.1
            var any = false
            while let digit = scanner.digit() {
                fraction += Double(digit) * scale
                scale /= 10
                any = true
            }
            guard any else { return nil }
        }
        var offset = 0
        if scanner.skip("Z") || scanner.skip("z") || scanner.atEnd {
            offset = 0
        } else if let sign = scanner.sign() {
            guard let hours = scanner.number(digits: 2) else { return nil }
            _ = scanner.skip(":")
            let minutes = scanner.number(digits: 2) ?? 0
            offset = sign * (hours * 3600 + minutes * 60)
        } else {
            return nil
        }
        guard scanner.atEnd else { return nil }
        return date(year, month, day, hour, minute, second, fraction: fraction, offset: offset)
    }

    /// RFC 2822 as arXiv writes version dates: `Mon, 2 Apr 2007 19:18:42 GMT`. The weekday is
    /// optional; the zone may be `GMT`, `UT`, `UTC`, `Z` or a numeric `+0000`.
    static func rfc2822(_ text: some StringProtocol) -> Date? {
        var scanner = ByteScanner(Array(text.trimmed.utf8))
        if let comma = scanner.bytes.firstIndex(of: UInt8(ascii: ",")) {
            scanner.position = comma + 1
        }
        scanner.skipSpaces()
        guard let day = scanner.number(maxDigits: 2) else { return nil }
        scanner.skipSpaces()
        guard let month = scanner.monthName() else { return nil }
        scanner.skipSpaces()
        guard let year = scanner.number(digits: 4) else { return nil }
        scanner.skipSpaces()
        guard let hour = scanner.number(digits: 2), scanner.skip(":"),
              let minute = scanner.number(digits: 2) else { return nil }
        var second = 0
        if scanner.skip(":") {
            guard let s = scanner.number(digits: 2) else { return nil }
            second = s
        }
        scanner.skipSpaces()
        var offset = 0
        if let sign = scanner.sign() {
            guard let hhmm = scanner.number(digits: 4) else { return nil }
            offset = sign * ((hhmm / 100) * 3600 + (hhmm % 100) * 60)
        } else {
            let zone = String(decoding: scanner.bytes[scanner.position...], as: UTF8.self).uppercased()
            guard ["", "GMT", "UT", "UTC", "Z"].contains(zone) else { return nil }
        }
        return date(year, month, day, hour, minute, second, fraction: 0, offset: offset)
    }

    /// A timestamp for a wall-clock time at a UTC offset (seconds east of UTC).
    private static func date(
        _ year: Int, _ month: Int, _ day: Int, _ hour: Int, _ minute: Int, _ second: Int,
        fraction: Double, offset: Int
    ) -> Date? {
        guard Day(year: year, month: month, day: day) != nil, hour < 24, minute < 60, second <= 60
        else { return nil }
        let days = daysFromCivil(year: year, month: month, day: day)
        let seconds = days * 86_400 + hour * 3600 + minute * 60 + second - offset
        return Date(timeIntervalSince1970: Double(seconds) + fraction)
    }

    /// Days since 1970-01-01 in the proleptic Gregorian calendar (H. Hinnant's algorithm).
    private static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }
}

/// A cursor over ASCII bytes for the date parsers.
private struct ByteScanner {
    let bytes: [UInt8]
    var position = 0
    init(_ bytes: [UInt8]) { self.bytes = bytes }

    var atEnd: Bool { position >= bytes.count }

    mutating func skip(_ character: Unicode.Scalar) -> Bool {
        guard !atEnd, bytes[position] == UInt8(ascii: character) else { return false }
        position += 1
        return true
    }

    mutating func skipSpaces() {
        while !atEnd, bytes[position] == 0x20 { position += 1 }
    }

    mutating func digit() -> Int? {
        guard !atEnd, (0x30...0x39).contains(bytes[position]) else { return nil }
        defer { position += 1 }
        return Int(bytes[position] - 0x30)
    }

    /// Exactly `digits` decimal digits.
    mutating func number(digits: Int) -> Int? {
        let start = position
        var value = 0
        for _ in 0..<digits {
            guard let d = digit() else { position = start; return nil }
            value = value * 10 + d
        }
        return value
    }

    /// One to `maxDigits` decimal digits.
    mutating func number(maxDigits: Int) -> Int? {
        var value = 0
        var count = 0
        while count < maxDigits, let d = digit() {
            value = value * 10 + d
            count += 1
        }
        return count == 0 ? nil : value
    }

    /// `+1` or `-1` after consuming a sign, else `nil`.
    mutating func sign() -> Int? {
        if skip("+") { return 1 }
        if skip("-") { return -1 }
        return nil
    }

    /// An English month abbreviation (`Jan` … `Dec`, any case) as 1…12.
    mutating func monthName() -> Int? {
        guard position + 3 <= bytes.count else { return nil }
        let name = String(decoding: bytes[position..<position + 3], as: UTF8.self).lowercased()
        let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
        guard let index = months.firstIndex(of: name) else { return nil }
        position += 3
        while !atEnd, (bytes[position] | 0x20) >= 0x61, (bytes[position] | 0x20) <= 0x7A { position += 1 }
        return index + 1
    }
}
