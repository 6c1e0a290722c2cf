import CartographCore
import Crypto
import Fluent
import Store
import Vapor

/// `Idempotency-Key` on API writes: a client that got no answer (a dropped connection, a timeout)
/// retries with the same key, and the write happens once.
///
/// - The first request with a key claims it (a row keyed by user and key, inserted before the handler
///   runs, so a concurrent twin gets 409 instead of writing twice), then stores the answer.
/// - A repeat with the same method, path and body gets the stored answer, marked `Idempotent-Replayed`.
/// - A repeat with another body or path is 422 naming `Idempotency-Key`.
/// - A request the handler refused (an error: nothing was written) releases the key, so the corrected
///   request may reuse it. Keys are kept 24 hours.
/// - Every audit record the handler writes carries the key, in the write's own transaction. A server
///   killed after the commit but before storing the answer leaves an unanswered claim *and* that
///   evidence: a retry is then told the write was carried out (409, `Idempotent-Outcome: committed`,
///   naming the audit record) and it is never done twice. A claim left unanswered for five minutes
///   with no such record (its server died before committing) is released, and the retry runs.
/// Set by a handler whose answer carries a one-time secret (a password link, a webhook's signing
/// secret): the answer is then not kept. A retry with the key is told the request was handled (409)
/// instead of receiving the secret again from storage.
struct CarriesOneTimeSecret: StorageKey { typealias Value = Bool }

struct IdempotencyMiddleware: AsyncMiddleware {
    static let header = "Idempotency-Key"
    static let lifetime: TimeInterval = 24 * 3600

    func respond(to request: Request, chainingTo next: AsyncResponder) async throws -> Response {
        guard [.POST, .DELETE, .PUT, .PATCH].contains(request.method), let key = request.headers.first(name: Self.header) else {
            return try await next.respond(to: request)
        }
        guard (1...200).contains(key.count), key.unicodeScalars.allSatisfy({ (0x21...0x7E).contains($0.value) }) else {
            throw StoreError.invalid([FieldError(Self.header, "1 to 200 printable ASCII characters without spaces")])
        }
        guard let user = request.auth.get(User.self) else { return try await next.respond(to: request) }
        let id = "\(try user.requireID().uuidString):\(key)"
        let digest = Self.digest(method: request.method.rawValue, path: request.url.path,
                                 body: request.body.data.map { Data($0.readableBytesView) } ?? Data())
        let now = Date()
        try await IdempotentRequest.query(on: request.db).filter(\.$createdAt < now.addingTimeInterval(-Self.lifetime)).delete()

        if let stored = try await IdempotentRequest.find(id, on: request.db) {
            if stored.status == 0, stored.requestDigest == digest, let evidence = try await RequestKey.evidence(id, on: request.db) {
                return try Self.committed(evidence)
            }
            // A claim never answered for five minutes, with no audit record under its key, belongs to a
            // request that died with its server before writing anything.
            if stored.status == 0, stored.createdAt < now.addingTimeInterval(-300) {
                try await stored.delete(on: request.db)
            } else {
                return try Self.replay(stored, digest: digest)
            }
        }
        do {
            try await IdempotentRequest(id: id, requestDigest: digest, createdAt: now).create(on: request.db)
        } catch {
            // A twin claimed the key between our read and our insert.
            if let stored = try await IdempotentRequest.find(id, on: request.db) { return try Self.replay(stored, digest: digest) }
            throw error
        }
        let response: Response
        // Every `req.db` from here on carries the key to the audit records the handler writes.
        request.logger[metadataKey: RequestKey.metadataKey] = .string(id)
        do { response = try await next.respond(to: request) } catch {
            // An error after a commit (rare: the answer could not be built) must not free the key: the
            // claim stays unanswered, and its audit evidence answers every retry as committed.
            if (try? await RequestKey.evidence(id, on: request.db)) == nil {
                try? await IdempotentRequest.query(on: request.db).filter(\.$id == id).delete()
            }
            throw error
        }
        guard let row = try await IdempotentRequest.find(id, on: request.db) else { return response }
        if response.status.code < 300, request.storage[CarriesOneTimeSecret.self] == true {
            row.status = 409
            row.contentType = "application/json; charset=utf-8"
            let message = ErrorEnvelope(error: "this request was handled (\(response.status.code)); its answer carried a one-time secret, which is not kept: "
                                        + "look the result up, or issue a new link or secret", fields: [])
            row.body = try JSONEncoder().encode(message).base64EncodedString()
            try await row.update(on: request.db)
        } else if response.status.code < 500, let buffer = response.body.buffer {
            row.status = Int(response.status.code)
            row.contentType = response.headers.first(name: .contentType)
            row.body = Data(buffer.readableBytesView).base64EncodedString()
            try await row.update(on: request.db)
        } else {
            try await row.delete(on: request.db)
        }
        return response
    }

    /// SHA-256 of method, path and body, as lowercase hex: what a retry must repeat.
    static func digest(method: String, path: String, body: Data) -> String {
        var hasher = SHA256()
        hasher.update(data: Data("\(method) \(path)\n".utf8))
        hasher.update(data: body)
        return hasher.finalize().map { String(format: "%02x", $0) }.joined()
    }

    /// The answer to a retry whose first request committed (its audit record carries the key) but
    /// whose answer was never stored: its server stopped in between, or is storing it now.
    static func committed(_ evidence: AuditEvent) throws -> Response {
        let message = ErrorEnvelope(
            error: "this request was carried out (audit record \(evidence.sequence): \(evidence.action) of \(evidence.entity) \(evidence.entityID)) "
                + "but its answer was not kept; look the result up instead of sending it again", fields: [])
        var headers = HTTPHeaders()
        headers.add(name: .contentType, value: "application/json; charset=utf-8")
        headers.add(name: "Idempotent-Outcome", value: "committed")
        return Response(status: .conflict, headers: headers, body: .init(data: try JSONEncoder().encode(message)))
    }

    static func replay(_ stored: IdempotentRequest, digest: String) throws -> Response {
        guard stored.requestDigest == digest else {
            throw StoreError.invalid([FieldError(header, "was used for another request; a retry must repeat the same method, path and body")])
        }
        guard stored.status > 0 else {
            throw Abort(.conflict, reason: "a request with this Idempotency-Key is still being handled; retry in a moment")
        }
        var headers = HTTPHeaders()
        if let type = stored.contentType { headers.add(name: .contentType, value: type) }
        headers.add(name: "Idempotent-Replayed", value: "true")
        let body = stored.body.flatMap { Data(base64Encoded: $0) } ?? Data()
        return Response(status: HTTPResponseStatus(statusCode: stored.status), headers: headers, body: .init(data: body))
    }
}
