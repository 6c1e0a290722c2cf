import Foundation
import Logging
import Vapor

/// One JSON object per line, for a log collector: `time` (ISO 8601 UTC, milliseconds), `level`,
/// `label`, `message`, and the metadata flattened beside them, `request-id` included for everything
/// logged while handling a request (Vapor takes it from an `X-Request-Id` header or makes one).
///
/// What Cartograph logs never names a patient: requests are logged by method and path (paths carry
/// opaque IDs, never names, and queries are not logged), and errors by their type and reason, which
/// the repositories word without identity. Fluent's and SQLKit's query logging (at debug level) puts
/// the values bound into each query under `input`, `filters` and `binds`, identity included: those
/// fields are written as `[redacted]`, whatever the level. `OperationsTests` greps the log of a whole
/// session for every patient's name and hospital number.
public struct JSONLogHandler: LogHandler {
    public var metadata: Logger.Metadata = [:]
    public var logLevel: Logger.Level
    let label: String
    let write: @Sendable (String) -> Void

    /// Writes to standard output unless told otherwise.
    public init(label: String, level: Logger.Level = .info, write: @escaping @Sendable (String) -> Void = JSONLogHandler.standardOutput) {
        self.label = label; self.logLevel = level; self.write = write
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(level: Logger.Level, message: Logger.Message, metadata explicit: Logger.Metadata?,
                    source: String, file: String, function: String, line: UInt) {
        var fields: [String: String] = [:]
        for (key, value) in metadata.merging(explicit ?? [:], uniquingKeysWith: { $1 }) {
            fields[key] = Self.redacted.contains(key) ? "[redacted]" : Self.flat(value)
        }
        fields["time"] = Self.timestamp(Date())
        fields["level"] = level.rawValue
        fields["label"] = label
        fields["message"] = message.description
        // Sorted keys: one line per event, stable to read and to test.
        guard let data = try? JSONSerialization.data(withJSONObject: fields, options: [.sortedKeys, .withoutEscapingSlashes]),
              let text = String(data: data, encoding: .utf8) else { return }
        write(text)
    }

    /// Metadata that carries the values of a query: never written.
    static let redacted: Set<String> = ["input", "filters", "binds", "sorts", "joins", "fields", "aggregate"]

    static func flat(_ value: Logger.Metadata.Value) -> String {
        switch value {
        case .string(let s): s
        case .stringConvertible(let c): c.description
        case .array(let a): "[" + a.map(flat).joined(separator: ", ") + "]"
        case .dictionary(let d): "{" + d.keys.sorted().map { "\($0): \(flat(d[$0]!))" }.joined(separator: ", ") + "}"
        }
    }

    static func timestamp(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true, timeZone: .gmt))
    }

    public static let standardOutput: @Sendable (String) -> Void = { line in
        FileHandle.standardOutput.write(Data((line + "\n").utf8))
    }
}

/// Sends the request's ID back as `X-Request-Id`, so a user's report of a failure can be found in the log.
/// An ID a client sent is echoed only when it is short and plain (at most 128 letters, digits and
/// `-_.:`); anything else is not repeated back.
struct RequestIDMiddleware: AsyncMiddleware {
    static func isPlain(_ id: String) -> Bool {
        !id.isEmpty && id.utf8.count <= 128 && id.unicodeScalars.allSatisfy { $0.isASCII && (CharacterSet.alphanumerics.contains($0) || "-_.:".unicodeScalars.contains($0)) }
    }

    func respond(to request: Request, chainingTo next: AsyncResponder) async throws -> Response {
        let response = try await next.respond(to: request)
        if Self.isPlain(request.id) { response.headers.replaceOrAdd(name: .xRequestId, value: request.id) }
        return response
    }
}
