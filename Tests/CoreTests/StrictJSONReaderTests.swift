import Foundation
import PropertyBased
import Testing
@testable import CartographCore

/// The one strict JSON reader: RFC 8259 syntax, duplicate keys, depth, overflow, and shape problems
/// collected with their paths. Expected answers come from RFC 8259 (§2 grammar, §4 "names within an
/// object SHOULD be unique", §6 numbers, §7 strings) and, for valid documents, from Foundation's own
/// `JSONSerialization`, an independent parser.
@Suite("Strict JSON reader")
struct StrictJSONReaderTests {
    private func parse(_ text: String) throws -> StrictJSONValue { try StrictJSONParser.parse(Data(text.utf8)) }

    private func syntaxMessage(_ text: String) -> String? {
        do { _ = try parse(text); return nil } catch let e as StrictJSONParser.SyntaxError { return e.message } catch { return nil }
    }

    @Test("RFC 8259 values read as written", arguments: [
        (#"{"a": [1, -2.5, 3e2, true, false, null, "x"]}"#,
         StrictJSONValue.object(["a": .array([.number(1), .number(-2.5), .number(300), .bool(true), .bool(false), .null, .string("x")])])),
        (#" "é\u00e9\ud83d\ude00\n\/" "#, .string("éé😀\n/")),
        ("[]", .array([])),
        ("{}", .object([:])),
        ("-0", .number(-0.0)),
        ("0.5E-3", .number(0.0005)),
    ])
    func valid(text: String, expected: StrictJSONValue) throws {
        // MUT / validate
        #expect(try parse(text) == expected)
    }

    @Test("anything RFC 8259 does not allow is refused with its line and column", arguments: [
        ("{\"a\": 1,}", "line 1, column 9"),          // trailing comma
        ("[1, 2,]", "line 1, column 7"),
        ("{'a': 1}", "line 1, column 2"),            // single quotes
        ("01", "line 1, column 1"),                  // leading zero
        ("[1] // note", "line 1, column 5"),         // comment / trailing text
        ("\"a\tb\"", "line 1, column 3"),            // raw control character
        ("\"\\ud800\"", "surrogate"),                // lone high surrogate
        ("\"\\udc00x\"", "surrogate"),               // lone low surrogate
        ("\"\\x41\"", "unknown escape"),
        ("1.", "decimal point"),
        ("1e", "exponent"),
        ("1e400", "too large"),                      // would be infinity
        ("-1e400", "too large"),
        ("5E-3024", "too small"),                    // would be 0
        ("5e-324", "too small"),                     // subnormal: precision lost
        ("{\n\"a\": tru}", "line 2, column 6"),
        ("", "end of the text"),
        ("NaN", "expected a JSON value"),
        ("[\"unclosed]", "not closed"),
    ])
    func refused(text: String, expectedFragment: String) {
        // MUT
        let message = syntaxMessage(text)
        // validate
        #expect(message?.contains(expectedFragment) == true, "\(text): \(message ?? "accepted")")
    }

    @Test("text that is not UTF-8 is refused before parsing")
    func notUTF8() {
        // MUT / validate
        #expect(throws: StrictJSONParser.SyntaxError.self) { try StrictJSONParser.parse(Data([0x22, 0xC3, 0x28, 0x22])) }
    }

    @Test("documents nested deeper than the limit are refused, not a stack overflow")
    func depth() throws {
        // setup
        let limit = StrictJSONParser.maximumDepth
        let deepest = String(repeating: "[", count: limit + 1) + String(repeating: "]", count: limit + 1)
        let tooDeep = String(repeating: "[", count: limit + 2) + String(repeating: "]", count: limit + 2)
        let hostile = String(repeating: "[", count: 200_000)
        // MUT / validate
        _ = try parse(deepest)
        #expect(syntaxMessage(tooDeep)?.contains("levels deep") == true)
        #expect(syntaxMessage(hostile)?.contains("levels deep") == true)
    }

    @Test("every duplicated key is named by its path, at every depth")
    func duplicates() {
        // setup: Foundation keeps the first value (JSONDecoder) or the last (JSONSerialization).
        let text = #"{"weightKg": 70, "lines": [{"regimen": "a"}, {"regimen": "b", "regimen": "c"}], "weightKg": 7}"#
        // MUT
        var fields: [String] = []
        do { _ = try parse(text) } catch let failure as ValidationFailure { fields = failure.errors.map(\.field) } catch {}
        // validate
        #expect(fields == ["lines[1].regimen", "weightKg"])
    }

    @Test("the shape check collects every unknown, missing and nested problem with its path")
    func shapeCollectsEveryProblem() throws {
        // setup
        let shape = StrictJSONShape(allowed: ["name", "lines", "extra"], required: ["name"],
                                    nested: ["lines": StrictJSONShape(allowed: ["regimen"], required: ["regimen"]),
                                             "extra": StrictJSONShape(allowed: ["a"])])
        let value = try parse(#"{"colour": 1, "lines": [{"regimen": "x"}, {"regime": "y"}, 3], "extra": {"b": 1}, "z": null}"#)
        // MUT
        let problems = shape.problems(in: value, at: "")
        // validate
        #expect(problems.map(\.field) == ["colour", "z", "name", "extra.b", "lines[1].regime", "lines[1].regimen"])
        #expect(problems.first?.message == "unknown field; expected one of name, lines, extra")
        #expect(shape.problems(inOneOrMany: .array([.object(["name": .string("a")]), .number(1)]), root: "input").map(\.field) == ["[1]"])
    }

    @Test("read: a type error after a clean shape names its path; shape problems come before any decoding")
    func typedRead() {
        // setup
        struct Body: Decodable { var lines: [Line]; struct Line: Decodable { var regimen: String } }
        let shape = StrictJSONShape(allowed: ["lines"], nested: ["lines": StrictJSONShape(allowed: ["regimen"])])
        // MUT
        func failure(_ text: String) -> [FieldError] {
            do { _ = try StrictJSONReader.read(Body.self, from: Data(text.utf8), shape: shape); return [] } catch {
                switch error {
                case .fields(let f): return f
                case .syntax(let message): return [FieldError("syntax", message)]
                }
            }
        }
        // validate
        #expect(failure(#"{"lines": [{"regimen": "a"}, {"regimen": 3}]}"#) == [FieldError("lines[1].regimen", "expected a string")])
        #expect(failure(#"{"lines": [{"regimen": 3, "x": 1}], "y": 2}"#).map(\.field) == ["y", "lines[0].x"])
        #expect(failure(#"{"lines": [{"regimen": "a", "regimen": 3}]}"#).map(\.field) == ["lines[0].regimen"])
    }

    // MARK: - Properties

    /// A random JSON value of bounded size, from a seed.
    /// `nearLimits` adds the largest finite double and the smallest normal one.
    static func value(_ rng: inout SeededRandom, depth: Int = 0, nearLimits: Bool = true) -> StrictJSONValue {
        let strings = ["", "a", "é", "😀", "\"quote\"", "back\\slash", "tab\there", "line\nbreak", "\u{1}", "中文", "/"]
        switch Int.random(in: 0...(depth > 3 ? 3 : 5), using: &rng) {
        case 0: return .null
        case 1: return .bool(Bool.random(using: &rng))
        case 2:
            let choices: [Double] = [0, -0.0, 1, -1, 0.1, 1e-300, 1e300, -123.456, Double(Int.random(in: -1_000_000...1_000_000, using: &rng)) / 1000]
                + (nearLimits ? [.greatestFiniteMagnitude, .leastNormalMagnitude, -.leastNormalMagnitude] : [])
            return .number(choices.randomElement(using: &rng)!)
        case 3: return .string(strings.randomElement(using: &rng)!)
        case 4: return .array((0..<Int.random(in: 0...4, using: &rng)).map { _ in value(&rng, depth: depth + 1, nearLimits: nearLimits) })
        default:
            var object: [String: StrictJSONValue] = [:]
            for _ in 0..<Int.random(in: 0...4, using: &rng) {
                object[strings.randomElement(using: &rng)! + String(Int.random(in: 0...3, using: &rng))] = value(&rng, depth: depth + 1, nearLimits: nearLimits)
            }
            return .object(object)
        }
    }

    @Test("any value Foundation writes reads back equal, and equal to what JSONSerialization reads")
    func roundTripAgreesWithFoundation() async {
        await propertyCheck(count: 1500, input: Gen.int(in: 0...Int(Int32.max))) { seed in
            var rng = SeededRandom(seed: UInt64(seed))
            let original = Self.value(&rng)
            let encoder = JSONEncoder()
            encoder.outputFormatting = Bool.random(using: &rng) ? [.prettyPrinted] : []
            let data = try! encoder.encode(original)
            let read = try? StrictJSONParser.parse(data)
            #expect(read == original, "\(String(decoding: data, as: UTF8.self))")
            let foundation = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
            #expect(foundation != nil)
        }
    }

    /// What `JSONSerialization` read, as a `StrictJSONValue` (its booleans are `CFBoolean`, objCType "c").
    static func value(foundation x: Any) -> StrictJSONValue {
        switch x {
        case is NSNull: return .null
        case let s as String: return .string(s)
        case let n as NSNumber: return String(cString: n.objCType) == "c" ? .bool(n.boolValue) : .number(n.doubleValue)
        case let a as [Any]: return .array(a.map(value(foundation:)))
        case let o as [String: Any]: return .object(o.mapValues(value(foundation:)))
        default: return .string("unexpected \(type(of: x))")
        }
    }

    @Test("any damage to a valid document is refused or reads as Foundation reads it; never a crash")
    func damagedDocuments() async {
        await propertyCheck(count: 1500, input: Gen.int(in: 0...Int(Int32.max))) { seed in
            var rng = SeededRandom(seed: UInt64(seed))
            // Damage next to the largest double can land where Foundation's inexact reading overflows
            // and correct rounding does not; those limits are covered by the round trip above.
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            var bytes = [UInt8](try! encoder.encode(Self.value(&rng, nearLimits: false)))
            let alphabet = Array("{}[],:\"\\-+.eE0123456789 tfnul".utf8)
            for _ in 0..<Int.random(in: 1...3, using: &rng) where !bytes.isEmpty {
                let at = Int.random(in: 0..<bytes.count, using: &rng)
                switch Int.random(in: 0...2, using: &rng) {
                case 0: bytes.remove(at: at)
                case 1: bytes.insert(alphabet.randomElement(using: &rng)!, at: at)
                default: bytes[at] = alphabet.randomElement(using: &rng)!
                }
            }
            let data = Data(bytes)
            guard let ours = try? StrictJSONParser.parse(data) else { return }
            // Accepted: Foundation's JSONSerialization must accept it too, with the same content.
            // (Its JSONDecoder refuses some valid numbers with a zero mantissa, such as `0e5`.)
            let theirs = (try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])).map(Self.value(foundation:))
            #expect(theirs.map { Self.close($0, ours) } == true, "\(String(decoding: data, as: UTF8.self)): \(String(describing: theirs))")
        }
    }

    /// Equal, with numbers within 4 ulps: Foundation's reader does not always round to the nearest
    /// double (it reads `1.7976931348623157e+30` as `…155e+30`); Swift's `Double(String)` does.
    static func close(_ a: StrictJSONValue, _ b: StrictJSONValue) -> Bool {
        switch (a, b) {
        case let (.number(x), .number(y)): return x == y || abs(x - y) <= 4 * max(x.ulp, y.ulp)
        case let (.array(x), .array(y)): return x.count == y.count && zip(x, y).allSatisfy { close($0, $1) }
        case let (.object(x), .object(y)): return Set(x.keys) == Set(y.keys) && x.allSatisfy { close($0.value, y[$0.key]!) }
        default: return a == b
        }
    }
}
