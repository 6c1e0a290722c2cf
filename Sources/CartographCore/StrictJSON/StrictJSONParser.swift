import Foundation

/// Reads JSON text (RFC 8259) strictly into a `StrictJSONValue`.
///
/// Refused, each with where it happened: text that is not UTF-8; anything RFC 8259 does not allow
/// (trailing commas, comments, single quotes, leading zeros, unescaped control characters, lone
/// surrogate escapes, text after the value); numbers that overflow a `Double` (`1e400` would become
/// infinity, which no engine can grade and no response can encode) or underflow it (`5e-3024` would
/// become 0, `5e-324` is subnormal and keeps one significant bit); nesting deeper than
/// `maximumDepth`; and the same key twice in one object, named by its path (`lines[1].drugClasses`)
/// with every other duplicate found in the same pass.
///
/// Foundation's readers accept duplicate keys silently and disagree on which value wins, which is
/// why Cartograph parses input itself and then hands the checked text to `JSONDecoder` for typed
/// reading.
public enum StrictJSONParser {
    /// Deeper documents are refused before they can exhaust the stack.
    public static let maximumDepth = 64

    /// The document's syntax problem: `message` names what was expected and where (line and column,
    /// both counted from 1, columns in bytes).
    public struct SyntaxError: Error, Sendable, Equatable, CustomStringConvertible {
        public var message: String
        public var description: String { message }
    }

    /// Parses `data`.
    ///
    /// - Throws: `SyntaxError` for text that is not a JSON document; `ValidationFailure` listing every
    ///   duplicated key (field `path.key`, or the key alone at the top level).
    public static func parse(_ data: Data) throws -> StrictJSONValue {
        let bytes = [UInt8](data)
        guard String(validating: bytes, as: UTF8.self) != nil else {
            throw SyntaxError(message: "the text is not valid UTF-8")
        }
        var reader = Reader(bytes: bytes)
        reader.skipWhitespace()
        let value = try reader.value(path: "", depth: 0)
        reader.skipWhitespace()
        if reader.index < bytes.count { throw reader.error("unexpected text after the JSON value") }
        if !reader.duplicates.isEmpty { throw ValidationFailure(reader.duplicates) }
        return value
    }

    private struct Reader {
        let bytes: [UInt8]
        var index = 0
        var duplicates: [FieldError] = []

        init(bytes: [UInt8]) { self.bytes = bytes }

        func error(_ what: String) -> SyntaxError {
            var line = 1, column = 1
            for b in bytes[..<min(index, bytes.count)] {
                if b == 0x0A { line += 1; column = 1 } else { column += 1 }
            }
            return SyntaxError(message: "malformed JSON at line \(line), column \(column): \(what)")
        }

        var current: UInt8? { index < bytes.count ? bytes[index] : nil }

        mutating func skipWhitespace() {
            while let b = current, b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D { index += 1 }
        }

        mutating func expect(_ literal: String, _ value: StrictJSONValue) throws -> StrictJSONValue {
            let utf8 = Array(literal.utf8)
            guard index + utf8.count <= bytes.count, Array(bytes[index..<index + utf8.count]) == utf8 else {
                throw error("expected a JSON value")
            }
            index += utf8.count
            return value
        }

        mutating func value(path: String, depth: Int) throws -> StrictJSONValue {
            guard depth <= StrictJSONParser.maximumDepth else {
                throw error("nested more than \(StrictJSONParser.maximumDepth) levels deep")
            }
            guard let b = current else { throw error("expected a JSON value, found the end of the text") }
            switch b {
            case UInt8(ascii: "{"): return try object(path: path, depth: depth)
            case UInt8(ascii: "["): return try array(path: path, depth: depth)
            case UInt8(ascii: "\""): return .string(try string())
            case UInt8(ascii: "t"): return try expect("true", .bool(true))
            case UInt8(ascii: "f"): return try expect("false", .bool(false))
            case UInt8(ascii: "n"): return try expect("null", .null)
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try number())
            default: throw error("expected a JSON value")
            }
        }

        mutating func object(path: String, depth: Int) throws -> StrictJSONValue {
            index += 1
            var fields: [String: StrictJSONValue] = [:]
            skipWhitespace()
            if current == UInt8(ascii: "}") { index += 1; return .object(fields) }
            while true {
                skipWhitespace()
                guard current == UInt8(ascii: "\"") else { throw error("expected a field name in double quotes") }
                let key = try string()
                skipWhitespace()
                guard current == UInt8(ascii: ":") else { throw error("expected ':' after the field name") }
                index += 1
                skipWhitespace()
                let fieldPath = path.isEmpty ? FieldError.shown(key) : path + "." + FieldError.shown(key)
                let value = try value(path: fieldPath, depth: depth + 1)
                if fields[key] != nil {
                    duplicates.append(FieldError(fieldPath, "given more than once in the same object; give each field once"))
                } else {
                    fields[key] = value
                }
                skipWhitespace()
                switch current {
                case UInt8(ascii: ","): index += 1
                case UInt8(ascii: "}"): index += 1; return .object(fields)
                default: throw error("expected ',' or '}' in an object")
                }
            }
        }

        mutating func array(path: String, depth: Int) throws -> StrictJSONValue {
            index += 1
            var items: [StrictJSONValue] = []
            skipWhitespace()
            if current == UInt8(ascii: "]") { index += 1; return .array(items) }
            while true {
                skipWhitespace()
                items.append(try value(path: "\(path)[\(items.count)]", depth: depth + 1))
                skipWhitespace()
                switch current {
                case UInt8(ascii: ","): index += 1
                case UInt8(ascii: "]"): index += 1; return .array(items)
                default: throw error("expected ',' or ']' in an array")
                }
            }
        }

        mutating func hex4() throws -> UInt32 {
            guard index + 4 <= bytes.count else { throw error("a \\u escape needs four hexadecimal digits") }
            var value: UInt32 = 0
            for _ in 0..<4 {
                let b = bytes[index]
                let digit: UInt32
                switch b {
                case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(b - UInt8(ascii: "0"))
                case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(b - UInt8(ascii: "a") + 10)
                case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(b - UInt8(ascii: "A") + 10)
                default: throw error("a \\u escape needs four hexadecimal digits")
                }
                value = value * 16 + digit
                index += 1
            }
            return value
        }

        mutating func string() throws -> String {
            index += 1
            var utf8: [UInt8] = []
            while true {
                guard let b = current else { throw error("a string is not closed") }
                index += 1
                switch b {
                case UInt8(ascii: "\""):
                    return String(decoding: utf8, as: UTF8.self)
                case UInt8(ascii: "\\"):
                    guard let e = current else { throw error("a string is not closed") }
                    index += 1
                    switch e {
                    case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): utf8.append(e)
                    case UInt8(ascii: "b"): utf8.append(0x08)
                    case UInt8(ascii: "f"): utf8.append(0x0C)
                    case UInt8(ascii: "n"): utf8.append(0x0A)
                    case UInt8(ascii: "r"): utf8.append(0x0D)
                    case UInt8(ascii: "t"): utf8.append(0x09)
                    case UInt8(ascii: "u"):
                        var scalar = try hex4()
                        if (0xD800...0xDBFF).contains(scalar) {
                            guard current == UInt8(ascii: "\\"), index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "u") else {
                                throw error("a \\u escape holds half of a surrogate pair")
                            }
                            index += 2
                            let low = try hex4()
                            guard (0xDC00...0xDFFF).contains(low) else { throw error("a \\u escape holds half of a surrogate pair") }
                            scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                        } else if (0xDC00...0xDFFF).contains(scalar) {
                            throw error("a \\u escape holds half of a surrogate pair")
                        }
                        utf8.append(contentsOf: Array(String(Character(Unicode.Scalar(scalar)!)).utf8))
                    default: throw error("unknown escape \\\(Character(Unicode.Scalar(e)))")
                    }
                case 0x00..<0x20:
                    index -= 1
                    throw error("a control character must be escaped inside a string")
                default:
                    utf8.append(b)
                }
            }
        }

        mutating func number() throws -> Double {
            let start = index
            func digits() -> Int {
                let from = index
                while let b = current, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(b) { index += 1 }
                return index - from
            }
            if current == UInt8(ascii: "-") { index += 1 }
            let intStart = index
            let intDigits = digits()
            guard intDigits > 0 else { throw error("a number needs digits") }
            if intDigits > 1, bytes[intStart] == UInt8(ascii: "0") {
                index = intStart
                throw error("a number may not start with 0")
            }
            if current == UInt8(ascii: ".") {
                index += 1
                guard digits() > 0 else { throw error("a number needs digits after the decimal point") }
            }
            if current == UInt8(ascii: "e") || current == UInt8(ascii: "E") {
                index += 1
                if current == UInt8(ascii: "+") || current == UInt8(ascii: "-") { index += 1 }
                guard digits() > 0 else { throw error("a number needs digits in its exponent") }
            }
            let text = String(decoding: bytes[start..<index], as: UTF8.self)
            guard let value = Double(text), value.isFinite else {
                index = start
                throw error("the number \(text.prefix(40)) is too large")
            }
            // Below the smallest normal double (2.2e-308) precision is lost, and no measurement is that small.
            if value != 0, abs(value) < Double.leastNormalMagnitude {
                index = start
                throw error("the number \(text.prefix(40)) is too small to represent")
            }
            // A non-zero number so small that it reads as 0 would change meaning silently.
            if value == 0, text.prefix(while: { $0 != "e" && $0 != "E" }).contains(where: { ("1"..."9").contains($0) }) {
                index = start
                throw error("the number \(text.prefix(40)) is too small to represent")
            }
            return value
        }
    }
}
