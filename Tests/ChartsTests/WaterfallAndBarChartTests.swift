import Foundation
import Testing
@testable import Charts

@Suite("Waterfall and grouped/stacked bar charts")
struct WaterfallAndBarChartTests {
    /// 500 × 220 with insets top 10, right 50, bottom 10, left 50 → plot x 50…450, y 10…210.
    static let frame = SVGChart.Frame(id: "wf", title: "Best M-protein change", width: 500, height: 220,
                                      insets: .init(top: 10, right: 50, bottom: 10, left: 50))

    static let bars: [WaterfallChart.Bar] = [
        .init(id: "P1", percentChange: -95, category: "CR"),
        .init(id: "P2", percentChange: 30, category: "PD"),
        .init(id: "P3", percentChange: -60, category: "PR"),
        .init(id: "P4", percentChange: -10, category: "SD"),
        .init(id: "P5", percentChange: 150, category: "PD"),
    ]

    @Test("waterfall sorts descending and scales bars by hand-computed pixels")
    func waterfallGeometry() throws {
        // setup
        let chart = WaterfallChart(frame: Self.frame, bars: Self.bars)
        // MUT
        let root = try parseSVG(chart.svg())
        let rects = root.descendants("rect", class: "waterfall-bar")
        // validate: order 150 (clipped to 100), 30, −10, −60, −95.
        #expect(rects.map { $0.attributes["data-patient"] } == ["P5", "P2", "P4", "P3", "P1"])
        // y domain −100…100 (step 200/6 = 33 → 50), so y(v) = 210 − (v + 100) = 110 − v.
        // Bar P3 (−60): from y(0) = 110 down to y(−60) = 170 → y 110, height 60.
        // Band = 400/5 = 80: P3 is 4th → x = 50 + 80 × 3.1 = 298, width 64.
        let p3 = try #require(rects.first { $0.attributes["data-patient"] == "P3" })
        #expect(p3.number("x") == 298)
        #expect(p3.number("y") == 110)
        #expect(p3.number("height") == 60)
        #expect(p3.number("width") == 64)
        // P5 (+150) is clipped at 100: y(100) = 10, height 100, and labelled with the true value.
        let p5 = try #require(rects.first)
        #expect(p5.number("y") == 10 && p5.number("height") == 100)
        #expect(root.descendants("text", class: "waterfall-clipped").map(\.text) == ["+150%"])
    }

    @Test("waterfall draws reference lines at −50 % and −90 %")
    func waterfallReferenceLines() throws {
        let root = try parseSVG(WaterfallChart(frame: Self.frame, bars: Self.bars).svg())
        let lines = root.descendants("line", class: "reference-line")
        // y(−50) = 160, y(−90) = 200
        #expect(lines.compactMap { $0.number("y1") } == [160, 200])
        #expect(root.descendants("text", class: "reference-label").map(\.text) == ["-50%", "-90%"])
        // categories coloured in the IMWG order given: CR, PR, SD, PD → legend in that order
        let legend = root.descendants("g", class: "legend-item").compactMap { $0.descendants("text").first?.text }
        #expect(legend == ["CR", "PR", "SD", "PD"])
        // both PD bars share a colour, different from CR's
        let fills = Dictionary(root.descendants("rect", class: "waterfall-bar").map { ($0.attributes["data-patient"]!, $0.attributes["fill"]!) },
                               uniquingKeysWith: { a, _ in a })
        #expect(fills["P2"] == fills["P5"])
        #expect(fills["P1"] != fills["P2"])
    }

    @Test("grouped bars: heights from a nice 0–50 axis")
    func groupedBars() throws {
        // setup: plot y 10…210 (200 px); max 50 with 6 ticks → step 10 → domain 0…50 → 4 px per unit.
        let chart = GroupedBarChart(frame: Self.frame, categories: ["Grade 1", "Grade 2", "Grade 3"],
                                    series: [.init(name: "FUMANBA-1", values: [50, 40, 10])], valueSuffix: "%")
        // MUT
        let root = try parseSVG(chart.svg())
        let bars = root.descendants("rect", class: "bar")
        // validate: 40 → height 160, y = 210 − 160 = 50; band 400/3, inner 0.8 band.
        #expect(bars.compactMap { $0.number("height") } == [200, 160, 40])
        #expect(bars[1].number("y") == 50)
        #expect(root.descendants("text", class: "bar-value").map(\.text) == ["50%", "40%", "10%"])
        #expect(root.descendants("g", class: "axis-left").first?.descendants("text", class: "tick-label").map(\.text)
            == ["0%", "10%", "20%", "30%", "40%", "50%"])
    }

    @Test("stacked bars add up; negative values count as zero")
    func stackedBars() throws {
        // setup: sums 30+20 = 50 and 10+0 = 10 (−5 drawn as 0) → domain 0…50 → 4 px per unit.
        let chart = GroupedBarChart(frame: Self.frame, categories: ["Cohort A", "Cohort B"],
                                    series: [.init(name: "Grade 1", values: [30, 10]), .init(name: "Grade 2", values: [20, -5])],
                                    mode: .stacked)
        let bars = try parseSVG(chart.svg()).descendants("rect", class: "bar")
        // Cohort A: grade 1 from 210 up 120 → y 90; grade 2 on top from 90 up 80 → y 10.
        #expect(bars.compactMap { $0.number("y") } == [90, 10, 170, 170])
        #expect(bars.compactMap { $0.number("height") } == [120, 80, 40, 0])
    }
}
