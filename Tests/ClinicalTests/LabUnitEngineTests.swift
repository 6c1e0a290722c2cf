import Testing
import CartographCore
@testable import Clinical

private func date(_ s: String) -> CalendarDate { CalendarDate(s)! }
private func lab(_ d: String, _ a: LabAnalyte, _ v: Double, _ unit: String? = nil) -> LabResult {
    LabResult(patientCode: "C01-0007", sampleDate: date(d), analyte: a, value: .number(v), unit: unit)
}

/// Infusion 2026-03-08 (Day 0). Study days by hand: 2026-03-01 = Day −7, 03-02 = −6, 03-03 = −5 (first
/// lymphodepletion day), 03-15 = Day 7, 03-22 = Day 14.
private let infusion = date("2026-03-08")
private func safety(_ results: [LabResult]) -> [SafetyLabValue] {
    results.compactMap { SafetyLabValue(result: $0, infusion: infusion) }
}

/// The same laboratory series entered in the canonical units and in the alternatives of LabUnitTable
/// must give the same engine result: the engines read `LabResult.canonicalNumber`.
@Suite("Laboratory units: engines read the canonical value")
struct LabUnitEngineTests {
    @Test("CAR-HEMATOTOX from 10⁹/L, 10³/µL, g/L, mg/L and µg/L equals the score from /µL, g/dL, mg/dL and ng/mL")
    func carHematotox() throws {
        // setup: the Rejeski 2021 case of SafetyHematotoxicityTests: platelets 150,000/µL (D−6), ANC 1,000/µL
        // (D−5), Hb 9.5 g/dL (D−7), CRP 3.0 mg/dL (D−5), ferritin 700 ng/mL (D−6) → 1+1+0+1+1 = 4, high risk.
        // By hand: 150 10⁹/L × 1000 = 150,000; 1.0 10³/µL × 1000 = 1,000; 95 g/L ÷ 10 = 9.5;
        // 30 mg/L ÷ 10 = 3.0; 700 µg/L = 700.
        let canonical = [lab("2026-03-02", .platelets, 150_000), lab("2026-03-03", .absoluteNeutrophilCount, 1_000),
                         lab("2026-03-01", .hemoglobin, 9.5), lab("2026-03-03", .crp, 3.0), lab("2026-03-02", .ferritin, 700)]
        let other = [lab("2026-03-02", .platelets, 150, "10^9/L"), lab("2026-03-03", .absoluteNeutrophilCount, 1.0, "10^3/uL"),
                     lab("2026-03-01", .hemoglobin, 95, "g/L"), lab("2026-03-03", .crp, 30, "mg/L"),
                     lab("2026-03-02", .ferritin, 700, "µg/L")]
        // MUT
        let a = try SafetyHematotoxicity.carHematotox(labs: safety(canonical), lymphodepletionDay: -5)
        let b = try SafetyHematotoxicity.carHematotox(labs: safety(other), lymphodepletionDay: -5)
        // validate
        #expect(b == a)
        #expect(b.result.score == 4 && b.result.risk == .high)
    }

    @Test("cut-offs hold exactly through a conversion: 1.2 10⁹/L is ANC 1,200, 90 g/L is Hb 9.0")
    func carHematotoxCutOffs() throws {
        // setup: SafetyHematotoxicityTests' low-risk case, just on the good side of each cut-off: platelets
        // 176,000 (> 175,000), ANC 1,200 (not < 1,200), Hb 9.0 (not < 9.0), CRP 2.9 (< 3.0), ferritin 649
        // (< 650) → 0 points. Entered as 176 10⁹/L, 1.2 10⁹/L, 90 g/L, 29 mg/L and 649 µg/L.
        let labs = [lab("2026-03-03", .platelets, 176, "10^9/L"), lab("2026-03-03", .absoluteNeutrophilCount, 1.2, "10^9/L"),
                    lab("2026-03-03", .hemoglobin, 90, "g/L"), lab("2026-03-03", .crp, 29, "mg/L"),
                    lab("2026-03-03", .ferritin, 649, "ug/L")]
        // MUT
        let b = try SafetyHematotoxicity.carHematotox(labs: safety(labs), lymphodepletionDay: -5)
        // validate
        #expect(b.input.ancPerMicroliter == 1_200 && b.input.hemoglobinGramsPerDeciliter == 9.0)
        #expect(b.result.score == 0 && b.result.risk == .low)
    }

    @Test("ICAHT from ANC 0.5 10⁹/L equals ICAHT from 500 /µL")
    func icaht() throws {
        // setup: ANC 3.0 (D−5), 0.5 (D0), 0.5 (D7), 2.0 10⁹/L (D14) = 3,000, 500, 500, 2,000 /µL. Carried to
        // the next count: Days 0–13 at 500 ≤ 500 = 14 days, none ≤ 100 → early ICAHT grade 3 (EHA/EBMT,
        // ≥ 14 days ≤ 500/µL).
        let days = ["2026-03-03", "2026-03-08", "2026-03-15", "2026-03-22"]
        let perMicroliter = zip(days, [3_000.0, 500, 500, 2_000]).map { lab($0, .absoluteNeutrophilCount, $1) }
        let gigaPerLiter = zip(days, [3.0, 0.5, 0.5, 2.0]).map { lab($0, .absoluteNeutrophilCount, $1, "10⁹/L") }
        // MUT
        let a = try SafetyHematotoxicity.icaht(labs: safety(perMicroliter))
        let b = try SafetyHematotoxicity.icaht(labs: safety(gigaPerLiter))
        // validate
        #expect(b == a)
        #expect(b.early?.daysAtOrBelow500 == 14 && b.early?.grade == 3)
        // As stored: the results still say 0.5 10^9/L.
        #expect(gigaPerLiter[1].value == .number(0.5) && gigaPerLiter[1].unit == "10⁹/L")
    }

    @Test("EASIX from µkat/L, µmol/L, 10⁹/L and mg/L equals EASIX from U/L, mg/dL, /µL and mg/dL")
    func easix() throws {
        // setup, Day 7: LDH 4 µkat/L × 60 = 240 U/L; creatinine 88.4 µmol/L ÷ 88.4 = 1 mg/dL; platelets
        // 100 10⁹/L = 100,000/µL; CRP 35 mg/L ÷ 10 = 3.5 mg/dL.
        // EASIX = LDH × creatinine / platelets (10⁹/L) = 240 × 1 / 100 = 2.4; m-EASIX = 240 × 3.5 / 100 = 8.4.
        let canonical = [lab("2026-03-15", .ldh, 240), lab("2026-03-15", .creatinine, 1),
                         lab("2026-03-15", .platelets, 100_000), lab("2026-03-15", .crp, 3.5)]
        let other = [lab("2026-03-15", .ldh, 4, "µkat/L"), lab("2026-03-15", .creatinine, 88.4, "µmol/L"),
                     lab("2026-03-15", .platelets, 100, "10^9/L"), lab("2026-03-15", .crp, 35, "mg/L")]
        // MUT
        let a = try SafetyHematotoxicity.easixSeries(labs: safety(canonical))
        let b = try SafetyHematotoxicity.easixSeries(labs: safety(other))
        // validate
        #expect(b == a)
        #expect(b.count == 1 && labClose(b.first?.easix, 2.4) && labClose(b.first?.modifiedEASIX, 8.4))
    }

    @Test("only hematotoxicity analytes in a known unit become safety values")
    func safetyValueFilter() {
        // setup / MUT / validate: SPEP feeds no safety score; ANC in % cannot be read.
        #expect(SafetyLabValue(result: lab("2026-03-15", .serumMProtein, 2), infusion: infusion) == nil)
        #expect(SafetyLabValue(result: lab("2026-03-15", .absoluteNeutrophilCount, 45, "%"), infusion: infusion) == nil)
        #expect(SafetyLabValue(result: lab("2026-03-15", .absoluteNeutrophilCount, 0.5, "10^9/L"), infusion: infusion)
                == SafetyLabValue(studyDay: 7, analyte: .anc, value: 500))
    }
}
