import Foundation

/// One column of table cells stored compactly: the UTF-8 bytes of every cell back to back
/// plus each cell's end offset. A CSV reader appends bytes straight from the file, so a
/// 10⁶-row column costs two allocations instead of 10⁶ strings.
public struct SurvivalTextColumn: Sendable, Equatable {
    public private(set) var bytes: [UInt8] = []
    /// ends[i] is the offset just past cell i.
    public private(set) var ends: [Int] = []

    public init() {}

    /// Cells from raw storage: `ends` ascending, the last equal to `bytes.count`.
    init(bytes: [UInt8], ends: [Int]) {
        self.bytes = bytes
        self.ends = ends
    }

    public init(_ cells: [String]) {
        for cell in cells { append(cell) }
    }

    public var count: Int { ends.count }

    public mutating func reserveCapacity(cells: Int, bytes byteCount: Int) {
        ends.reserveCapacity(cells)
        bytes.reserveCapacity(byteCount)
    }

    public mutating func append(_ cell: String) {
        bytes.append(contentsOf: cell.utf8)
        ends.append(bytes.count)
    }

    public mutating func append(_ cell: UnsafeBufferPointer<UInt8>) {
        bytes.append(contentsOf: cell)
        ends.append(bytes.count)
    }

    /// The cell text as written.
    public subscript(_ i: Int) -> String {
        let start = i == 0 ? 0 : ends[i - 1]
        return String(decoding: bytes[start..<ends[i]], as: UTF8.self)
    }

    /// Byte range of cell i without leading/trailing spaces and tabs.
    @inline(__always)
    func trimmedRange(_ i: Int) -> Range<Int> {
        bytes.withUnsafeBufferPointer { b in ends.withUnsafeBufferPointer { e in Self.trimmedRange(i, bytes: b, ends: e) } }
    }

    @inline(__always)
    static func trimmedRange(_ i: Int, bytes: UnsafeBufferPointer<UInt8>, ends: UnsafeBufferPointer<Int>) -> Range<Int> {
        var start = i == 0 ? 0 : ends[i - 1]
        var end = ends[i]
        while start < end, bytes[start] == 0x20 || bytes[start] == 0x09 { start += 1 }
        while end > start, bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09 { end -= 1 }
        return start..<end
    }

    func trimmedString(_ i: Int) -> String {
        String(decoding: bytes[trimmedRange(i)], as: UTF8.self)
    }

    /// Calls `body` with the raw cell storage (bytes and end offsets), for loops over many
    /// cells that would otherwise pay for a buffer access per cell.
    func withCells<R>(_ body: (UnsafeBufferPointer<UInt8>, UnsafeBufferPointer<Int>) throws -> R) rethrows -> R {
        try bytes.withUnsafeBufferPointer { b in try ends.withUnsafeBufferPointer { e in try body(b, e) } }
    }

    /// The trimmed cell as a finite or non-finite Double, or nil if it is not a number
    /// (see ``number(in:range:)``).
    func number(_ i: Int) -> Double? {
        withCells { b, e in Self.number(in: b, range: Self.trimmedRange(i, bytes: b, ends: e)) }
    }

    /// The number written in `b[range]` (already trimmed), or nil if it is not a number.
    /// Plain decimals (sign, ≤ 19 digits, optional fraction, no exponent) whose significand
    /// is below 2⁵³ and with ≤ 22 fraction digits are converted by Clinger's exact fast path
    /// (one correctly rounded IEEE division); everything else goes through `Double(String)`,
    /// so results are always correctly rounded and equal to `Double(String)`'s.
    @inline(__always)
    static func number(in b: UnsafeBufferPointer<UInt8>, range: Range<Int>) -> Double? {
        if range.isEmpty { return nil }
        var p = range.lowerBound
        var negative = false
        if b[p] == 0x2D { negative = true; p += 1 } else if b[p] == 0x2B { p += 1 }
        var mantissa: UInt64 = 0
        var digits = 0
        var fraction = 0
        var sawDot = false
        var simple = p < range.upperBound
        while p < range.upperBound {
            let c = b[p]
            if c >= 0x30 && c <= 0x39 {
                if digits < 19 { mantissa = mantissa &* 10 &+ UInt64(c &- 0x30); digits += 1; if sawDot { fraction += 1 } }
                else { simple = false; break }
            } else if c == 0x2E && !sawDot {
                sawDot = true
            } else { simple = false; break }
            p += 1
        }
        if simple, digits > 0, mantissa < (1 << 53), fraction <= 22 {
            let value = fraction == 0 ? Double(mantissa) : Double(mantissa) / SurvivalTextColumn.powersOfTen[fraction]
            return negative ? -value : value
        }
        return Double(String(decoding: UnsafeBufferPointer(rebasing: b[range]), as: UTF8.self))
    }

    static let powersOfTen: [Double] = (0...22).map { Foundation.pow(10.0, Double($0)) }
}
