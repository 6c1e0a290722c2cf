import Foundation

/// Reads a `Decodable` type straight from a checked `StrictJSONValue`, so typed reading sees exactly
/// the value the parser and the shape check saw, and every mistake is named by its path: a fraction
/// where a whole number belongs (`ageYears: expected a whole number, got 1.5`), a number too large for
/// its type, a string where a number belongs.
///
/// Dates follow `JSONDecoder`'s two strategies that Cartograph uses: seconds since 2001 (the default)
/// and ISO 8601 internet date-time.
public struct StrictJSONDecoder {
    public enum Dates: Sendable { case deferredToDate, iso8601 }

    public var dates: Dates
    public init(dates: Dates = .deferredToDate) { self.dates = dates }

    public func decode<T: Decodable>(_ type: T.Type, from value: StrictJSONValue) throws -> T {
        try ValueDecoder(value: value, codingPath: [], dates: dates).read(T.self)
    }
}

private struct IndexKey: CodingKey {
    var intValue: Int?
    var stringValue: String { "\(intValue ?? 0)" }
    init(_ i: Int) { intValue = i }
    init?(stringValue: String) { nil }
    init?(intValue: Int) { self.intValue = intValue }
}

private struct ValueDecoder: Decoder {
    let value: StrictJSONValue
    let codingPath: [CodingKey]
    let dates: StrictJSONDecoder.Dates
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func mismatch<T>(_ type: T.Type) -> DecodingError {
        .typeMismatch(type, .init(codingPath: codingPath, debugDescription: "expected \(type), got \(value.summary)"))
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        guard case .object(let fields) = value else { throw mismatch([String: StrictJSONValue].self) }
        return KeyedDecodingContainer(Keyed<Key>(fields: fields, decoder: self))
    }

    func unkeyedContainer() throws -> UnkeyedDecodingContainer {
        guard case .array(let items) = value else { throw mismatch([StrictJSONValue].self) }
        return Unkeyed(items: items, decoder: self)
    }

    func singleValueContainer() throws -> SingleValueDecodingContainer { Single(decoder: self) }

    func child(_ value: StrictJSONValue, _ key: CodingKey) -> ValueDecoder {
        ValueDecoder(value: value, codingPath: codingPath + [key], dates: dates)
    }

    func whole<T: FixedWidthInteger>(_ type: T.Type) throws -> T {
        guard case .number(let d) = value else { throw mismatch(type) }
        guard d == d.rounded(), let n = T(exactly: d) else {
            throw DecodingError.typeMismatch(type, .init(codingPath: codingPath, debugDescription: "expected a whole number, got \(value.summary)"))
        }
        return n
    }

    func read<T: Decodable>(_ type: T.Type) throws -> T {
        switch type {
        case is Bool.Type:
            guard case .bool(let b) = value else { throw mismatch(Bool.self) }
            return b as! T
        case is String.Type:
            guard case .string(let s) = value else { throw mismatch(String.self) }
            return s as! T
        case is Double.Type:
            guard case .number(let d) = value else { throw mismatch(Double.self) }
            return d as! T
        case is Float.Type:
            guard case .number(let d) = value, let f = Float(exactly: d) ?? (abs(d) <= Double(Float.greatestFiniteMagnitude) ? Float(d) : nil) else {
                throw mismatch(Float.self)
            }
            return f as! T
        case is Int.Type: return try whole(Int.self) as! T
        case is Int64.Type: return try whole(Int64.self) as! T
        case is Int32.Type: return try whole(Int32.self) as! T
        case is UInt64.Type: return try whole(UInt64.self) as! T
        case is UInt.Type: return try whole(UInt.self) as! T
        case is URL.Type:
            guard case .string(let s) = value, let url = URL(string: s) else { throw mismatch(URL.self) }
            return url as! T
        case is Date.Type where dates == .iso8601:
            guard case .string(let s) = value else { throw mismatch(Date.self) }
            guard let date = ISO8601DateFormatter().date(from: s) else {
                throw DecodingError.dataCorrupted(.init(codingPath: codingPath, debugDescription: "expected an ISO 8601 date-time such as 2026-03-15T08:30:00Z, got \(value.summary)"))
            }
            return date as! T
        default:
            return try T(from: self)
        }
    }
}

private struct Keyed<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let fields: [String: StrictJSONValue]
    let decoder: ValueDecoder
    var codingPath: [CodingKey] { decoder.codingPath }
    var allKeys: [Key] { fields.keys.compactMap { Key(stringValue: $0) } }

    func contains(_ key: Key) -> Bool { fields[key.stringValue] != nil }

    func value(_ key: Key) throws -> StrictJSONValue {
        guard let v = fields[key.stringValue] else {
            throw DecodingError.keyNotFound(key, .init(codingPath: codingPath, debugDescription: "required"))
        }
        return v
    }

    func decodeNil(forKey key: Key) throws -> Bool { try value(key) == .null }

    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
        let v = try value(key)
        if v == .null {
            throw DecodingError.valueNotFound(type, .init(codingPath: codingPath + [key], debugDescription: "null"))
        }
        return try decoder.child(v, key).read(type)
    }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
        try decoder.child(try value(key), key).container(keyedBy: type)
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> UnkeyedDecodingContainer {
        try decoder.child(try value(key), key).unkeyedContainer()
    }

    func superDecoder() throws -> Decoder { decoder }
    func superDecoder(forKey key: Key) throws -> Decoder { decoder.child(fields[key.stringValue] ?? .null, key) }
}

private struct Unkeyed: UnkeyedDecodingContainer {
    let items: [StrictJSONValue]
    let decoder: ValueDecoder
    var currentIndex = 0
    var codingPath: [CodingKey] { decoder.codingPath }
    var count: Int? { items.count }
    var isAtEnd: Bool { currentIndex >= items.count }

    init(items: [StrictJSONValue], decoder: ValueDecoder) { self.items = items; self.decoder = decoder }

    mutating func next<T>(_ type: T.Type) throws -> (StrictJSONValue, IndexKey) {
        guard !isAtEnd else {
            throw DecodingError.valueNotFound(type, .init(codingPath: codingPath + [IndexKey(currentIndex)], debugDescription: "the list has no more items"))
        }
        defer { currentIndex += 1 }
        return (items[currentIndex], IndexKey(currentIndex))
    }

    mutating func decodeNil() throws -> Bool {
        guard !isAtEnd, items[currentIndex] == .null else { return false }
        currentIndex += 1
        return true
    }

    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
        let (v, key) = try next(type)
        if v == .null { throw DecodingError.valueNotFound(type, .init(codingPath: codingPath + [key], debugDescription: "null")) }
        return try decoder.child(v, key).read(type)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
        let (v, key) = try next([String: StrictJSONValue].self)
        return try decoder.child(v, key).container(keyedBy: type)
    }

    mutating func nestedUnkeyedContainer() throws -> UnkeyedDecodingContainer {
        let (v, key) = try next([StrictJSONValue].self)
        return try decoder.child(v, key).unkeyedContainer()
    }

    mutating func superDecoder() throws -> Decoder {
        let (v, key) = try next(StrictJSONValue.self)
        return decoder.child(v, key)
    }
}

private struct Single: SingleValueDecodingContainer {
    let decoder: ValueDecoder
    var codingPath: [CodingKey] { decoder.codingPath }
    func decodeNil() -> Bool { decoder.value == .null }
    func decode<T: Decodable>(_ type: T.Type) throws -> T {
        if decoder.value == .null { throw DecodingError.valueNotFound(type, .init(codingPath: codingPath, debugDescription: "null")) }
        return try decoder.read(type)
    }
}
