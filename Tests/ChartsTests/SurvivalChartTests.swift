import Foundation
import Testing
@testable import Charts

@Suite("Kaplan–Meier survival chart")
struct SurvivalChartTests {
    /// 600 × 400 with insets top 20, right 20, bottom 120, left 60:
    /// plot x 60…580 (520 px for 0–24 months, 65/3 px per month), y 20…280 (260 px for 0–100 %).
    static let frame = SVGChart.Frame(id: "km", title: "PFS", width: 600, height: 400,
                                      insets: .init(top: 20, right: 20, bottom: 120, left: 60))

    static func curve(name: String = "All", censored: [Double] = [4, 6, 18]) -> SurvivalChart.Curve {
        SurvivalChart.Curve(
            name: name,
            steps: [.init(time: 3, survival: 0.8, lower: 0.6, upper: 0.9),
                    .init(time: 6, survival: 0.6, lower: 0.4, upper: 0.8),
                    .init(time: 12, survival: 0.4, lower: 0.2, upper: 0.6)],
            censored: censored,
            numberAtRisk: [.init(time: 0, count: 10), .init(time: 6, count: 8), .init(time: 12, count: 5),
                           .init(time: 18, count: 2), .init(time: 24, count: 0)])
    }

    @Test("step path vertices sit at hand-computed pixels")
    func stepPath() throws {
        // setup
        let chart = SurvivalChart(frame: Self.frame, curves: [Self.curve()], maxTime: 24, tickInterval: 6)
        // MUT
        let root = try parseSVG(chart.svg())
        // validate: x(t) = 60 + t × 520/24 → x(3)=125, x(6)=190, x(12)=320, x(18)=450;
        // y(s) = 20 + (1 − s) × 260 → y(1)=20, y(.8)=72, y(.6)=124, y(.4)=176. Curve ends at the last
        // censoring (18 months).
        let path = try #require(root.descendants("path", class: "km-curve").first)
        #expect(path.attributes["d"] == "M60,20H125V72H190V124H320V176H450")
    }

    @Test("one + per censored subject, on the curve (tied censoring after the drop)")
    func censorTicks() throws {
        // setup
        let chart = SurvivalChart(frame: Self.frame, curves: [Self.curve()], maxTime: 24, tickInterval: 6)
        // MUT
        let marks = try parseSVG(chart.svg()).descendants("path", class: "km-censor")
        // validate: 3 censored → 3 marks; t=4 → (60 + 4 × 520/24 = 146.67, y(0.8) = 72);
        // t=6 ties the drop to 0.6 → (190, 124); t=18 → (450, y(0.4) = 176).
        #expect(marks.count == 3)
        let centres = marks.compactMap { $0.attributes["d"].flatMap(plusCentre) }
        #expect(centres.map(\.x) == [146.67, 190, 450])
        #expect(centres.map(\.y) == [72, 124, 176])
        #expect(try #require(marks.first?.attributes["d"]) == "M142.67,72H150.67M146.67,68V76")
    }

    @Test("censor marks can be switched off; marks beyond the axis are not drawn")
    func censorOffAndClip() throws {
        let off = SurvivalChart(frame: Self.frame, curves: [Self.curve()], maxTime: 24, tickInterval: 6, showCensorTicks: false)
        #expect(try parseSVG(off.svg()).descendants("path", class: "km-censor").isEmpty)
        let clipped = SurvivalChart(frame: Self.frame, curves: [Self.curve(censored: [4, 30])], maxTime: 24, tickInterval: 6)
        let root = try parseSVG(clipped.svg())
        #expect(root.descendants("path", class: "km-censor").count == 1)
        // the curve runs to the axis end (24 → 580), not to 30
        #expect(root.descendants("path", class: "km-curve").first?.attributes["d"] == "M60,20H125V72H190V124H320V176H580")
    }

    @Test("number-at-risk values appear in order under their x ticks")
    func riskTable() throws {
        let chart = SurvivalChart(frame: Self.frame, curves: [Self.curve()], maxTime: 24, tickInterval: 6)
        let counts = try parseSVG(chart.svg()).descendants("text", class: "km-risk-count")
        #expect(counts.map(\.text) == ["10", "8", "5", "2", "0"])
        // ticks 0, 6, 12, 18, 24 → x = 60, 190, 320, 450, 580
        #expect(counts.compactMap { $0.number("x") } == [60, 190, 320, 450, 580])
        let tickLabels = try parseSVG(chart.svg()).descendants("g", class: "axis-bottom").first?.descendants("text", class: "tick-label")
        #expect(tickLabels?.map(\.text) == ["0", "6", "12", "18", "24"])
    }

    @Test("number at risk computed from observed times: subjects with time ≥ tick")
    func riskFromObservedTimes() throws {
        // setup: observed 1,2,3,5,8,13,21 → at 0: 7; at 6: 8,13,21 = 3; at 12: 13,21 = 2; at 18: 21 = 1; at 24: 0.
        var c = Self.curve()
        c.numberAtRisk = []
        c.observedTimes = [1, 2, 3, 5, 8, 13, 21]
        let chart = SurvivalChart(frame: Self.frame, curves: [c], maxTime: 24, tickInterval: 6)
        // MUT
        let counts = try parseSVG(chart.svg()).descendants("text", class: "km-risk-count")
        // validate
        #expect(counts.map(\.text) == ["7", "3", "2", "1", "0"])
        // a subject observed exactly at the tick is still at risk there
        #expect(SurvivalChart.numberAtRisk(observedTimes: [6, 6, 7], at: [6, 6.5]).map(\.count) == [3, 1])
    }

    @Test("confidence band traces the upper then the lower step function")
    func confidenceBand() throws {
        let chart = SurvivalChart(frame: Self.frame, curves: [Self.curve()], maxTime: 24, tickInterval: 6)
        let band = try #require(try parseSVG(chart.svg()).descendants("path", class: "km-band").first?.attributes["d"])
        // upper: 1 → 0.9 at 3 (y 46) → 0.8 at 6 (y 72) → 0.6 at 12 (y 124), to 18;
        // lower back: 0.2 (y 228) from 18 to 12, 0.4 (y 176) to 6, 0.6 (y 124) to 3, 1 (y 20) to 0.
        #expect(band == "M60,20L125,20L125,46L190,46L190,72L320,72L320,124L450,124"
            + "L450,228L320,228L320,176L190,176L190,124L125,124L125,20L60,20Z")
        let noBand = SurvivalChart(frame: Self.frame, curves: [Self.curve()], maxTime: 24, tickInterval: 6, showConfidenceBands: false)
        #expect(try parseSVG(noBand.svg()).descendants("path", class: "km-band").isEmpty)
    }

    @Test("median is the first time S(t) ≤ 0.5; dashed guide drawn when asked")
    func median() throws {
        // steps 0.8, 0.6, 0.4 → first ≤ 0.5 at 12 months
        #expect(Self.curve().medianTime == 12)
        #expect(SurvivalChart.Curve(name: "b", steps: [.init(time: 5, survival: 0.5)]).medianTime == 5)
        #expect(SurvivalChart.Curve(name: "c", steps: [.init(time: 5, survival: 0.51)]).medianTime == nil)
        let chart = SurvivalChart(frame: Self.frame, curves: [Self.curve()], maxTime: 24, tickInterval: 6, showMedians: true)
        let root = try parseSVG(chart.svg())
        // y(0.5) = 150, x(12) = 320, y(0) = 280
        #expect(root.descendants("path", class: "km-median").first?.attributes["d"] == "M60,150H320V280")
        #expect(root.descendants("desc").first?.text.contains("median 12 months") == true)
    }

    @Test("default x ticks step in months: 1, 2, 3, 6, 12, …")
    func monthTicks() {
        let c36 = SurvivalChart.Curve(name: "a", steps: [], censored: [36])
        let chart = SurvivalChart(frame: Self.frame, curves: [c36])
        // 36/3 = 12 intervals > 8; 36/6 = 6 ≤ 8 → 6
        #expect(chart.resolvedTickInterval == 6)
        #expect(chart.xTicks() == [0, 6, 12, 18, 24, 30, 36])
        let c37 = SurvivalChart(frame: Self.frame, curves: [SurvivalChart.Curve(name: "a", steps: [], censored: [37])])
        // 37/6 = 6.2 ≤ 8 → 6; axis rounded up to 42
        #expect(c37.resolvedMaxTime == 42)
        let c8 = SurvivalChart(frame: Self.frame, curves: [SurvivalChart.Curve(name: "a", steps: [], censored: [8])])
        #expect(c8.resolvedTickInterval == 1)
        let c9 = SurvivalChart(frame: Self.frame, curves: [SurvivalChart.Curve(name: "a", steps: [], censored: [9])])
        #expect(c9.resolvedTickInterval == 2)
    }

    @Test("group labels are escaped and the output is well-formed")
    func escapingAndWellFormed() throws {
        // setup: a hostile group name and two groups with automatic layout
        let chart = SurvivalChart(frame: .init(title: "PFS by <group>"), curves: [Self.curve(name: "A<B & \"C\""), Self.curve(name: "Other")])
        // MUT
        let svg = chart.svg()
        let root = try parseSVG(svg)
        // validate
        #expect(svg.contains("A&lt;B &amp; &quot;C&quot;"))
        #expect(!svg.contains("A<B"))
        #expect(root.descendants("g", class: "km-group").map { $0.attributes["data-group"] } == ["A<B & \"C\"", "Other"])
        #expect(root.descendants("g", class: "legend-item").count == 2)
        #expect(root.descendants("g", class: "km-risk-row").count == 2)
        #expect(chart.svg() == svg)   // deterministic
    }
}
