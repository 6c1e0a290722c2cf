import Testing
@testable import Charts

@Suite("Code 128 encoder")
struct Code128EncoderTests {
    @Test("PJJ123C in code set B: Wikipedia's sum plus one for Start B")
    func pjj123c() throws {
        // setup — Wikipedia (code set A) sums to 878 with Start A = 103; the same data values
        // hold in code set B, whose start value 104 is one more: 879 mod 103 = 55.
        // MUT
        let symbol = try Code128Encoder.encode("PJJ123C")
        // validate
        #expect(symbol.symbolValues == [104, 48, 42, 42, 17, 18, 19, 35, 55])
        #expect(symbol.moduleCount == 9 * 11 + 13)
        #expect(symbol.moduleWidths.reduce(0, +) == symbol.moduleCount)
        #expect(symbol.moduleWidths.count == 9 * 6 + 7)
    }

    @Test("an ISBT 128 DIN switches to code set C for its 14 trailing digits")
    func dinUsesCodeSetC() throws {
        // setup — "=X99992600000100": Start B, '=' 29, 'X' 56, Code C 99, then pairs
        // 99 99 26 00 00 01 00. Check: 104 + 29·1 + 56·2 + 99·3 + 99·4 + 99·5 + 26·6 + 0·7
        // + 0·8 + 1·9 + 0·10 = 1598; 1598 − 15·103 = 53.
        // MUT
        let symbol = try Code128Encoder.encode("=X99992600000100")
        // validate
        #expect(symbol.symbolValues == [104, 29, 56, 99, 99, 99, 26, 0, 0, 1, 0, 53])
    }

    @Test("code set C choices at start, end and middle of the text")
    func codeSetChoices() throws {
        // setup / MUT / validate
        // "1234": even digits only → Start C; check (105 + 12·1 + 34·2) = 185 → 82.
        #expect(try Code128Encoder.encode("1234").symbolValues == [105, 12, 34, 82])
        // "A12345": odd run of 5 ending the text → '1' in B, then C: 104 + 33 + 17·2 + 99·3
        // + 23·4 + 45·5 = 785 → 785 − 7·103 = 64.
        #expect(try Code128Encoder.encode("A12345").symbolValues == [104, 33, 17, 99, 23, 45, 64])
        // A 4-digit run in the middle stays in B (switching in and out would not save).
        #expect(try Code128Encoder.encode("A1234B").symbolValues.dropFirst().dropLast() == [33, 17, 18, 19, 20, 34])
        // A 6-digit run in the middle switches to C and back to B.
        #expect(try Code128Encoder.encode("A123456B").symbolValues.dropFirst().dropLast() == [33, 99, 12, 34, 56, 100, 34])
        // Two digits alone: Start C, one symbol.
        #expect(try Code128Encoder.encode("42").symbolValues.count == 3)
    }

    @Test("code set C makes the DIN shorter than pure code set B would")
    func shorter() throws {
        // setup — pure B would need 16 data symbols; B + C needs 3 + 7 = 10.
        // MUT
        let symbol = try Code128Encoder.encode("=X99992600000100")
        // validate
        #expect(symbol.symbolValues.count - 2 == 10)
    }

    @Test("unsupported text is rejected", arguments: [
        ("", Code128EncodingError.emptyText),
        ("AB\nC", Code128EncodingError.unsupportedCharacter("\n", position: 3)),
        ("Zoë", Code128EncodingError.unsupportedCharacter("ë", position: 3)),
    ])
    func rejects(text: String, expected: Code128EncodingError) {
        // setup / MUT / validate
        #expect(throws: expected) { try Code128Encoder.encode(text) }
    }
}
