import Foundation
import Testing
@testable import Charts

@Suite("Kinetics chart")
struct KineticsChartTests {
    /// 500 × 220, insets 10/50/10/50 → plot x 50…450, y 10…210.
    static let frame = SVGChart.Frame(id: "pk", title: "Transgene", width: 500, height: 220,
                                      insets: .init(top: 10, right: 50, bottom: 10, left: 50))

    static let chart = KineticsChart(
        frame: frame,
        series: [.init(name: "Patient 7", points: [
            .init(day: 0, value: 5), .init(day: 7, value: 1000), .init(day: 14, value: 100), .init(day: 28, value: 0),
        ])],
        llod: 10, maxDay: 28)

    @Test("values below the LLOD are clamped to the line with hollow markers")
    func clampedBelowLLOD() throws {
        // MUT
        let root = try parseSVG(Self.chart.svg())
        // validate: drawn values 10, 1000, 100, 10 → domain 10…1000 (two decades over 200 px):
        // y(10) = 210, y(100) = 110, y(1000) = 10.
        let llod = try #require(root.descendants("line", class: "llod-line").first)
        #expect(llod.number("y1") == 210)
        #expect(llod.attributes["stroke-dasharray"] != nil)
        let hollow = root.descendants(class: "kinetics-below-llod")
        #expect(hollow.count == 2)                                   // 5 and 0 are below 10
        #expect(hollow.allSatisfy { $0.number("cy") == 210 && $0.attributes["fill"] == "#ffffff" })
        let all = root.descendants(class: "kinetics-point")
        #expect(all.compactMap { $0.number("cy") } == [210, 10, 110, 210])
        // x: maxDay 28 is used as given → 400/28 px per day: day 7 → 50 + 100 = 150
        #expect(all.compactMap { $0.number("cx") } == [50, 150, 250, 450])
    }

    @Test("10 and 100 are one decade apart, the same as 100 and 1000")
    func decadeSpacing() throws {
        let ys = try parseSVG(Self.chart.svg()).descendants(class: "kinetics-point").compactMap { $0.number("cy") }
        #expect(ys[0] - ys[2] == ys[2] - ys[1])
        // axis labels are decades
        let labels = try parseSVG(Self.chart.svg()).descendants("g", class: "axis-left").first?.descendants("text", class: "tick-label").map(\.text)
        #expect(labels == ["10", "100", "1000"])
    }

    @Test("the LLOD boundary: equal to the LLOD is a measurement, just under is not")
    func boundary() {
        #expect(!Self.chart.isBelowLLOD(10))
        #expect(Self.chart.isBelowLLOD(9.999))
        #expect(Self.chart.isBelowLLOD(-1))
        #expect(Self.chart.displayedValue(3) == 10)
        let noLimit = KineticsChart(frame: Self.frame, series: [])
        #expect(!noLimit.isBelowLLOD(0.001))
        #expect(noLimit.isBelowLLOD(0))
    }

    @Test("line passes through clamped points; description counts them")
    func lineAndDescription() throws {
        let root = try parseSVG(Self.chart.svg())
        #expect(root.descendants("path", class: "kinetics-line").first?.attributes["d"] == "M50,210L150,10L250,110L450,210")
        #expect(root.descendants("desc").first?.text.contains("2 of 4 samples below the LLOD") == true)
    }
}
