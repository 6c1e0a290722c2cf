import Foundation
import Vapor

/// An `application/x-www-form-urlencoded` body as ordered name–value pairs, so a name may repeat
/// (a row of checkboxes).
struct FormBody: Sendable {
    var pairs: [(String, String)]

    init(pairs: [(String, String)] = []) { self.pairs = pairs }

    init(_ request: Request) {
        guard let buffer = request.body.data else { self.init(); return }
        self.init(encoded: String(decoding: Data(buffer: buffer), as: UTF8.self))
    }

    init(encoded: String) {
        func decode(_ s: Substring) -> String {
            String(s).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String(s)
        }
        pairs = encoded.split(separator: "&").map { part in
            let kv = part.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            return (decode(kv[0]), kv.count > 1 ? decode(kv[1]) : "")
        }
    }

    /// The first value of a name, trimmed.
    subscript(name: String) -> String? {
        pairs.first { $0.0 == name }.map { $0.1.trimmingCharacters(in: .whitespacesAndNewlines) }
    }

    func all(_ name: String) -> [String] { pairs.filter { $0.0 == name }.map(\.1) }

    var dictionary: [String: String] {
        Dictionary(pairs, uniquingKeysWith: { first, _ in first })
    }
}
