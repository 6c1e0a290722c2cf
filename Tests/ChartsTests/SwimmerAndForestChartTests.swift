import Foundation
import Testing
@testable import Charts

@Suite("Swimmer and forest plots")
struct SwimmerAndForestChartTests {
    /// 500 × 100, insets 10/50/30/50 → plot x 50…450, y 10…70: three 18-unit rows after a 3-unit pad.
    static let swimmer = SwimmerChart(
        frame: .init(id: "sw", title: "Swimmer", width: 500, height: 100, insets: .init(top: 10, right: 50, bottom: 30, left: 50)),
        patients: [
            .init(id: "A", duration: 12, events: [.init(time: 2, kind: .response, label: "CR")], ongoing: true),
            .init(id: "B", duration: 20, events: [.init(time: 1, kind: .response, label: "PR"), .init(time: 15, kind: .progression),
                                                  .init(time: 20, kind: .death)]),
            .init(id: "C", duration: 5, events: [.init(time: 1, kind: .response, label: "VGPR"), .init(time: 4, kind: .progression)]),
        ])

    @Test("swimmer sorts longest first and places bars and markers by hand-computed pixels")
    func swimmerGeometry() throws {
        // MUT
        let root = try parseSVG(Self.swimmer.svg())
        // validate: order B (20), A (12), C (5); x 0…20 (20/5 = 4 → step 5) → 20 px per month.
        let rows = root.descendants("g", class: "swimmer-row")
        #expect(rows.map { $0.attributes["data-patient"] } == ["B", "A", "C"])
        #expect(root.descendants("rect", class: "swimmer-bar").compactMap { $0.number("width") } == [400, 240, 100])
        // row centres 10 + 3 + 18 × (i + ½) = 22, 40, 58; bar height 10 → y = 17, 35, 53
        #expect(root.descendants("rect", class: "swimmer-bar").compactMap { $0.number("y") } == [17, 35, 53])
        // B's progression at 15 months → x 350: triangle (350, 17.5) (354.5, 26.5) (345.5, 26.5)
        let prog = rows[0].descendants(class: "swimmer-progression")
        #expect(prog.first?.attributes["d"] == "M350,17.5L354.5,26.5L345.5,26.5Z")
        #expect(root.descendants(class: "swimmer-response").count == 3)
        #expect(root.descendants(class: "swimmer-progression").count == 2)
        #expect(root.descendants(class: "swimmer-death").count == 1)
        // A is ongoing: arrow starts 2 units after its bar end, 50 + 240 + 2 = 292
        let arrow = try #require(root.descendants(class: "swimmer-ongoing").first?.attributes["d"])
        #expect(arrow.hasPrefix("M292,40H302"))
    }

    @Test("swimmer legend follows the response order, then event shapes")
    func swimmerLegend() throws {
        let labels = try parseSVG(Self.swimmer.svg()).descendants("g", class: "legend-item").compactMap { $0.descendants("text").first?.text }
        #expect(labels == ["CR", "VGPR", "PR", "Progression", "Death", "Ongoing"])
        var given = Self.swimmer
        given.ordering = .asGiven
        #expect(given.orderedPatients.map(\.id) == ["A", "B", "C"])
        given.ordering = .durationAscending
        #expect(given.orderedPatients.map(\.id) == ["C", "A", "B"])
    }

    /// 600 wide, insets 30/100/50/100 → plot x 100…500 over 0.25…4 (log16 over 400 px).
    static let forest = ForestPlotChart(
        frame: .init(id: "fp", title: "PFS by subgroup", width: 600, height: 168, insets: .init(top: 30, right: 100, bottom: 50, left: 100)),
        rows: [
            .init(label: "Age", style: .heading),
            .init(label: "<65", estimate: 0.5, lower: 0.25, upper: 1.0, detail: "n=40"),
            .init(label: "≥65", estimate: 2.0, lower: 1.0, upper: 8.0),
            .init(label: "Overall", estimate: 0.8, lower: 0.5, upper: 1.28, style: .summary),
        ],
        axisLower: 0.25, axisUpper: 4)

    /// x(v) = 100 + 400 × (log10 v − log10 0.25) / (log10 4 − log10 0.25), from the scale's definition.
    static func fx(_ v: Double) -> Double { 100 + 400 * (log10(v) - log10(0.25)) / (log10(4) - log10(0.25)) }

    @Test("forest rows on a log axis with a reference line at 1")
    func forestGeometry() throws {
        // MUT
        let root = try parseSVG(Self.forest.svg())
        // validate: 0.25 → 100, 0.5 → 200, 1 → 300, 2 → 400, 4 → 500 (each factor 2 is a quarter).
        let ref = try #require(root.descendants("line", class: "reference-line").first)
        #expect(ref.number("x1") == 300)
        let squares = root.descendants("rect", class: "forest-estimate")
        #expect(squares.compactMap { $0.number("x") } == [195.5, 395.5])        // centre − 4.5
        let cis = root.descendants("line", class: "forest-ci")
        #expect(cis.compactMap { $0.number("x1") } == [100, 300])
        #expect(cis.compactMap { $0.number("x2") } == [300, 500])               // 8 is clipped at 4 …
        #expect(root.descendants(class: "forest-ci-clipped").count == 1)         // … and marked
        // summary diamond: lower 0.5 and upper 1.28 at the ends, row 4 centre = 30 + 22 × 3.5 = 107
        let d = try #require(root.descendants("path", class: "forest-diamond").first?.attributes["d"])
        #expect(d == "M200,107L\(SVGChart.format(Self.fx(0.8))),101L\(SVGChart.format(Self.fx(1.28))),107L\(SVGChart.format(Self.fx(0.8))),113Z")
        #expect(root.descendants("text", class: "forest-text").map(\.text) == ["0.50 (0.25–1.00)", "2.00 (1.00–8.00)", "0.80 (0.50–1.28)"])
        #expect(root.descendants("g", class: "forest-heading").count == 1)
        let ticks = root.descendants("g", class: "axis-bottom").first?.descendants("text", class: "tick-label").map(\.text)
        #expect(ticks == ["0.5", "1", "2"])    // 1-2-5 ticks inside 0.25…4
    }

    @Test("forest axis fits data to 1-2-5 bounds when not given")
    func forestAutoAxis() throws {
        var f = Self.forest
        f.axisLower = nil
        f.axisUpper = nil
        let ticks = try parseSVG(f.svg()).descendants("g", class: "axis-bottom").first?.descendants("text", class: "tick-label").map(\.text)
        // data 0.25…8 → 0.2…10 (span 1.7 decades) → 1-2-5 ticks
        #expect(ticks == ["0.2", "0.5", "1", "2", "5", "10"])
    }
}
