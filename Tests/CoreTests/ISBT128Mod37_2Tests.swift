import Testing
@testable import CartographCore

/// ISO/IEC 7064 MOD 37-2 against examples published by ICCBBA and the UK Red Book.
@Suite("ISBT 128 MOD 37-2 check character")
struct ISBT128Mod37_2Tests {
    @Test("ICCBBA ST-001 v6.2.2 Appendix A worked example: G1234 17 654321 → A")
    func iccbbaAppendixAExample() throws {
        // setup — ST-001 Appendix A, "Example of Calculation": weights 2^13 … 2^1,
        // 16·8192 + 1·4096 + 2·2048 + 3·1024 + 4·512 + 1·256 + 7·128 + 6·64 + 5·32 + 4·16
        // + 3·8 + 2·4 + 1·2 = 146178; 146178 mod 37 = 28; 38 − 28 = 10; 10 mod 37 = 10 → "A".
        let din = "G123417654321"
        // MUT
        let value = try ISBT128.Mod37_2.checkValue(for: din)
        let character = try ISBT128.Mod37_2.checkCharacter(for: din)
        // validate
        #expect(value == 10)
        #expect(character == "A")
    }

    @Test("UK Red Book Annex 2 example: G123 498 654 321 → H (checksum 17)")
    func redBookExample() throws {
        // setup — JPAC Red Book Annex 2, Table A2.2: weighted sum 148354, mod 37 = 21,
        // 38 − 21 = 17, 17 mod 37 = 17 → "H"; barcode flag characters 60 + 17 = 77.
        let din = "G123498654321"
        // MUT
        let value = try ISBT128.Mod37_2.checkValue(for: din)
        // validate
        #expect(value == 17)
        #expect(ISBT128.Mod37_2.characters[value] == "H")
    }

    @Test("check characters printed in ST-001 v6.2.2 figures", arguments: [
        ("A999921123456", Character("3")), // Figure 2, Donation Numbering
        ("A999818123456", Character("N")), // §7.5.1.1, "A9998 18 123456 … N"
        ("W000009123456", Character("G")), // §7.4.1, "W0000 09 123456 02 G"
    ])
    func publishedFigures(din: String, expected: Character) throws {
        // setup — the pairs are as printed by ICCBBA
        // MUT
        let character = try ISBT128.Mod37_2.checkCharacter(for: din)
        // validate
        #expect(character == expected)
        #expect(ISBT128.Mod37_2.isValid(din + String(expected)))
    }

    @Test("value 36 is the supplementary character *, worked by hand")
    func supplementaryStar() throws {
        // setup — data "1": the single data character sits at position 2 from the right
        // (the check character is position 1), weight 2^1: S = 1·2 = 2; 38 − 2 = 36 → "*".
        // Data "0": S = 0; 38 mod 37 = 1 → "1".
        // MUT
        let star = try ISBT128.Mod37_2.checkCharacter(for: "1")
        let one = try ISBT128.Mod37_2.checkCharacter(for: "0")
        // validate
        #expect(star == "*")
        #expect(one == "1")
        #expect(ISBT128.Mod37_2.isValid("1*"))
        #expect(!ISBT128.Mod37_2.isValid("*1"))
    }

    @Test("character values follow ST-001 Table 35 at the edges")
    func characterValues() {
        // setup / MUT / validate — Table 35: 0→0, 9→9, A→10, Z→35, *→36; no lowercase
        #expect(ISBT128.Mod37_2.value(of: "0") == 0)
        #expect(ISBT128.Mod37_2.value(of: "9") == 9)
        #expect(ISBT128.Mod37_2.value(of: "A") == 10)
        #expect(ISBT128.Mod37_2.value(of: "O") == 24)
        #expect(ISBT128.Mod37_2.value(of: "Z") == 35)
        #expect(ISBT128.Mod37_2.value(of: "*") == 36)
        #expect(ISBT128.Mod37_2.value(of: "a") == nil)
        #expect(ISBT128.Mod37_2.value(of: "-") == nil)
        #expect(ISBT128.Mod37_2.value(of: "Ä") == nil)
    }

    @Test("every single substitution and adjacent transposition is detected")
    func errorDetection() throws {
        // setup — theory: a change of one character alters the weighted sum by (a − b)·2^k,
        // never 0 mod the prime 37; so the protected string must stop being valid.
        let protected = Array("G123417654321A")
        let alphabet = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ")
        // MUT / validate
        for position in 0..<13 {
            for replacement in alphabet where replacement != protected[position] {
                var typo = protected
                typo[position] = replacement
                #expect(!ISBT128.Mod37_2.isValid(String(typo)), "substitution at \(position) by \(replacement)")
            }
        }
        for position in 0..<13 where protected[position] != protected[position + 1] {
            var typo = protected
            typo.swapAt(position, position + 1)
            #expect(!ISBT128.Mod37_2.isValid(String(typo)), "transposition at \(position)")
        }
    }

    @Test("data outside 0–9 A–Z is rejected with its position")
    func rejectsBadData() {
        // setup / MUT / validate
        #expect(throws: ISBT128.InputProblem.lowercaseLetter(position: 2, character: "b")) {
            try ISBT128.Mod37_2.checkValue(for: "AbC")
        }
        #expect(throws: ISBT128.InputProblem.characterOutsideAlphabet(position: 3, character: "*")) {
            try ISBT128.Mod37_2.checkValue(for: "AB*")
        }
        #expect(!ISBT128.Mod37_2.isValid("A"))
        #expect(!ISBT128.Mod37_2.isValid("G123417654321a"))
    }
}
