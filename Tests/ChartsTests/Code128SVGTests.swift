import Testing
@testable import Charts

@Suite("Code 128 SVG rendering and scanning")
struct Code128SVGTests {
    @Test("a rendered SVG scans back to its text", arguments: [
        "=X99992600000100", "&/CHX999926000001", "PJJ123C", "Cartograph 2026!", "0123456789",
    ])
    func renderThenScan(text: String) throws {
        // setup
        let symbol = try Code128Encoder.encode(text)
        // MUT
        let svg = Code128SVGRenderer.document(for: symbol)
        // validate
        #expect(try Code128SVGScanner.decodeAll(svg: svg) == [text])
    }

    @Test("one rect per bar and quiet zones of at least 10 modules each side")
    func barsAndQuietZones() throws {
        // setup
        let symbol = try Code128Encoder.encode("=X99992600000100")
        let geometry = Code128SVGRenderer.Geometry(moduleWidth: 0.25, barHeight: 10, quietZoneModules: 4)
        // MUT
        let svg = Code128SVGRenderer.document(for: symbol, geometry: geometry)
        let bars = try Code128SVGScanner.barGroups(in: svg)
        // validate — 3 bars per symbol plus 4 in the stop pattern; the quiet zone request of 4
        // modules is raised to the ISO/ST-001 minimum of 10 (2.5 mm at X = 0.25 mm).
        #expect(bars.count == 1)
        #expect(bars[0].count == 3 * symbol.symbolValues.count + 4)
        let total = Code128SVGRenderer.totalWidth(of: symbol, geometry: geometry)
        let first = try #require(bars[0].first), last = try #require(bars[0].last)
        #expect(abs(first.x - 2.5) < 1e-9)
        #expect(abs((total - (last.x + last.width)) - 2.5) < 1e-9)
        #expect(abs(total - Double(symbol.moduleCount + 20) * 0.25) < 1e-9)
    }

    @Test("default bar height meets ST-001: at least 5 mm and 15 % of the symbol length")
    func defaultHeight() throws {
        // setup — a long symbol: 40 characters of text, length 11·42 + 13 = 475 modules
        let long = try Code128Encoder.encode(String(repeating: "AB", count: 20))
        let short = try Code128Encoder.encode("A")
        let geometry = Code128SVGRenderer.Geometry()
        // MUT / validate — 0.15 · 475 · 0.25 = 17.8125 mm; the short one falls back to 5 mm
        #expect(abs(geometry.barHeight(for: long) - 17.8125) < 1e-9)
        #expect(geometry.barHeight(for: short) == 5)
    }

    @Test("the minimum X dimension 0.17 mm still scans")
    func narrowModules() throws {
        // setup
        let symbol = try Code128Encoder.encode("&/CHX999926000001")
        // MUT
        let svg = Code128SVGRenderer.document(for: symbol, geometry: .init(moduleWidth: 0.17))
        // validate
        #expect(try Code128SVGScanner.decodeAll(svg: svg) == ["&/CHX999926000001"])
    }

    @Test("a tampered bar in the SVG is not read as valid data")
    func tamperedSVG() throws {
        // setup — widen the 5th bar by one module (0.25 mm): the scanner measures it
        let symbol = try Code128Encoder.encode("=X99992600000100")
        let svg = Code128SVGRenderer.document(for: symbol)
        let bars = try Code128SVGScanner.barGroups(in: svg)
        let target = bars[0][4]
        let original = "width=\"\(SVGChart.format(target.width, decimals: 4))\""
        let rectStart = try #require(svg.firstRange(of: "<rect x=\"\(SVGChart.format(target.x, decimals: 4))\""))
        let tail = svg[rectStart.lowerBound...]
        let widthRange = try #require(tail.firstRange(of: original))
        var tampered = svg
        tampered.replaceSubrange(widthRange, with: "width=\"\(SVGChart.format(target.width + 0.25, decimals: 4))\"")
        // MUT / validate
        #expect(throws: (any Error).self) { try Code128SVGScanner.decodeAll(svg: tampered) }
    }

    @Test("coordinates are written without exponents or locale separators")
    func numberFormat() {
        // setup / MUT / validate
        #expect(SVGChart.format(2.5, decimals: 4) == "2.5")
        #expect(SVGChart.format(0.17 * 3, decimals: 4) == "0.51")
        #expect(SVGChart.format(101.6, decimals: 4) == "101.6")
        #expect(SVGChart.format(8, decimals: 4) == "8")
        #expect(SVGChart.format(-0.25, decimals: 4) == "-0.25")
        #expect(SVGChart.format(0.00001, decimals: 4) == "0")
    }
}
