import Foundation
import Testing
import CartographCore
import Clinical

/// Expected grades read from ASTCT 2019 (Lee DW et al., BBMT 2019;25:625), Table 6 (CRS) and Table 8
/// (ICANS, adults), as restated in shared/reference/clinical-standards.md.
@Suite struct SafetyAssessmentGradingTests {
    @Test func feverWithHypotensionWithoutPressorsIsCRS2() throws {
        // setup: 38.5 °C (>= 38.0 fever), hypotension, no vasopressor, no oxygen, no treatment yet
        let a = SafetyAssessment(studyDay: 2, recordedAt: safetyInstant(day: 2), temperatureC: 38.5,
                                 systolicMmHg: 84, diastolicMmHg: 50, hypotension: true)
        // MUT
        let g = try SafetyAssessmentGrading.grade(a)
        // validate: Table 6, fever + hypotension not requiring vasopressors = grade 2
        #expect(g.crs.grade == 2)
        #expect(g.crs.reasons.first?.contains("hypotension not requiring vasopressors") == true)
        #expect(g.icans.grade == 0)
        #expect(g.iceScore == nil)
        #expect(g.interventionsCounted.isEmpty)
        #expect(g.notes.isEmpty)
    }

    @Test func afterTocilizumabAfebrileHighFlowIsCRS3() throws {
        // setup: tocilizumab at 06:00, assessment at 08:00, 37.0 °C, high-flow nasal cannula 8 L/min
        let a = SafetyAssessment(
            studyDay: 2, recordedAt: safetyInstant(day: 2, hour: 8), temperatureC: 37.0,
            oxygenDevice: .highFlowNasalCannula, oxygenFlowLitersPerMinute: 8,
            interventions: [SafetyIntervention(kind: .tocilizumab, givenAt: safetyInstant(day: 2, hour: 6))])
        // MUT
        let g = try SafetyAssessmentGrading.grade(a)
        // validate: after anti-cytokine therapy fever is not required; high flow (> 6 L/min) = grade 3
        #expect(a.crsAssessment.antipyreticOrAnticytokineGiven)
        #expect(g.crs.grade == 3)
        #expect(g.interventionsCounted == [.tocilizumab])
        #expect(g.crs.reasons.contains { $0.contains("tocilizumab") })
    }

    @Test func interventionAfterTheAssessmentDoesNotCount() throws {
        // setup: same findings, tocilizumab given two hours after the assessment
        let a = SafetyAssessment(
            studyDay: 2, recordedAt: safetyInstant(day: 2, hour: 8), temperatureC: 37.0,
            oxygenDevice: .highFlowNasalCannula, oxygenFlowLitersPerMinute: 8,
            interventions: [SafetyIntervention(kind: .tocilizumab, givenAt: safetyInstant(day: 2, hour: 10))])
        // MUT
        let g = try SafetyAssessmentGrading.grade(a)
        // validate: without therapy, 37.0 °C is no fever, so no CRS whatever the hypoxia
        #expect(!a.antipyreticOrAnticytokineGiven)
        #expect(g.crs.grade == 0)
        #expect(g.interventionsCounted.isEmpty)
    }

    @Test func interventionAtTheSameInstantCounts() throws {
        // setup: antipyretic recorded at exactly the assessment time ("at or before")
        let t = safetyInstant(day: 1, hour: 12)
        let a = SafetyAssessment(studyDay: 1, recordedAt: t, temperatureC: 37.2, hypotension: true,
                                 interventions: [SafetyIntervention(kind: .antipyretic, givenAt: t)])
        // MUT
        let g = try SafetyAssessmentGrading.grade(a)
        // validate: fever not required, hypotension without pressors = 2
        #expect(g.crs.grade == 2)
        #expect(g.interventionsCounted == [.antipyretic])
    }

    @Test func feverThresholdBothSides() throws {
        // setup: 38.0 (fever) and 37.9 (no fever), nothing else
        let at38 = SafetyAssessment(studyDay: 1, recordedAt: safetyInstant(day: 1), temperatureC: 38.0)
        let at379 = SafetyAssessment(studyDay: 1, recordedAt: safetyInstant(day: 1), temperatureC: 37.9)
        // MUT
        let g38 = try SafetyAssessmentGrading.grade(at38)
        let g379 = try SafetyAssessmentGrading.grade(at379)
        // validate: fever >= 38.0 alone = grade 1; below it = 0
        #expect(g38.crs.grade == 1)
        #expect(g379.crs.grade == 0)
    }

    @Test func feverWithAnotherCauseIsNotCRS() throws {
        // setup: 39 °C attributed to a documented infection
        let a = SafetyAssessment(studyDay: 4, recordedAt: safetyInstant(day: 4), temperatureC: 39,
                                 feverAttributableToOtherCause: true)
        // MUT / validate: fever must not be attributable to another cause
        #expect(try SafetyAssessmentGrading.grade(a).crs.grade == 0)
    }

    @Test func vasopressorsMapByDrugName() throws {
        // setup: febrile patient on one, two, and vasopressin + one vasopressor
        func graded(_ drugs: [CRSVasopressor]) throws -> Int {
            let doses = drugs.map { SafetyVasopressorDose(drug: $0, dose: $0 == .vasopressin ? 0.03 : 0.1,
                                                          unit: $0 == .vasopressin ? .unitsPerMinute : .microgramsPerKilogramPerMinute) }
            return try SafetyAssessmentGrading.grade(
                SafetyAssessment(studyDay: 3, recordedAt: safetyInstant(day: 3), temperatureC: 38.6, hypotension: true,
                                 vasopressors: doses)).crs.grade
        }
        // MUT / validate: one vasopressor = 3, with vasopressin still 3, two excluding vasopressin = 4
        #expect(try graded([.norepinephrine]) == 3)
        #expect(try graded([.norepinephrine, .vasopressin]) == 3)
        #expect(try graded([.norepinephrine, .phenylephrine]) == 4)
    }

    @Test func nasalCannulaFlowBothSidesOf6() throws {
        // setup: febrile, nasal cannula at 6 and at 6.5 L/min
        func graded(_ flow: Double) throws -> Int {
            try SafetyAssessmentGrading.grade(SafetyAssessment(
                studyDay: 3, recordedAt: safetyInstant(day: 3), temperatureC: 38.2, oxygenDevice: .nasalCannula,
                oxygenFlowLitersPerMinute: flow)).crs.grade
        }
        // MUT / validate: low flow <= 6 L/min = 2, above = 3
        #expect(try graded(6) == 2)
        #expect(try graded(6.5) == 3)
    }

    @Test func iceItemsAreSummedIntoTheICANSGrade() throws {
        // setup: items summing to 9 (3+3+1+1+1), 6 (2+2+1+1+0), 2 (1+1+0+0+0), 10 (4+3+1+1+1)
        func graded(_ items: SafetyICEItems) throws -> (Int?, Int) {
            let g = try SafetyAssessmentGrading.grade(
                SafetyAssessment(studyDay: 5, recordedAt: safetyInstant(day: 5), temperatureC: 36.8, ice: items))
            return (g.iceScore, g.icans.grade)
        }
        // MUT
        let nine = try graded(SafetyICEItems(orientation: 3, naming: 3, followsCommands: 1, writing: 1, attention: 1))
        let six = try graded(SafetyICEItems(orientation: 2, naming: 2, followsCommands: 1, writing: 1, attention: 0))
        let two = try graded(SafetyICEItems(orientation: 1, naming: 1, followsCommands: 0, writing: 0, attention: 0))
        let ten = try graded(SafetyICEItems(orientation: 4, naming: 3, followsCommands: 1, writing: 1, attention: 1))
        // validate: Table 8, ICE 7-9 = 1, 3-6 = 2, 0-2 = 3, 10 = normal
        #expect(nine == (9, 1))
        #expect(six == (6, 2))
        #expect(two == (2, 3))
        #expect(ten == (10, 0))
    }

    @Test func iceNotAssessedGradesFromOtherDomains() throws {
        // setup: no ICE, awakens to voice; and no ICE with nothing else
        let drowsy = SafetyAssessment(studyDay: 6, recordedAt: safetyInstant(day: 6), temperatureC: 37, consciousness: .awakensToVoice)
        let none = SafetyAssessment(studyDay: 6, recordedAt: safetyInstant(day: 6), temperatureC: 37)
        // MUT
        let g1 = try SafetyAssessmentGrading.grade(drowsy)
        let g0 = try SafetyAssessmentGrading.grade(none)
        // validate: awakens to voice = grade 2; otherwise 0, and the reasons say ICE was not assessed
        #expect(g1.icans.grade == 2)
        #expect(g0.icans.grade == 0)
        #expect(g0.icans.reasons.contains { $0.contains("ICE not assessed") })
    }

    @Test func neurologicSignsMapToTheirDomains() throws {
        // setup: one finding at a time in an afebrile patient with a normal ICE
        let normal = SafetyICEItems(orientation: 4, naming: 3, followsCommands: 1, writing: 1, attention: 1)
        func graded(_ change: (inout SafetyAssessment) -> Void) throws -> Int {
            var a = SafetyAssessment(studyDay: 6, recordedAt: safetyInstant(day: 6), temperatureC: 37, ice: normal)
            change(&a)
            return try SafetyAssessmentGrading.grade(a).icans.grade
        }
        // MUT / validate: Table 8 domain grades
        #expect(try graded { $0.cerebralEdema = .focal } == 3)
        #expect(try graded { $0.cerebralEdema = .diffuse } == 4)
        #expect(try graded { $0.seizure = .rapidlyResolving } == 3)
        #expect(try graded { $0.deepFocalMotorWeakness = true } == 4)
        #expect(try graded { $0.papilledema = true } == 4)
        #expect(try graded { $0.consciousness = .awakensSpontaneously } == 1)
        // attributed to another cause: not ICANS
        #expect(try graded { $0.consciousness = .awakensToVoice; $0.neurologicFindingsAttributableToOtherCause = true } == 0)
    }

    @Test func bloodPressureNoteDoesNotChangeTheGrade() throws {
        // setup: SBP 85 (below 90) without the hypotension flag; and SBP 90 without it
        let low = SafetyAssessment(studyDay: 2, recordedAt: safetyInstant(day: 2), temperatureC: 38.5, systolicMmHg: 85)
        let edge = SafetyAssessment(studyDay: 2, recordedAt: safetyInstant(day: 2), temperatureC: 38.5, systolicMmHg: 90)
        // MUT
        let gLow = try SafetyAssessmentGrading.grade(low)
        let gEdge = try SafetyAssessmentGrading.grade(edge)
        // validate: grade follows the flag (fever only = 1); the note appears only below 90
        #expect(gLow.crs.grade == 1)
        #expect(gLow.notes.count == 1)
        #expect(gEdge.crs.grade == 1)
        #expect(gEdge.notes.isEmpty)
    }
}
