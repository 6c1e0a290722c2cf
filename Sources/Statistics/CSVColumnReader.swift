import Foundation

/// A small, fast RFC 4180 reader that extracts only the named columns of a CSV file.
///
/// Why not SwiftCSV: the brief's benchmark reads 10⁶-row files, and SwiftCSV 0.10 builds a
/// String per cell of every column through a character-by-character state machine; this
/// reader works on the UTF-8 bytes and materialises only the requested columns.
///
/// RFC 4180 rules kept: comma separator; records end with LF or CRLF; a field may be quoted
/// with `"`, inside which commas, CR, LF are literal and `""` is one quote; the first record is
/// the header (its names may be quoted). Also: a UTF-8 byte-order mark is skipped, completely
/// empty lines are ignored, and a record with a different number of fields than the header
/// is an error naming its row (1 = first data row).
public struct CSVColumnReader {
    enum ReadError: Error, CustomStringConvertible {
        case unreadable(String, String)
        case empty(String)
        case fieldCount(row: Int, found: Int, expected: Int)
        case unterminatedQuote(row: Int)
        case duplicateColumn(String)
        var description: String {
            switch self {
            case let .unreadable(path, why): return "input: cannot read \(path): \(why)"
            case let .empty(path): return "input: \(path) has no header line"
            case let .fieldCount(row, found, expected): return "row \(row): has \(found) fields; the header has \(expected)"
            case let .unterminatedQuote(row): return "row \(row): a quoted field is not closed"
            case let .duplicateColumn(name): return "header: column \"\(name)\" appears more than once"
            }
        }
    }

    /// Reads `path` and returns the wanted columns (all header names are kept for messages).
    /// Throws ``SurvivalStatisticsError/unknownColumn(_:available:)`` for a wanted name that
    /// is not in the header.
    public static func read(path: String, columns wanted: [String]) throws -> SurvivalColumns {
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path), options: .alwaysMapped) } catch {
            throw ReadError.unreadable(path, error.localizedDescription)
        }
        return try data.withUnsafeBytes { raw in
            try parse(raw.bindMemory(to: UInt8.self), wanted: wanted, path: path)
        }
    }

    /// - Parameter splitAbove: files with more body bytes than this (and no quote) are read in
    ///   pieces, one per core (tests lower it to exercise the split on small inputs).
    static func parse(_ bytes: UnsafeBufferPointer<UInt8>, wanted: [String], path: String = "input",
                      splitAbove: Int = 4 << 20) throws -> SurvivalColumns {
        var scanner = Scanner(bytes: bytes)
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { scanner.position = 3 }
        var names: [String] = []
        guard try scanner.nextRecord(row: 0, { _, field in names.append(String(decoding: field, as: UTF8.self)) }) != nil else {
            throw ReadError.empty(path)
        }
        var seen = Set<String>()
        for name in names where !name.isEmpty && !seen.insert(name).inserted { throw ReadError.duplicateColumn(name) }
        var slotOfField = [Int](repeating: -1, count: names.count)
        var keptNames: [String] = []
        for name in wanted {
            guard let position = names.firstIndex(of: name) else {
                throw SurvivalStatisticsError.unknownColumn(name, available: names)
            }
            if slotOfField[position] < 0 {
                slotOfField[position] = keptNames.count
                keptNames.append(name)
            }
        }
        let body = scanner.position
        var columns: [SurvivalTextColumn]
        // A file without any quote after the header splits at line ends into pieces that parse
        // independently, one per core (a quote could hide a line end inside a field, so such a
        // file is read in one piece). Rows keep their order: pieces are joined in file order.
        let pieces = bytes.count - body > splitAbove ? max(2, min(4, ProcessInfo.processInfo.activeProcessorCount)) : 1
        if pieces > 1, memchr(bytes.baseAddress! + body, 0x22, bytes.count - body) == nil {
            var bounds = [body]
            for k in 1..<pieces {
                var cut = max(bounds[k - 1], body + (bytes.count - body) * k / pieces)
                while cut < bytes.count, bytes[cut] != 0x0A { cut += 1 }
                bounds.append(min(bytes.count, cut + 1))
            }
            bounds.append(bytes.count)
            let results = ConcurrentResults<(columns: [SurvivalTextColumn], rows: Int)>(count: pieces)
            // The mapped file outlives the concurrent reads, which only read it.
            let shared = SharedBytes(bytes: bytes)
            let (cuts, fieldCount, slots, slotMap) = (bounds, names.count, keptNames.count, slotOfField)
            DispatchQueue.concurrentPerform(iterations: pieces) { k in
                results.set(k, Result {
                    try parseUnquoted(shared.bytes, from: cuts[k], to: cuts[k + 1], fieldCount: fieldCount,
                                      slotOfField: slotMap, slots: slots, firstRow: 1)
                })
            }
            columns = [SurvivalTextColumn](repeating: SurvivalTextColumn(), count: keptNames.count)
            var rowsBefore = 0
            for k in 0..<pieces {
                let piece: (columns: [SurvivalTextColumn], rows: Int)
                do { piece = try results.get(k) } catch ReadError.fieldCount(let row, let found, let expected) {
                    throw ReadError.fieldCount(row: rowsBefore + row, found: found, expected: expected)
                }
                for c in columns.indices { columns[c].append(contentsOf: piece.columns[c]) }
                rowsBefore += piece.rows
            }
        } else {
            columns = try parseRecords(bytes, scanner: &scanner, names: names, slotOfField: slotOfField, slots: keptNames.count)
        }
        var byName = [String: SurvivalTextColumn]()
        for (slot, name) in keptNames.enumerated() { byName[name] = columns[slot] }
        return try SurvivalColumns(names: names, textColumns: byName)
    }

    /// Reads the records of an unquoted piece `[from, to)` into `slots` columns; rows are numbered
    /// from `firstRow` (errors name them). Returns the columns and the number of records read.
    static func parseUnquoted(_ bytes: UnsafeBufferPointer<UInt8>, from: Int, to n: Int, fieldCount: Int, slotOfField: [Int],
                              slots: Int, firstRow: Int) throws -> (columns: [SurvivalTextColumn], rows: Int) {
        let estimatedRows = max(16, (n - from) / 16)
        var columns = [SurvivalTextColumn](repeating: SurvivalTextColumn(), count: slots)
        for c in columns.indices { columns[c].reserveCapacity(cells: estimatedRows, bytes: estimatedRows * 8) }
        let base = bytes.baseAddress!
        var pos = from
        var row = firstRow - 1
        while pos < n {
            if base[pos] == 0x0A || base[pos] == 0x0D { pos += 1; continue }  // empty line
            row += 1
            var field = 0
            var fieldStart = pos
            while true {
                let b = pos < n ? base[pos] : 0x0A
                if b == 0x2C || b == 0x0A || b == 0x0D {
                    if field < slotOfField.count, case let slot = slotOfField[field], slot >= 0 {
                        columns[slot].append(UnsafeBufferPointer(start: base + fieldStart, count: pos - fieldStart))
                    }
                    field += 1
                    if b == 0x2C { pos += 1; fieldStart = pos } else { break }
                } else {
                    pos += 1
                }
            }
            guard field == fieldCount else { throw ReadError.fieldCount(row: row, found: field, expected: fieldCount) }
            if pos < n, base[pos] == 0x0D { pos += 1 }
            if pos < n, base[pos] == 0x0A { pos += 1 }
        }
        return (columns, row - firstRow + 1)
    }

    /// The one-piece reader: unquoted records on a fast path, a record with a quote re-read by the
    /// general scanner.
    static func parseRecords(_ bytes: UnsafeBufferPointer<UInt8>, scanner: inout Scanner, names: [String], slotOfField: [Int],
                             slots: Int) throws -> [SurvivalTextColumn] {
        // Rough row estimate from the header length keeps reallocation rare.
        let estimatedRows = max(16, bytes.count / max(16, scanner.position))
        var columns = [SurvivalTextColumn](repeating: SurvivalTextColumn(), count: slots)
        for c in columns.indices { columns[c].reserveCapacity(cells: estimatedRows, bytes: estimatedRows * 8) }
        var row = 0
        // Fast path for unquoted records, scanned with local pointers; a record that contains
        // a quote anywhere is re-read by the general scanner.
        let base = bytes.baseAddress
        let n = bytes.count
        var pos = scanner.position
        while pos < n {
            if base![pos] == 0x0A || base![pos] == 0x0D { pos += 1; continue }  // empty line
            row += 1
            let recordStart = pos
            var field = 0
            var fieldStart = pos
            var quoted = false
            var end = false
            while !end {
                let b = pos < n ? base![pos] : 0x0A
                if b == 0x2C || b == 0x0A || b == 0x0D {
                    if field < slotOfField.count, case let slot = slotOfField[field], slot >= 0 {
                        columns[slot].append(UnsafeBufferPointer(start: base! + fieldStart, count: pos - fieldStart))
                    }
                    field += 1
                    if b == 0x2C { pos += 1; fieldStart = pos } else { end = true }
                } else if b == 0x22 {
                    quoted = true
                    break
                } else {
                    pos += 1
                }
            }
            if quoted {
                // Undo this record's appends and use the general scanner.
                for c in columns.indices where columns[c].count > row - 1 { columns[c].removeLast() }
                scanner.position = recordStart
                guard let count = try scanner.nextRecord(row: row, { field, value in
                    if field < slotOfField.count, case let slot = slotOfField[field], slot >= 0 { columns[slot].append(value) }
                }) else { break }
                guard count == names.count else { throw ReadError.fieldCount(row: row, found: count, expected: names.count) }
                pos = scanner.position
                continue
            }
            guard field == names.count else { throw ReadError.fieldCount(row: row, found: field, expected: names.count) }
            // End of record: CRLF, LF, lone CR or end of input.
            if pos < n, base![pos] == 0x0D { pos += 1 }
            if pos < n, base![pos] == 0x0A { pos += 1 }
        }
        return columns
    }

    /// Read-only bytes handed to concurrent readers.
    struct SharedBytes: @unchecked Sendable { let bytes: UnsafeBufferPointer<UInt8> }

    /// Byte-level record scanner.
    struct Scanner {
        let bytes: UnsafeBufferPointer<UInt8>
        var position = 0
        var unquoted: [UInt8] = []

        /// Passes each field of the next non-empty record to `sink` (field index, bytes) and
        /// returns the number of fields, or nil at the end of the input.
        mutating func nextRecord(row: Int, _ sink: (Int, UnsafeBufferPointer<UInt8>) -> Void) throws -> Int? {
            let n = bytes.count
            // Skip completely empty lines.
            while position < n, bytes[position] == 0x0A || bytes[position] == 0x0D { position += 1 }
            guard position < n else { return nil }
            var field = 0
            while true {
                if position < n, bytes[position] == 0x22 {  // quoted
                    position += 1
                    unquoted.removeAll(keepingCapacity: true)
                    var closed = false
                    while position < n {
                        let b = bytes[position]
                        if b == 0x22 {
                            if position + 1 < n, bytes[position + 1] == 0x22 {
                                unquoted.append(0x22); position += 2; continue
                            }
                            position += 1; closed = true; break
                        }
                        unquoted.append(b); position += 1
                    }
                    guard closed else { throw ReadError.unterminatedQuote(row: row) }
                    // Tolerate text after the closing quote up to the separator (kept verbatim).
                    let start = position
                    while position < n, bytes[position] != 0x2C, bytes[position] != 0x0A, bytes[position] != 0x0D { position += 1 }
                    if position > start { unquoted.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<position])) }
                    unquoted.withUnsafeBufferPointer { sink(field, $0) }
                } else {
                    let start = position
                    while position < n {
                        let b = bytes[position]
                        if b == 0x2C || b == 0x0A || b == 0x0D { break }
                        position += 1
                    }
                    sink(field, UnsafeBufferPointer(rebasing: bytes[start..<position]))
                }
                field += 1
                if position < n, bytes[position] == 0x2C { position += 1; continue }
                // End of record: CRLF, LF, lone CR or end of input.
                if position < n, bytes[position] == 0x0D { position += 1 }
                if position < n, bytes[position] == 0x0A { position += 1 }
                return field
            }
        }
    }
}
