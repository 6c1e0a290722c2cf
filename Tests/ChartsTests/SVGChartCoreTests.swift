import Foundation
import Testing
@testable import Charts

@Suite("SVG core: formatting, escaping, scales, palette")
struct SVGChartCoreTests {
    @Test("numbers format with fixed rules, no locale")
    func numberFormat() {
        // MUT + validate: hand-written expectations.
        #expect(SVGChart.format(12.5) == "12.5")
        #expect(SVGChart.format(3.0) == "3")
        #expect(SVGChart.format(-0.001) == "0")          // rounds to -0 → printed 0
        #expect(SVGChart.format(1234.5678) == "1234.57")
        #expect(SVGChart.format(0.125) == "0.13")         // 12.5 rounds half away from zero
        #expect(SVGChart.format(-0.125) == "-0.13")
        #expect(SVGChart.format(0.05) == "0.05")
        #expect(SVGChart.format(146.666666) == "146.67")
        #expect(SVGChart.format(2.5, decimals: 0) == "3")
        #expect(SVGChart.format(.nan) == "0")
        #expect(SVGChart.fixed(1.5, decimals: 2) == "1.50")
        #expect(SVGChart.fixed(0.909, decimals: 2) == "0.91")
        #expect(SVGChart.fixed(2, decimals: 0) == "2")
        #expect(SVGChart.fixed(38, decimals: 1) == "38.0")
    }

    @Test("text and attribute values are XML-escaped; forbidden control characters dropped")
    func escaping() throws {
        // MUT
        let escaped = SVGChart.escape("A<B & \"C\"")
        // validate: XML 1.0 predefined entities.
        #expect(escaped == "A&lt;B &amp; &quot;C&quot;")
        #expect(SVGChart.escape("it's") == "it&#39;s")  // numeric reference: valid in XML and in every HTML version
        #expect(SVGChart.escape("a\u{1}b\u{0}c\td") == "abc\td")
        // setup: a label with every special character, used as text and as an attribute.
        var w = SVGChart.Writer()
        w.group("svg", [("data-x", "A<B & \"C\" 'D'")]) { w in w.element("text", [], text: "A<B & \"C\"\u{7}") }
        // validate: the parser returns the original strings.
        let root = try parseSVG(w.markup)
        #expect(root.attributes["data-x"] == "A<B & \"C\" 'D'")
        #expect(root.children.first?.text == "A<B & \"C\"")
    }

    @Test("nice ticks follow 1-2-5 steps")
    func niceTicks() {
        // 0–37 with 5 ticks: raw step 37/4 = 9.25 → 10 → 0,10,20,30,40.
        let s = SVGChart.LinearScale(lower: 0, upper: 37, rangeStart: 0, rangeEnd: 100).niced(count: 5)
        #expect(s.lower == 0 && s.upper == 40)
        #expect(s.ticks(count: 5) == [0, 10, 20, 30, 40])
        // −73–12: raw step 85/4 = 21.25 → 20 → −80…20.
        let bounds = SVGChart.niceBounds(lower: -73, upper: 12, count: 5)
        #expect(bounds.0 == -80 && bounds.1 == 20)
        // 0–1 with 6 ticks: step 0.2, and the ticks are the literal decimals (no 0.6000000000000001).
        #expect(SVGChart.LinearScale(lower: 0, upper: 1, rangeStart: 0, rangeEnd: 1).ticks(count: 6) == [0, 0.2, 0.4, 0.6, 0.8, 1])
        // Heckbert thresholds on both sides: <1.5 → 1, <3 → 2, <7 → 5, else 10.
        #expect(SVGChart.niceStep(1.49) == 1)
        #expect(SVGChart.niceStep(1.5) == 2)
        #expect(SVGChart.niceStep(2.99) == 2)
        #expect(SVGChart.niceStep(3) == 5)
        #expect(SVGChart.niceStep(6.99) == 5)
        #expect(SVGChart.niceStep(7) == 10)
        #expect(SVGChart.niceStep(0.3) == 0.5)
        #expect(SVGChart.niceStep(0.299) == 0.2)
        #expect(SVGChart.niceStep(740) == 1000)
        #expect(SVGChart.niceStep(0) == 1)
    }

    @Test("linear scale maps by the documented formula")
    func linearScale() {
        // setup: 0–24 months onto 60–580 px → 520/24 px per month.
        let x = SVGChart.LinearScale(lower: 0, upper: 24, rangeStart: 60, rangeEnd: 580)
        // validate: 60 + 6 × 520/24 = 190; 60 + 24 × 520/24 = 580.
        #expect(x(6) == 190)
        #expect(x(24) == 580)
        // y is inverted: 0…1 onto 280…20; 0.8 → 280 − 0.8 × 260 = 72.
        let y = SVGChart.LinearScale(lower: 0, upper: 1, rangeStart: 280, rangeEnd: 20)
        #expect(abs(y(0.8) - 72) < 1e-9)
        // degenerate domain widens instead of dividing by zero
        let d = SVGChart.LinearScale(lower: 5, upper: 5, rangeStart: 0, rangeEnd: 100)
        #expect(d(5) == 50)
    }

    @Test("log scale puts each decade the same distance apart")
    func logScale() {
        // setup: 1–1000 onto 300…0: three decades of 100 px each.
        let y = SVGChart.LogScale(lower: 1, upper: 1000, rangeStart: 300, rangeEnd: 0)
        // validate
        #expect(abs(y(10) - 200) < 1e-9)
        #expect(abs(y(100) - 100) < 1e-9)
        #expect(abs((y(10) - y(100)) - (y(100) - y(1000))) < 1e-9)
        #expect(y(0) == 300)                      // no logarithm → lower bound
        let n = SVGChart.LogScale(lower: 3, upper: 4000, rangeStart: 0, rangeEnd: 1).niced()
        #expect(n.lower == 1 && n.upper == 10_000)
        #expect(n.ticks() == [1, 10, 100, 1000, 10_000])
        let r = SVGChart.LogScale(lower: 0.2, upper: 5, rangeStart: 0, rangeEnd: 1)
        #expect(r.ticks() == [0.2, 0.5, 1, 2, 5])
        // two powers of ten inside (1, 10) → 1-2-5; three (10, 100, 1000) → decades only
        #expect(SVGChart.LogScale(lower: 0.2, upper: 20, rangeStart: 0, rangeEnd: 1).ticks() == [0.2, 0.5, 1, 2, 5, 10, 20])
        #expect(SVGChart.LogScale(lower: 10, upper: 1000, rangeStart: 0, rangeEnd: 1).ticks() == [10, 100, 1000])
        #expect(SVGChart.LogScale(lower: 10, upper: 1000, rangeStart: 0, rangeEnd: 1).ticks(style: .oneTwoFive).count == 7)
        let f = SVGChart.LogScale(lower: 0.32, upper: 2.1, rangeStart: 0, rangeEnd: 1).nicedOneTwoFive()
        #expect(f.lower == 0.2 && f.upper == 5)
        #expect(SVGChart.logTickLabel(0.01) == "0.01")
        #expect(SVGChart.logTickLabel(20_000) == "20000")
        #expect(SVGChart.logTickLabel(1e6) == "10⁶")
        #expect(SVGChart.logTickLabel(2e-4) == "2×10⁻⁴")
    }

    @Test("palette is Okabe–Ito and text colour follows WCAG contrast")
    func palette() {
        #expect(SVGChart.Palette.categorical.count == 8)
        #expect(Set(SVGChart.Palette.categorical) == ["#000000", "#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7"])
        // Hand-computed relative luminance: #0072B2 ≈ 0.152 → white (5.2:1) beats black (4.0:1).
        #expect(SVGChart.Palette.textColor(on: "#0072B2") == "#ffffff")
        // #E69F00 ≈ 0.416 → black (9.3:1) beats white (2.3:1).
        #expect(SVGChart.Palette.textColor(on: "#E69F00") == "#000000")
        #expect(SVGChart.Palette.grade(9) == SVGChart.Palette.grade(5))
        #expect(SVGChart.Palette.grade(-1) == SVGChart.Palette.grade(0))
        // Order list fixes colours even for names absent from the data.
        let a = SVGChart.Palette.assign(["PR", "CR"], order: ["sCR", "CR", "VGPR", "PR"])
        #expect(a.map(\.name) == ["CR", "PR"])
        #expect(a.map(\.color) == [SVGChart.Palette.category(1), SVGChart.Palette.category(3)])
    }

    @Test("calendar dates use civil day numbers without time zones")
    func calendarDates() throws {
        // 2000-01-01 is day 10957 (30 years incl. 7 leap days: 30 × 365 + 7); +31 +29 → 2000-03-01 = 11017.
        #expect(SVGChart.CalendarDate(year: 1970, month: 1, day: 1)!.dayNumber == 0)
        #expect(SVGChart.CalendarDate(year: 2000, month: 1, day: 1)!.dayNumber == 10_957)
        #expect(SVGChart.CalendarDate(year: 2000, month: 3, day: 1)!.dayNumber == 11_017)
        #expect(SVGChart.CalendarDate(dayNumber: 11_017) == SVGChart.CalendarDate(year: 2000, month: 3, day: 1)!)
        #expect(SVGChart.CalendarDate(year: 1969, month: 12, day: 31)!.dayNumber == -1)
        let feb28 = try #require(SVGChart.CalendarDate(iso: "2024-02-28"))
        let mar1 = try #require(SVGChart.CalendarDate(iso: "2024-03-01"))
        #expect(feb28.days(to: mar1) == 2)   // leap year
        let feb28Common = try #require(SVGChart.CalendarDate(iso: "2023-02-28"))
        let mar1Common = try #require(SVGChart.CalendarDate(iso: "2023-03-01"))
        #expect(feb28Common.days(to: mar1Common) == 1)
        #expect(SVGChart.CalendarDate(iso: "2023-02-29") == nil)
        #expect(SVGChart.CalendarDate(iso: "2024-2-01") == nil)
        let json = try JSONEncoder().encode([feb28])
        #expect(String(decoding: json, as: UTF8.self) == "[\"2024-02-28\"]")
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([SVGChart.CalendarDate].self, from: Data("[\"2024-13-01\"]".utf8)) }
    }

    @Test("document is accessible and sized by viewBox")
    func document() throws {
        // MUT
        let svg = SVGChart.document(frame: .init(id: "km 1", title: "T & T", width: 300), height: 200, description: "D") { _ in }
        // validate
        let root = try parseSVG(svg)
        #expect(root.name == "svg")
        #expect(root.attributes["viewBox"] == "0 0 300 200")
        #expect(root.attributes["role"] == "img")
        #expect(root.attributes["aria-labelledby"] == "km-1-title km-1-desc")
        #expect(root.attributes["width"] == nil)
        #expect(root.descendants("title").first?.text == "T & T")
        #expect(root.descendants("desc").first?.text == "D")
        #expect(SVGChart.Frame(id: "9a", title: "").safeID == "c9a")
    }
}
