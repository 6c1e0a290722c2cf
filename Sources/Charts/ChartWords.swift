import CartographCore
import Foundation

// The words every chart writes itself — legend entries, fixed labels, flags and the `<desc>` summary —
// come from the caller, so a page in another language can pass its own. Each chart has a `Words`
// value whose `english` instance (also the default of `svg(words:)`) writes exactly what the chart
// always wrote. Charts never look anything up: a caller translates, and passes strings and closures.
//
// Numbers reach the closures already formatted by the charts' locale-free format (`SVGChart.format`),
// so a translated sentence keeps the figures of the English one.

extension SVGChart {
    /// Day-and-month labels of calendar axes (the journey timeline's ticks).
    ///
    /// `dayMonth` and `dayMonthYear` are patterns in which `{day}`, `{month}` (the month's name from
    /// `monthName`) and `{year}` are replaced: `{day} {month}` gives `3 Mar`, a Chinese `{month}{day}日`
    /// gives `3月3日`.
    public struct CalendarWords: Sendable {
        /// The name of month 1…12 (`Mar`).
        public var monthName: @Sendable (_ month: Int) -> String
        /// A tick within the year.
        public var dayMonth: String
        /// A tick that also names the year (the first tick, and 1 January).
        public var dayMonthYear: String

        public static let englishMonthNames = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

        public init(monthName: @escaping @Sendable (_ month: Int) -> String = { CalendarWords.englishMonthNames[min(max($0, 1), 12) - 1] },
                    dayMonth: String = "{day} {month}", dayMonthYear: String = "{day} {month} {year}") {
            self.monthName = monthName
            self.dayMonth = dayMonth
            self.dayMonthYear = dayMonthYear
        }

        /// `3 Mar`, `1 Jan 2026`.
        public static let english = CalendarWords()

        /// The label of `date`, with its year when `withYear`.
        public func label(_ date: CalendarDate, withYear: Bool = false) -> String {
            (withYear ? dayMonthYear : dayMonth)
                .replacingOccurrences(of: "{day}", with: String(date.day))
                .replacingOccurrences(of: "{month}", with: monthName(date.month))
                .replacingOccurrences(of: "{year}", with: String(date.year))
        }
    }
}

extension SurvivalChart {
    public struct Words: Sendable {
        /// Heading of the risk table.
        public var numberAtRisk: String
        /// A curve's median in the summary, given in months (`6.5`).
        public var median: @Sendable (_ months: String) -> String
        public var medianNotReached: String
        /// One curve in the summary: its name, its size when known, and its median text.
        public var group: @Sendable (_ name: String, _ n: Int?, _ median: String) -> String
        /// The `<desc>` summary: the number of curves, the axis end in months, the curves' texts.
        public var summary: @Sendable (_ groups: Int, _ maxMonths: String, _ groupTexts: [String]) -> String

        public init(numberAtRisk: String = "Number at risk",
                    median: @escaping @Sendable (_ months: String) -> String = { "median " + $0 + " months" },
                    medianNotReached: String = "median not reached",
                    group: @escaping @Sendable (_ name: String, _ n: Int?, _ median: String) -> String = { name, n, median in
                        name + (n.map { " (n=" + String($0) + ")" } ?? "") + ": " + median
                    },
                    summary: @escaping @Sendable (_ groups: Int, _ maxMonths: String, _ groupTexts: [String]) -> String = { groups, maxMonths, texts in
                        "Kaplan–Meier curves for " + String(groups) + (groups == 1 ? " group" : " groups")
                            + " over 0–" + maxMonths + " months. " + texts.joined(separator: "; ") + "."
                    }) {
            self.numberAtRisk = numberAtRisk
            self.median = median
            self.medianNotReached = medianNotReached
            self.group = group
            self.summary = summary
        }

        public static let english = Words()
    }
}

extension SwimmerChart {
    public struct Words: Sendable {
        /// Legend and colour key of a response event without a label.
        public var response: String
        /// Legend entry of an `.other` event without a label.
        public var event: String
        public var progression: String
        public var death: String
        public var ongoing: String
        /// The `<desc>` summary: patients, ongoing, with progression, deaths.
        public var summary: @Sendable (_ patients: Int, _ ongoing: Int, _ progressed: Int, _ died: Int) -> String

        public init(response: String = "Response", event: String = "Event", progression: String = "Progression",
                    death: String = "Death", ongoing: String = "Ongoing",
                    summary: @escaping @Sendable (_ patients: Int, _ ongoing: Int, _ progressed: Int, _ died: Int) -> String = { n, o, p, d in
                        "Swimmer plot of \(n) patients; \(o) ongoing, \(p) with progression, \(d) deaths."
                    }) {
            self.response = response
            self.event = event
            self.progression = progression
            self.death = death
            self.ongoing = ongoing
            self.summary = summary
        }

        public static let english = Words()
    }
}

extension ToxicityTimelineChart {
    public struct Words: Sendable {
        /// Legend entry of grade 0…5.
        public var grade: @Sendable (_ grade: Int) -> String
        /// x axis title.
        public var studyDay: String
        /// One row in the summary: `CRS max grade 1`.
        public var maxGrade: @Sendable (_ row: String, _ grade: Int) -> String
        /// One intervention in the summary, its day formatted: `Tocilizumab day 1.5`.
        public var intervention: @Sendable (_ name: String, _ day: String) -> String
        /// The `<desc>` summary: first and last day, the rows' texts, readings at or above the fever
        /// threshold, the threshold (`38.0`), the interventions' texts (empty when none).
        public var summary: @Sendable (_ firstDay: String, _ lastDay: String, _ maxGrades: [String], _ fevers: Int,
                                       _ threshold: String, _ interventions: [String]) -> String

        public init(grade: @escaping @Sendable (_ grade: Int) -> String = { "Grade " + String($0) },
                    studyDay: String = "Study day",
                    maxGrade: @escaping @Sendable (_ row: String, _ grade: Int) -> String = { "\($0) max grade \($1)" },
                    intervention: @escaping @Sendable (_ name: String, _ day: String) -> String = { "\($0) day \($1)" },
                    summary: @escaping @Sendable (_ firstDay: String, _ lastDay: String, _ maxGrades: [String], _ fevers: Int,
                                                  _ threshold: String, _ interventions: [String]) -> String = { first, last, grades, fevers, threshold, given in
                        "Toxicity timeline, days \(first)–\(last): \(grades.joined(separator: ", ")); "
                            + "\(fevers) temperature readings at or above \(threshold) °C; "
                            + "interventions: \(given.isEmpty ? "none" : given.joined(separator: ", "))."
                    }) {
            self.grade = grade
            self.studyDay = studyDay
            self.maxGrade = maxGrade
            self.intervention = intervention
            self.summary = summary
        }

        public static let english = Words()
    }
}

extension JourneyTimelineChart {
    public struct Words: Sendable {
        public var planned: String
        public var actual: String
        public var deviation: String
        /// Legend entry and the label over today's line.
        public var today: String
        /// Flags, by days: `+5 d late` (finished or in progress), `+2 d overdue` (not started), `3 d early`.
        public var late: @Sendable (_ days: Int) -> String
        public var overdue: @Sendable (_ days: Int) -> String
        public var early: @Sendable (_ days: Int) -> String
        /// Between a flag and its note.
        public var flagSeparator: String
        /// One flagged step in the summary: `Manufacturing +5 d late`.
        public var flaggedStep: @Sendable (_ step: String, _ flag: String) -> String
        /// The `<desc>` summary: number of steps, today (when given), the flagged steps' texts.
        public var summary: @Sendable (_ steps: Int, _ today: SVGChart.CalendarDate?, _ flagged: [String]) -> String
        /// Tick labels of the date axis.
        public var calendar: SVGChart.CalendarWords

        public init(planned: String = "Planned", actual: String = "Actual", deviation: String = "Deviation", today: String = "Today",
                    late: @escaping @Sendable (_ days: Int) -> String = { "+" + String($0) + " d late" },
                    overdue: @escaping @Sendable (_ days: Int) -> String = { "+" + String($0) + " d overdue" },
                    early: @escaping @Sendable (_ days: Int) -> String = { String($0) + " d early" },
                    flagSeparator: String = " · ",
                    flaggedStep: @escaping @Sendable (_ step: String, _ flag: String) -> String = { "\($0) \($1)" },
                    summary: @escaping @Sendable (_ steps: Int, _ today: SVGChart.CalendarDate?, _ flagged: [String]) -> String = { steps, today, flagged in
                        let asOf = today.map { " as of \($0.description)" } ?? ""
                        let deviations = flagged.isEmpty ? "no deviations from plan." : "\(flagged.count) flagged: \(flagged.joined(separator: "; "))."
                        return "Treatment journey of \(steps) steps\(asOf); \(deviations)"
                    },
                    calendar: SVGChart.CalendarWords = .english) {
            self.planned = planned
            self.actual = actual
            self.deviation = deviation
            self.today = today
            self.late = late
            self.overdue = overdue
            self.early = early
            self.flagSeparator = flagSeparator
            self.flaggedStep = flaggedStep
            self.summary = summary
            self.calendar = calendar
        }

        public static let english = Words()
    }
}

extension KineticsChart {
    public struct Words: Sendable {
        /// Legend entry of the hollow marker.
        public var belowLLOD: String
        /// Label at the end of the LLOD line.
        public var llod: String
        /// The `<desc>` summary: series, the LLOD (formatted; nil without one), samples below it, all samples.
        public var summary: @Sendable (_ series: Int, _ llod: String?, _ below: Int, _ samples: Int) -> String

        public init(belowLLOD: String = "Below LLOD", llod: String = "LLOD",
                    summary: @escaping @Sendable (_ series: Int, _ llod: String?, _ below: Int, _ samples: Int) -> String = { series, llod, below, samples in
                        "Kinetics of \(series) series on a log scale\(llod.map { "; LLOD \($0)" } ?? ""); \(below) of \(samples) samples below the LLOD."
                    }) {
            self.belowLLOD = belowLLOD
            self.llod = llod
            self.summary = summary
        }

        public static let english = Words()
    }
}

extension ResponseTimelineChart {
    public struct Words: Sendable {
        /// The headline: the best confirmed category, and its first day when known (formatted).
        public var bestResponse: @Sendable (_ category: String, _ fromDay: String?) -> String
        public var noConfirmedResponse: String
        /// Label of the dashed baseline line.
        public var baseline: String
        /// Label of the progression line.
        public var progression: String
        /// The `<desc>` summary: the y title, timepoints, assessments, the headline, the progression
        /// day (formatted; nil without progression).
        public var summary: @Sendable (_ marker: String, _ timepoints: Int, _ assessments: Int, _ headline: String,
                                       _ progressionDay: String?) -> String

        public init(bestResponse: @escaping @Sendable (_ category: String, _ fromDay: String?) -> String = { category, day in
                        "Best confirmed response: \(category)" + (day.map { " (from day \($0))" } ?? "")
                    },
                    noConfirmedResponse: String = "No confirmed response", baseline: String = "baseline", progression: String = "PD",
                    summary: @escaping @Sendable (_ marker: String, _ timepoints: Int, _ assessments: Int, _ headline: String,
                                                  _ progressionDay: String?) -> String = { marker, timepoints, assessments, headline, pd in
                        "\(marker) at \(timepoints) timepoints; \(assessments) response assessments; \(headline)"
                            + (pd.map { "; progression on day \($0)" } ?? "") + "."
                    }) {
            self.bestResponse = bestResponse
            self.noConfirmedResponse = noConfirmedResponse
            self.baseline = baseline
            self.progression = progression
            self.summary = summary
        }

        public static let english = Words()
    }
}

extension WaterfallChart {
    public struct Words: Sendable {
        /// The `<desc>` summary: patients, patients with a reduction of 50 % or more.
        public var summary: @Sendable (_ patients: Int, _ responders: Int) -> String

        public init(summary: @escaping @Sendable (_ patients: Int, _ responders: Int) -> String = { n, r in
                        "Waterfall plot of best percentage change from baseline for \(n) patients; \(r) with a reduction of 50% or more."
                    }) {
            self.summary = summary
        }

        public static let english = Words()
    }
}

extension ForestPlotChart {
    public struct Words: Sendable {
        /// A row's label with its detail: `Age ≥ 65 (12/45)`.
        public var labelWithDetail: @Sendable (_ label: String, _ detail: String) -> String
        /// The `<desc>` summary: estimates, the reference value (formatted), the rows' `label estimate` texts.
        public var summary: @Sendable (_ estimates: Int, _ reference: String, _ rows: [String]) -> String

        public init(labelWithDetail: @escaping @Sendable (_ label: String, _ detail: String) -> String = { $0 + " (" + $1 + ")" },
                    summary: @escaping @Sendable (_ estimates: Int, _ reference: String, _ rows: [String]) -> String = { n, reference, rows in
                        "Forest plot of \(n) estimates on a log scale with reference line at \(reference): \(rows.joined(separator: "; "))."
                    }) {
            self.labelWithDetail = labelWithDetail
            self.summary = summary
        }

        public static let english = Words()
    }
}

extension GroupedBarChart {
    public struct Words: Sendable {
        /// The `<desc>` summary: whether stacked, the series' names, the categories, each series'
        /// `name v1/v2/…` text.
        public var summary: @Sendable (_ stacked: Bool, _ series: [String], _ categories: [String], _ values: [String]) -> String

        public init(summary: @escaping @Sendable (_ stacked: Bool, _ series: [String], _ categories: [String], _ values: [String]) -> String = { stacked, series, categories, values in
                        "\(stacked ? "Stacked" : "Grouped") bar chart of \(series.joined(separator: ", ")) by \(categories.joined(separator: ", ")): \(values.joined(separator: "; "))."
                    }) {
            self.summary = summary
        }

        public static let english = Words()
    }
}
