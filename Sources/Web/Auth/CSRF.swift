import Vapor

/// Synchroniser-token CSRF protection: a random token lives in the session and every form (and every
/// cookie-authenticated API call that changes something) must send it back.
enum CSRF {
    static let field = "_csrf"

    /// The session's token, created on first use.
    static func token(for request: Request) -> String {
        if let t = request.session.data["csrf"] { return t }
        var bytes = [UInt8](repeating: 0, count: 24)
        for i in bytes.indices { bytes[i] = UInt8.random(in: 0...255) }
        let t = Data(bytes).base64EncodedString()
        request.session.data["csrf"] = t
        return t
    }

    static func verify(_ request: Request, submitted: String?) throws {
        guard let expected = request.session.data["csrf"], let submitted,
              constantTimeEqual(Array(expected.utf8), Array(submitted.utf8)) else {
            throw Abort(.forbidden, reason: "missing or wrong CSRF token; reload the page and try again")
        }
    }

    private static func constantTimeEqual(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a.count == b.count else { return false }
        return zip(a, b).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }
}
