import Foundation
import Testing
@testable import Charts

@Suite("Response timeline chart")
struct ResponseTimelineChartTests {
    static let frame = SVGChart.Frame(id: "resp", title: "Response", width: 500, height: 240,
                                      insets: .init(top: 30, right: 50, bottom: 10, left: 50))

    static func chart(progression: Double? = nil) -> ResponseTimelineChart {
        ResponseTimelineChart(frame: frame, points: [
            .init(day: 0, value: 3.0),
            .init(day: 28, value: 1.2, category: "PR", confirmed: true),
            .init(day: 56, value: 0.2, category: "VGPR", confirmed: true),
            .init(day: 84, value: 0.2, category: "VGPR", confirmed: false),
        ], yTitle: "Serum M-protein (g/dL)", bestResponse: "VGPR", bestResponseDay: 56, progressionDay: progression)
    }

    @Test("values are on a linear axis; each assessment carries its category; unconfirmed ones are hollow")
    func pointsAndCategories() throws {
        // MUT
        let root = try parseSVG(Self.chart().svg())
        // validate
        let points = root.descendants("g", class: "response-point")
        #expect(points.map { $0.attributes["data-category"] } == ["baseline", "PR", "VGPR", "VGPR"])
        let cy = points.compactMap { $0.descendants("circle").first?.number("cy") }
        #expect(cy.count == 4)
        // Linear: (y(0.2) − y(3.0)) / (y(1.2) − y(3.0)) = (3.0 − 0.2) / (3.0 − 1.2) = 2.8 / 1.8; the SVG
        // writes coordinates to 0.01 px, so the ratio holds to about 1e-4.
        #expect(abs((cy[2] - cy[0]) / (cy[1] - cy[0]) - 2.8 / 1.8) < 1e-3)
        #expect(cy[2] == cy[3])
        let fills = points.compactMap { $0.descendants("circle").first?.attributes["fill"] }
        #expect(fills.map { $0 == "#ffffff" } == [false, false, false, true])
        let labels = points.flatMap { $0.descendants("text") }.map(\.text)
        #expect(labels == ["PR", "VGPR", "VGPR"])
        let baseline = try #require(root.descendants("line", class: "response-baseline").first)
        #expect(baseline.number("y1") == cy[0])
        #expect(root.descendants("text", class: "response-best").first?.text == "Best confirmed response: VGPR (from day 56)")
        #expect(root.descendants("line", class: "response-progression").isEmpty)
    }

    @Test("progression is a vertical line at its day")
    func progressionLine() throws {
        let root = try parseSVG(Self.chart(progression: 84).svg())
        let line = try #require(root.descendants("line", class: "response-progression").first)
        let day84 = root.descendants("g", class: "response-point").last?.descendants("circle").first?.number("cx")
        #expect(line.number("x1") == day84)
        #expect(line.number("x1") == line.number("x2"))
    }
}
