import Foundation

/// A calendar date in the treatment center's own time zone, with no time of day.
///
/// Clinical events (collection, lymphodepletion, infusion, assessments) are recorded as calendar dates,
/// and study days count whole days between them. Doing that arithmetic on UTC timestamps shifts events
/// across midnight for centers east or west of Greenwich, so dates are kept as a day count instead.
///
/// Storage is the number of days since 1970-01-01 in the proleptic Gregorian calendar, computed with
/// the civil-from-days / days-from-civil formulas (H. Hinnant, "chrono-Compatible Low-Level Date
/// Algorithms"), valid for years 1…9999. The textual form is ISO 8601 `YYYY-MM-DD`.
public struct CalendarDate: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Days since 1970-01-01.
    public let daysSinceEpoch: Int

    public init(daysSinceEpoch: Int) { self.daysSinceEpoch = daysSinceEpoch }

    /// Creates a date from its parts; `nil` when the parts do not name a real day (2025-02-29, month 13).
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
              day >= 1, day <= CalendarDate.daysInMonth(year: year, month: month) else { return nil }
        self.init(unchecked: year, month: month, day: day)
    }

    /// The days-from-civil formula for any year, without the range check: for arithmetic that may step
    /// just past the supported years (the ISO week of 9999-12-31 belongs to week-based year 10000).
    /// `month` must be 1...12 and `day` 1...31.
    init(unchecked year: Int, month: Int, day: Int) {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        daysSinceEpoch = era * 146_097 + doe - 719_468
    }

    /// Parses `YYYY-MM-DD`; `nil` for anything else, including impossible days.
    public init?(_ text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              parts.allSatisfy({ $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
              let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]) else { return nil }
        self.init(year: y, month: m, day: d)
    }

    /// The date a moment falls on in the given time zone (the center's, never UTC by default).
    public init(_ instant: Date, in timeZone: TimeZone) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let c = calendar.dateComponents([.year, .month, .day], from: instant)
        self.init(year: c.year!, month: c.month!, day: c.day!)!
    }

    public var parts: (year: Int, month: Int, day: Int) {
        let z = daysSinceEpoch + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    /// `YYYY-MM-DD`. Padded by hand: `String(format:)` goes through Foundation's formatter and showed up
    /// in profiles of pages that print thousands of dates.
    public var description: String {
        let p = parts
        func padded(_ n: Int, _ width: Int) -> String {
            let digits = String(n)
            return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
        }
        return padded(p.year, 4) + "-" + padded(p.month, 2) + "-" + padded(p.day, 2)
    }

    public func adding(days: Int) -> CalendarDate { CalendarDate(daysSinceEpoch: daysSinceEpoch + days) }

    /// Adds calendar months, clamping to the month's last day (Jan 31 + 1 month = Feb 28/29), as
    /// follow-up schedules written in months are read in clinics.
    public func adding(months: Int) -> CalendarDate {
        let p = parts
        let total = p.year * 12 + (p.month - 1) + months
        let y = total / 12, m = total % 12 + 1
        return CalendarDate(unchecked: y, month: m, day: min(p.day, CalendarDate.daysInMonth(year: y, month: m)))
    }

    /// Whole days from `self` to `other` (positive when `other` is later).
    public func days(to other: CalendarDate) -> Int { other.daysSinceEpoch - daysSinceEpoch }

    public static func < (a: CalendarDate, b: CalendarDate) -> Bool { a.daysSinceEpoch < b.daysSinceEpoch }

    public static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Today in the center's time zone.
    public static func today(in timeZone: TimeZone, now: Date = Date()) -> CalendarDate {
        CalendarDate(now, in: timeZone)
    }
}

extension CalendarDate: Codable {
    public init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        let text = try c.decode(String.self)
        guard let d = CalendarDate(text) else {
            throw DecodingError.dataCorruptedError(in: c, debugDescription: "not a date in the form YYYY-MM-DD: \"\(text)\"")
        }
        self = d
    }
    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(description)
    }
}

/// Study day: whole days after the infusion, which is Day 0. Days before the infusion are negative
/// (Day −5 is the first lymphodepletion dose of a typical schedule).
public func studyDay(of date: CalendarDate, infusion: CalendarDate) -> Int { infusion.days(to: date) }
