import Testing
@testable import CartographCore

/// A myeloma patient who meets every FUCASO criterion, each value chosen well inside its limit.
func eligibleMyelomaScreening() -> ScreeningData {
    ScreeningData(
        ageYears: 60, diagnosis: .multipleMyeloma,
        priorLines: [PriorLine(drugClasses: [.proteasomeInhibitor, .immunomodulatoryDrug]),
                     PriorLine(drugClasses: [.antiCD38Antibody]),
                     PriorLine(drugClasses: [.alkylatingAgent, .autologousTransplant])],
        lastLineOutcome: .progressiveDisease, ecog: 1,
        labs: [.absoluteNeutrophilCount: 2000, .platelets: 120_000, .hemoglobin: 10.5, .creatinineClearance: 80,
               .alanineAminotransferaseULN: 1, .totalBilirubinULN: 0.8, .leftVentricularEjectionFraction: 60,
               .oxygenSaturation: 97],
        activeInfection: false, extramedullaryDisease: false)
}

/// The verdict on one criterion (by key) for FUCASO, or any profile.
func criterionStatus(_ key: String, _ data: ScreeningData, _ profile: ProductProfile = ProductCatalogue.fucaso) -> CriterionStatus? {
    EligibilityScreening.screen(data, against: profile).criteria.first { $0.key == key }?.status
}

@Suite("Eligibility screening")
struct EligibilityTests {
    @Test func completeEligiblePatient() {
        // setup
        let data = eligibleMyelomaScreening()
        // MUT
        let v = EligibilityScreening.screen(data, against: ProductCatalogue.fucaso)
        // validate: 17 FUCASO criteria (age, diagnosis, lines, drug classes, last line, ECOG, 8 labs,
        // infection, EMD, prior BCMA), all met, in the profile's order
        #expect(v.overall == .eligible)
        #expect(v.criteria.count == 17)
        #expect(v.criteria.allSatisfy { $0.status == .met && !$0.reason.isEmpty })
        #expect(v.criteria.map(\.key) == ["age", "diagnosis", "priorLines", "priorDrugClasses", "lastLineOutcome", "ecog",
                                          "lab.absoluteNeutrophilCount", "lab.platelets", "lab.hemoglobin",
                                          "lab.creatinineClearance", "lab.alanineAminotransferaseULN",
                                          "lab.totalBilirubinULN", "lab.leftVentricularEjectionFraction",
                                          "lab.oxygenSaturation", "activeInfection", "extramedullaryDisease",
                                          "priorBCMATherapy"])
    }

    @Test("Age 18–75: 17 no, 18 yes, 75 yes, 76 no, missing unknown")
    func ageBoundaries() {
        // setup inline; MUT and validate: each #expect below calls the code under test
        var d = eligibleMyelomaScreening()
        for (age, expected) in [(17, CriterionStatus.notMet), (18, .met), (75, .met), (76, .notMet)] {
            d.ageYears = age
            #expect(criterionStatus("age", d) == expected, "age \(age)")
        }
        d.ageYears = 76
        let reason = EligibilityScreening.screen(d, against: ProductCatalogue.fucaso).criteria.first { $0.key == "age" }?.reason
        #expect(reason?.contains("76") == true)
        d.ageYears = nil
        #expect(criterionStatus("age", d) == .unknown)
    }

    @Test func diagnosis() {
        var d = eligibleMyelomaScreening()
        d.diagnosis = .bCellAcuteLymphoblasticLeukemia
        #expect(criterionStatus("diagnosis", d) == .notMet)
        d.diagnosis = nil
        #expect(criterionStatus("diagnosis", d) == .unknown)
    }

    @Test("At least 3 prior lines: 2 no, 3 yes")
    func priorLines() {
        // setup inline; MUT and validate: each #expect below calls the code under test
        var d = eligibleMyelomaScreening()
        d.priorLines = Array(d.priorLines!.prefix(2))
        #expect(criterionStatus("priorLines", d) == .notMet)
        d.priorLines = eligibleMyelomaScreening().priorLines! + [PriorLine(drugClasses: [.other])]
        #expect(criterionStatus("priorLines", d) == .met)
        d.priorLines = []
        #expect(criterionStatus("priorLines", d) == .notMet)
        #expect(criterionStatus("priorDrugClasses", d) == .notMet)
        d.priorLines = nil
        #expect(criterionStatus("priorLines", d) == .unknown)
        #expect(criterionStatus("priorDrugClasses", d) == .unknown)
        #expect(criterionStatus("priorBCMATherapy", d) == .unknown)
    }

    @Test("PI and IMiD must each appear in some prior line")
    func priorDrugClasses() {
        // setup inline; MUT and validate: each #expect below calls the code under test
        var d = eligibleMyelomaScreening()
        // across different lines is enough
        d.priorLines = [PriorLine(drugClasses: [.proteasomeInhibitor]), PriorLine(drugClasses: [.immunomodulatoryDrug]),
                        PriorLine(drugClasses: [.other])]
        #expect(criterionStatus("priorDrugClasses", d) == .met)
        // no IMiD
        d.priorLines = [PriorLine(drugClasses: [.proteasomeInhibitor]), PriorLine(drugClasses: [.antiCD38Antibody]),
                        PriorLine(drugClasses: [.other])]
        #expect(criterionStatus("priorDrugClasses", d) == .notMet)
        let reason = EligibilityScreening.screen(d, against: ProductCatalogue.fucaso).criteria
            .first { $0.key == "priorDrugClasses" }?.reason ?? ""
        #expect(reason.contains("immunomodulatory"))
        // no PI
        d.priorLines = [PriorLine(drugClasses: [.immunomodulatoryDrug]), PriorLine(drugClasses: [.antiCD38Antibody]),
                        PriorLine(drugClasses: [.other])]
        #expect(criterionStatus("priorDrugClasses", d) == .notMet)
    }

    @Test func lastLineOutcome() {
        var d = eligibleMyelomaScreening()
        for (outcome, expected) in [(LastLineOutcome.progressiveDisease, CriterionStatus.met),
                                    (.stableDisease, .notMet), (.response, .notMet)] {
            d.lastLineOutcome = outcome
            #expect(criterionStatus("lastLineOutcome", d) == expected, "\(outcome)")
        }
        d.lastLineOutcome = nil
        #expect(criterionStatus("lastLineOutcome", d) == .unknown)
    }

    @Test("ECOG 0–2: 2 yes, 3 no")
    func ecog() {
        // setup inline; MUT and validate: each #expect below calls the code under test
        var d = eligibleMyelomaScreening()
        for (e, expected) in [(0, CriterionStatus.met), (2, .met), (3, .notMet)] {
            d.ecog = e
            #expect(criterionStatus("ecog", d) == expected, "ECOG \(e)")
        }
        d.ecog = nil
        #expect(criterionStatus("ecog", d) == .unknown)
    }

    /// Each FUCASO laboratory limit, met exactly at the limit and not met just past it
    /// (limits from ProductCatalogue.fucaso: ANC ≥ 1000, PLT ≥ 50 000, Hb ≥ 8, CrCl ≥ 40,
    /// ALT ≤ 2.5 × ULN, bilirubin ≤ 1.5 × ULN, LVEF ≥ 45, SpO₂ ≥ 92).
    @Test(arguments: [
        (ScreeningAnalyte.absoluteNeutrophilCount, 1000.0, 999.0),
        (.platelets, 50_000, 49_999),
        (.hemoglobin, 8, 7.9),
        (.creatinineClearance, 40, 39),
        (.alanineAminotransferaseULN, 2.5, 2.6),
        (.totalBilirubinULN, 1.5, 1.6),
        (.leftVentricularEjectionFraction, 45, 44),
        (.oxygenSaturation, 92, 91),
    ])
    func laboratoryBoundaries(analyte: ScreeningAnalyte, atLimit: Double, pastLimit: Double) {
        // setup
        var d = eligibleMyelomaScreening()
        let key = "lab.\(analyte.rawValue)"
        // MUT / validate
        d.labs[analyte] = atLimit
        #expect(criterionStatus(key, d) == .met)
        #expect(EligibilityScreening.screen(d, against: ProductCatalogue.fucaso).overall == .eligible)
        d.labs[analyte] = pastLimit
        #expect(criterionStatus(key, d) == .notMet)
        #expect(EligibilityScreening.screen(d, against: ProductCatalogue.fucaso).overall == .notEligible)
        d.labs[analyte] = nil
        #expect(criterionStatus(key, d) == .unknown)
        #expect(EligibilityScreening.screen(d, against: ProductCatalogue.fucaso).overall == .incomplete)
    }

    @Test func activeInfection() {
        var d = eligibleMyelomaScreening()
        d.activeInfection = true
        #expect(criterionStatus("activeInfection", d) == .notMet)
        d.activeInfection = nil
        #expect(criterionStatus("activeInfection", d) == .unknown)
    }

    @Test("Extramedullary disease: allowed for FUCASO, refused by a profile that excludes it")
    func extramedullaryDisease() {
        // setup inline; MUT and validate: each #expect below calls the code under test
        // setup
        var d = eligibleMyelomaScreening()
        var strict = ProductCatalogue.fucaso
        strict.eligibility = [.extramedullaryDisease(allowed: false)]
        // validate
        d.extramedullaryDisease = true
        #expect(criterionStatus("extramedullaryDisease", d) == .met)
        #expect(criterionStatus("extramedullaryDisease", d, strict) == .notMet)
        d.extramedullaryDisease = false
        #expect(criterionStatus("extramedullaryDisease", d, strict) == .met)
        d.extramedullaryDisease = nil
        #expect(criterionStatus("extramedullaryDisease", d) == .unknown)
        #expect(criterionStatus("extramedullaryDisease", d, strict) == .unknown)
    }

    @Test("Prior BCMA therapy: allowed for FUCASO; each BCMA-directed class refused when excluded")
    func priorBCMATherapy() {
        // setup inline; MUT and validate: each #expect below calls the code under test
        // setup
        var strict = ProductCatalogue.fucaso
        strict.eligibility = [.priorBCMATherapy(allowed: false)]
        for bcma in [DrugClass.bcmaCART, .bcmaBispecific, .bcmaAntibodyDrugConjugate] {
            var d = eligibleMyelomaScreening()
            d.priorLines!.append(PriorLine(drugClasses: [bcma]))
            // validate
            #expect(criterionStatus("priorBCMATherapy", d) == .met, "\(bcma)")
            #expect(criterionStatus("priorBCMATherapy", d, strict) == .notMet, "\(bcma)")
        }
        // anti-CD38 is not BCMA-directed
        #expect(criterionStatus("priorBCMATherapy", eligibleMyelomaScreening(), strict) == .met)
    }

    @Test("Overall: notMet wins over unknown; unknown alone is incomplete; empty data is incomplete")
    func overallVerdict() {
        // setup
        var oneUnknown = eligibleMyelomaScreening()
        oneUnknown.ecog = nil
        var notMetAndUnknown = oneUnknown
        notMetAndUnknown.ageYears = 80
        // MUT
        let a = EligibilityScreening.screen(oneUnknown, against: ProductCatalogue.fucaso)
        let b = EligibilityScreening.screen(notMetAndUnknown, against: ProductCatalogue.fucaso)
        let c = EligibilityScreening.screen(ScreeningData(), against: ProductCatalogue.fucaso)
        // validate
        #expect(a.overall == .incomplete)
        #expect(b.overall == .notEligible)
        #expect(c.overall == .incomplete)
        #expect(c.criteria.count == 17)
        #expect(c.criteria.allSatisfy { $0.status == .unknown && !$0.reason.isEmpty })
    }

    @Test("The B-ALL profile rejects a myeloma patient and accepts a B-ALL patient")
    func secondProfile() {
        // setup
        let ball = ProductCatalogue.dualCD19CD22
        let leukaemia = ScreeningData(ageYears: 30, diagnosis: .bCellAcuteLymphoblasticLeukemia,
                                      priorLines: [PriorLine(drugClasses: [.other]), PriorLine(drugClasses: [.cd19Directed])],
                                      lastLineOutcome: .stableDisease, ecog: 1,
                                      labs: [.marrowBlastPercent: 5, .creatinineClearance: 60, .leftVentricularEjectionFraction: 50],
                                      activeInfection: false)
        // MUT
        let myeloma = EligibilityScreening.screen(eligibleMyelomaScreening(), against: ball)
        let ok = EligibilityScreening.screen(leukaemia, against: ball)
        // validate
        #expect(myeloma.overall == .notEligible)
        #expect(myeloma.criteria.first { $0.key == "diagnosis" }?.status == .notMet)
        #expect(ok.overall == .eligible)
        #expect(ok.criteria.count == 9)
        // B-ALL limits differ from FUCASO's: age ≤ 70, ECOG ≤ 1, blasts ≥ 5 %
        var older = leukaemia; older.ageYears = 71
        #expect(criterionStatus("age", older, ball) == .notMet)
        var ecog2 = leukaemia; ecog2.ecog = 2
        #expect(criterionStatus("ecog", ecog2, ball) == .notMet)
        var blasts = leukaemia; blasts.labs[.marrowBlastPercent] = 4.9
        #expect(criterionStatus("lab.marrowBlastPercent", blasts, ball) == .notMet)
    }

    @Test("validate() names every impossible field at once")
    func validation() {
        // setup
        var d = eligibleMyelomaScreening()
        d.ageYears = 121
        d.ecog = 6
        d.labs[.platelets] = -1
        d.labs[.hemoglobin] = .nan
        d.priorLines![1] = PriorLine(drugClasses: [])
        // MUT
        let fields = failingFields { try d.validate() }
        // validate
        #expect(Set(fields ?? []) == ["ageYears", "ecog", "labs.platelets", "labs.hemoglobin", "priorLines[1].drugClasses"])
        #expect(failingFields { try eligibleMyelomaScreening().validate() } == nil)
        var edges = eligibleMyelomaScreening()
        edges.ageYears = 120; edges.ecog = 5; edges.labs[.oxygenSaturation] = 100
        #expect(failingFields { try edges.validate() } == nil)
    }
}
