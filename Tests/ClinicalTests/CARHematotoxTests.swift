import Testing
@testable import Clinical

/// Bands from Rejeski K et al., Blood 2021;138:2499 (CAR-HEMATOTOX score): platelets >175k 0,
/// 75-175k 1, <75k 2; ANC >=1200 0 else 1; Hb >=9.0 0 else 1; CRP <3.0 0 else 1; ferritin <650 0,
/// 650-2000 1, >2000 2; low 0-1, high >=2. Inclusive ends as documented in `CARHematotox`.
@Suite struct CARHematotoxTests {
    /// A patient scoring 0 on every marker, varied one marker at a time.
    private func labs(platelets: Double = 250_000, anc: Double = 3_000, hb: Double = 12,
                      crp: Double = 0.5, ferritin: Double = 300) -> CARHematotoxInput {
        CARHematotoxInput(plateletsPerMicroliter: platelets, ancPerMicroliter: anc, hemoglobinGramsPerDeciliter: hb,
                          crpMilligramsPerDeciliter: crp, ferritinNanogramsPerMilliliter: ferritin)
    }
    private func score(_ x: CARHematotoxInput) throws -> Int { try CARHematotox.score(x).score }

    @Test func plateletBoundaries() throws {
        // setup / MUT / validate: 175,001 → 0; 175,000 → 1; 75,000 → 1; 74,999 → 2.
        #expect(try score(labs(platelets: 175_001)) == 0)
        #expect(try score(labs(platelets: 175_000)) == 1)
        #expect(try score(labs(platelets: 75_000)) == 1)
        #expect(try score(labs(platelets: 74_999)) == 2)
    }

    @Test func ancHemoglobinCrpBoundaries() throws {
        // setup / MUT / validate
        #expect(try score(labs(anc: 1_200)) == 0)
        #expect(try score(labs(anc: 1_199)) == 1)
        #expect(try score(labs(hb: 9.0)) == 0)
        #expect(try score(labs(hb: 8.9)) == 1)
        #expect(try score(labs(crp: 2.9)) == 0)
        #expect(try score(labs(crp: 3.0)) == 1)
    }

    @Test func ferritinBoundaries() throws {
        // setup / MUT / validate: 649 → 0; 650 → 1; 2000 → 1; 2001 → 2.
        #expect(try score(labs(ferritin: 649)) == 0)
        #expect(try score(labs(ferritin: 650)) == 1)
        #expect(try score(labs(ferritin: 2_000)) == 1)
        #expect(try score(labs(ferritin: 2_001)) == 2)
    }

    @Test func riskCutBetweenOneAndTwo() throws {
        // setup: one point (CRP) → low; two points (CRP + ANC) → high; worst case 2+1+1+1+2 = 7.
        let one = labs(crp: 4)
        let two = labs(anc: 800, crp: 4)
        let worst = labs(platelets: 20_000, anc: 100, hb: 7, crp: 10, ferritin: 5_000)
        // MUT
        let r1 = try CARHematotox.score(one), r2 = try CARHematotox.score(two), r7 = try CARHematotox.score(worst)
        // validate
        #expect(r1.score == 1 && r1.risk == .low)
        #expect(r2.score == 2 && r2.risk == .high)
        #expect(r7.score == 7 && r7.risk == .high)
        #expect(r7.reasons.count == 5)
    }

    @Test func outOfDomainIsRejectedNamingField() {
        // setup / MUT / validate
        #expect(throws: ClinicalInputError.self) { try CARHematotox.score(labs(hb: -1)) }
        do { _ = try CARHematotox.score(labs(hb: -1)) } catch let e as ClinicalInputError {
            #expect(e.field == "hemoglobinGramsPerDeciliter")
        } catch { Issue.record("unexpected \(error)") }
    }
}
