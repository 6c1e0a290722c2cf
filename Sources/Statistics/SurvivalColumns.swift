import Foundation

/// A table of text columns as read from a CSV file (header name → one cell per data row),
/// the input of the `stats` command-line contract (``SurvivalCommands``).
///
/// Cell conventions, shared by every command:
/// - cells are trimmed of spaces and tabs; a cell that is then empty is *missing*, and a row
///   with a missing value in any column the command uses is skipped and counted
///   (`skippedRows`), like R's `na.omit` (write R data with `write.csv(na = "")`);
/// - numbers are decimal text (`Double(String)`); times must be finite and ≥ 0;
/// - event cells are 1 (event) or 0 (censored), numerically (so "1.0" is accepted);
/// - rows are numbered from 1 for the first data row (the header is not counted).
public struct SurvivalColumns: Sendable, Equatable {
    public let columns: [String: SurvivalTextColumn]
    /// Header order, for messages.
    public let names: [String]
    public let rowCount: Int

    /// - Parameters:
    ///   - names: every header name in file order (used in messages; may list columns that
    ///     were not loaded).
    ///   - columns: the loaded columns, all of one length.
    /// - Throws: ``SurvivalStatisticsError/lengthMismatch(field:expected:actual:)`` when the
    ///   columns differ in length.
    public init(names: [String], textColumns columns: [String: SurvivalTextColumn]) throws {
        let ordered = names.filter { columns[$0] != nil } + columns.keys.filter { !names.contains($0) }.sorted()
        let count = ordered.first.flatMap { columns[$0]?.count } ?? 0
        for name in ordered {
            let c = columns[name]?.count ?? 0
            guard c == count else { throw SurvivalStatisticsError.lengthMismatch(field: name, expected: count, actual: c) }
        }
        self.columns = columns
        self.names = names
        self.rowCount = count
    }

    /// Convenience for small tables: columns as arrays of cell strings.
    public init(names: [String], columns: [String: [String]]) throws {
        try self.init(names: names, textColumns: columns.mapValues { SurvivalTextColumn($0) })
    }

    /// The cells of a named column, as written.
    public func column(_ name: String) throws -> [String] {
        let c = try textColumn(name)
        return (0..<c.count).map { c[$0] }
    }

    func textColumn(_ name: String) throws -> SurvivalTextColumn {
        guard let c = columns[name] else { throw SurvivalStatisticsError.unknownColumn(name, available: names) }
        return c
    }

    /// Rows (0-based) with no missing cell in `used`, and the number skipped.
    func completeRows(_ used: [String]) throws -> (rows: [Int], skipped: Int) {
        let cols = try used.map { try textColumn($0) }
        // A column is checked on its own storage; `present[r]` ends true only if every used
        // column has a non-blank cell in row r.
        var present = [Bool](repeating: true, count: rowCount)
        for c in cols {
            c.withCells { b, e in
                for r in 0..<rowCount where present[r] {
                    let start = r == 0 ? 0 : e[r - 1]
                    // Fast test: a first byte that is not a space or tab means a non-blank cell.
                    if start < e[r], b[start] != 0x20, b[start] != 0x09 { continue }
                    if SurvivalTextColumn.trimmedRange(r, bytes: b, ends: e).isEmpty { present[r] = false }
                }
            }
        }
        var rows: [Int] = []
        rows.reserveCapacity(rowCount)
        for r in 0..<rowCount where present[r] { rows.append(r) }
        return (rows, rowCount - rows.count)
    }

    func numbers(_ name: String, rows: [Int], expected: String = "a finite number",
                 valid: (Double) -> Bool = { _ in true }) throws -> [Double] {
        let c = try textColumn(name)
        var out = [Double](repeating: 0, count: rows.count)
        try c.withCells { b, e in
            for (k, r) in rows.enumerated() {
                guard let v = SurvivalTextColumn.number(in: b, range: SurvivalTextColumn.trimmedRange(r, bytes: b, ends: e)),
                      v.isFinite, valid(v) else {
                    throw SurvivalStatisticsError.invalidCell(row: r + 1, column: name, value: c.trimmedString(r), expected: expected)
                }
                out[k] = v
            }
        }
        return out
    }

    func times(_ name: String, rows: [Int]) throws -> [Double] {
        try numbers(name, rows: rows, expected: "a finite time ≥ 0") { $0 >= 0 }
    }

    func events(_ name: String, rows: [Int]) throws -> [Bool] {
        let c = try textColumn(name)
        var out = [Bool](repeating: false, count: rows.count)
        try c.withCells { b, e in
            for (k, r) in rows.enumerated() {
                let range = SurvivalTextColumn.trimmedRange(r, bytes: b, ends: e)
                // "0" and "1" as written are by far the common cells; anything else is read as a number.
                if range.count == 1, b[range.lowerBound] == 0x31 || b[range.lowerBound] == 0x30 {
                    out[k] = b[range.lowerBound] == 0x31
                    continue
                }
                guard let v = SurvivalTextColumn.number(in: b, range: range), v == 0 || v == 1 else {
                    throw SurvivalStatisticsError.invalidCell(row: r + 1, column: name, value: c.trimmedString(r),
                                                              expected: "1 (event) or 0 (censored)")
                }
                out[k] = v == 1
            }
        }
        return out
    }

    /// Group labels as written (trimmed) and their index per row, levels ordered as R orders
    /// factor levels: numerically when every label is a number, otherwise by Unicode code
    /// points (R's C-locale order; R in other locales may order letters case-insensitively).
    func levels(_ name: String, rows: [Int]) throws -> (names: [String], index: [Int]) {
        let c = try textColumn(name)
        // First pass: label id per row in order of first appearance. Few distinct labels are
        // matched by comparing bytes; many switch to a dictionary.
        var distinct: [[UInt8]] = []
        var packed: [UInt64] = []
        var lookup: [[UInt8]: Int] = [:]
        var firstSeen = [Int]()
        firstSeen.reserveCapacity(rows.count)
        c.withCells { b, e in
            for r in rows {
                let range = SurvivalTextColumn.trimmedRange(r, bytes: b, ends: e)
                let cell = UnsafeBufferPointer(rebasing: b[range])
                var id = -1
                // Labels of up to 7 bytes are compared as one integer (bytes plus length).
                var code = UInt64.max
                if cell.count <= 7 {
                    code = UInt64(cell.count) << 56
                    for (shift, byte) in cell.enumerated() { code |= UInt64(byte) << (shift * 8) }
                }
                if distinct.count <= 16 {
                    if code != .max {
                        for k in packed.indices where packed[k] == code { id = k; break }
                    } else {
                        for (k, label) in distinct.enumerated() where label.count == cell.count && label.elementsEqual(cell) {
                            id = k; break
                        }
                    }
                } else if let k = lookup[Array(cell)] {
                    id = k
                }
                if id < 0 {
                    id = distinct.count
                    distinct.append(Array(cell))
                    packed.append(code)
                    lookup[Array(cell)] = id
                }
                firstSeen.append(id)
            }
        }
        let labels = distinct.map { String(decoding: $0, as: UTF8.self) }
        let numeric = labels.map { Double($0) }
        let order: [Int]
        if numeric.allSatisfy({ $0 != nil }) {
            order = labels.indices.sorted { a, b in
                numeric[a]! != numeric[b]! ? numeric[a]! < numeric[b]!
                    : labels[a].unicodeScalars.lexicographicallyPrecedes(labels[b].unicodeScalars)
            }
        } else {
            order = labels.indices.sorted { labels[$0].unicodeScalars.lexicographicallyPrecedes(labels[$1].unicodeScalars) }
        }
        var rank = [Int](repeating: 0, count: labels.count)
        for (position, id) in order.enumerated() { rank[id] = position }
        return (order.map { labels[$0] }, firstSeen.map { rank[$0] })
    }
}
