import Foundation

extension SVGChart {
    /// A calendar date with no time and no time zone (a clinical event's date in the centre's own
    /// calendar), encoded as ISO 8601 `YYYY-MM-DD`.
    ///
    /// Date arithmetic uses a day number in the proleptic Gregorian calendar (days since 1970-01-01),
    /// computed with Hinnant's `days_from_civil` formula (H. Hinnant, *chrono-Compatible Low-Level Date
    /// Algorithms*, 2013), so no `Calendar`, `TimeZone` or locale can shift a date across midnight.
    public struct CalendarDate: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
        public var year: Int
        public var month: Int
        public var day: Int

        public init(year: Int, month: Int, day: Int) {
            self.year = year
            self.month = month
            self.day = day
        }

        /// Parses `YYYY-MM-DD`; nil for anything else or for an impossible date (2024-02-30).
        public init?(iso: String) {
            let parts = iso.split(separator: "-", omittingEmptySubsequences: false)
            guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
                  let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]),
                  (1...12).contains(m), d >= 1, d <= Self.daysInMonth(year: y, month: m) else { return nil }
            self.init(year: y, month: m, day: d)
        }

        /// Days since 1970-01-01 (negative before).
        public var dayNumber: Int {
            let y = month <= 2 ? year - 1 : year
            let era = (y >= 0 ? y : y - 399) / 400
            let yoe = y - era * 400
            let mp = (month + 9) % 12
            let doy = (153 * mp + 2) / 5 + day - 1
            let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
            return era * 146_097 + doe - 719_468
        }

        /// The date `dayNumber` days after 1970-01-01 (Hinnant's `civil_from_days`).
        public init(dayNumber: Int) {
            let z = dayNumber + 719_468
            let era = (z >= 0 ? z : z - 146_096) / 146_097
            let doe = z - era * 146_097
            let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
            let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
            let mp = (5 * doy + 2) / 153
            let d = doy - (153 * mp + 2) / 5 + 1
            let m = mp < 10 ? mp + 3 : mp - 9
            self.init(year: yoe + era * 400 + (m <= 2 ? 1 : 0), month: m, day: d)
        }

        public static func daysInMonth(year: Int, month: Int) -> Int {
            let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
            return [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][(month - 1 + 12) % 12]
        }

        /// Whole days from `self` to `other` (positive when `other` is later).
        public func days(to other: CalendarDate) -> Int { other.dayNumber - dayNumber }

        public func adding(days: Int) -> CalendarDate { CalendarDate(dayNumber: dayNumber + days) }

        public var description: String {
            func pad(_ n: Int, _ w: Int) -> String { let s = String(n); return String(repeating: "0", count: max(0, w - s.count)) + s }
            return pad(year, 4) + "-" + pad(month, 2) + "-" + pad(day, 2)
        }

        /// Short English label, fixed regardless of locale: `3 Mar`.
        public var shortLabel: String {
            let names = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
            return String(day) + " " + names[(month - 1 + 12) % 12]
        }

        public static func < (a: CalendarDate, b: CalendarDate) -> Bool { a.dayNumber < b.dayNumber }

        public init(from decoder: Decoder) throws {
            let c = try decoder.singleValueContainer()
            let s = try c.decode(String.self)
            guard let d = CalendarDate(iso: s) else {
                throw DecodingError.dataCorruptedError(in: c, debugDescription: "date: \"\(s)\" is not a valid YYYY-MM-DD date")
            }
            self = d
        }

        public func encode(to encoder: Encoder) throws {
            var c = encoder.singleValueContainer()
            try c.encode(description)
        }
    }
}
