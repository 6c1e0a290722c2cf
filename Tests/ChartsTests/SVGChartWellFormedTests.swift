import Foundation
import Testing
@testable import Charts

@Suite("Every chart is well-formed, escaped, accessible and deterministic")
struct SVGChartWellFormedTests {
    static let hostile = "A<B & \"C\""

    static func allCharts() -> [(String, String)] {
        let frame = SVGChart.Frame(id: "x", title: hostile, description: nil)
        let d = { (s: String) in SVGChart.CalendarDate(iso: s)! }
        return [
            ("survival", SurvivalChart(frame: frame, curves: [.init(name: hostile, steps: [.init(time: 2, survival: 0.5)], censored: [3],
                                                                    observedTimes: [2, 3])], showMedians: true).svg()),
            ("swimmer", SwimmerChart(frame: frame, patients: [.init(id: hostile, duration: 3, category: hostile,
                                                                    events: [.init(time: 1, kind: .other, label: hostile)], ongoing: true)]).svg()),
            ("waterfall", WaterfallChart(frame: frame, bars: [.init(id: hostile, percentChange: -40, category: hostile)], showIDs: true).svg()),
            ("kinetics", KineticsChart(frame: frame, series: [.init(name: hostile, points: [.init(day: 1, value: 3)])], llod: 5).svg()),
            ("toxicity", ToxicityTimelineChart(frame: frame, rows: [.init(name: hostile, changes: [.init(day: 1, grade: 3)])],
                                               temperatures: [.init(day: 1, celsius: 38.5)], interventions: [.init(day: 1, name: hostile)]).svg()),
            ("journey", JourneyTimelineChart(frame: frame, steps: [.init(name: hostile, planned: .init(start: d("2024-01-01")),
                                                                          actual: .init(start: d("2024-01-03")), note: hostile)],
                                             today: d("2024-01-05")).svg()),
            ("forest", ForestPlotChart(frame: frame, rows: [.init(label: hostile, estimate: 0.7, lower: 0.4, upper: 1.1, detail: hostile)]).svg()),
            ("bars", GroupedBarChart(frame: frame, categories: [hostile], series: [.init(name: hostile, values: [3]), .init(name: "b", values: [1])],
                                     mode: .stacked).svg()),
        ]
    }

    @Test("parses with XMLParser, escapes labels, carries role/title/desc")
    func wellFormed() throws {
        for (name, svg) in Self.allCharts() {
            // MUT
            let root = try parseSVG(svg)
            // validate
            #expect(root.name == "svg", "\(name)")
            #expect(root.attributes["role"] == "img", "\(name)")
            #expect(root.attributes["viewBox"]?.hasPrefix("0 0 640 ") == true, "\(name)")
            #expect(root.descendants("title").first?.text == Self.hostile, "\(name)")
            #expect(!(root.descendants("desc").first?.text.isEmpty ?? true), "\(name)")
            #expect(!svg.contains("A<B"), "\(name) leaks an unescaped label")
            #expect(svg.contains("A&lt;B &amp; &quot;C&quot;"), "\(name)")
            #expect(root.all.contains { $0.text.contains(Self.hostile) }, "\(name) lost the label")
            #expect(!svg.contains("<script"), "\(name)")
            #expect(Self.numericAttributesAreFinite(root), "\(name)")
        }
    }

    /// Every coordinate attribute parses as a finite number.
    static func numericAttributesAreFinite(_ root: SVGTestNode) -> Bool {
        let names = ["x", "y", "width", "height", "cx", "cy", "r", "x1", "y1", "x2", "y2"]
        return root.all.allSatisfy { node in
            names.allSatisfy { n in node.attributes[n].map { Double($0)?.isFinite == true } ?? true }
        } && !root.all.contains { ($0.attributes["d"] ?? "").lowercased().contains("nan") }
    }

    @Test("rendering twice gives identical bytes")
    func deterministic() {
        let first = Self.allCharts().map(\.1)
        let second = Self.allCharts().map(\.1)
        #expect(first == second)
    }

    @Test("empty inputs still give well-formed charts")
    func emptyInputs() throws {
        let frame = SVGChart.Frame(title: "empty")
        let svgs = [
            SurvivalChart(frame: frame, curves: []).svg(),
            SwimmerChart(frame: frame, patients: []).svg(),
            WaterfallChart(frame: frame, bars: []).svg(),
            KineticsChart(frame: frame, series: []).svg(),
            ToxicityTimelineChart(frame: frame, rows: []).svg(),
            JourneyTimelineChart(frame: frame, steps: []).svg(),
            ForestPlotChart(frame: frame, rows: []).svg(),
            GroupedBarChart(frame: frame, categories: [], series: []).svg(),
        ]
        for svg in svgs {
            let root = try parseSVG(svg)
            #expect(root.name == "svg")
            #expect(Self.numericAttributesAreFinite(root))
        }
    }
}
