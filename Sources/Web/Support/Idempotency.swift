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
///   request may reuse it. Keys are kept 24 hours; a claim left unanswered for five minutes (its server
///   died mid-request) is released too.
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
        var hasher = SHA256()
        hasher.update(data: Data("\(request.method.rawValue) \(request.url.path)\n".utf8))
        if let body = request.body.data { hasher.update(data: Data(body.readableBytesView)) }
        let digest = hasher.finalize().map { String(format: "%02x", $0) }.joined()
        let now = Date()
        try await IdempotentRequest.query(on: request.db).filter(\.$createdAt < now.addingTimeInterval(-Self.lifetime)).delete()

        if let stored = try await IdempotentRequest.find(id, on: request.db) {
            // A claim never answered for five minutes belongs to a request that died with its server.
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
        do { response = try await next.respond(to: request) } catch {
            try? await IdempotentRequest.query(on: request.db).filter(\.$id == id).delete()
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
