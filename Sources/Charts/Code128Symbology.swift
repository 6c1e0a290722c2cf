/// The Code 128 symbology (ISO/IEC 15417): symbol values, their bar/space patterns and the
/// modulo 103 check symbol. ISBT 128 requires Code 128 for all linear bar codes
/// (ICCBBA ST-001 v6.2.2 §6.1.1).
///
/// A symbol is three bars and three spaces, each 1–4 modules wide, 11 modules in all, the bars
/// summing to an even number. There are exactly 108 such patterns: the 106 symbols below
/// (values 0–102 data, 103–105 start A/B/C), the stop symbol and the reverse stop. The stop
/// pattern is the stop symbol plus a final 2-module bar (13 modules).
public enum Code128Symbology {
    /// Start symbols: code set A, B, C.
    public static let startA = 103, startB = 104, startC = 105
    /// Switch to code set C (value 99 in sets A and B).
    public static let switchToC = 99
    /// Switch to code set B (value 100 in sets A and C).
    public static let switchToB = 100
    /// Switch to code set A (value 101 in sets B and C).
    public static let switchToA = 101
    /// Shift: the next symbol only is read in the other of A/B (value 98 in sets A and B).
    public static let shift = 98

    /// Bar/space widths of symbol values 0…105, bar first, in ISO/IEC 15417 table order.
    ///
    /// Checked against published examples in the tests (the "HI345678" walkthrough's patterns,
    /// the start/stop patterns), plus the structural facts: 106 distinct patterns, each 11
    /// modules with an even bar sum, which together with stop and reverse stop exhaust all 108.
    public static let patterns: [[Int]] = {
        let table = """
            212222 222122 222221 121223 121322 131222 122213 122312 132212 221213
            221312 231212 112232 122132 122231 113222 123122 123221 223211 221132
            221231 213212 223112 312131 311222 321122 321221 312212 322112 322211
            212123 212321 232121 111323 131123 131321 112313 132113 132311 211313
            231113 231311 112133 112331 132131 113123 113321 133121 313121 211331
            231131 213113 213311 213131 311123 311321 331121 312113 312311 332111
            314111 221411 431111 111224 111422 121124 121421 141122 141221 112214
            112412 122114 122411 142112 142211 241211 221114 413111 241112 134111
            111242 121142 121241 114212 124112 124211 411212 421112 421211 212141
            214121 412121 111143 111341 131141 114113 114311 411113 411311 113141
            114131 311141 411131 211412 211214 211232
            """
        return table.split(whereSeparator: \.isWhitespace).map { group in
            group.map { Int(String($0))! }
        }
    }()

    /// The stop pattern: stop symbol `233111` followed by the final 2-module bar.
    public static let stopPattern: [Int] = [2, 3, 3, 1, 1, 1, 2]

    /// Value for each pattern, for decoding.
    static let valueForPattern: [[Int]: Int] = {
        var table: [[Int]: Int] = [:]
        for (value, pattern) in patterns.enumerated() { table[pattern] = value }
        return table
    }()

    /// The modulo 103 check value (ISO/IEC 15417): the start value plus each following symbol
    /// value times its position (1, 2, 3, …), modulo 103. Switch and shift symbols count like
    /// any other symbol.
    ///
    /// Example (Wikipedia "Code 128", code set A, "PJJ123C"): 103 + 48·1 + 42·2 + 42·3 + 17·4
    /// + 18·5 + 19·6 + 35·7 = 878, and 878 mod 103 = 54.
    public static func checkValue(start: Int, data: [Int]) -> Int {
        var sum = start
        for (index, value) in data.enumerated() { sum += value * (index + 1) }
        return sum % 103
    }
}
