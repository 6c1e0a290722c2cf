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
        let columns: [SurvivalTextColumn]
        // A file without any quote after the header splits at line ends into pieces that parse
        // independently, large files one per core (a quote could hide a line end inside a
        // field, so a file with one is read by the general scanner). Rows keep their order:
        // pieces are joined in file order.
        if memchr(bytes.baseAddress! + body, 0x22, bytes.count - body) == nil {
            let pieces = bytes.count - body > splitAbove ? max(2, min(4, ProcessInfo.processInfo.activeProcessorCount)) : 1
            var bounds = [body]
            for k in 1..<pieces {
                var cut = max(bounds[k - 1], body + (bytes.count - body) * k / pieces)
                while cut < bytes.count, bytes[cut] != 0x0A { cut += 1 }
                bounds.append(min(bytes.count, cut + 1))
            }
            bounds.append(bytes.count)
            let results = ConcurrentResults<UnquotedPiece>(count: pieces)
            // The mapped file outlives the concurrent reads, which only read it.
            let shared = SharedBytes(bytes: bytes)
            let (cuts, fieldCount, slots, slotMap) = (bounds, names.count, keptNames.count, slotOfField)
            DispatchQueue.concurrentPerform(iterations: pieces) { k in
                results.set(k, Result {
                    try parseUnquoted(shared.bytes, from: cuts[k], to: cuts[k + 1], fieldCount: fieldCount,
                                      slotOfField: slotMap, slots: slots)
                })
            }
            let outcomes = (0..<pieces).map { k in Result { try results.get(k) } }
            // Every piece that parsed owns buffers, whether the file as a whole is accepted or not.
            defer { for case .success(let piece) in outcomes { for writer in piece.cells { writer.deallocate() } } }
            var parsed: [UnquotedPiece] = []
            for outcome in outcomes {
                do { parsed.append(try outcome.get()) } catch ReadError.fieldCount(let row, let found, let expected) {
                    let rowsBefore = parsed.reduce(0) { $0 + $1.rows }
                    throw ReadError.fieldCount(row: rowsBefore + row, found: found, expected: expected)
                }
            }
            columns = (0..<keptNames.count).map { slot in CellWriter.join(parsed.map { $0.cells[slot] }) }
        } else {
            columns = try parseRecords(bytes, scanner: &scanner, names: names, slotOfField: slotOfField, slots: keptNames.count)
        }
        var byName = [String: SurvivalTextColumn]()
        for (slot, name) in keptNames.enumerated() { byName[name] = columns[slot] }
        return try SurvivalColumns(names: names, textColumns: byName)
    }

    /// The cells of one piece of a quote-free file, per wanted column, and its record count.
    struct UnquotedPiece: @unchecked Sendable {
        var cells: [CellWriter]
        var rows: Int
    }

    /// Reads the records of a quote-free piece `[from, to)` (whole lines) into `slots` columns;
    /// rows are numbered from 1 within the piece (errors name them).
    ///
    /// Separators (comma, LF, CR) are found eight bytes at a time: each byte of a word is XORed
    /// with the separator and tested for zero exactly, without carries between bytes, by
    /// `~(((y & 0x7F…) + 0x7F…) | y | 0x7F…)`, which sets a byte's top bit iff the byte is zero
    /// (Anderson, "Bit Twiddling Hacks", determining if a word has a zero byte). Only the
    /// separators are then visited, which skips the digits of the fields.
    static func parseUnquoted(_ bytes: UnsafeBufferPointer<UInt8>, from: Int, to n: Int, fieldCount: Int, slotOfField: [Int],
                              slots: Int) throws -> UnquotedPiece {
        let estimatedRows = max(16, (n - from) / 16)
        let writers = UnsafeMutableBufferPointer<CellWriter>.allocate(capacity: slots)
        for slot in 0..<slots { writers.initializeElement(at: slot, to: CellWriter(cells: estimatedRows, bytes: estimatedRows * 8)) }
        defer { writers.deallocate() }
        var succeeded = false
        defer { if !succeeded { for writer in writers { writer.deallocate() } } }
        let base = bytes.baseAddress!
        var row = 0
        var field = 0
        var fieldStart = from
        // The field from `fieldStart` ends at `i`; with `endsRecord` so does its record.
        func closeField(at i: Int, endsRecord: Bool) throws {
            if field < slotOfField.count, case let slot = slotOfField[field], slot >= 0 {
                writers[slot].append(base + fieldStart, count: i - fieldStart)
            }
            field += 1
            fieldStart = i + 1
            if endsRecord {
                row += 1
                guard field == fieldCount else { throw ReadError.fieldCount(row: row, found: field, expected: fieldCount) }
                field = 0
            }
        }
        // One separator at `i`: closes a field, and at a line end a record (or skips an empty line).
        func separator(at i: Int) throws {
            let endsRecord = base[i] != 0x2C
            if endsRecord, field == 0, fieldStart == i {  // empty line, or the LF of a CRLF
                fieldStart = i + 1
                return
            }
            try closeField(at: i, endsRecord: endsRecord)
        }
        let low7: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
        @inline(__always) func zeroBytes(_ y: UInt64) -> UInt64 { ~(((y & low7) &+ low7) | y | low7) }
        var pos = from
        let raw = UnsafeRawPointer(base)
        while pos + 8 <= n {
            let word = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: pos, as: UInt64.self))
            var hits = zeroBytes(word ^ 0x2C2C_2C2C_2C2C_2C2C) | zeroBytes(word ^ 0x0A0A_0A0A_0A0A_0A0A)
                | zeroBytes(word ^ 0x0D0D_0D0D_0D0D_0D0D)
            while hits != 0 {
                try separator(at: pos + hits.trailingZeroBitCount >> 3)
                hits &= hits - 1
            }
            pos += 8
        }
        while pos < n {
            let b = base[pos]
            if b == 0x2C || b == 0x0A || b == 0x0D { try separator(at: pos) }
            pos += 1
        }
        // A last record without a line end.
        if field > 0 || fieldStart < n { try closeField(at: n, endsRecord: true) }
        succeeded = true
        return UnquotedPiece(cells: Array(writers), rows: row)
    }

    /// The general reader for a file with quotes: each record through ``Scanner``.
    static func parseRecords(_ bytes: UnsafeBufferPointer<UInt8>, scanner: inout Scanner, names: [String], slotOfField: [Int],
                             slots: Int) throws -> [SurvivalTextColumn] {
        var columns = [SurvivalTextColumn](repeating: SurvivalTextColumn(), count: slots)
        var row = 0
        while true {
            row += 1
            guard let count = try scanner.nextRecord(row: row, { field, value in
                if field < slotOfField.count, case let slot = slotOfField[field], slot >= 0 { columns[slot].append(value) }
            }) else { break }
            guard count == names.count else { throw ReadError.fieldCount(row: row, found: count, expected: names.count) }
        }
        return columns
    }

    /// Growable raw storage for one column's cells while a piece is parsed: appending a cell is a
    /// short copy and one store, with none of an array's per-append bookkeeping. Owned by the
    /// reader, which deallocates it after ``join(_:)``.
    struct CellWriter {
        private(set) var bytes: UnsafeMutablePointer<UInt8>
        private var byteCapacity: Int
        private(set) var byteCount = 0
        private(set) var ends: UnsafeMutablePointer<Int>
        private var cellCapacity: Int
        private(set) var cellCount = 0

        init(cells: Int, bytes byteCapacity: Int) {
            self.cellCapacity = max(1, cells)
            self.byteCapacity = max(1, byteCapacity)
            self.bytes = .allocate(capacity: self.byteCapacity)
            self.ends = .allocate(capacity: self.cellCapacity)
        }

        @inline(__always)
        mutating func append(_ start: UnsafePointer<UInt8>, count: Int) {
            if byteCount + count > byteCapacity { growBytes(to: byteCount + count) }
            if cellCount == cellCapacity { growCells() }
            for j in 0..<count { bytes[byteCount + j] = start[j] }
            byteCount += count
            ends[cellCount] = byteCount
            cellCount += 1
        }

        private mutating func growBytes(to needed: Int) {
            let capacity = max(needed, byteCapacity * 2)
            let larger = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
            larger.update(from: bytes, count: byteCount)
            bytes.deallocate()
            (bytes, byteCapacity) = (larger, capacity)
        }

        private mutating func growCells() {
            let larger = UnsafeMutablePointer<Int>.allocate(capacity: cellCapacity * 2)
            larger.update(from: ends, count: cellCount)
            ends.deallocate()
            (ends, cellCapacity) = (larger, cellCapacity * 2)
        }

        func deallocate() {
            bytes.deallocate()
            ends.deallocate()
        }

        /// One column from the pieces' cells in order (each piece's offsets shifted by the bytes before it).
        static func join(_ pieces: [CellWriter]) -> SurvivalTextColumn {
            let totalBytes = pieces.reduce(0) { $0 + $1.byteCount }
            let totalCells = pieces.reduce(0) { $0 + $1.cellCount }
            let bytes = [UInt8](unsafeUninitializedCapacity: totalBytes) { buffer, count in
                var offset = 0
                for piece in pieces {
                    (buffer.baseAddress! + offset).initialize(from: piece.bytes, count: piece.byteCount)
                    offset += piece.byteCount
                }
                count = totalBytes
            }
            let ends = [Int](unsafeUninitializedCapacity: totalCells) { buffer, count in
                var cell = 0, shift = 0
                for piece in pieces {
                    for i in 0..<piece.cellCount { buffer[cell + i] = piece.ends[i] + shift }
                    cell += piece.cellCount
                    shift += piece.byteCount
                }
                count = totalCells
            }
            return SurvivalTextColumn(bytes: bytes, ends: ends)
        }
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
