import Testing
@testable import Clinical

/// Expected grades come from ASTCT 2019 (Lee DW et al., BBMT 2019;25:625), Table 6 and its
/// footnotes, read row by row; each test names the row it checks.
@Suite struct CRSGradeTests {
    private func grade(_ a: CRSAssessment) throws -> Int { try CRSGrading.grade(a).grade }

    @Test func paperWorkedExampleFeverOneVasopressorLowFlowIsGrade3() throws {
        // setup: Table 6 footnote: 39.5 °C, hypotension needing 1 vasopressor, low-flow nasal cannula → grade 3.
        let a = CRSAssessment(temperatureC: 39.5, hypotension: true, vasopressors: [.norepinephrine],
                              oxygenDevice: .nasalCannula, oxygenFlowLitersPerMinute: 2)
        // MUT
        let result = try CRSGrading.grade(a)
        // validate
        #expect(result.grade == 3)
        #expect(result.ruleSet == .astct2019)
        #expect(result.reasons.first?.contains("vasopressor") == true)
    }

    @Test func feverThresholdIs38point0Inclusive() throws {
        // setup: fever is >= 38.0 °C; fever alone is grade 1, 37.9 °C is no fever → no CRS.
        let at = CRSAssessment(temperatureC: 38.0)
        let below = CRSAssessment(temperatureC: 37.9)
        // MUT / validate
        #expect(try grade(at) == 1)
        #expect(try grade(below) == 0)
    }

    @Test func hypotensionWithoutFeverAndNoAntipyreticIsGrade0SayingFeverRequired() throws {
        // setup: 37.9 °C, hypotension and BiPAP, no antipyretic: fever is a prerequisite of grading.
        let a = CRSAssessment(temperatureC: 37.9, hypotension: true, oxygenDevice: .bipap)
        // MUT
        let result = try CRSGrading.grade(a)
        // validate
        #expect(result.grade == 0)
        #expect(result.reasons.contains { $0.contains("fever is required") })
    }

    @Test func feverAttributedToInfectionIsNotCRSFever() throws {
        // setup: 39 °C from documented pneumonia, hypotension without vasopressors.
        let a = CRSAssessment(temperatureC: 39.0, feverAttributableToOtherCause: true, hypotension: true)
        // MUT
        let result = try CRSGrading.grade(a)
        // validate
        #expect(result.grade == 0)
        #expect(result.reasons.first?.contains("attributable to another cause") == true)
    }

    @Test func afterTocilizumabFeverIsNotRequired() throws {
        // setup: afebrile (36.8 °C) after tocilizumab; hypotension on norepinephrine → grade 3
        // ("fever is no longer required ... grading is driven by hypotension and/or hypoxia").
        let withPressor = CRSAssessment(temperatureC: 36.8, antipyreticOrAnticytokineGiven: true,
                                        vasopressors: [.norepinephrine])
        // temperature may be omitted once fever is not required; low-flow O2 → grade 2.
        let withOxygen = CRSAssessment(temperatureC: nil, antipyreticOrAnticytokineGiven: true,
                                       oxygenDevice: .nasalCannula, oxygenFlowLitersPerMinute: 3)
        // MUT / validate
        #expect(try grade(withPressor) == 3)
        #expect(try grade(withOxygen) == 2)
    }

    @Test func afterTocilizumabWithoutHypotensionOrHypoxia() throws {
        // setup: documented choice: still febrile → 1; afebrile → 0.
        let febrile = CRSAssessment(temperatureC: 38.4, antipyreticOrAnticytokineGiven: true)
        let afebrile = CRSAssessment(temperatureC: 37.0, antipyreticOrAnticytokineGiven: true)
        // MUT / validate
        #expect(try grade(febrile) == 1)
        #expect(try grade(afebrile) == 0)
    }

    @Test func nasalCannulaSixVersusEightLitersPerMinute() throws {
        // setup: low flow is <= 6 L/min (grade 2); > 6 L/min is high flow (grade 3).
        let six = CRSAssessment(temperatureC: 38.5, oxygenDevice: .nasalCannula, oxygenFlowLitersPerMinute: 6)
        let sixPointOne = CRSAssessment(temperatureC: 38.5, oxygenDevice: .nasalCannula, oxygenFlowLitersPerMinute: 6.1)
        let eight = CRSAssessment(temperatureC: 38.5, oxygenDevice: .nasalCannula, oxygenFlowLitersPerMinute: 8)
        // MUT / validate
        #expect(try grade(six) == 2)
        #expect(try grade(sixPointOne) == 3)
        #expect(try grade(eight) == 3)
    }

    @Test func nasalCannulaWithoutFlowIsLowFlowAndSaysSo() throws {
        // setup
        let a = CRSAssessment(temperatureC: 38.5, oxygenDevice: .nasalCannula)
        // MUT
        let result = try CRSGrading.grade(a)
        // validate
        #expect(result.grade == 2)
        #expect(result.reasons.contains { $0.contains("flow not recorded") && $0.contains("low flow") })
    }

    @Test func oxygenDevicesByRow() throws {
        // setup: Table 6 hypoxia column: blow-by 2; face mask, non-rebreather, Venturi, HFNC 3;
        // CPAP, BiPAP, intubation/mechanical ventilation 4.
        let expected: [(CRSOxygenDevice, Int)] = [
            (.none, 1), (.blowBy, 2), (.highFlowNasalCannula, 3), (.faceMask, 3), (.nonRebreatherMask, 3),
            (.venturiMask, 3), (.cpap, 4), (.bipap, 4), (.mechanicalVentilation, 4),
        ]
        for (device, want) in expected {
            // MUT
            let got = try grade(CRSAssessment(temperatureC: 39, oxygenDevice: device))
            // validate
            #expect(got == want, "device \(device)")
        }
    }

    @Test func vasopressinCounting() throws {
        // setup: "one vasopressor with or without vasopressin" = 3; "multiple vasopressors
        // excluding vasopressin" = 4.
        let vasopressinAlone = CRSAssessment(temperatureC: 39, vasopressors: [.vasopressin])
        let vasopressinPlusOne = CRSAssessment(temperatureC: 39, vasopressors: [.vasopressin, .norepinephrine])
        let twoOthers = CRSAssessment(temperatureC: 39, vasopressors: [.norepinephrine, .phenylephrine])
        let duplicate = CRSAssessment(temperatureC: 39, vasopressors: [.norepinephrine, .norepinephrine])
        // MUT / validate
        #expect(try grade(vasopressinAlone) == 3)
        #expect(try grade(vasopressinPlusOne) == 3)
        #expect(try grade(twoOthers) == 4)
        #expect(try grade(duplicate) == 3)  // the same drug twice is still one vasopressor
    }

    @Test func hypotensionWithoutPressorsIsGrade2AndPressorsImplyHypotension() throws {
        // setup
        let fluids = CRSAssessment(temperatureC: 38.2, hypotension: true)
        let flagFalse = CRSAssessment(temperatureC: 38.2, hypotension: false, vasopressors: [.dopamine])
        // MUT
        let implied = try CRSGrading.grade(flagFalse)
        // validate
        #expect(try grade(fluids) == 2)
        #expect(implied.grade == 3)
        #expect(implied.reasons.contains { $0.contains("imply hypotension") })
    }

    @Test func moreSevereOfHypotensionAndHypoxia() throws {
        // setup: hypotension without pressors (2) + CPAP (4) → 4; two pressors (4) + blow-by (2) → 4.
        let a = CRSAssessment(temperatureC: 38.9, hypotension: true, oxygenDevice: .cpap)
        let b = CRSAssessment(temperatureC: 38.9, vasopressors: [.epinephrine, .norepinephrine], oxygenDevice: .blowBy)
        // MUT / validate
        #expect(try grade(a) == 4)
        #expect(try grade(b) == 4)
    }

    @Test func deathDueToCRSIsGrade5() throws {
        // setup
        let a = CRSAssessment(temperatureC: nil, deathDueToCRS: true)
        // MUT / validate
        #expect(try grade(a) == 5)
    }

    @Test func missingTemperatureIsRejectedWhenFeverDecides() throws {
        // setup: no temperature, no antipyretic: the grade cannot be decided.
        let a = CRSAssessment(temperatureC: nil, hypotension: true)
        // MUT / validate
        #expect(throws: ClinicalInputError.self) { try CRSGrading.grade(a) }
        do { _ = try CRSGrading.grade(a) } catch let e as ClinicalInputError { #expect(e.field == "temperatureC") }
    }
}
