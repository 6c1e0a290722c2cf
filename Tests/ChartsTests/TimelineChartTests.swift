import Foundation
import Testing
@testable import Charts

@Suite("Toxicity and journey timelines")
struct TimelineChartTests {
    /// 676 × 300, insets 60/52/40/64 → plot x 64…624 (560 px for days 0–28 = 20 px a day), y 60…260.
    static let toxFrame = SVGChart.Frame(id: "tox", title: "Day 0–28", width: 676, height: 300,
                                         insets: .init(top: 60, right: 52, bottom: 40, left: 64))

    static let tox = ToxicityTimelineChart(
        frame: toxFrame,
        crs: [.init(day: 0, grade: 0), .init(day: 2, grade: 1), .init(day: 4, grade: 2), .init(day: 6, grade: 0)],
        icans: [.init(day: 5, grade: 7)],
        temperatures: [.init(day: 1, celsius: 37.0), .init(day: 2, celsius: 38.0), .init(day: 3.5, celsius: 39.2), .init(day: 5, celsius: 37.9)],
        interventions: [.init(day: 2, name: "Tocilizumab"), .init(day: 2, name: "Dexamethasone")])

    @Test("grade bars: one segment per constant grade, coloured by grade, at 20 px a day")
    func gradeBars() throws {
        // MUT
        let root = try parseSVG(Self.tox.svg())
        let rows = root.descendants("g", class: "toxicity-row")
        // validate
        #expect(rows.map { $0.attributes["data-row"] } == ["CRS", "ICANS"])
        let crs = rows[0].descendants("rect", class: "grade-bar")
        #expect(crs.map { $0.attributes["data-grade"] } == ["0", "1", "2", "0"])
        // grade 2 from day 4 to 6: x = 64 + 4 × 20 = 144, width 40; last grade 0 runs to day 28 (624)
        #expect(crs[2].number("x") == 144 && crs[2].number("width") == 40)
        #expect(crs[3].number("x") == 184 && crs[3].number("width") == 440)
        #expect(crs[2].attributes["fill"] == SVGChart.Palette.grade(2))
        // ICANS grade 7 is clamped to 5 and starts at day 5 (x 164)
        let icans = rows[1].descendants("rect", class: "grade-bar")
        #expect(icans.map { $0.attributes["data-grade"] } == ["5"])
        #expect(icans[0].number("x") == 164)
    }

    @Test("temperature panel has the 38.0 °C line; readings at 38.0 count as fever, 37.9 does not")
    func temperature() throws {
        let root = try parseSVG(Self.tox.svg())
        // panel y 124…260 (60 + 2 rows × 24 + 16 gap); axis 36–40 °C → y(38) = 260 − 2/4 × 136 = 192
        let fever = try #require(root.descendants("line", class: "fever-line").first)
        #expect(fever.number("y1") == 192)
        #expect(root.descendants("text", class: "fever-label").first?.text == "38.0 °C")
        #expect(root.descendants(class: "fever").count == 2)
        #expect(root.descendants(class: "temperature-point").count == 4)
    }

    @Test("interventions are labelled ticks; same-day labels are stacked, not overlaid")
    func interventions() throws {
        let groups = try parseSVG(Self.tox.svg()).descendants("g", class: "intervention")
        #expect(groups.map { $0.attributes["data-name"] } == ["Tocilizumab", "Dexamethasone"])
        let lines = groups.compactMap { $0.descendants("line").first }
        #expect(lines.allSatisfy { $0.number("x1") == 104 })          // day 2 → 64 + 40
        let ys = groups.compactMap { $0.descendants("text").first?.number("y") }
        #expect(ys == [52, 39])                                        // levels 0 and 1, 13 apart
        #expect(ToxicityTimelineChart.labelLevels(centres: [100, 300], widths: [50, 50]) == [0, 0])
    }

    static func date(_ s: String) -> SVGChart.CalendarDate { SVGChart.CalendarDate(iso: s)! }

    static func journey(tolerance: Int = 0) -> JourneyTimelineChart {
        JourneyTimelineChart(
            frame: .init(id: "journey", title: "Journey"),
            steps: [
                .init(name: "Leukapheresis", planned: .init(start: date("2024-03-01")), actual: .init(start: date("2024-03-01"), end: date("2024-03-01"))),
                .init(name: "Manufacturing", planned: .init(start: date("2024-03-02"), end: date("2024-04-01")),
                      actual: .init(start: date("2024-03-02"), end: date("2024-04-03")), note: "re-test"),
                .init(name: "Lymphodepletion", planned: .init(start: date("2024-04-05"), end: date("2024-04-07")),
                      actual: .init(start: date("2024-04-08"))),
                .init(name: "Infusion", planned: .init(start: date("2024-04-10"))),
                .init(name: "Short-term monitoring", planned: .init(start: date("2024-04-10"), end: date("2024-05-08"))),
            ],
            today: date("2024-04-09"), toleranceDays: tolerance)
    }

    @Test("journey deviations: late, ongoing past plan, not started, on time")
    func journeyDeviation() {
        let j = Self.journey()
        // 2024-04-01 → 2024-04-03 = +2; on-time collection = 0; lymphodepletion still running on 04-09,
        // planned end 04-07 → +2; infusion planned 04-10, today 04-09 → nothing to say yet.
        #expect(j.steps.map { j.deviationDays($0) } == [0, 2, 2, nil, nil])
        #expect(j.flag(j.steps[1]) == "+2 d late · re-test")
        #expect(j.flag(j.steps[0]) == nil)
        // tolerance: 2 days are tolerated at 2, flagged at 1
        #expect(Self.journey(tolerance: 2).flag(j.steps[1]) == nil)
        #expect(Self.journey(tolerance: 1).flag(j.steps[1]) != nil)
        // overdue when not started after the planned end
        var late = j
        late.today = Self.date("2024-04-12")
        #expect(late.flag(late.steps[3]) == "+2 d overdue")
        #expect(late.deviationDays(late.steps[2]) == 5)
        // early finish
        let early = JourneyTimelineChart(frame: .init(title: "e"), steps: [.init(name: "s", planned: .init(start: Self.date("2024-01-10")),
                                                                                   actual: .init(start: Self.date("2024-01-07"), end: Self.date("2024-01-07")))])
        #expect(early.flag(early.steps[0]) == "3 d early")
        // A planned range is a window: a release on day 31 of a 28–35-day window is on time, not "4 d early".
        let inWindow = JourneyTimelineChart(frame: .init(title: "w"), steps: [.init(name: "Manufacturing",
            planned: .init(start: Self.date("2024-03-29"), end: Self.date("2024-04-05")),
            actual: .init(start: Self.date("2024-03-02"), end: Self.date("2024-04-01")))])
        #expect(inWindow.deviationDays(inWindow.steps[0]) == 0)
        #expect(inWindow.flag(inWindow.steps[0]) == nil)
    }

    @Test("journey draws planned and actual bars, a today marker and flags")
    func journeyStructure() throws {
        let root = try parseSVG(Self.journey().svg())
        #expect(root.descendants("g", class: "journey-step").count == 5)
        #expect(root.descendants("rect", class: "journey-planned").count == 5)
        #expect(root.descendants("rect", class: "journey-actual").count == 3)
        #expect(root.descendants("rect", class: "journey-ongoing").count == 1)
        #expect(root.descendants("line", class: "journey-today").count == 1)
        #expect(root.descendants("text", class: "journey-flag").map(\.text) == ["⚑ +2 d late · re-test", "⚑ +2 d late"])
        // the planned bar for a one-day step is one day wide; manufacturing's (31 days) is 31× that
        let planned = root.descendants("rect", class: "journey-planned").compactMap { $0.number("width") }
        #expect(abs(planned[1] - 31 * planned[0]) < 0.2)   // each width is rounded to 0.01
    }
}
