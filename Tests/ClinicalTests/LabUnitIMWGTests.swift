import Testing
import CartographCore
@testable import Clinical

private func date(_ s: String) -> CalendarDate { CalendarDate(s)! }
private func lab(_ d: String, _ a: LabAnalyte, _ v: Double, _ unit: String? = nil) -> LabResult {
    LabResult(patientCode: "C01-0007", sampleDate: date(d), analyte: a, value: .number(v), unit: unit)
}

/// Infusion 2026-01-20 (Day 0). Study days by hand: 2026-01-18 = Day −2; 2026-02-17 = 11 (to Jan 31)
/// + 17 = Day 28; 2026-03-17 = 11 + 28 (February 2026) + 17 = Day 56; 2026-03-01 = Day 40.
private let infusion = date("2026-01-20")

private func input(_ results: [LabResult], window: Int = 0) -> LabResultIMWGInput {
    LabResultIMWGConversion.input(patientCode: "C01-0007", results: results, baselineFrom: date("2026-01-01"),
                                  infusion: infusion, assessmentWindowDays: window)
}

/// IMWG 2016 (Kumar SK et al., Lancet Oncol 2016;17:e328) from results entered in g/L, g/24h and mg/dL.
@Suite("Laboratory units: IMWG input in the engine's units")
struct LabUnitIMWGTests {
    @Test("a response from serum M-protein in g/L equals the response from g/dL")
    func serumMProteinInGramsPerLiter() throws {
        // setup: SPEP 30 → 12 → 10 g/L = 3.0 → 1.2 → 1.0 g/dL (÷ 10). Reductions by hand: (3.0 − 1.2)/3.0 = 60 %,
        // (3.0 − 1.0)/3.0 = 66.7 %: both ≥ 50 % and < 90 %, so PR at Days 28 and 56, each confirming the other.
        let gramsPerDeciliter = [lab("2026-01-18", .serumMProtein, 3.0), lab("2026-02-17", .serumMProtein, 1.2),
                                 lab("2026-03-17", .serumMProtein, 1.0)]
        let gramsPerLiter = [lab("2026-01-18", .serumMProtein, 30, "g/L"), lab("2026-02-17", .serumMProtein, 12, "g/L"),
                             lab("2026-03-17", .serumMProtein, 10, "g/L")]
        // MUT
        let a = input(gramsPerDeciliter), b = input(gramsPerLiter)
        let courseA = try IMWGResponse.assess(baseline: a.baseline, assessments: a.assessments)
        let courseB = try IMWGResponse.assess(baseline: b.baseline, assessments: b.assessments)
        // validate
        #expect(b.baseline == a.baseline && b.baseline.serumMProteinGramsPerDeciliter == 3.0)
        #expect(b.assessments == a.assessments)
        #expect(courseB == courseA)
        #expect(courseB.assessments.map(\.category) == [.partialResponse, .partialResponse])
        #expect(courseB.bestConfirmedResponse == .partialResponse)
        // The reason quotes the engine's value and the value as entered.
        #expect(b.reasons.contains("baseline serumMProtein 3 g/dL (entered as 30 g/L) from 2026-01-18 (Day -2)"))
        #expect(a.reasons.contains("baseline serumMProtein 3 g/dL from 2026-01-18 (Day -2)"))
    }

    @Test("urine M-protein in g/24h and free light chains in mg/dL reach the engine in mg/24h and mg/L")
    func urineAndLightChains() {
        // setup: 0.5 g/24h × 1000 = 500 mg/24h; κ 18 mg/dL × 10 = 180 mg/L; λ 0.9 mg/dL × 10 = 9 mg/L;
        // Day 28: 0.1 g/24h = 100 mg/24h, κ 2 mg/dL = 20 mg/L, λ 1 mg/dL = 10 mg/L.
        let canonical = [lab("2026-01-18", .urineMProtein, 500), lab("2026-01-18", .kappaFreeLightChain, 180),
                         lab("2026-01-18", .lambdaFreeLightChain, 9), lab("2026-02-17", .urineMProtein, 100),
                         lab("2026-02-17", .kappaFreeLightChain, 20), lab("2026-02-17", .lambdaFreeLightChain, 10)]
        let other = [lab("2026-01-18", .urineMProtein, 0.5, "g/24h"), lab("2026-01-18", .kappaFreeLightChain, 18, "mg/dL"),
                     lab("2026-01-18", .lambdaFreeLightChain, 0.9, "mg/dL"), lab("2026-02-17", .urineMProtein, 0.1, "g/24h"),
                     lab("2026-02-17", .kappaFreeLightChain, 2, "mg/dL"), lab("2026-02-17", .lambdaFreeLightChain, 1, "mg/dL")]
        // MUT
        let a = input(canonical), b = input(other)
        // validate
        #expect(b.baseline == a.baseline)
        #expect(b.baseline == IMWGBaseline(urineMProteinMilligramsPer24h: 500, kappaFreeLightChainMilligramsPerLiter: 180,
                                           lambdaFreeLightChainMilligramsPerLiter: 9))
        #expect(b.assessments == a.assessments)
    }

    @Test("calcium in mmol/L meets the > 11 mg/dL criterion by its converted value; Hb and creatinine convert")
    func clinicalRelapseInputs() throws {
        // setup: a response visit on Day 28 with, the same day, Hb 6.2 mmol/L (× 1.61145 = 9.99099 g/dL)
        // and creatinine 176.8 µmol/L (÷ 88.4 = 2 mg/dL); on Day 40, alone, calcium
        // 2.8 mmol/L × 4.0078 = 11.22184 mg/dL > 11 (its own assessment), and on Day 56, alone,
        // 2.7 mmol/L × 4.0078 = 10.82106 mg/dL ≤ 11 (not used).
        let results = [lab("2026-01-18", .serumMProtein, 3.0), lab("2026-02-17", .serumMProtein, 1.2),
                       lab("2026-02-17", .hemoglobin, 6.2, "mmol/L"), lab("2026-02-17", .creatinine, 176.8, "µmol/L"),
                       lab("2026-03-01", .calcium, 2.8, "mmol/L"), lab("2026-03-17", .calcium, 2.7, "mmol/L")]
        // MUT
        let converted = input(results)
        // validate
        #expect(converted.assessments.map(\.day) == [28, 40])
        let day28 = try #require(converted.assessments.first)
        #expect(labClose(day28.hemoglobinGramsPerDeciliter, 9.99099))
        #expect(day28.creatinineMilligramsPerDeciliter == 2)
        #expect(labClose(converted.assessments.last?.calciumMilligramsPerDeciliter, 11.22184))
        #expect(converted.reasons.contains { $0.hasPrefix("1 calcium, hemoglobin, creatinine or hyperviscosity result(s)") })
    }

    @Test("a number in a unit outside the table never reaches the engine")
    func unknownUnitSkipped() {
        // setup: built in code, bypassing `problems`: SPEP in mg/mL has no factor in the table.
        let results = [lab("2026-01-18", .serumMProtein, 30, "mg/mL"), lab("2026-02-17", .serumMProtein, 12, "g/L")]
        // MUT
        let converted = input(results)
        // validate: no baseline from the unreadable value; the g/L one becomes 1.2 g/dL.
        #expect(converted.baseline.serumMProteinGramsPerDeciliter == nil)
        #expect(converted.assessments.first?.serumMProteinGramsPerDeciliter == 1.2)
    }

    @Test("the transgene series reads copies/µg as entered with any spelling of the unit")
    func transgene() {
        // setup: 48,000 copies/µg gDNA on Day 7 (2026-01-27), LLOD 5.
        let r = LabResult(patientCode: "C01-0007", sampleDate: date("2026-01-27"), analyte: .transgeneCopies,
                          value: .number(48_000), unit: "copies/µg gDNA", lowerLimitOfDetection: 5)
        // MUT
        let series = LabResultIMWGConversion.transgeneSeries(patientCode: "C01-0007", results: [r], infusion: infusion)
        // validate
        #expect(series.samples == [LabTransgenePoint(day: 7, copiesPerMicrogram: 48_000)])
    }
}
