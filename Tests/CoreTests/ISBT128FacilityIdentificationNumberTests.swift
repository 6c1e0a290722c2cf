import Foundation
import Testing
@testable import CartographCore

@Suite("ISBT 128 facility identification number")
struct ISBT128FacilityIdentificationNumberTests {
    @Test("the shipped placeholder X9999 is syntactically valid and flagged as a placeholder")
    func placeholder() throws {
        // setup / MUT
        let parsed = try ISBT128.FacilityIdentificationNumber("X9999")
        let configured = try ISBT128.FacilityIdentificationNumber("G1234")
        // validate
        #expect(parsed == .placeholder)
        #expect(parsed.isPlaceholder)
        #expect(!configured.isPlaceholder)
    }

    @Test("malformed facility codes are rejected", arguments: [
        ("X999", ISBT128.InputProblem.wrongLength(what: "a facility identification number (αpppp)", expected: 5, actual: 4)),
        ("O9999", ISBT128.InputProblem.letterO(position: 1, facilityStart: true)),
        ("09999", ISBT128.InputProblem.zeroAtFacilityStart(position: 1)),
        ("X9O99", ISBT128.InputProblem.letterO(position: 3, facilityStart: false)),
        ("X99A9", ISBT128.InputProblem.digitExpected(
            position: 4, field: "last two characters of the facility code", character: "A")),
        ("x9999", ISBT128.InputProblem.lowercaseLetter(position: 1, character: "x")),
    ])
    func rejects(code: String, expected: ISBT128.InputProblem) {
        // setup / MUT / validate
        #expect(throws: expected) { try ISBT128.FacilityIdentificationNumber(code) }
    }

    @Test("Codable validates on decode")
    func codable() throws {
        // setup
        let json = Data(#"{"facility":"X9999"}"#.utf8)
        struct Settings: Codable { var facility: ISBT128.FacilityIdentificationNumber }
        // MUT
        let settings = try JSONDecoder().decode(Settings.self, from: json)
        // validate
        #expect(settings.facility == .placeholder)
        #expect(throws: (any Error).self) {
            try JSONDecoder().decode(Settings.self, from: Data(#"{"facility":"O9999"}"#.utf8))
        }
    }

    @Test("error messages name the problem in words")
    func messages() {
        // setup / MUT
        let startO = ISBT128.InputProblem.letterO(position: 1, facilityStart: true).description
        let length = ISBT128.InputProblem.wrongLength(what: "a DIN", expected: 13, actual: 12).description
        let space = ISBT128.InputProblem.characterOutsideAlphabet(position: 6, character: " ").description
        // validate
        #expect(startO.contains("letter O") && startO.contains("position 1"))
        #expect(length.contains("wrong length") && length.contains("13") && length.contains("12"))
        #expect(space == "a space at position 6 is outside 0–9 and A–Z")
    }
}
