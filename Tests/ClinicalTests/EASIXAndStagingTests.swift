import Testing
@testable import Clinical

@Suite struct EASIXTests {
    @Test func easixAndModifiedByHand() throws {
        // setup: LDH 250 U/L, creatinine 1.2 mg/dL, CRP 4 mg/dL, platelets 150 × 10⁹/L.
        // EASIX = 250 × 1.2 / 150 = 2.0; m-EASIX = 250 × 4 / 150 = 6.666…; log2(2.0) = 1.
        // MUT
        let easix = try #require(EASIX.value(ldhUnitsPerLiter: 250, creatinineMilligramsPerDeciliter: 1.2, plateletsGigaPerLiter: 150))
        let modified = try #require(EASIX.modifiedValue(ldhUnitsPerLiter: 250, crpMilligramsPerDeciliter: 4, plateletsGigaPerLiter: 150))
        // validate
        #expect(abs(easix - 2.0) < 1e-12)
        #expect(abs(modified - 20.0 / 3.0) < 1e-12)
        #expect(abs(EASIX.log2Value(easix)! - 1.0) < 1e-12)
        #expect(EASIX.isHighRisk(easix, cutoff: 2.0))
        #expect(!EASIX.isHighRisk(1.99, cutoff: 2.0))
    }

    @Test func undefinedDomains() {
        // setup / MUT / validate: zero platelets and negative values have no index; log2(0) is undefined.
        #expect(EASIX.value(ldhUnitsPerLiter: 250, creatinineMilligramsPerDeciliter: 1, plateletsGigaPerLiter: 0) == nil)
        #expect(EASIX.value(ldhUnitsPerLiter: -1, creatinineMilligramsPerDeciliter: 1, plateletsGigaPerLiter: 100) == nil)
        #expect(EASIX.log2Value(0) == nil)
    }
}

/// ISS (Greipp 2005), R-ISS (Palumbo 2015), R2-ISS (D'Agostino 2022) definitions.
@Suite struct MyelomaStagingTests {
    private func input(b2m: Double, alb: Double, ldh: Double = 200, del17p: Bool = false, t4_14: Bool = false,
                       t14_16: Bool = false, gain1q: Bool? = false) -> MyelomaStagingInput {
        MyelomaStagingInput(beta2MicroglobulinMilligramsPerLiter: b2m, albuminGramsPerDeciliter: alb,
                            ldhUnitsPerLiter: ldh, ldhUpperLimitOfNormal: 250,
                            del17p: del17p, t4_14: t4_14, t14_16: t14_16, gain1q: gain1q)
    }

    @Test func issBoundaries() {
        // setup / MUT / validate: I needs beta2M < 3.5 and albumin >= 3.5; III is beta2M >= 5.5.
        #expect(MyelomaStaging.iss(input(b2m: 3.4, alb: 3.5)).stage == 1)
        #expect(MyelomaStaging.iss(input(b2m: 3.5, alb: 4.0)).stage == 2)
        #expect(MyelomaStaging.iss(input(b2m: 3.0, alb: 3.4)).stage == 2)
        #expect(MyelomaStaging.iss(input(b2m: 5.4, alb: 3.0)).stage == 2)
        #expect(MyelomaStaging.iss(input(b2m: 5.5, alb: 4.5)).stage == 3)
    }

    @Test func rissCombinations() {
        // setup / MUT / validate
        #expect(MyelomaStaging.riss(input(b2m: 2, alb: 4)).stage == 1)
        #expect(MyelomaStaging.riss(input(b2m: 2, alb: 4, t14_16: true)).stage == 2)  // ISS I + high-risk FISH
        #expect(MyelomaStaging.riss(input(b2m: 2, alb: 4, ldh: 251)).stage == 2)      // ISS I + LDH > ULN
        #expect(MyelomaStaging.riss(input(b2m: 2, alb: 4, ldh: 250)).stage == 1)      // LDH = ULN is normal
        #expect(MyelomaStaging.riss(input(b2m: 6, alb: 3)).stage == 2)                // ISS III, standard risk, normal LDH
        #expect(MyelomaStaging.riss(input(b2m: 6, alb: 3, del17p: true)).stage == 3)
        #expect(MyelomaStaging.riss(input(b2m: 6, alb: 3, ldh: 400)).stage == 3)
    }

    @Test func r2issPointsAndGroups() throws {
        // setup: hand sums. ISS I, nothing else: 0 → I. ISS I + 1q: 0.5 → II. ISS II: 1 → II.
        // ISS III + 1q: 2 → III. ISS III + del17p: 2.5 → III. ISS III + del17p + LDH: 3.5 → IV.
        // Everything: 1.5 + 1 + 1 + 1 + 0.5 = 5 → IV.
        let cases: [(MyelomaStagingInput, Double, Int)] = [
            (input(b2m: 2, alb: 4), 0, 1),
            (input(b2m: 2, alb: 4, gain1q: true), 0.5, 2),
            (input(b2m: 4, alb: 4), 1, 2),
            (input(b2m: 4, alb: 4, gain1q: true), 1.5, 3),
            (input(b2m: 6, alb: 3, gain1q: true), 2, 3),
            (input(b2m: 6, alb: 3, del17p: true), 2.5, 3),
            (input(b2m: 4, alb: 4, del17p: true, t4_14: true), 3, 4),
            (input(b2m: 6, alb: 3, ldh: 300, del17p: true, t4_14: true, gain1q: true), 5, 4),
        ]
        for (x, points, group) in cases {
            // MUT
            let stage = try #require(MyelomaStaging.r2iss(x))
            // validate
            #expect(stage.points == points && stage.stage == group, "\(x)")
        }
        #expect(MyelomaStaging.r2iss(input(b2m: 2, alb: 4, gain1q: nil)) == nil)
    }
}
