import Testing
@testable import CartographCore

/// Check characters used below were computed with an independent Python implementation of ISO/IEC
/// 7064 MOD 37-2 (find c in 0…36 with Σ aᵢ·2^(i−1) + c ≡ 1 mod 37, values 0–9, A–Z = 10–35, * = 36):
/// X999926000001 → 33 'X' (type 3 flags 93); X999926000002 → 31 'V' (flags 91);
/// CHX999926000001 → 24 'O'; CHX999926000002 → 22 'M'.
@Suite("Bedside verification")
struct BedsideVerificationTests {
    typealias F = CustodyFixture

    static func input(bagCOI: String = "CHX999926000001", bagDIN: String = "X999926000001",
                      wristband: String = "CHX999926000001") -> BedsideVerificationInput {
        BedsideVerificationInput(bagChainOfIdentity: bagCOI, bagDIN: bagDIN, wristbandChainOfIdentity: wristband,
                                 expectedChainOfIdentity: F.coi, expectedDIN: F.din)
    }

    static func reasons(_ o: BedsideVerificationOutcome) -> [BedsideVerificationField: String] {
        if case .mismatch(let r) = o { return r }
        return [:]
    }

    @Test("typed identifiers that equal the record match")
    func plainMatch() {
        // setup / MUT
        let outcome = BedsideVerification.verify(Self.input())
        // validate
        #expect(outcome == .match)
    }

    @Test("bar code and eye-readable forms match: &/CH…, =DIN with type 3 flags, check characters, grouping")
    func barcodeForms() {
        // setup
        let scanned = Self.input(bagCOI: "&/CHX999926000001", bagDIN: "=X99992600000193", wristband: "CH X9999 26 000001 O\r\n")
        let withK = Self.input(bagCOI: "CHX999926000001O", bagDIN: "X999926000001X", wristband: "&/CHX999926000001O")
        let flagsUnused = Self.input(bagDIN: "=X99992600000100")
        // MUT / validate
        #expect(BedsideVerification.verify(scanned) == .match)
        #expect(BedsideVerification.verify(withK) == .match)
        #expect(BedsideVerification.verify(flagsUnused) == .match)
    }

    @Test("the right bag at the wrong patient's bedside is blocked")
    func wrongPatient() {
        // setup: wristband of another therapy
        let i = Self.input(wristband: "CHX999926000002")
        // MUT
        let r = Self.reasons(BedsideVerification.verify(i))
        // validate
        #expect(r.keys.sorted { $0.rawValue < $1.rawValue } == [.wristbandChainOfIdentity])
        #expect(r[.wristbandChainOfIdentity] == "found CHX999926000002, expected CHX999926000001 (first difference at character 15)")
    }

    @Test("another patient's bag is blocked on both its identifiers")
    func wrongBag() {
        // setup
        let i = Self.input(bagCOI: "&/CHX999926000002", bagDIN: "=X99992600000291")
        // MUT
        let r = Self.reasons(BedsideVerification.verify(i))
        // validate
        #expect(Set(r.keys) == [.bagChainOfIdentity, .bagDIN])
        #expect(r[.bagDIN] == "found X999926000002, expected X999926000001 (first difference at character 13)")
    }

    @Test("lowercase typing matches only when its upper-cased form is exactly the identifier")
    func lowercase() {
        // setup
        let same = Self.input(bagCOI: "chx999926000001", bagDIN: "x999926000001x")
        let differs = Self.input(bagDIN: "x999926000002")
        // MUT / validate
        #expect(BedsideVerification.verify(same) == .match)
        #expect(Self.reasons(BedsideVerification.verify(differs)).keys.contains(.bagDIN))
    }

    @Test("look-alikes are never normalised: letter O for zero, Cyrillic С for C")
    func lookAlikes() {
        // setup: 'O' in the sequence where a digit belongs; Cyrillic capital Es (U+0421) for C
        let letterO = Self.input(bagDIN: "X9999260000O1")
        let cyrillic = Self.input(wristband: "\u{0421}HX999926000001")
        // MUT
        let r1 = Self.reasons(BedsideVerification.verify(letterO))
        let r2 = Self.reasons(BedsideVerification.verify(cyrillic))
        // validate
        #expect(r1[.bagDIN]?.hasPrefix("unreadable:") == true)
        #expect(r2[.wristbandChainOfIdentity]?.hasPrefix("unreadable:") == true)
    }

    @Test("a wrong check character or wrong type 3 flags block even when the data matches")
    func wrongCheck() {
        // setup: K for X999926000001 is 'X', flags 93
        let badK = Self.input(bagDIN: "X999926000001Y")
        let badFlags = Self.input(bagDIN: "=X99992600000191")
        let badCOIK = Self.input(bagCOI: "CHX999926000001M")
        // MUT
        let r1 = Self.reasons(BedsideVerification.verify(badK))
        let r2 = Self.reasons(BedsideVerification.verify(badFlags))
        let r3 = Self.reasons(BedsideVerification.verify(badCOIK))
        // validate
        #expect(r1[.bagDIN] == "check character 'Y' does not fit X999926000001 (expected 'X'); look at the label again")
        #expect(r2[.bagDIN] == "flag characters 91 do not fit X999926000001 (expected 93); scan again")
        #expect(r3[.bagChainOfIdentity] == "check character 'M' does not fit CHX999926000001 (expected 'O'); look at the label again")
    }

    @Test("an empty scan is a mismatch, not a pass")
    func empty() {
        // setup / MUT
        let r = Self.reasons(BedsideVerification.verify(Self.input(wristband: "  \n")))
        // validate
        #expect(r[.wristbandChainOfIdentity] == "nothing was scanned or typed")
    }
}
