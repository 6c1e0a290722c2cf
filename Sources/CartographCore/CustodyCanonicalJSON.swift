import Foundation

/// The canonical bytes of a record, for hashing and signing.
///
/// A signature must stay bound to exactly the record that was signed (21 CFR 11.70), so the record is
/// turned into bytes the same way every time: JSON with object keys sorted (`.sortedKeys`), no
/// whitespace, slashes not escaped, dates as UTC ISO 8601 with milliseconds (`2026-03-01T09:30:00.000Z`),
/// `Data` as standard Base64. The lead hashes these bytes with SHA-256 and stores the digest with the
/// signature; this type deliberately does not hash (Foundation has no SHA-256 on Linux, and the store
/// already depends on a crypto library).
///
/// Stable as long as the record's Swift type and its `Codable` keys stay the same: renaming a
/// property changes the bytes, which is the point. Keys are compared as Swift strings; keep them ASCII
/// so every platform sorts them identically. Non-finite numbers (NaN, ∞) cannot be encoded and throw.
public enum CustodyCanonicalJSON {
    /// The canonical JSON bytes of `record`.
    /// - Throws: `EncodingError` when the record holds a value JSON cannot represent (NaN, ∞).
    public static func bytes<Record: Encodable>(of record: Record) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(timestamp(date))
        }
        encoder.dataEncodingStrategy = .base64
        return try encoder.encode(record)
    }

    /// `date` as `YYYY-MM-DDThh:mm:ss.sssZ` in UTC, rounded to the nearest millisecond.
    ///
    /// Built by hand from the day count so that it does not depend on a formatter's locale or on
    /// Foundation version differences in fractional-second output. Rounded to nearest rather than
    /// down because `Date` holds binary seconds since 2001: a moment typed as 1 ms before the epoch is
    /// stored a few attoseconds earlier, and truncation would print 2 ms before it. Counting from
    /// `Date`'s own reference (978 307 200 s after the Unix epoch) keeps the most precision.
    public static func timestamp(_ date: Date) -> String {
        let totalMilliseconds = Int64((date.timeIntervalSinceReferenceDate * 1000).rounded()) + 978_307_200_000
        let msPerDay: Int64 = 86_400_000
        let days = totalMilliseconds >= 0 ? totalMilliseconds / msPerDay : (totalMilliseconds - msPerDay + 1) / msPerDay
        let inDay = totalMilliseconds - days * msPerDay
        let day = CalendarDate(daysSinceEpoch: Int(days))
        let hours = inDay / 3_600_000, minutes = inDay / 60_000 % 60
        let seconds = inDay / 1000 % 60, millis = inDay % 1000
        func pad(_ v: Int64, _ width: Int) -> String {
            let s = String(v)
            return String(repeating: "0", count: max(0, width - s.count)) + s
        }
        return "\(day)T\(pad(hours, 2)):\(pad(minutes, 2)):\(pad(seconds, 2)).\(pad(millis, 3))Z"
    }
}
