import Testing
@testable import Charts

/// Run lengths of a published "1 = bar module, 0 = space module" pattern string.
func code128WidthsFromBinary(_ modules: String) -> [Int] {
    var widths: [Int] = []
    var previous: Character?
    for module in modules {
        if module == previous { widths[widths.count - 1] += 1 } else { widths.append(1) }
        previous = module
    }
    return widths
}

@Suite("Code 128 symbology tables")
struct Code128SymbologyTests {
    @Test("patterns match the published HI345678 walkthrough (barcodeisland / crifan Code 128 notes)")
    func publishedPatterns() {
        // setup — "HI345678" in code set A then C, module strings as published:
        // START-A 11010000100, H 11000101000, I 11000100010, CODE-C 10111011110,
        // "34" 10001011000, "56" 11100010110, "78" 11000010100, check 67 10000101100,
        // STOP 11000111010 followed by the termination bar 11.
        let published: [(value: Int, modules: String)] = [
            (103, "11010000100"), (40, "11000101000"), (41, "11000100010"), (99, "10111011110"),
            (34, "10001011000"), (56, "11100010110"), (78, "11000010100"), (67, "10000101100"),
        ]
        // MUT / validate
        for (value, modules) in published {
            #expect(Code128Symbology.patterns[value] == code128WidthsFromBinary(modules), "value \(value)")
        }
        #expect(Code128Symbology.stopPattern == code128WidthsFromBinary("1100011101011"))
    }

    @Test("106 distinct symbols of 11 modules with even bar sums; with stop and reverse stop they exhaust all 108")
    func structure() {
        // setup — enumerate every 3-bar/3-space pattern of widths 1–4, 11 modules, even bar sum
        var all: Set<[Int]> = []
        for a in 1...4 { for b in 1...4 { for c in 1...4 { for d in 1...4 { for e in 1...4 { for f in 1...4 {
            let widths = [a, b, c, d, e, f]
            if widths.reduce(0, +) == 11 && (a + c + e) % 2 == 0 { all.insert(widths) }
        } } } } } }
        // MUT
        let symbols = Code128Symbology.patterns
        // validate
        #expect(all.count == 108)
        #expect(symbols.count == 106)
        #expect(Set(symbols).count == 106)
        for (value, widths) in symbols.enumerated() {
            #expect(widths.reduce(0, +) == 11, "value \(value)")
            #expect((widths[0] + widths[2] + widths[4]) % 2 == 0, "value \(value)")
        }
        let stop = Array(Code128Symbology.stopPattern.prefix(6))
        let reverseStop = Array(Code128Symbology.stopPattern.reversed().prefix(6))
        #expect(Set(symbols).union([stop, reverseStop]) == all)
    }

    @Test("modulo 103 check values of published examples")
    func checkValues() {
        // setup / MUT / validate
        // Wikipedia "Code 128", PJJ123C in code set A: 103 + 48·1 + 42·2 + 42·3 + 17·4 + 18·5
        // + 19·6 + 35·7 = 878; 878 − 8·103 = 54 ("V").
        #expect(Code128Symbology.checkValue(start: 103, data: [48, 42, 42, 17, 18, 19, 35]) == 54)
        // HI345678 walkthrough: 103 + 40 + 82 + 297 + 136 + 280 + 468 = 1406; 1406 mod 103 = 67.
        #expect(Code128Symbology.checkValue(start: 103, data: [40, 41, 99, 34, 56, 78]) == 67)
        // barcoderesource.com: B "abcdef" 1435 + 104 = 1539 → 97; C "345678" 380 + 105 = 485 → 73.
        #expect(Code128Symbology.checkValue(start: 104, data: [65, 66, 67, 68, 69, 70]) == 97)
        #expect(Code128Symbology.checkValue(start: 105, data: [34, 56, 78]) == 73)
    }
}
