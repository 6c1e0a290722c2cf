import Foundation

/// One column of table cells stored compactly: the UTF-8 bytes of every cell back to back
/// plus each cell's end offset. A CSV reader appends bytes straight from the file, so a
/// 10⁶-row column costs two allocations instead of 10⁶ strings.
public struct SurvivalTextColumn: Sendable, Equatable {
    public private(set) var bytes: [UInt8] = []
    /// ends[i] is the offset just past cell i.
    public private(set) var ends: [Int] = []

    public init() {}

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

    /// Appends every cell of `other` (a reader that parsed a file in pieces joins them).
    public mutating func append(contentsOf other: SurvivalTextColumn) {
        let base = bytes.count
        bytes.append(contentsOf: other.bytes)
        ends.reserveCapacity(ends.count + other.ends.count)
        for e in other.ends { ends.append(base + e) }
    }

    /// Drops the last cell (a reader that backtracks over a record uses it).
    public mutating func removeLast() {
        ends.removeLast()
        bytes.removeSubrange((ends.last ?? 0)...)
    }

    /// The cell text as written.
    public subscript(_ i: Int) -> String {
        let start = i == 0 ? 0 : ends[i - 1]
        return String(decoding: bytes[start..<ends[i]], as: UTF8.self)
    }

    /// Byte range of cell i without leading/trailing spaces and tabs.
    @inline(__always)
    func trimmedRange(_ i: Int) -> Range<Int> {
        var start = i == 0 ? 0 : ends[i - 1]
        var end = ends[i]
        while start < end, bytes[start] == 0x20 || bytes[start] == 0x09 { start += 1 }
        while end > start, bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09 { end -= 1 }
        return start..<end
    }

    func trimmedString(_ i: Int) -> String {
        String(decoding: bytes[trimmedRange(i)], as: UTF8.self)
    }

    /// The trimmed cell as a finite or non-finite Double, or nil if it is not a number.
    /// Plain decimals (sign, ≤ 19 digits, optional fraction, no exponent) whose significand
    /// is below 2⁵³ and with ≤ 22 fraction digits are converted by Clinger's exact fast path
    /// (one correctly rounded IEEE division); everything else goes through `Double(String)`,
    /// so results are always correctly rounded and equal to `Double(String)`'s.
    func number(_ i: Int) -> Double? {
        let range = trimmedRange(i)
        if range.isEmpty { return nil }
        return bytes.withUnsafeBufferPointer { b -> Double? in
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
                let value = Double(mantissa) / SurvivalTextColumn.powersOfTen[fraction]
                return negative ? -value : value
            }
            return Double(String(decoding: UnsafeBufferPointer(rebasing: b[range]), as: UTF8.self))
        }
    }

    static let powersOfTen: [Double] = (0...22).map { Foundation.pow(10.0, Double($0)) }
}
