import Testing
@testable import Clinical

/// Expected values from ASTCT 2019 (Lee DW et al., BBMT 2019;25:625): the ICE table and the
/// adult ICANS grading table (Table 8) with its footnotes.
@Suite struct ICANSGradeTests {
    private func grade(_ a: ICANSAssessment) throws -> Int { try ICANSGrading.grade(a).grade }

    @Test func iceTotalsAndRanges() throws {
        // setup: full marks 4+3+1+1+1 = 10; a patient oriented to 2 of 4, naming 1 of 3, following
        // commands, unable to write or count backwards: 2+1+1+0+0 = 4.
        // MUT
        let full = try ICEScore(orientation: 4, naming: 3, followsCommands: 1, writing: 1, attention: 1)
        let partial = try ICEScore(orientation: 2, naming: 1, followsCommands: 1, writing: 0, attention: 0)
        // validate
        #expect(full.total == 10)
        #expect(partial.total == 4)
        #expect(throws: ClinicalInputError(field: "naming", message: "4 is out of range 0...3")) {
            try ICEScore(orientation: 4, naming: 4, followsCommands: 1, writing: 1, attention: 1)
        }
        #expect(throws: ClinicalInputError.self) {
            try ICEScore(orientation: -1, naming: 0, followsCommands: 0, writing: 0, attention: 0)
        }
    }

    @Test func iceBandsAtEachBoundary() throws {
        // setup: ICE 10 → 0 (normal); 7-9 → 1; 3-6 → 2; 0-2 → 3 (awake).
        let expected: [(Int, Int)] = [(10, 0), (9, 1), (7, 1), (6, 2), (3, 2), (2, 3), (0, 3)]
        for (ice, want) in expected {
            // MUT
            let got = try grade(ICANSAssessment(iceScore: ice))
            // validate
            #expect(got == want, "ICE \(ice)")
        }
    }

    @Test func iceZeroAwakeVersusUnarousable() throws {
        // setup: footnote: ICE 0 awake with global aphasia → 3; ICE 0 unarousable → 4.
        let awake = ICANSAssessment(iceScore: 0, consciousness: .awake)
        let unarousable = ICANSAssessment(iceScore: 0, consciousness: .unarousable)
        // MUT / validate
        #expect(try grade(awake) == 3)
        #expect(try grade(unarousable) == 4)
    }

    @Test func iceNotPerformable() throws {
        // setup: null ICE: grade 4 only when unarousable; awake → from other domains, with a reason.
        let unarousable = ICANSAssessment(iceScore: nil, consciousness: .unarousable)
        let awakeNothingElse = ICANSAssessment(iceScore: nil)
        let awakeFocalEdema = ICANSAssessment(iceScore: nil, cerebralEdema: .focal)
        // MUT
        let quiet = try ICANSGrading.grade(awakeNothingElse)
        // validate
        #expect(try grade(unarousable) == 4)
        #expect(quiet.grade == 0)
        #expect(quiet.reasons.contains { $0.contains("ICE not assessed") })
        #expect(try grade(awakeFocalEdema) == 3)
    }

    @Test func paperExampleIceThreeWithSeizureIsGrade3() throws {
        // setup: "a patient with an ICE score of 3 who has a generalized seizure is classified as grade 3".
        let a = ICANSAssessment(iceScore: 3, seizure: .rapidlyResolving)
        // MUT
        let result = try ICANSGrading.grade(a)
        // validate
        #expect(result.grade == 3)
        #expect(result.reasons.first?.contains("seizure") == true)
    }

    @Test func consciousnessRows() throws {
        // setup: spontaneously 1, to voice 2, tactile only 3, unarousable 4 (ICE 10 so it cannot drive).
        let expected: [(ICANSConsciousness, Int)] = [
            (.awake, 0), (.awakensSpontaneously, 1), (.awakensToVoice, 2), (.awakensToTactileStimulus, 3), (.unarousable, 4),
        ]
        for (level, want) in expected {
            // MUT / validate
            #expect(try grade(ICANSAssessment(iceScore: 10, consciousness: level)) == want, "\(level)")
        }
    }

    @Test func seizureMotorAndEdemaRows() throws {
        // setup: seizure rows 3/3/4/4; deep focal motor weakness 4; focal edema 3; diffuse edema,
        // posturing, CN VI palsy, papilledema, Cushing's triad 4.
        let cases: [(ICANSAssessment, Int)] = [
            (ICANSAssessment(iceScore: 10, seizure: .rapidlyResolving), 3),
            (ICANSAssessment(iceScore: 10, seizure: .nonconvulsiveResolvedWithIntervention), 3),
            (ICANSAssessment(iceScore: 10, seizure: .prolonged), 4),
            (ICANSAssessment(iceScore: 10, seizure: .repetitiveWithoutReturnToBaseline), 4),
            (ICANSAssessment(iceScore: 10, deepFocalMotorWeakness: true), 4),
            (ICANSAssessment(iceScore: 10, cerebralEdema: .focal), 3),
            (ICANSAssessment(iceScore: 10, cerebralEdema: .diffuse), 4),
            (ICANSAssessment(iceScore: 10, posturing: true), 4),
            (ICANSAssessment(iceScore: 10, cranialNerveVIPalsy: true), 4),
            (ICANSAssessment(iceScore: 10, papilledema: true), 4),
            (ICANSAssessment(iceScore: 10, cushingsTriad: true), 4),
        ]
        for (assessment, want) in cases {
            // MUT / validate
            #expect(try grade(assessment) == want, "\(assessment)")
        }
    }

    @Test func attributableToOtherCauseAndDeath() throws {
        // setup
        let other = ICANSAssessment(iceScore: 2, consciousness: .awakensToVoice, attributableToOtherCause: true)
        let death = ICANSAssessment(iceScore: nil, consciousness: .unarousable, deathDueToICANS: true)
        // MUT / validate
        #expect(try grade(other) == 0)
        #expect(try grade(death) == 5)
    }

    @Test func mostSevereDomainWins() throws {
        // setup: ICE 8 (1) + awakens to voice (2) + focal edema (3) → 3.
        let a = ICANSAssessment(iceScore: 8, consciousness: .awakensToVoice, cerebralEdema: .focal)
        // MUT / validate
        #expect(try grade(a) == 3)
    }
}
