import Foundation
import Testing
@testable import CartographCore

@Suite("ISBT 128 chain of identity identifier")
struct ISBT128ChainOfIdentityIdentifierTests {
    let facility = ISBT128.FacilityIdentificationNumber.placeholder

    @Test("formats CH + facility + year + sequence, with the &/ data identifier in bar codes")
    func formats() throws {
        // setup — ST-001 §2.4.40: &/CHαppppyynnnnnn
        // MUT
        let coi = try ISBT128.ChainOfIdentityIdentifier(facility: facility, year: 2026, sequenceNumber: 1)
        // validate
        #expect(coi.characters == "CHX999926000001")
        #expect(coi.barcodeData == "&/CHX999926000001")
        #expect(coi.eyeReadable == "CH X9999 26 000001")
        #expect(coi.sequenceNumber == 1)
    }

    @Test("check character over the 15-character content, computed by hand")
    func checkCharacterByHand() throws {
        // setup — recursive MOD 37-2, p ← 2(p + a) mod 37, values C=12 H=17 X=33:
        //   C: 2·12=24 · H: 2·41=82→8 · X: 2·41=82→8 · 9: 2·17=34 · 9: 2·43=86→12
        //   9: 2·21=42→5 · 9: 2·14=28 · 2: 2·30=60→23 · 6: 2·29=58→21 · 0: 42→5
        //   0: 10 · 0: 20 · 0: 40→3 · 0: 6 · 1: 2·7=14;  K = (38 − 14) mod 37 = 24 → "O".
        // For …000002 the last step is 2·(6+2) = 16, K = 22 → "M".
        let first = try ISBT128.ChainOfIdentityIdentifier(parsing: "CHX999926000001")
        let second = try ISBT128.ChainOfIdentityIdentifier(parsing: "CHX999926000002")
        // MUT / validate
        #expect(first.checkValue == 24)
        #expect(first.checkCharacter == "O")
        #expect(second.checkCharacter == "M")
    }

    @Test("parses with or without &/, and a lettered sequence (ST-001: nnnnnn alphanumeric)")
    func parses() throws {
        // setup / MUT
        let bare = try ISBT128.ChainOfIdentityIdentifier(parsing: "CHX999926000042")
        let prefixed = try ISBT128.ChainOfIdentityIdentifier(parsing: "&/CHX999926000042")
        let lettered = try ISBT128.ChainOfIdentityIdentifier(parsing: "CHG12342600A1B2")
        // validate
        #expect(bare == prefixed)
        #expect(bare.sequenceNumber == 42)
        #expect(lettered.sequence == "00A1B2")
        #expect(lettered.sequenceNumber == nil)
        #expect(throws: ISBT128.InputProblem.sequenceNotNumeric("00A1B2")) { try lettered.next() }
    }

    @Test("malformed identifiers name the problem at the position typed", arguments: [
        ("CHX99992600001", ISBT128.InputProblem.wrongLength(
            what: "a chain-of-identity identifier (CHαppppyynnnnnn)", expected: 15, actual: 14)),
        ("XHX999926000001", ISBT128.InputProblem.missingChainOfIdentityLiteral(found: "XH")),
        ("chX999926000001", ISBT128.InputProblem.lowercaseLetter(position: 1, character: "c")),
        ("CHO999926000001", ISBT128.InputProblem.letterO(position: 3, facilityStart: true)),
        ("&/CHO999926000001", ISBT128.InputProblem.letterO(position: 5, facilityStart: true)),
        ("CHX99992X000001", ISBT128.InputProblem.digitExpected(position: 9, field: "year", character: "X")),
        ("CHX99992600000-", ISBT128.InputProblem.characterOutsideAlphabet(position: 15, character: "-")),
    ])
    func rejects(text: String, expected: ISBT128.InputProblem) {
        // setup / MUT / validate
        #expect(throws: expected) { try ISBT128.ChainOfIdentityIdentifier(parsing: text) }
    }

    @Test("next: first is 000001, then last + 1, exhausted after 999999")
    func nextFromLastSequence() throws {
        // setup / MUT
        let first = try ISBT128.ChainOfIdentityIdentifier.next(facility: facility, year: 2026, lastSequenceNumber: nil)
        let after41 = try ISBT128.ChainOfIdentityIdentifier.next(facility: facility, year: 2026, lastSequenceNumber: 41)
        let last = try ISBT128.ChainOfIdentityIdentifier.next(facility: facility, year: 2026, lastSequenceNumber: 999_998)
        // validate
        #expect(first.characters == "CHX999926000001")
        #expect(after41.characters == "CHX999926000042")
        #expect(last.characters == "CHX999926999999")
        #expect(throws: ISBT128.InputProblem.sequenceExhausted(facility: "X9999", year: 26)) {
            try ISBT128.ChainOfIdentityIdentifier.next(facility: facility, year: 2026, lastSequenceNumber: 999_999)
        }
        #expect(throws: ISBT128.InputProblem.sequenceExhausted(facility: "X9999", year: 26)) { try last.next() }
        #expect(throws: ISBT128.InputProblem.sequenceOutOfRange(-1)) {
            try ISBT128.ChainOfIdentityIdentifier.next(facility: facility, year: 2026, lastSequenceNumber: -1)
        }
    }

    @Test("a run of successive identifiers is unique and strictly increasing")
    func sequentialUniqueness() throws {
        // setup
        var current = try ISBT128.ChainOfIdentityIdentifier.next(facility: facility, year: 2026, lastSequenceNumber: nil)
        var seen: Set<String> = [current.characters]
        // MUT
        for _ in 1..<2_000 {
            let next = try current.next()
            // validate
            #expect(next.characters > current.characters)
            seen.insert(next.characters)
            current = next
        }
        #expect(seen.count == 2_000)
        #expect(current.characters == "CHX999926002000")
    }

    @Test("Codable as its 15 characters")
    func codable() throws {
        // setup
        let coi = try ISBT128.ChainOfIdentityIdentifier(parsing: "CHX999926000001")
        // MUT
        let json = try JSONEncoder().encode([coi])
        // validate
        #expect(String(decoding: json, as: UTF8.self) == #"["CHX999926000001"]"#)
        #expect(try JSONDecoder().decode([ISBT128.ChainOfIdentityIdentifier].self, from: json) == [coi])
    }
}
