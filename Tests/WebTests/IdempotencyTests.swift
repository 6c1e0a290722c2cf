import CartographCore
import Fluent
import Foundation
import Store
import Testing
import TestSupport
import Vapor
import VaporTesting
@testable import Web

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

    /// A server killed after its write committed but before it stored the answer leaves the claim
    /// unanswered (status 0). Lab results have no natural duplicate check, so only the audit
    /// evidence stands between a retry and a second copy of each result.
    @Test("a write whose server died after the commit is never carried out again, even after the claim lapses; one that died before the commit runs once on retry")
    func committedButUnanswered() async throws {
        try await withTestApp { app in
            // setup
            let f = try await Fixtures.make(on: app)
            let (p, _) = try await Fixtures.infusedPatient(by: f.coordinatorA, infusion: CalendarDate("2025-12-01")!, today: CalendarDate("2026-03-15")!, on: app.db)
            let path = "/api/patients/\(try p.requireID())/labs"
            let token = try await app.token(Fixtures.email(.coordinator, center: "C01"))
            let body = #"[{"date":"2025-11-25","analyte":"serumMProtein","value":3.0,"unit":"g/dL"},{"date":"2025-12-29","analyte":"serumMProtein","value":1.2,"unit":"g/dL"}]"#
            let first = try await app.json(.POST, path, token: token, body: body, idempotencyKey: "labs-1")
            #expect(first.status == .created, "\(first.body.string)")
            let stored = try await LabResultRecord.query(on: app.db).count()
            // The server "dies" between commit and answer: the claim is unanswered, and ten minutes old.
            let claim = try #require(try await IdempotentRequest.query(on: app.db).first())
            claim.status = 0; claim.body = nil; claim.contentType = nil
            claim.createdAt = Date().addingTimeInterval(-600)
            try await claim.update(on: app.db)
            // MUT
            let retry = try await app.json(.POST, path, token: token, body: body, idempotencyKey: "labs-1")
            let again = try await app.json(.POST, path, token: token, body: body, idempotencyKey: "labs-1")
            // validate
            #expect(retry.status == .conflict && retry.headers.first(name: "Idempotent-Outcome") == "committed", "\(retry.status) \(retry.body.string)")
            #expect(retry.body.string.contains("carried out"))
            #expect(again.status == .conflict)
            #expect(try await LabResultRecord.query(on: app.db).count() == stored)
            // Another body under the same key is still 422, evidence or not.
            let other = try await app.json(.POST, path, token: token, body: body.replacingOccurrences(of: "1.2", with: "1.3"), idempotencyKey: "labs-1")
            #expect(other.status == .unprocessableEntity)

            // A claim whose server died before committing has no evidence: it lapses and the retry runs once.
            let later = body.replacingOccurrences(of: "2025-11-25", with: "2025-11-26").replacingOccurrences(of: "2025-12-29", with: "2025-12-30")
            try await IdempotentRequest(id: claim.id!.replacingOccurrences(of: "labs-1", with: "labs-2"),
                                        requestDigest: IdempotencyMiddleware.digest(method: "POST", path: path, body: Data(later.utf8)),
                                        createdAt: Date().addingTimeInterval(-600)).create(on: app.db)
            let lapsed = try await app.json(.POST, path, token: token, body: later, idempotencyKey: "labs-2")
            #expect(lapsed.status == .created, "\(lapsed.body.string)")
            #expect(try await LabResultRecord.query(on: app.db).count() == stored + 2)
            let replayed = try await app.json(.POST, path, token: token, body: later, idempotencyKey: "labs-2")
            #expect(replayed.headers.first(name: "Idempotent-Replayed") == "true")
            #expect(try await LabResultRecord.query(on: app.db).count() == stored + 2)
            // Writes sent without a key carry none.
            #expect(try await AuditEvent.query(on: app.db).filter(\.$requestKey == nil).count() > 0)
        }
    }
}
