import Foundation
import Testing
@testable import CartographCore

@Suite("ISBT 128 donation identification number")
struct ISBT128DonationIdentificationNumberTests {
    @Test("parses the Appendix A DIN and presents it as ICCBBA prints it")
    func parsesAndPresents() throws {
        // setup — ST-001 Appendix A: "G1234 17 654321", K = A; A.2: data content with
        // Type 3 flags "G12341765432170".
        // MUT
        let din = try ISBT128.DonationIdentificationNumber(parsing: "G123417654321")
        // validate
        #expect(din.facility.code == "G1234")
        #expect(din.nominalYear == 17)
        #expect(din.sequenceNumber == 654_321)
        #expect(din.eyeReadable == "G1234 17 654321")
        #expect(din.checkCharacter == "A")
        #expect(din.type3FlagCharacters == "70")
        #expect(din.barcodeData(flags: din.type3FlagCharacters) == "=G12341765432170")
        #expect(din.barcodeData() == "=G12341765432100")
    }

    @Test("Red Book example gives Type 3 flags 77")
    func redBookFlags() throws {
        // setup — Red Book Annex 2: checksum 17, bar code check characters 60 + 17 = 77
        // MUT
        let din = try ISBT128.DonationIdentificationNumber(parsing: "G123498654321")
        // validate
        #expect(din.type3FlagCharacters == "77")
        #expect(din.checkCharacter == "H")
    }

    @Test("builds from parts, keeping the last two digits of the year")
    func buildsFromParts() throws {
        // setup
        let facility = ISBT128.FacilityIdentificationNumber.placeholder
        // MUT
        let fromFullYear = try ISBT128.DonationIdentificationNumber(facility: facility, year: 2026, sequenceNumber: 1)
        let fromShortYear = try ISBT128.DonationIdentificationNumber(facility: facility, year: 26, sequenceNumber: 1)
        let first = try ISBT128.DonationIdentificationNumber(facility: facility, year: 2000, sequenceNumber: 0)
        let last = try ISBT128.DonationIdentificationNumber(facility: facility, year: 2099, sequenceNumber: 999_999)
        // validate
        #expect(fromFullYear.characters == "X999926000001")
        #expect(fromFullYear == fromShortYear)
        #expect(first.characters == "X999900000000")
        #expect(last.characters == "X999999999999")
        #expect(throws: ISBT128.InputProblem.sequenceOutOfRange(1_000_000)) {
            try ISBT128.DonationIdentificationNumber(facility: facility, year: 2026, sequenceNumber: 1_000_000)
        }
        #expect(throws: ISBT128.InputProblem.sequenceOutOfRange(-1)) {
            try ISBT128.DonationIdentificationNumber(facility: facility, year: 2026, sequenceNumber: -1)
        }
        #expect(throws: ISBT128.InputProblem.yearOutOfRange(-1)) {
            try ISBT128.DonationIdentificationNumber(facility: facility, year: -1, sequenceNumber: 1)
        }
    }

    @Test("next() increments and stops at 999999")
    func nextSequence() throws {
        // setup
        let facility = ISBT128.FacilityIdentificationNumber.placeholder
        let penultimate = try ISBT128.DonationIdentificationNumber(facility: facility, year: 26, sequenceNumber: 999_998)
        // MUT
        let last = try penultimate.next()
        // validate
        #expect(last.characters == "X999926999999")
        #expect(throws: ISBT128.InputProblem.sequenceExhausted(facility: "X9999", year: 26)) { try last.next() }
    }

    @Test("first character: A–N, P–Z and 1–9 are accepted on both sides of O and 0",
          arguments: ["A", "N", "P", "Z", "1", "9"])
    func acceptedFirstCharacters(first: String) throws {
        // setup / MUT
        let din = try ISBT128.DonationIdentificationNumber(parsing: first + "999926000001")
        // validate
        #expect(din.facility.code == first + "9999")
    }

    @Test("malformed DINs name the problem", arguments: [
        ("X99992600000", ISBT128.InputProblem.wrongLength(
            what: "a donation identification number (αppppyynnnnnn)", expected: 13, actual: 12)),
        ("X9999260000011", ISBT128.InputProblem.wrongLength(
            what: "a donation identification number (αppppyynnnnnn)", expected: 13, actual: 14)),
        ("O999926000001", ISBT128.InputProblem.letterO(position: 1, facilityStart: true)),
        ("0999926000001", ISBT128.InputProblem.zeroAtFacilityStart(position: 1)),
        ("AO99926000001", ISBT128.InputProblem.letterO(position: 2, facilityStart: false)),
        ("x999926000001", ISBT128.InputProblem.lowercaseLetter(position: 1, character: "x")),
        ("X9999 2600000", ISBT128.InputProblem.characterOutsideAlphabet(position: 6, character: " ")),
        ("X9999-26-0001", ISBT128.InputProblem.characterOutsideAlphabet(position: 6, character: "-")),
        ("É999926000001", ISBT128.InputProblem.characterOutsideAlphabet(position: 1, character: "É")),
        ("X99A926000001", ISBT128.InputProblem.digitExpected(
            position: 4, field: "last two characters of the facility code", character: "A")),
        ("X99992A000001", ISBT128.InputProblem.digitExpected(position: 7, field: "year (positions 6–7)", character: "A")),
        ("X99992600000Z", ISBT128.InputProblem.digitExpected(position: 13, field: "sequence number (positions 8–13)", character: "Z")),
    ])
    func rejectsMalformed(text: String, expected: ISBT128.InputProblem) {
        // setup / MUT / validate
        #expect(throws: expected) { try ISBT128.DonationIdentificationNumber(parsing: text) }
    }

    @Test("facility letters in positions 2–3 are accepted (ST-001: may be introduced in future)")
    func futureAlphaFacility() throws {
        // setup — ST-001 §2.4.1 example "if α = A and pppp = BC12, the αpppp will be ABC12"
        // MUT
        let din = try ISBT128.DonationIdentificationNumber(parsing: "ABC1226000001")
        // validate
        #expect(din.facility.code == "ABC12")
    }

    @Test("verify(withCheckCharacter:) matches, mismatches, and rejects malformed input")
    func verifyTyped() throws {
        // setup — Appendix A: G123417654321 has K = A
        // MUT / validate
        #expect(try ISBT128.DonationIdentificationNumber.verify(withCheckCharacter: "G123417654321A"))
        #expect(try !ISBT128.DonationIdentificationNumber.verify(withCheckCharacter: "G123417654321B"))
        #expect(try !ISBT128.DonationIdentificationNumber.verify(withCheckCharacter: "G123417654321*"))
        #expect(throws: ISBT128.InputProblem.lowercaseLetter(position: 14, character: "a")) {
            try ISBT128.DonationIdentificationNumber.verify(withCheckCharacter: "G123417654321a")
        }
        #expect(throws: ISBT128.InputProblem.characterOutsideAlphabet(position: 14, character: "#")) {
            try ISBT128.DonationIdentificationNumber.verify(withCheckCharacter: "G123417654321#")
        }
        #expect(throws: (any Error).self) {
            try ISBT128.DonationIdentificationNumber.verify(withCheckCharacter: "G123417654321")
        }
    }

    @Test("Codable as its 13 characters, validating on decode")
    func codable() throws {
        // setup
        let din = try ISBT128.DonationIdentificationNumber(parsing: "G123417654321")
        // MUT
        let json = try JSONEncoder().encode([din])
        let decoded = try JSONDecoder().decode([ISBT128.DonationIdentificationNumber].self, from: json)
        // validate
        #expect(String(decoding: json, as: UTF8.self) == #"["G123417654321"]"#)
        #expect(decoded == [din])
        #expect(throws: (any Error).self) {
            try JSONDecoder().decode([ISBT128.DonationIdentificationNumber].self, from: Data(#"["O123417654321"]"#.utf8))
        }
    }
}
