import Foundation
import Testing
@testable import Labels
@testable import Charts
#if canImport(FoundationXML)
import FoundationXML
#endif

@Suite("Product labels")
struct LabelTests {
    static let patientName = "Zoë O'Brien-Testpatient"

    static func label(manufacturerCopy: Bool, productName: String = "FUCASO (equecabtagene autoleucel)") throws -> LabelModel {
        try LabelModel(
            chainOfIdentityID: "CHX999926000001",
            donationIdentificationNumber: "X999926000001",
            productName: productName,
            bagKind: .finalProduct,
            productionDate: try .init(year: 2026, month: 3, day: 17),
            expiryDate: try .init(year: 2026, month: 9, day: 17),
            expiryTime: "23:59 CET",
            storageTemperature: "Store at ≤ −150 °C in the vapour phase of liquid nitrogen; do not irradiate",
            patientName: patientName,
            patientDateOfBirth: try .init(year: 1961, month: 7, day: 4),
            isManufacturerCopy: manufacturerCopy)
    }

    /// Every form in which the patient's identity could leak into markup.
    static let identityFragments = [
        "Zoë", "Zo&#235;", "O'Brien", "O&#39;Brien", "Brien", "Testpatient", "1961-07-04", "1961", "04.07.1961",
    ]

    @Test("the manufacturer's copy contains no patient name or date of birth anywhere")
    func manufacturerCopyOmitsIdentity() throws {
        // setup
        let label = try Self.label(manufacturerCopy: true)
        // MUT
        let svg = try LabelSVGRenderer.svg(for: label)
        let html = try LabelHTMLRenderer.page(for: [label])
        // validate
        for fragment in Self.identityFragments {
            #expect(!svg.contains(fragment), "SVG leaks \(fragment)")
            #expect(!html.contains(fragment), "HTML leaks \(fragment)")
        }
        #expect(svg.contains("MANUFACTURER&#39;S COPY"))
    }

    @Test("the patient copy does print the name (escaped) and date of birth — control for the test above")
    func patientCopyShowsIdentity() throws {
        // setup
        let label = try Self.label(manufacturerCopy: false)
        // MUT
        let svg = try LabelSVGRenderer.svg(for: label)
        // validate
        #expect(svg.contains(">Zoë O&#39;Brien-Testpatient</text>"))
        #expect(svg.contains("Date of birth: 1961-07-04"))
        #expect(!svg.contains("MANUFACTURER"))
    }

    @Test("the label's bar codes decode back to the CoI and DIN data structures")
    func barcodesDecode() throws {
        // setup
        let label = try Self.label(manufacturerCopy: true)
        // MUT
        let svg = try LabelSVGRenderer.svg(for: label)
        let decoded = try Code128SVGScanner.decodeAll(svg: svg)
        // validate
        #expect(decoded == ["&/CHX999926000001", "=X99992600000100"])
    }

    @Test("an HTML page of several labels scans back label by label")
    func htmlPageDecodes() throws {
        // setup
        let second = try LabelModel(
            chainOfIdentityID: "CHG12342600A1B2", donationIdentificationNumber: "G123417654321",
            donationFlags: "70", productName: "Leukapheresis product", bagKind: .apheresisBag,
            productionDate: try .init(year: 2026, month: 2, day: 28), expiryDate: try .init(year: 2026, month: 3, day: 2),
            storageTemperature: "2–8 °C", isManufacturerCopy: false)
        // MUT
        let html = try LabelHTMLRenderer.page(for: [try Self.label(manufacturerCopy: false), second])
        // validate
        #expect(try Code128SVGScanner.decodeAll(svg: html) ==
                ["&/CHX999926000001", "=X99992600000100", "&/CHG12342600A1B2", "=G12341765432170"])
        #expect(html.contains("@page { size: 101.6mm 50.8mm; margin: 0; }"))
        #expect(html.contains("@media print"))
        #expect(html.components(separatedBy: "<section class=\"label-sheet\">").count == 3)
    }

    @Test("eye-readable text and boxed check characters (ICCBBA Appendix A: G1234 17 654321 → A)")
    func checkCharacters() throws {
        // setup — DIN check character from ST-001 Appendix A; the CoI's by hand (see
        // ISBT128ChainOfIdentityIdentifierTests: CHX999926000001 → O).
        let label = try LabelModel(
            chainOfIdentityID: "CHX999926000001", donationIdentificationNumber: "G123417654321",
            productName: "FUCASO", bagKind: .apheresisBag,
            productionDate: try .init(year: 2026, month: 1, day: 5), expiryDate: try .init(year: 2026, month: 1, day: 8),
            storageTemperature: "2–8 °C", isManufacturerCopy: true)
        // MUT
        let svg = try LabelSVGRenderer.svg(for: label)
        // validate
        #expect(label.donationCheckCharacter == "A")
        #expect(label.chainOfIdentityCheckCharacter == "O")
        #expect(svg.contains(">G1234 17 654321</text>"))
        #expect(svg.contains(">CH X9999 26 000001</text>"))
        #expect(svg.contains("class=\"check-character\">A</text>"))
        #expect(svg.contains("class=\"check-character\">O</text>"))
        #expect(svg.components(separatedBy: "class=\"check-box\"").count == 3)
        #expect(svg.contains("Collected: 2026-01-05"))
    }

    @Test("free text is escaped in SVG and HTML, and the SVG stays well-formed XML")
    func escaping() throws {
        // setup
        let hostile = "<script>alert(\"x\")</script> & Co's\u{1}"
        let label = try Self.label(manufacturerCopy: true, productName: hostile)
        // MUT
        let svg = try LabelSVGRenderer.svg(for: label)
        let html = try LabelHTMLRenderer.page(for: [label], title: "Batch <7> & \"more\"")
        // validate
        #expect(svg.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Co&#39;s</text>"))
        #expect(!svg.contains("<script"))
        #expect(!html.contains("<script"))
        #expect(html.contains("<title>Batch &lt;7&gt; &amp; &quot;more&quot;</title>"))
        let parser = XMLParser(data: Data(svg.utf8))
        #expect(parser.parse(), "SVG is not well-formed: \(String(describing: parser.parserError))")
    }

    @Test("LabelTextEscaping handles each special character and drops XML-forbidden controls")
    func escapingFunction() {
        // setup / MUT / validate
        #expect(LabelTextEscaping.xml("a<b>&\"'c") == "a&lt;b&gt;&amp;&quot;&#39;c")
        #expect(LabelTextEscaping.xml("x\u{0}y\u{1B}z\tw") == "xyz\tw")
        #expect(LabelTextEscaping.xml("−150 °C") == "−150 °C")
    }

    @Test("both bar codes fit inside the label with their quiet zones apart")
    func layout() throws {
        // setup — worst case: a lettered CoI sequence and lettered flags lengthen both codes
        let label = try LabelModel(
            chainOfIdentityID: "CHABC12ZZABCDEF", donationIdentificationNumber: "ABC1226000001",
            donationFlags: "AB", productName: "FUCASO", bagKind: .finalProduct,
            productionDate: try .init(year: 2026, month: 1, day: 5), expiryDate: try .init(year: 2026, month: 7, day: 5),
            storageTemperature: "≤ −150 °C", isManufacturerCopy: true)
        // MUT
        let svg = try LabelSVGRenderer.svg(for: label)
        let groups = try Code128SVGScanner.barGroups(in: svg)
        // validate
        #expect(groups.count == 2)
        let coiFirst = try #require(groups[0].first), coiLast = try #require(groups[0].last)
        let dinFirst = try #require(groups[1].first), dinLast = try #require(groups[1].last)
        let module = (groups[0][3].x - coiFirst.x) / 11
        #expect(module >= 0.17 - 1e-9 && module <= 0.25 + 1e-9)
        #expect(coiFirst.x - 10 * module >= 0.5 - 1e-9)
        #expect(dinLast.x + dinLast.width + 10 * module <= LabelSVGRenderer.widthMillimetres - 0.5 + 1e-9)
        #expect(coiLast.x + coiLast.width + 10 * module <= dinFirst.x - 10 * module + 1e-9)
        #expect(try Code128SVGScanner.decodeAll(svg: svg) == ["&/CHABC12ZZABCDEF", "=ABC1226000001AB"])
    }

    @Test("label model rejects malformed identifiers and impossible dates")
    func validation() throws {
        // setup / MUT / validate
        let day = try LabelModel.CalendarDay(year: 2026, month: 1, day: 1)
        func make(coi: String = "CHX999926000001", din: String = "X999926000001", flags: String = "00") throws -> LabelModel {
            try LabelModel(chainOfIdentityID: coi, donationIdentificationNumber: din, donationFlags: flags,
                           productName: "P", bagKind: .finalProduct, productionDate: day, expiryDate: day,
                           storageTemperature: "S", isManufacturerCopy: true)
        }
        #expect(throws: LabelModelError.invalidChainOfIdentityID("chX999926000001")) { try make(coi: "chX999926000001") }
        #expect(throws: LabelModelError.invalidChainOfIdentityID("XHX999926000001")) { try make(coi: "XHX999926000001") }
        #expect(throws: LabelModelError.invalidDonationIdentificationNumber("X99992600000")) { try make(din: "X99992600000") }
        #expect(throws: LabelModelError.invalidDonationFlags("0")) { try make(flags: "0") }
        _ = try make()
        // 2024 is a leap year, 2025 is not, 1900 is not (century), 2000 is (400-year rule).
        _ = try LabelModel.CalendarDay(year: 2024, month: 2, day: 29)
        _ = try LabelModel.CalendarDay(year: 2000, month: 2, day: 29)
        #expect(throws: LabelModelError.invalidDate) { try LabelModel.CalendarDay(year: 2025, month: 2, day: 29) }
        #expect(throws: LabelModelError.invalidDate) { try LabelModel.CalendarDay(year: 1900, month: 2, day: 29) }
        #expect(throws: LabelModelError.invalidDate) { try LabelModel.CalendarDay(year: 2026, month: 13, day: 1) }
        #expect(throws: LabelModelError.invalidDate) { try LabelModel.CalendarDay(year: 2026, month: 4, day: 31) }
        #expect(try LabelModel.CalendarDay(year: 987, month: 4, day: 30).iso8601 == "0987-04-30")
    }
}
