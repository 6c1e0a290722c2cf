import CartographCore
import Foundation

/// One patient's treatment journey (e.g. the six steps of a CAR-T course: leukapheresis,
/// manufacturing, lymphodepletion, infusion, short-term and long-term monitoring) as rows with two
/// bars each — planned dates above, actual dates below — a "today" marker, and a flag where the actual
/// dates deviate from the plan by more than a tolerance.
public struct JourneyTimelineChart: Sendable, Equatable, Codable {
    /// Inclusive date range; `end` nil means a one-day step when planned, and "still in progress"
    /// (drawn up to today) when actual.
    public struct DateRange: Sendable, Equatable, Codable {
        public var start: SVGChart.CalendarDate
        public var end: SVGChart.CalendarDate?
        public init(start: SVGChart.CalendarDate, end: SVGChart.CalendarDate? = nil) {
            self.start = start
            self.end = end
        }
    }

    public struct Step: Sendable, Equatable, Codable {
        public var name: String
        public var planned: DateRange?
        public var actual: DateRange?
        /// Free text appended to the row's flag (e.g. "re-collection").
        public var note: String?
        public init(name: String, planned: DateRange? = nil, actual: DateRange? = nil, note: String? = nil) {
            self.name = name
            self.planned = planned
            self.actual = actual
            self.note = note
        }
    }

    public var frame: SVGChart.Frame
    public var steps: [Step]
    public var today: SVGChart.CalendarDate?
    /// Deviations of at most this many days are not flagged.
    public var toleranceDays: Int

    public init(frame: SVGChart.Frame, steps: [Step], today: SVGChart.CalendarDate? = nil, toleranceDays: Int = 0) {
        self.frame = frame
        self.steps = steps
        self.today = today
        self.toleranceDays = toleranceDays
    }

    /// Days the step is behind (+) or ahead of (−) plan:
    /// - finished: actual end − planned end;
    /// - in progress: today − planned end when today is past the planned end, else actual start −
    ///   planned start;
    /// - not started: today − planned end when today is past the planned end (overdue), else nil.
    /// Nil when there is no plan or nothing can be said yet.
    public func deviationDays(_ step: Step) -> Int? {
        guard let plan = step.planned else { return nil }
        let plannedEnd = plan.end ?? plan.start
        // A planned range is a window: anything inside it is on time.
        if let actual = step.actual {
            if let end = actual.end {
                if end > plannedEnd { return plannedEnd.days(to: end) }
                if end < plan.start { return plan.start.days(to: end) }
                return 0
            }
            if let t = today, t > plannedEnd { return plannedEnd.days(to: t) }
            return actual.start < plan.start ? plan.start.days(to: actual.start) : 0
        }
        if let t = today, t > plannedEnd { return plannedEnd.days(to: t) }
        return nil
    }

    /// The flag text for a step, or nil when within tolerance: `+5 d late`, `3 d early`,
    /// `+2 d overdue` (not started), with the note appended.
    public func flag(_ step: Step, words: Words = .english) -> String? {
        var parts: [String] = []
        if let d = deviationDays(step), abs(d) > toleranceDays {
            if d > 0 { parts.append(step.actual == nil ? words.overdue(d) : words.late(d)) }
            else { parts.append(words.early(-d)) }
        }
        if let n = step.note, !n.isEmpty, !parts.isEmpty { parts.append(n) }
        return parts.isEmpty ? nil : parts.joined(separator: words.flagSeparator)
    }

    /// Axis ticks for a day-number span: weekly up to 8 weeks, the 1st (and 15th up to 120 days) of
    /// each month up to a year, and the 1st of every third month beyond.
    static func tickDates(from lo: Int, to hi: Int) -> [SVGChart.CalendarDate] {
        let span = hi - lo
        if span <= 56 { return stride(from: lo, through: hi, by: 7).map(SVGChart.CalendarDate.init(dayNumber:)) }
        return (lo...hi).map(SVGChart.CalendarDate.init(dayNumber:)).filter { d in
            if span <= 120 { return d.day == 1 || d.day == 15 }
            if span <= 366 { return d.day == 1 }
            return d.day == 1 && (d.month - 1) % 3 == 0
        }
    }
}
