import Foundation
import Testing
import CartographCore
@testable import Clinical

private func date(_ s: String) -> CalendarDate { CalendarDate(s)! }
private func lab(_ a: LabAnalyte, _ v: Double, _ unit: String? = nil) -> LabResult {
    LabResult(patientCode: "C01-0007", sampleDate: date("2026-03-09"), analyte: a, value: .number(v), unit: unit)
}

/// Within `relative` of `expected` (the conversions are one rounded operation, a few ulps at most).
func labClose(_ actual: Double?, _ expected: Double, relative: Double = 1e-12) -> Bool {
    guard let actual else { return false }
    return abs(actual - expected) <= relative * max(abs(actual), abs(expected))
}

/// One entry of the unit table, with the canonical value worked by hand from the published factor.
struct LabUnitCase: Sendable, CustomTestStringConvertible {
    var analyte: LabAnalyte
    var entered: Double
    var unit: String
    /// By hand, in the analyte's canonical unit.
    var canonical: Double
    /// The stored symbol the import keeps for `unit`.
    var symbol: String
    /// Whether the double arithmetic lands exactly on `canonical` (integer factor or ÷ 10 of a value whose
    /// quotient rounds to the same double as the typed decimal); otherwise within 1e-12 relative.
    var exact: Bool
    var testDescription: String { "\(analyte.rawValue) \(entered) \(unit)" }
}

/// Every alternative unit of the table (LabUnitTable.swift), with the factor's source in the comment.
let labUnitCases: [LabUnitCase] = [
    // 1 L = 10⁶ µL, so 10⁹/L = 10³/µL = 1000 /µL; 0.5 × 1000 = 500.
    .init(analyte: .absoluteNeutrophilCount, entered: 0.5, unit: "10^9/L", canonical: 500, symbol: "10^9/L", exact: true),
    .init(analyte: .absoluteNeutrophilCount, entered: 0.5, unit: "10⁹/L", canonical: 500, symbol: "10^9/L", exact: true),
    .init(analyte: .absoluteNeutrophilCount, entered: 1.5, unit: "G/L", canonical: 1500, symbol: "10^9/L", exact: true),
    .init(analyte: .absoluteNeutrophilCount, entered: 0.5, unit: "10³/µL", canonical: 500, symbol: "10^3/uL", exact: true),
    .init(analyte: .absoluteNeutrophilCount, entered: 0.5, unit: "K/uL", canonical: 500, symbol: "10^3/uL", exact: true),
    // 1 mm³ = 1 µL: the same number.
    .init(analyte: .absoluteNeutrophilCount, entered: 500, unit: "cells/mm³", canonical: 500, symbol: "cells/mm3", exact: true),
    .init(analyte: .platelets, entered: 150, unit: "x10^9/L", canonical: 150_000, symbol: "10^9/L", exact: true),
    .init(analyte: .platelets, entered: 150, unit: "10^3/μL", canonical: 150_000, symbol: "10^3/uL", exact: true),
    .init(analyte: .circulatingPlasmaCells, entered: 20, unit: "cells/mm3", canonical: 20, symbol: "cells/mm3", exact: true),
    // 1 dL = 0.1 L: 100 g/L ÷ 10 = 10 g/dL.
    .init(analyte: .hemoglobin, entered: 100, unit: "g/L", canonical: 10, symbol: "g/L", exact: true),
    // ICSH 1995, Hb(Fe) 16,114.5 g/mol: 6.2 mmol/L × 1.61145 = 9.6687 + 0.32229 = 9.99099 g/dL.
    .init(analyte: .hemoglobin, entered: 6.2, unit: "mmol/L", canonical: 9.99099, symbol: "mmol/L", exact: false),
    // KDIGO 2012, 88.4 µmol/L per mg/dL: 88.4 ÷ 88.4 = 1; 176.8 ÷ 88.4 = 2.
    .init(analyte: .creatinine, entered: 88.4, unit: "µmol/L", canonical: 1, symbol: "umol/L", exact: true),
    .init(analyte: .creatinine, entered: 176.8, unit: "umol/L", canonical: 2, symbol: "umol/L", exact: true),
    .init(analyte: .creatinine, entered: 9, unit: "mg/L", canonical: 0.9, symbol: "mg/L", exact: true),
    // IUPAC Ar(Ca) 40.078: 2.5 mmol/L × 4.0078 = 10.0195 mg/dL (the rounded × 4.008 would give 10.02).
    .init(analyte: .calcium, entered: 2.5, unit: "mmol/L", canonical: 10.0195, symbol: "mmol/L", exact: false),
    .init(analyte: .calcium, entered: 100, unit: "mg/L", canonical: 10, symbol: "mg/L", exact: true),
    .init(analyte: .crp, entered: 35, unit: "mg/L", canonical: 3.5, symbol: "mg/L", exact: true),
    // 10⁻⁹ g / 10⁻³ L = 10⁻⁶ g/L: the same number.
    .init(analyte: .ferritin, entered: 700, unit: "µg/L", canonical: 700, symbol: "ug/L", exact: true),
    // 1 µkat = 1 µmol/s = 60 µmol/min = 60 U: 4 × 60 = 240 U/L.
    .init(analyte: .ldh, entered: 4, unit: "μkat/L", canonical: 240, symbol: "ukat/L", exact: true),
    .init(analyte: .ldh, entered: 240, unit: "IU/L", canonical: 240, symbol: "U/L", exact: true),
    .init(analyte: .serumMProtein, entered: 24, unit: "g/L", canonical: 2.4, symbol: "g/L", exact: true),
    // 1 g = 1000 mg: 0.2 g/24h = 200 mg/24h.
    .init(analyte: .urineMProtein, entered: 0.2, unit: "g/24h", canonical: 200, symbol: "g/24h", exact: true),
    .init(analyte: .urineMProtein, entered: 200, unit: "mg/day", canonical: 200, symbol: "mg/24h", exact: true),
    // 1 L = 10 dL: 18 mg/dL = 180 mg/L; 0.9 mg/dL = 9 mg/L.
    .init(analyte: .kappaFreeLightChain, entered: 18, unit: "mg/dL", canonical: 180, symbol: "mg/dL", exact: true),
    .init(analyte: .lambdaFreeLightChain, entered: 0.9, unit: "mg/dL", canonical: 9, symbol: "mg/dL", exact: true),
    .init(analyte: .transgeneCopies, entered: 48_000, unit: "copies/µg gDNA", canonical: 48_000, symbol: "copies/ug", exact: true),
]

@Suite("Laboratory units: the table, conversions and messages")
struct LabUnitTableTests {
    @Test("every numeric analyte has its canonical unit first; spellings never name two units of one analyte")
    func tableShape() {
        for analyte in LabAnalyte.allCases {
            let units = analyte.units
            if analyte.valueKind == .number {
                #expect(units.first?.symbol == analyte.unit, "\(analyte)")
                #expect(units.first?.conversion == .identical, "\(analyte)")
                // Disjoint: the spellings of all units add up to as many as their union.
                #expect(units.map(\.spellings.count).reduce(0, +) == analyte.acceptedUnitSpellings.count, "\(analyte)")
                for u in units {
                    switch u.conversion {
                    case .identical: break
                    case .times(let f), .dividedBy(let f): #expect(f > 0 && f.isFinite, "\(analyte) \(u.symbol)")
                    }
                    #expect(u.spellings.allSatisfy(analyte.accepts(unit:)), "\(analyte) \(u.symbol)")
                }
            } else {
                #expect(units.isEmpty && analyte.unit == "", "\(analyte)")
            }
        }
        #expect(LabAnalyte.absoluteNeutrophilCount.units.map(\.symbol) == ["/uL", "10^9/L", "10^3/uL", "cells/mm3"])
        #expect(LabAnalyte.transgeneCopies.units.map(\.symbol) == ["copies/ug"])
        #expect(LabAnalyte.marrowPlasmaCells.units.map(\.symbol) == ["%"])
    }

    @Test("every spelling accepted before the unit table is still accepted, as the same canonical unit")
    func earlierSpellingsKept() {
        let earlier: [(LabAnalyte, [String])] = [
            (.absoluteNeutrophilCount, ["/uL", "/µL", "/μL", "cells/uL", "cells/µL", "cells/μL", "cells / µL"]),
            (.platelets, ["/uL", "/µL", "cells/μL"]),
            (.circulatingPlasmaCells, ["/uL", "cells/µL"]),
            (.transgeneCopies, ["copies/ug", "copies/µg", "copies/μg", "copies/uggDNA", "copies/µggDNA", "copies/μg gDNA"]),
            (.urineMProtein, ["mg/24h", "mg/24hr", "mg/24hours", "mg/day", "mg/d"]),
            (.plasmacytomaSPD, ["cm2", "cm²", "cm^2"]),
            (.ferritin, ["ng/mL"]), (.ldh, ["U/L", "IU/L"]), (.serumMProtein, ["g/dL"]), (.hemoglobin, ["g/dL"]),
            (.kappaFreeLightChain, ["mg/L"]), (.marrowPlasmaCells, ["%"]), (.crp, ["mg/dL"]),
            (.creatinine, ["mg/dL"]), (.calcium, ["mg/dL"]),
        ]
        for (analyte, spellings) in earlier {
            for s in spellings { #expect(analyte.labUnit(s)?.symbol == analyte.unit, "\(analyte) \(s)") }
        }
        // µg/L was a spelling of ng/mL; it is now its own unit, of factor 1.
        #expect(LabAnalyte.ferritin.labUnit("µg/L")?.canonical(812) == 812)
    }

    @Test("a value in an alternative unit is kept as entered and reads as the canonical value", arguments: labUnitCases)
    func conversion(_ c: LabUnitCase) {
        // setup
        var r = lab(c.analyte, c.entered, c.unit)
        if c.analyte == .transgeneCopies { r.lowerLimitOfDetection = 5 }   // required for a transgene level
        // MUT
        let canonical = r.canonicalNumber
        // validate
        #expect(r.problems.isEmpty)
        #expect(r.value == .number(c.entered) && r.unit == c.unit)
        #expect(r.enteredUnit?.symbol == c.symbol)
        if c.exact { #expect(canonical == c.canonical) } else { #expect(labClose(canonical, c.canonical)) }
        #expect(r.canonicalValue == canonical.map(LabResultValue.number))
        // The inverse brings the canonical value back to the entered one (used only for range messages).
        #expect(labClose(r.enteredUnit?.entered(fromCanonical: c.canonical), c.entered))
        // The canonical unit reads its own value unchanged.
        #expect(lab(c.analyte, c.canonical).canonicalNumber == c.canonical)
    }

    @Test("the CSV import and a form entry keep the value and the unit's symbol as entered", arguments: labUnitCases)
    func importKeepsEntered(_ c: LabUnitCase) throws {
        // setup
        let extras = c.analyte == .transgeneCopies ? ",,,5," : ",,,,"
        let csv = "patient,date,analyte,value,unit,method,sensitivity,llod,lloq\n"
            + "C01-0007,2026-03-09,\(c.analyte.rawValue),\(c.entered),\(c.unit)\(extras)\n"
        var cells: [LabImportColumn: String] = [.patient: "C01-0007", .date: "2026-03-09", .analyte: c.analyte.rawValue,
                                                .value: LabImport.cellText(c.entered), .unit: c.unit]
        if c.analyte == .transgeneCopies { cells[.llod] = "5" }
        // MUT
        let imported = try #require(LabImport.importCSV(text: csv).results?.first)
        let entry = try #require(LabImport.readEntry(cells).result)
        // validate
        #expect(imported == entry)
        #expect(imported.value == .number(c.entered))
        #expect(imported.unit == c.symbol)
        if c.exact { #expect(imported.canonicalNumber == c.canonical) } else { #expect(labClose(imported.canonicalNumber, c.canonical)) }
    }

    @Test("plausible ranges apply to the canonical value and are stated in the entered unit")
    func rangesInEnteredUnit() {
        // 0–25 g/dL = 0–250 g/L; 250 g/L ÷ 10 = 25 exactly, on the bound.
        #expect(lab(.hemoglobin, 250, "g/L").problems.isEmpty)
        #expect(lab(.hemoglobin, 300, "g/L").problems.map(\.description) ==
                ["value: 300 g/L is outside the plausible range 0–250 g/L (0–25 g/dL) for hemoglobin"])
        // 0–100,000 /µL = 0–100 10⁹/L: 100 × 1000 = 100,000 is on the bound, 101 × 1000 beyond it.
        #expect(lab(.absoluteNeutrophilCount, 100, "10^9/L").problems.isEmpty)
        #expect(lab(.absoluteNeutrophilCount, 101, "10⁹/L").problems.map(\.description) ==
                ["value: 101 10^9/L is outside the plausible range 0–100 10^9/L (0–100000 /uL) for absoluteNeutrophilCount"])
        // 25 g/dL ÷ 1.61145 = 15.51398 mmol/L, shown to six significant digits as 15.514;
        // 16 mmol/L × 1.61145 = 25.7832 g/dL > 25.
        #expect(lab(.hemoglobin, 16, "mmol/L").problems.map(\.description) ==
                ["value: 16 mmol/L is outside the plausible range 0–15.514 mmol/L (0–25 g/dL) for hemoglobin"])
        // 30 mg/dL × 88.4 = 2652 µmol/L; 2700 ÷ 88.4 = 30.54 mg/dL > 30.
        #expect(lab(.creatinine, 2700, "µmol/L").problems.map(\.description) ==
                ["value: 2700 umol/L is outside the plausible range 0–2652 umol/L (0–30 mg/dL) for creatinine"])
        // The canonical unit keeps the message it always had.
        #expect(lab(.creatinine, 31).problems.map(\.description) ==
                ["value: 31 mg/dL is outside the plausible range 0–30 mg/dL for creatinine"])
    }

    @Test("a unit not in the table is refused naming the units accepted, by LabResult and by the import alike")
    func unknownUnitRefused() {
        // setup / MUT / validate
        #expect(lab(.absoluteNeutrophilCount, 45, "%").problems.map(\.description) ==
                ["unit: \"%\" is not a unit of absoluteNeutrophilCount; expected /uL, 10^9/L, 10^3/uL or cells/mm3"])
        // Case carries meaning in units (mg/Mg, g/G): g/dl is not accepted for g/dL.
        #expect(lab(.hemoglobin, 10, "g/dl").problems.map(\.description) ==
                ["unit: \"g/dl\" is not a unit of hemoglobin; expected g/dL, g/L or mmol/L"])
        #expect(lab(.ldh, 240, "U/mL").problems.map(\.description) == ["unit: \"U/mL\" is not a unit of ldh; expected U/L or ukat/L"])
        #expect(lab(.transgeneCopies, 100, "copies/mL").problems.first?.description ==
                "unit: \"copies/mL\" is not a unit of transgeneCopies; expected copies/ug")
        #expect(lab(.creatinine, 1, "").problems.map(\.description) ==
                ["unit: empty; creatinine is recorded in mg/dL, umol/L or mg/L"])
        // A number in an unknown unit gets no range verdict (its size means nothing yet), only the unit one.
        #expect(lab(.absoluteNeutrophilCount, 5_000_000, "/L").problems.map(\.column) == [.unit])
        // Not readable by any engine.
        #expect(lab(.absoluteNeutrophilCount, 45, "%").canonicalNumber == nil)
        #expect(lab(.absoluteNeutrophilCount, 45, "%").canonicalValue == nil)
        // The import reports the same message for the same row (one set of rules).
        let csv = "patient,date,analyte,value,unit\nC01-0007,2026-03-09,absoluteNeutrophilCount,45,%\n"
        #expect(LabImport.importCSV(text: csv).report?.problems.map(\.description) ==
                ["row 2, column unit: \"%\" is not a unit of absoluteNeutrophilCount; expected /uL, 10^9/L, 10^3/uL or cells/mm3"])
    }
}
