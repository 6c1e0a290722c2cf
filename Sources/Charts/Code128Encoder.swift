/// An encoded Code 128 bar code: the symbol values and the module widths a printer draws.
public struct Code128Symbol: Sendable, Equatable, Codable {
    /// The text the bar code carries.
    public let text: String
    /// Start symbol, data symbols (including code set switches) and the check symbol;
    /// the stop pattern is implied.
    public let symbolValues: [Int]

    /// The modulo 103 check value (the last symbol before the stop pattern).
    public var checkValue: Int { symbolValues[symbolValues.count - 1] }

    /// Alternating bar and space widths in modules, starting and ending with a bar: six per
    /// symbol, then the seven of the stop pattern (whose last element is the final bar).
    public var moduleWidths: [Int] {
        symbolValues.flatMap { Code128Symbology.patterns[$0] } + Code128Symbology.stopPattern
    }

    /// Width of the symbol in modules, quiet zones excluded: 11 per symbol plus 13 for stop.
    public var moduleCount: Int { 11 * symbolValues.count + 13 }
}

/// Why a text cannot be encoded.
public enum Code128EncodingError: Error, Equatable, Sendable, CustomStringConvertible {
    case emptyText
    /// Only printable ASCII (space through `~`) is supported; control characters (code set A)
    /// and function characters are not needed for ISBT 128 data structures.
    case unsupportedCharacter(Character, position: Int)

    public var description: String {
        switch self {
        case .emptyText: return "Code 128: nothing to encode"
        case let .unsupportedCharacter(character, position):
            return "Code 128: character '\(character)' at position \(position) is not printable ASCII"
        }
    }
}

/// Encodes printable ASCII as Code 128 (ISO/IEC 15417), using code set B for text and code
/// set C (two digits per symbol) for runs of digits where that makes the symbol shorter.
///
/// ISBT 128 requires that encoders can switch to code set C "where appropriate in order to
/// reduce bar code length" (ST-001 v6.2.2 §6.1.1). The rules, from the symbol counts:
/// - start in C when the text begins with 4 or more digits, or is exactly an even number of
///   digits ≥ 2;
/// - from B, switch to C for a run of ≥ 4 digits that ends the text (saves ≥ 1 symbol) or
///   ≥ 6 digits in the middle (the switch back costs one more); an odd run keeps its first
///   digit in B;
/// - leave C for B when fewer than two digits remain in the run.
public enum Code128Encoder {
    /// Encodes `text`.
    /// - Throws: ``Code128EncodingError`` for empty text or characters outside space…`~`.
    public static func encode(_ text: String) throws -> Code128Symbol {
        let bytes = try asciiBytes(of: text)
        var values: [Int] = []
        var inCodeSetC: Bool
        let leadingDigits = digitRun(in: bytes, from: 0)
        if leadingDigits >= 4 || (leadingDigits == bytes.count && bytes.count % 2 == 0) {
            inCodeSetC = true
        } else {
            inCodeSetC = false
        }
        let start = inCodeSetC ? Code128Symbology.startC : Code128Symbology.startB

        var index = 0
        while index < bytes.count {
            let run = digitRun(in: bytes, from: index)
            if inCodeSetC {
                if run >= 2 {
                    values.append(Int(bytes[index] - 48) * 10 + Int(bytes[index + 1] - 48))
                    index += 2
                } else {
                    values.append(Code128Symbology.switchToB)
                    inCodeSetC = false
                }
                continue
            }
            let endsText = index + run == bytes.count
            if run >= 6 || (run >= 4 && endsText) {
                if run % 2 == 1 {
                    values.append(Int(bytes[index]) - 32)
                    index += 1
                }
                values.append(Code128Symbology.switchToC)
                inCodeSetC = true
            } else {
                values.append(Int(bytes[index]) - 32)
                index += 1
            }
        }
        let check = Code128Symbology.checkValue(start: start, data: values)
        return Code128Symbol(text: text, symbolValues: [start] + values + [check])
    }

    static func asciiBytes(of text: String) throws -> [UInt8] {
        guard !text.isEmpty else { throw Code128EncodingError.emptyText }
        var bytes: [UInt8] = []
        for (offset, character) in text.enumerated() {
            guard let ascii = character.asciiValue, ascii >= 32, ascii <= 126, character.unicodeScalars.count == 1 else {
                throw Code128EncodingError.unsupportedCharacter(character, position: offset + 1)
            }
            bytes.append(ascii)
        }
        return bytes
    }

    static func digitRun(in bytes: [UInt8], from start: Int) -> Int {
        var end = start
        while end < bytes.count, bytes[end] >= 48, bytes[end] <= 57 { end += 1 }
        return end - start
    }
}
