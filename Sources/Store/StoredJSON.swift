import Foundation

/// Text for a JSON column. Keys are sorted so the same value always gives the same text: audit hashes
/// and signature digests are taken over this text.
enum StoredJSON {
    static func text(_ value: some Encodable, dates: JSONEncoder.DateEncodingStrategy = .deferredToDate) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.dateEncodingStrategy = dates
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}
