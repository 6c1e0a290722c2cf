/// An ISO 8601 week: weeks run Monday to Sunday, and week 1 of a year is the week that holds the
/// year's first Thursday (equivalently, the week holding 4 January). The week-based year can differ
/// from the calendar year around New Year: 2027-01-01 (a Friday) belongs to 2026-W53, 2025-12-29
/// (a Monday) to 2026-W01.
///
/// Source: ISO 8601 (week dates, calendar week and week-numbering year); the algorithm takes the Thursday of the date's week,
/// whose calendar year is the week-based year, and counts weeks from that year's 1 January.
/// Domain: any day count; weeks of the years ``CalendarDate`` supports (1…9999) parse and print as
/// `YYYY-Www`, and the week holding 9999-12-31 is week 1 of week-based year 10000.
public struct ManufacturingISOWeek: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    /// Week-based year.
    public let year: Int
    /// 1…52 or 1…53.
    public let week: Int

    /// The week `week` of week-based year `year`; nil when the year has no such week.
    public init?(year: Int, week: Int) {
        guard (1...9999).contains(year), week >= 1, week <= Self.weeksIn(year: year) else { return nil }
        self.year = year; self.week = week
    }

    /// The ISO week a date falls in.
    public init(containing date: CalendarDate) {
        let thursday = date.adding(days: 4 - date.isoWeekday)
        let year = thursday.parts.year
        let firstOfJanuary = CalendarDate(unchecked: year, month: 1, day: 1)
        self.year = year
        self.week = firstOfJanuary.days(to: thursday) / 7 + 1
    }

    /// Parses `2026-W05`; nil for anything else, including a week the year does not have.
    public init?(_ text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 4, parts[1].count == 3, parts[1].first == "W",
              parts[0].allSatisfy({ $0.isASCII && $0.isNumber }), parts[1].dropFirst().allSatisfy({ $0.isASCII && $0.isNumber }),
              let y = Int(parts[0]), let w = Int(parts[1].dropFirst()) else { return nil }
        self.init(year: y, week: w)
    }

    /// The Monday that starts the week.
    public var monday: CalendarDate {
        let january4 = CalendarDate(unchecked: year, month: 1, day: 4)
        return january4.adding(days: 1 - january4.isoWeekday + 7 * (week - 1))
    }

    /// The Sunday that ends the week.
    public var sunday: CalendarDate { monday.adding(days: 6) }

    /// The week after this one (crossing into the next week-based year after its last week).
    public var next: ManufacturingISOWeek { ManufacturingISOWeek(containing: monday.adding(days: 7)) }

    /// 53 when the year starts on a Thursday, or is a leap year starting on a Wednesday; else 52.
    /// (Equivalently, the week number of 28 December, which always lies in the year's last week.)
    public static func weeksIn(year: Int) -> Int {
        ManufacturingISOWeek(containing: CalendarDate(unchecked: year, month: 12, day: 28)).week
    }

    public var description: String {
        let y = String(year), w = String(week)
        return String(repeating: "0", count: max(0, 4 - y.count)) + y + "-W" + (w.count < 2 ? "0" + w : w)
    }

    public static func < (a: Self, b: Self) -> Bool { (a.year, a.week) < (b.year, b.week) }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        let text = try c.decode(String.self)
        guard let w = ManufacturingISOWeek(text) else {
            throw DecodingError.dataCorruptedError(in: c, debugDescription: "not an ISO week in the form YYYY-Www: \"\(text)\"")
        }
        self = w
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(description)
    }
}

extension CalendarDate {
    /// ISO weekday: 1 = Monday … 7 = Sunday. 1970-01-01 (day 0) was a Thursday (4).
    public var isoWeekday: Int {
        let r = (daysSinceEpoch + 3) % 7
        return (r < 0 ? r + 7 : r) + 1
    }

    /// The ISO 8601 week this date falls in.
    public var isoWeek: ManufacturingISOWeek { ManufacturingISOWeek(containing: self) }
}
