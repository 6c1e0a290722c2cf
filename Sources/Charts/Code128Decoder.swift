/// Why a sequence of bar and space widths is not a readable Code 128 symbol.
public enum Code128DecodingError: Error, Equatable, Sendable, CustomStringConvertible {
    /// An element narrower than 1 or wider than 4 modules.
    case elementWidthOutOfRange(index: Int, width: Int)
    /// The element count is not 6 per symbol plus 7 for the stop pattern, with at least a
    /// start, one data symbol and a check symbol.
    case wrongElementCount(Int)
    /// The first symbol is not Start A, B or C.
    case missingStartSymbol
    /// The last seven elements are not the stop pattern `2331112`.
    case missingStopPattern
    /// Symbol number `symbolIndex` (0 = start) matches no Code 128 pattern.
    case unknownPattern(symbolIndex: Int)
    /// The modulo 103 check symbol does not match the data.
    case checksumMismatch(computed: Int, found: Int)
    /// A value that has no meaning in the current code set (e.g. a start symbol mid-code).
    case invalidValue(value: Int, symbolIndex: Int)
    /// FNC1–FNC4 carry application semantics this decoder does not interpret.
    case unsupportedFunctionCharacter(symbolIndex: Int)
    /// The SVG contains no bar code bars, or too few to measure the module width.
    case noBarsFound

    public var description: String {
        switch self {
        case let .elementWidthOutOfRange(index, width): return "Code 128: element \(index) is \(width) modules wide (1–4 allowed)"
        case let .wrongElementCount(count): return "Code 128: \(count) bars and spaces cannot form start, data, check and stop"
        case .missingStartSymbol: return "Code 128: no start symbol"
        case .missingStopPattern: return "Code 128: no stop pattern"
        case let .unknownPattern(index): return "Code 128: symbol \(index) matches no pattern"
        case let .checksumMismatch(computed, found): return "Code 128: check symbol \(found) does not match computed \(computed)"
        case let .invalidValue(value, index): return "Code 128: value \(value) is invalid at symbol \(index)"
        case let .unsupportedFunctionCharacter(index): return "Code 128: function character at symbol \(index) is not supported"
        case .noBarsFound: return "Code 128: no bars found"
        }
    }
}

/// Reads Code 128 back from bar and space widths, as a scanner does after measuring them.
///
/// Written from ISO/IEC 15417's code set tables, independently of ``Code128Encoder``'s
/// choices: it reads code sets A, B and C, switches and the shift, in either scan direction,
/// and verifies the modulo 103 check symbol before returning any text.
public enum Code128Decoder {
    private enum CodeSet { case a, b, c }

    /// The text carried by `moduleWidths` (alternating bar/space widths, bar first, quiet
    /// zones excluded). A right-to-left reading (starting with the reversed stop pattern) is
    /// turned around first.
    /// - Throws: ``Code128DecodingError`` describing the first fault found.
    public static func decode(moduleWidths: [Int]) throws -> String {
        let values = try symbolValues(moduleWidths: moduleWidths)
        return try interpret(values)
    }

    /// Start, data and check symbol values, after verifying the patterns and the check symbol.
    public static func symbolValues(moduleWidths: [Int]) throws -> [Int] {
        var widths = moduleWidths
        if Array(widths.prefix(7)) == Code128Symbology.stopPattern.reversed() { widths.reverse() }
        for (index, width) in widths.enumerated() where !(1...4).contains(width) {
            throw Code128DecodingError.elementWidthOutOfRange(index: index, width: width)
        }
        guard widths.count >= 6 * 3 + 7, (widths.count - 7) % 6 == 0 else {
            throw Code128DecodingError.wrongElementCount(widths.count)
        }
        guard Array(widths.suffix(7)) == Code128Symbology.stopPattern else {
            throw Code128DecodingError.missingStopPattern
        }
        let symbolCount = (widths.count - 7) / 6
        var values: [Int] = []
        for symbol in 0..<symbolCount {
            let pattern = Array(widths[(symbol * 6)..<(symbol * 6 + 6)])
            guard let value = Code128Symbology.valueForPattern[pattern] else {
                if symbol == 0 { throw Code128DecodingError.missingStartSymbol }
                throw Code128DecodingError.unknownPattern(symbolIndex: symbol)
            }
            values.append(value)
        }
        guard (103...105).contains(values[0]) else { throw Code128DecodingError.missingStartSymbol }
        let data = Array(values[1..<(values.count - 1)])
        let computed = Code128Symbology.checkValue(start: values[0], data: data)
        guard computed == values[values.count - 1] else {
            throw Code128DecodingError.checksumMismatch(computed: computed, found: values[values.count - 1])
        }
        return values
    }

    /// Turns verified symbol values into text following the ISO/IEC 15417 code set tables:
    /// A: 0–63 → ASCII 32–95, 64–95 → ASCII 0–31; B: 0–95 → ASCII 32–127; C: 0–99 → two digits.
    private static func interpret(_ values: [Int]) throws -> String {
        var codeSet: CodeSet = values[0] == 103 ? .a : (values[0] == 104 ? .b : .c)
        var shifted = false
        var scalars = String.UnicodeScalarView()
        for index in 1..<(values.count - 1) {
            let value = values[index]
            let current: CodeSet = shifted ? (codeSet == .a ? .b : .a) : codeSet
            shifted = false
            switch current {
            case .c:
                switch value {
                case 0...99:
                    scalars.append(Unicode.Scalar(UInt8(48 + value / 10)))
                    scalars.append(Unicode.Scalar(UInt8(48 + value % 10)))
                case 100: codeSet = .b
                case 101: codeSet = .a
                case 102: throw Code128DecodingError.unsupportedFunctionCharacter(symbolIndex: index)
                default: throw Code128DecodingError.invalidValue(value: value, symbolIndex: index)
                }
            case .a, .b:
                switch value {
                case 0...63: scalars.append(Unicode.Scalar(UInt8(32 + value)))
                case 64...95:
                    scalars.append(Unicode.Scalar(UInt8(current == .a ? value - 64 : value + 32)))
                case 98: shifted = true
                case 99: codeSet = .c
                case 100:
                    if current == .a { codeSet = .b } else {
                        throw Code128DecodingError.unsupportedFunctionCharacter(symbolIndex: index)
                    }
                case 101:
                    if current == .b { codeSet = .a } else {
                        throw Code128DecodingError.unsupportedFunctionCharacter(symbolIndex: index)
                    }
                case 96, 97, 102: throw Code128DecodingError.unsupportedFunctionCharacter(symbolIndex: index)
                default: throw Code128DecodingError.invalidValue(value: value, symbolIndex: index)
                }
            }
        }
        return String(scalars)
    }
}
