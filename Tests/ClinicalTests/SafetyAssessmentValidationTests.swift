import Foundation
import Testing
import CartographCore
import Clinical

@Suite struct SafetyAssessmentValidationTests {
    private func base(_ change: (inout SafetyAssessment) -> Void = { _ in }) -> SafetyAssessment {
        var a = SafetyAssessment(studyDay: 1, recordedAt: safetyInstant(day: 1), temperatureC: 37.0)
        change(&a)
        return a
    }

    @Test func temperatureRangeBothSides() {
        // setup / MUT / validate: 30...43 °C accepted, just outside rejected naming the field (45.0 is
        // a typo, not a CRS fever)
        #expect(safetyFailedFields { _ = try SafetyAssessmentGrading.grade(base { $0.temperatureC = 30.0 }) } == [])
        #expect(safetyFailedFields { _ = try SafetyAssessmentGrading.grade(base { $0.temperatureC = 43.0 }) } == [])
        #expect(safetyFailedFields { _ = try SafetyAssessmentGrading.grade(base { $0.temperatureC = 29.9 }) } == ["temperatureC"])
        #expect(safetyFailedFields { _ = try SafetyAssessmentGrading.grade(base { $0.temperatureC = 43.1 }) } == ["temperatureC"])
        #expect(safetyFailedFields { _ = try SafetyAssessmentGrading.grade(base { $0.temperatureC = 45.0 }) } == ["temperatureC"])
        // 101.3 typed in °F
        #expect(safetyFailedFields { _ = try SafetyAssessmentGrading.grade(base { $0.temperatureC = 101.3 }) } == ["temperatureC"])
    }

    @Test func bloodPressureRanges() {
        // setup / MUT / validate: SBP 40...260, DBP 20...200 and below SBP
        #expect(safetyFailedFields { try base { $0.systolicMmHg = 40 }.validate() } == [])
        #expect(safetyFailedFields { try base { $0.systolicMmHg = 260 }.validate() } == [])
        #expect(safetyFailedFields { try base { $0.systolicMmHg = 39 }.validate() } == ["systolicMmHg"])
        #expect(safetyFailedFields { try base { $0.systolicMmHg = 261 }.validate() } == ["systolicMmHg"])
        #expect(safetyFailedFields { try base { $0.systolicMmHg = 120; $0.diastolicMmHg = 119 }.validate() } == [])
        #expect(safetyFailedFields { try base { $0.systolicMmHg = 120; $0.diastolicMmHg = 120 }.validate() } == ["diastolicMmHg"])
        #expect(safetyFailedFields { try base { $0.diastolicMmHg = 19 }.validate() } == ["diastolicMmHg"])
    }

    @Test func oxygenFlowRangeAndDevice() {
        // setup / MUT / validate: 0...80 L/min with a device; a flow without a device is rejected
        #expect(safetyFailedFields { try base { $0.oxygenDevice = .faceMask; $0.oxygenFlowLitersPerMinute = 80 }.validate() } == [])
        #expect(safetyFailedFields { try base { $0.oxygenDevice = .faceMask; $0.oxygenFlowLitersPerMinute = 80.1 }.validate() }
            == ["oxygenFlowLitersPerMinute"])
        #expect(safetyFailedFields { try base { $0.oxygenFlowLitersPerMinute = 2 }.validate() } == ["oxygenFlowLitersPerMinute"])
    }

    @Test func vasopressorDoseMustBePositiveAndPlausible() {
        // setup
        func dose(_ value: Double) -> SafetyAssessment {
            base { $0.hypotension = true; $0.vasopressors = [SafetyVasopressorDose(drug: .vasopressin, dose: 0.03, unit: .unitsPerMinute),
                                      SafetyVasopressorDose(drug: .norepinephrine, dose: value, unit: .microgramsPerKilogramPerMinute)] }
        }
        // MUT / validate: the second entry is named; 10 µg/kg/min is the plausibility limit
        #expect(safetyFailedFields { try dose(10).validate() } == [])
        #expect(safetyFailedFields { try dose(10.5).validate() } == ["vasopressors[1].dose"])
        #expect(safetyFailedFields { try dose(0).validate() } == ["vasopressors[1].dose"])
    }

    @Test func vasopressorWithoutHypotensionIsAskedBack() {
        // setup: norepinephrine running, hypotension recorded as absent
        let a = base { $0.vasopressors = [SafetyVasopressorDose(drug: .norepinephrine, dose: 0.1, unit: .microgramsPerKilogramPerMinute)] }
        // MUT / validate: refused naming hypotension; with hypotension it is accepted
        #expect(safetyFailedFields { try a.validate() } == ["hypotension"])
        #expect(safetyFailedFields { try base { $0.hypotension = true; $0.vasopressors = a.vasopressors }.validate() } == [])
    }

    @Test func iceItemOutOfRangeNamesTheItem() {
        // setup: orientation has 4 points at most
        let a = base { $0.ice = SafetyICEItems(orientation: 5, naming: 3, followsCommands: 1, writing: 1, attention: 1) }
        // MUT / validate
        #expect(safetyFailedFields { try a.validate() } == ["ice.orientation"])
    }

    @Test func temperatureRequiredUnlessFeverCannotMatter() {
        // setup: no temperature; then no temperature after an antipyretic given before the assessment
        let missing = base { $0.temperatureC = nil; $0.hypotension = true }
        let afterAntipyretic = base {
            $0.temperatureC = nil; $0.hypotension = true
            $0.interventions = [SafetyIntervention(kind: .antipyretic, givenAt: safetyInstant(day: 1, hour: 2))]
        }
        // MUT / validate
        #expect(safetyFailedFields { _ = try SafetyAssessmentGrading.grade(missing) } == ["temperatureC"])
        #expect(safetyFailedFields { _ = try SafetyAssessmentGrading.grade(afterAntipyretic) } == [])
        #expect((try? SafetyAssessmentGrading.grade(afterAntipyretic).crs.grade) == 2)
    }

    @Test func allProblemsAreReportedTogether() {
        // setup: three bad fields at once
        let a = base {
            $0.temperatureC = 50; $0.systolicMmHg = 300
            $0.ice = SafetyICEItems(orientation: 4, naming: 4, followsCommands: 1, writing: 1, attention: 1)
        }
        // MUT / validate
        #expect(safetyFailedFields { try a.validate() } == ["temperatureC", "systolicMmHg", "ice.naming"])
    }
}
