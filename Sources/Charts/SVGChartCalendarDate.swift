import CartographCore

extension SVGChart {
    /// Charts place clinical dates with the same calendar arithmetic as the rest of Cartograph.
    public typealias CalendarDate = CartographCore.CalendarDate
}

extension CartographCore.CalendarDate {
    /// Parses `YYYY-MM-DD`; nil for anything else.
    public init?(iso: String) { self.init(iso) }
    /// The date `dayNumber` days after 1970-01-01.
    public init(dayNumber: Int) { self.init(daysSinceEpoch: dayNumber) }
    /// Days since 1970-01-01, the charts' x coordinate.
    public var dayNumber: Int { daysSinceEpoch }
    public var year: Int { parts.year }
    public var month: Int { parts.month }
    public var day: Int { parts.day }

    /// Short English axis label, fixed regardless of locale: `3 Mar` (other languages:
    /// ``SVGChart/CalendarWords/label(_:withYear:)``).
    public var shortLabel: String { SVGChart.CalendarWords.english.label(self) }
}
