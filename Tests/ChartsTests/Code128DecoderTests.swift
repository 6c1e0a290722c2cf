import Testing
@testable import Charts

@Suite("Code 128 decoder")
struct Code128DecoderTests {
    /// Deterministic printable-ASCII strings (linear congruential generator, fixed seed).
    static func pseudoRandomTexts(count: Int) -> [String] {
        var state: UInt64 = 0x2545_F491_4F6C_DD1D
        func next() -> UInt64 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return state >> 33
        }
        return (0..<count).map { _ in
            let length = Int(next() % 24) + 1
            let digitHeavy = next() % 2 == 0
            return String((0..<length).map { _ -> Character in
                if digitHeavy && next() % 3 != 0 { return Character(Unicode.Scalar(UInt8(48 + next() % 10))) }
                return Character(Unicode.Scalar(UInt8(32 + next() % 95)))
            })
        }
    }

    static let isbtTexts = [
        "=X99992600000100", "=G12341765432170", "=G12349865432177", "=A99992112345601",
        "&/CHX999926000001", "&/CHX999926999999", "&/CHG12342600A1B2", "=W00000912345602",
    ]

    @Test("decode(encode(s)) == s for ISBT 128 data structures", arguments: isbtTexts)
    func roundTripISBT(text: String) throws {
        // setup
        let symbol = try Code128Encoder.encode(text)
        // MUT
        let decoded = try Code128Decoder.decode(moduleWidths: symbol.moduleWidths)
        // validate
        #expect(decoded == text)
    }

    @Test("decode(encode(s)) == s for digits, punctuation and mixed text")
    func roundTripMany() throws {
        // setup
        var texts = ["PJJ123C", "HI345678", " ", "~", "a", "0", "00", "000", "Hello, World!", "x-1/2=0.5"]
        texts.append(String((32...126).map { Character(Unicode.Scalar(UInt8($0))) }))
        texts += (1...20).map { String(repeating: "7", count: $0) }
        texts += (1...12).map { "AB" + String(repeating: "9", count: $0) + "cd" }
        texts += Self.pseudoRandomTexts(count: 300)
        // MUT / validate
        for text in texts {
            let symbol = try Code128Encoder.encode(text)
            #expect(try Code128Decoder.decode(moduleWidths: symbol.moduleWidths) == text, "\(text)")
        }
    }

    @Test("reads the published HI345678 symbol (code sets A and C), built from its module strings")
    func publishedSymbol() throws {
        // setup — module strings from the HI345678 walkthrough (Start A, H, I, CODE C, 34, 56,
        // 78, check 67, stop + termination bar); independent of the encoder, which uses B.
        let modules = ["11010000100", "11000101000", "11000100010", "10111011110", "10001011000",
                       "11100010110", "11000010100", "10000101100", "1100011101011"].joined()
        let widths = code128WidthsFromBinary(modules)
        // MUT
        let text = try Code128Decoder.decode(moduleWidths: widths)
        let reversed = try Code128Decoder.decode(moduleWidths: widths.reversed())
        // validate
        #expect(text == "HI345678")
        #expect(reversed == "HI345678")
    }

    @Test("a corrupted bar fails the checksum")
    func corruptedSymbolFailsChecksum() throws {
        // setup — replace data symbol 2 ('X', value 56) by the pattern of value 57 ('Y'):
        // a valid symbol, so only the check catches it (weighted sum changes by 2·1 mod 103).
        let symbol = try Code128Encoder.encode("=X99992600000100")
        var widths = symbol.moduleWidths
        widths.replaceSubrange(12..<18, with: Code128Symbology.patterns[57])
        // MUT / validate
        #expect(throws: Code128DecodingError.checksumMismatch(computed: 55, found: 53)) {
            try Code128Decoder.decode(moduleWidths: widths)
        }
    }

    @Test("every single-symbol substitution in a DIN is caught by the check symbol")
    func allSubstitutionsCaught() throws {
        // setup — weights 1…n < 103 and the prime modulus make every substitution change the sum
        let symbol = try Code128Encoder.encode("=X99992600000100")
        // MUT / validate
        for position in 1..<(symbol.symbolValues.count - 1) {
            for replacement in 0...102 where replacement != symbol.symbolValues[position] {
                var widths = symbol.moduleWidths
                widths.replaceSubrange((position * 6)..<(position * 6 + 6), with: Code128Symbology.patterns[replacement])
                #expect(throws: (any Error).self) { try Code128Decoder.decode(moduleWidths: widths) }
            }
        }
    }

    @Test("a widened bar (pattern no longer valid) is rejected")
    func distortedBar() throws {
        // setup — widen the first bar of data symbol 1 and narrow the following space
        let symbol = try Code128Encoder.encode("PJJ123C")
        var widths = symbol.moduleWidths
        widths[6] += 1
        widths[7] -= 1
        // MUT / validate
        #expect(throws: (any Error).self) { try Code128Decoder.decode(moduleWidths: widths) }
    }

    @Test("structural faults are named")
    func structuralFaults() throws {
        // setup
        let widths = try Code128Encoder.encode("AB").moduleWidths
        // MUT / validate
        #expect(throws: Code128DecodingError.missingStopPattern) {
            try Code128Decoder.decode(moduleWidths: Array(widths.dropLast(7)) + [2, 3, 3, 1, 1, 2, 1])
        }
        #expect(throws: Code128DecodingError.wrongElementCount(widths.count - 1)) {
            try Code128Decoder.decode(moduleWidths: Array(widths.dropFirst()))
        }
        #expect(throws: Code128DecodingError.elementWidthOutOfRange(index: 0, width: 5)) {
            try Code128Decoder.decode(moduleWidths: [5] + Array(widths.dropFirst()))
        }
        #expect(throws: Code128DecodingError.missingStartSymbol) {
            try Code128Decoder.decode(moduleWidths: Code128Symbology.patterns[5] + Array(widths.dropFirst(6)))
        }
    }
}
