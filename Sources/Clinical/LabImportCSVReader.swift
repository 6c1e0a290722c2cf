import Foundation

/// One CSV record: its fields and the file line it starts on (1-based).
struct LabImportCSVRecord: Sendable, Equatable {
    var line: Int
    var fields: [String]
}

/// A structural fault in the CSV text: `field` is the 0-based field index within the record.
struct LabImportCSVFault: Sendable, Equatable {
    var line: Int
    var field: Int?
    var message: String
}

/// Splits CSV text into records (RFC 4180, Shafranovich 2005).
///
/// - Separator `,`; records end with CRLF, LF or a lone CR (old spreadsheet exports).
/// - A field that starts with `"` is quoted: it may hold commas, line breaks and `""` (one quote), and
///   must be followed by a separator or the end of the record. Text after its closing quote, or a `"`
///   inside an unquoted field, is a fault (RFC 4180 §2.5–2.7).
/// - A UTF-8 byte-order mark at the start is dropped; text that is not UTF-8 is a fault.
/// - The text after the last line break, when empty, is no record (a trailing newline is not a row).
/// - An unterminated quote is a fault that ends reading: everything after it would be one field.
///
/// Works on bytes: every structural character is ASCII, so splitting UTF-8 there is safe.
enum LabImportCSVReader {
    static func read(_ data: Data) -> (records: [LabImportCSVRecord], faults: [LabImportCSVFault]) {
        var bytes = [UInt8](data)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        guard String(data: Data(bytes), encoding: .utf8) != nil else {
            return ([], [LabImportCSVFault(line: 1, field: nil, message: "the file is not UTF-8 text; save it as CSV UTF-8")])
        }
        let quote: UInt8 = 0x22, comma: UInt8 = 0x2C, cr: UInt8 = 0x0D, lf: UInt8 = 0x0A
        var records: [LabImportCSVRecord] = []
        var faults: [LabImportCSVFault] = []
        var i = 0, line = 1
        let n = bytes.count

        func text(_ b: ArraySlice<UInt8>) -> String { String(decoding: b, as: UTF8.self) }

        while i < n {
            let recordLine = line
            var fields: [String] = []
            var recordDone = false
            while !recordDone {
                let fieldIndex = fields.count
                if i < n && bytes[i] == quote {
                    i += 1
                    var value: [UInt8] = []
                    var closed = false
                    while i < n {
                        let b = bytes[i]
                        if b == quote {
                            if i + 1 < n && bytes[i + 1] == quote { value.append(quote); i += 2; continue }
                            i += 1; closed = true; break
                        }
                        if b == lf || (b == cr && (i + 1 >= n || bytes[i + 1] != lf)) { line += 1 }
                        value.append(b); i += 1
                    }
                    if !closed {
                        faults.append(LabImportCSVFault(line: recordLine, field: fieldIndex,
                                                        message: "a quoted field opened here is never closed"))
                        return (records, faults)
                    }
                    if i < n && bytes[i] != comma && bytes[i] != cr && bytes[i] != lf {
                        let start = i
                        while i < n && bytes[i] != comma && bytes[i] != cr && bytes[i] != lf { i += 1 }
                        faults.append(LabImportCSVFault(line: recordLine, field: fieldIndex,
                                                        message: "text \"\(text(bytes[start..<i]))\" after a closing quote; quote the whole field"))
                    }
                    fields.append(text(value[...]))
                } else {
                    let start = i
                    while i < n && bytes[i] != comma && bytes[i] != cr && bytes[i] != lf { i += 1 }
                    let raw = bytes[start..<i]
                    if raw.contains(quote) {
                        faults.append(LabImportCSVFault(line: recordLine, field: fieldIndex,
                                                        message: "a quote inside an unquoted field; quote the whole field and double inner quotes"))
                    }
                    fields.append(text(raw))
                }
                if i >= n { recordDone = true }
                else if bytes[i] == comma { i += 1; if i >= n { fields.append(""); recordDone = true } }
                else {
                    if bytes[i] == cr && i + 1 < n && bytes[i + 1] == lf { i += 2 } else { i += 1 }
                    line += 1
                    recordDone = true
                }
            }
            records.append(LabImportCSVRecord(line: recordLine, fields: fields))
        }
        return (records, faults)
    }
}
