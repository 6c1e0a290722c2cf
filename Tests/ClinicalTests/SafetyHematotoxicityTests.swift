import Foundation
import Testing
import CartographCore
import Clinical

@Suite struct SafetyHematotoxicityTests {
    private func lab(_ day: Int, _ analyte: SafetyLabAnalyte, _ value: Double) -> SafetyLabValue {
        SafetyLabValue(studyDay: day, analyte: analyte, value: value)
    }

    @Test func carHematotoxUsesLatestValuesOnOrBeforeLymphodepletion() throws {
        // setup: lymphodepletion starts Day −5. Platelets 200,000 (D−10), 150,000 (D−6), 50,000 (D−3, after LD);
        // ANC 1,000 (D−5, the LD day), 300 (D−4, after LD); Hb 9.5 (D−7); CRP 3.0 (D−5); ferritin 700 (D−6)
        let labs = [lab(-10, .platelets, 200_000), lab(-6, .platelets, 150_000), lab(-3, .platelets, 50_000),
                    lab(-5, .anc, 1_000), lab(-4, .anc, 300), lab(-7, .hemoglobin, 9.5),
                    lab(-5, .crp, 3.0), lab(-6, .ferritin, 700)]
        // MUT
        let b = try SafetyHematotoxicity.carHematotox(labs: labs, lymphodepletionDay: -5)
        // validate: Rejeski 2021 bands: platelets 150,000 in 75,000-175,000 = 1; ANC 1,000 < 1,200 = 1;
        // Hb 9.5 >= 9.0 = 0; CRP 3.0 >= 3.0 = 1; ferritin 700 in 650-2,000 = 1 → 4, high risk (>= 2)
        #expect(b.picks.map(\.studyDay) == [-6, -5, -7, -5, -6])
        #expect(b.input.plateletsPerMicroliter == 150_000 && b.input.ancPerMicroliter == 1_000)
        #expect(b.result.score == 4)
        #expect(b.result.risk == .high)
    }

    @Test func lowRiskJustOnTheGoodSideOfEachCutOff() throws {
        // setup: platelets 176,000 (> 175,000), ANC 1,200, Hb 9.0, CRP 2.9, ferritin 649
        let labs = [lab(-5, .platelets, 176_000), lab(-5, .anc, 1_200), lab(-5, .hemoglobin, 9.0),
                    lab(-5, .crp, 2.9), lab(-5, .ferritin, 649)]
        // MUT
        let b = try SafetyHematotoxicity.carHematotox(labs: labs, lymphodepletionDay: -5)
        // validate: all 0 points → low risk
        #expect(b.result.score == 0 && b.result.risk == .low)
    }

    @Test func lastListedValueWinsOnTheSameDay() throws {
        // setup: two ANCs on D−6, 1,500 then 900; other markers at 0 points
        let labs = [lab(-6, .anc, 1_500), lab(-6, .anc, 900), lab(-6, .platelets, 200_000),
                    lab(-6, .hemoglobin, 12), lab(-6, .crp, 0.5), lab(-6, .ferritin, 300)]
        // MUT
        let b = try SafetyHematotoxicity.carHematotox(labs: labs, lymphodepletionDay: -5)
        // validate: ANC 900 < 1,200 = 1 point, total 1, low risk
        #expect(b.input.ancPerMicroliter == 900)
        #expect(b.result.score == 1 && b.result.risk == .low)
    }

    @Test func missingMarkersAndBadValuesAreNamed() {
        // setup: no CRP, no ferritin; CRP only after LD; a negative platelet count; LD day after infusion
        let partial = [lab(-5, .platelets, 200_000), lab(-5, .anc, 2_000), lab(-5, .hemoglobin, 12), lab(-2, .crp, 1)]
        let negative = [lab(-5, .platelets, -1)]
        // MUT / validate
        #expect(safetyFailedFields { _ = try SafetyHematotoxicity.carHematotox(labs: partial, lymphodepletionDay: -5) }
            == ["labs.crp", "labs.ferritin"])
        #expect(safetyFailedFields { _ = try SafetyHematotoxicity.carHematotox(labs: negative, lymphodepletionDay: -5) }
            == ["labs[0].value"])
        #expect(safetyFailedFields { _ = try SafetyHematotoxicity.carHematotox(labs: partial, lymphodepletionDay: 3) }
            == ["lymphodepletionDay"])
    }

    @Test func icahtFromTheANCSeries() throws {
        // setup: ANC 3,000 (D−5), 400 (D0), 400 (D7), 2,000 (D14); a CRP and a D−70 ANC that must be left out
        let labs = [lab(-70, .anc, 50), lab(-5, .anc, 3_000), lab(0, .anc, 400), lab(7, .anc, 400),
                    lab(14, .anc, 2_000), lab(3, .crp, 8)]
        // MUT
        let input = try SafetyHematotoxicity.icahtInput(labs: labs)
        let result = try SafetyHematotoxicity.icaht(labs: labs)
        // validate: 4 ANC samples from D−5 on. Counts carried to the next count (the engine's documented
        // rule): ANC 400 on Days 0–13 = 14 days <= 500, none <= 100 → EHA/EBMT early ICAHT grade 3
        // (>= 14 days <= 500); no sample after Day 30 → no late grade
        #expect(input.ancSeries.map(\.day) == [-5, 0, 7, 14])
        #expect(result.early?.daysAtOrBelow500 == 14)
        #expect(result.early?.daysAtOrBelow100 == 0)
        #expect(result.early?.grade == 3)
        #expect(result.late == nil)
    }

    @Test func icahtNeedsAnANC() {
        // setup / MUT / validate
        #expect(safetyFailedFields { _ = try SafetyHematotoxicity.icaht(labs: [SafetyLabValue(studyDay: 1, analyte: .crp, value: 2)]) }
            == ["labs.anc"])
    }

    @Test func easixFromSameDayValues() throws {
        // setup: D0 LDH 300 U/L, creatinine 1.0 mg/dL, platelets 150,000/µL (150 × 10⁹/L), CRP 5 mg/dL;
        // D1 LDH 400, creatinine 0.8, platelets 100,000; D2 LDH only; D3 platelets 0
        let labs = [lab(0, .ldh, 300), lab(0, .creatinine, 1.0), lab(0, .platelets, 150_000), lab(0, .crp, 5),
                    lab(1, .ldh, 400), lab(1, .creatinine, 0.8), lab(1, .platelets, 100_000),
                    lab(2, .ldh, 250),
                    lab(3, .ldh, 250), lab(3, .creatinine, 1), lab(3, .platelets, 0)]
        // MUT
        let points = try SafetyHematotoxicity.easixSeries(labs: labs)
        // validate: D0 300 × 1.0 / 150 = 2.0, log2 = 1, m-EASIX 300 × 5 / 150 = 10;
        // D1 400 × 0.8 / 100 = 3.2, no CRP; D2 has no point; D3 undefined (platelets 0)
        #expect(points.map(\.studyDay) == [0, 1, 3])
        #expect(abs(points[0].easix! - 2.0) < 1e-12)
        #expect(abs(points[0].log2EASIX! - 1.0) < 1e-12)
        #expect(abs(points[0].modifiedEASIX! - 10.0) < 1e-12)
        #expect(abs(points[1].easix! - 3.2) < 1e-12)
        #expect(points[1].modifiedEASIX == nil)
        #expect(points[2].easix == nil)
    }
}
