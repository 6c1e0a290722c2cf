import CartographCore
import Fluent
import Foundation
import Store
import Testing
import TestSupport
import Vapor
import VaporTesting

/// Retries with an `Idempotency-Key` write once.
@Suite("Idempotent API writes", .serialized)
struct IdempotencyTests {
    static let enrol = #"{"givenName":"Ana","familyName":"Retry","dateOfBirth":"1960-02-03","hospitalNumber":"H-RETRY-1","sex":"female","enrolledOn":"2026-03-01"}"#

    @Test("a retried enrolment returns the first answer and enrols once; another body under the key is 422; a refused request frees the key")
    func retries() async throws {
        try await withTestApp { app in
            _ = try await Fixtures.make(on: app)
            let token = try await app.token(Fixtures.email(.coordinator, center: "C01"))
            let first = try await app.json(.POST, "/api/patients", token: token, body: Self.enrol, idempotencyKey: "enrol-ana-1")
            #expect(first.status == .ok || first.status == .created, "\(first.status) \(first.body.string)")
            let again = try await app.json(.POST, "/api/patients", token: token, body: Self.enrol, idempotencyKey: "enrol-ana-1")
            #expect(again.status == first.status)
            #expect(again.body.string == first.body.string)
            #expect(again.headers.first(name: "Idempotent-Replayed") == "true")
            #expect(try await Patient.query(on: app.db).filter(\.$origin == "real").count() == 1)
            let other = try await app.json(.POST, "/api/patients", token: token, body: Self.enrol.replacingOccurrences(of: "Ana", with: "Bo"),
                                           idempotencyKey: "enrol-ana-1")
            #expect(other.status == .unprocessableEntity && other.errorFields == ["Idempotency-Key"])
            // Without a key the same body is a new request (and the duplicate check names it).
            let unkeyed = try await app.json(.POST, "/api/patients", token: token, body: Self.enrol)
            #expect(unkeyed.status == .unprocessableEntity && unkeyed.errorFields == ["duplicateReason"])
            // A refused request writes nothing and releases its key for the corrected one.
            let bad = try await app.json(.POST, "/api/patients", token: token, body: #"{"givenName":"X"}"#, idempotencyKey: "k2")
            #expect(bad.status == .badRequest)
            let good = try await app.json(.POST, "/api/patients", token: token,
                                          body: Self.enrol.replacingOccurrences(of: "H-RETRY-1", with: "H-RETRY-2").replacingOccurrences(of: "Ana", with: "Cy"),
                                          idempotencyKey: "k2")
            #expect(good.status == first.status)
            // Keys belong to their user: another user's same key is a different request.
            let nurse = try await app.token(Fixtures.email(.physician, center: "C01"))
            let theirs = try await app.json(.POST, "/api/patients", token: nurse,
                                            body: Self.enrol.replacingOccurrences(of: "H-RETRY-1", with: "H-RETRY-3").replacingOccurrences(of: "Ana", with: "Di"),
                                            idempotencyKey: "enrol-ana-1")
            #expect(theirs.headers.first(name: "Idempotent-Replayed") == nil)
            // A key must be printable ASCII without spaces.
            #expect(try await app.json(.POST, "/api/patients", token: token, body: Self.enrol, idempotencyKey: "has space").errorFields == ["Idempotency-Key"])
        }
    }
}
