import CartographCore
import Clinical
import Foundation
import Store
import Testing
import TestSupport
import Vapor
import VaporTesting
@testable import Web

@Suite("Lab result corrections over the API")
struct LabCorrectionHTTPTests {
    static let today = CalendarDate("2026-03-15")!
    static let infusion = CalendarDate("2025-12-01")!

    @Test("a mistyped result corrected through the API changes what the response engine concludes; bad bodies name the field")
    func correctionReachesTheEngine() async throws {
        try await withTestApp { app in
            // setup: serum M-protein 3.0 g/dL at baseline, 1.2 on Day 28, and Day 14 mistyped as 12: a rise of
            // 9 g/dL from the nadir, which the IMWG engine cannot read as a response
            let f = try await Fixtures.make(on: app)
            let (p, _) = try await Fixtures.infusedPatient(by: f.coordinatorA, infusion: Self.infusion, today: Self.today, on: app.db)
            let pid = try p.requireID()
            let token = try await app.token(Fixtures.email(.coordinator, center: "C01"))
            let posted = try await app.json(.POST, "/api/patients/\(pid)/labs", token: token, body: """
                [{"date":"2025-11-25","analyte":"serumMProtein","value":3.0,"unit":"g/dL"},
                 {"date":"2025-12-15","analyte":"serumMProtein","value":12,"unit":"g/dL"},
                 {"date":"2025-12-29","analyte":"serumMProtein","value":1.2,"unit":"g/dL"}]
                """)
            let decoder = JSONDecoder()
            decoder.dateDecodingStrategy = .iso8601
            let stored = try decoder.decode([StoredLabResult].self, from: Data(posted.body.string.utf8))
            let typo = try #require(stored.first { $0.value == .number(12) })
            let path = "/api/patients/\(pid)/labs/\(typo.id)/correction"
            let before = try await app.json(.GET, "/api/patients/\(pid)/response", token: token)
            // MUT: bad bodies first, then the correction, then a second one
            let unknown = try await app.json(.POST, path, token: token, body: #"{"reason":"typo","replacement":null,"note":"x"}"#)
            let noReason = try await app.json(.POST, path, token: token, body: #"{"replacement":{"date":"2025-12-15","analyte":"serumMProtein","value":1.2,"unit":"g/dL"}}"#)
            let badUnit = try await app.json(.POST, path, token: token, body: #"{"reason":"typo","replacement":{"date":"2025-12-15","analyte":"serumMProtein","value":1.2,"unit":"mmol/L"}}"#)
            let done = try await app.json(.POST, path, token: token, body: #"{"reason":"transcription: 12 for 1.2","replacement":{"date":"2025-12-15","analyte":"serumMProtein","value":1.2,"unit":"g/dL"}}"#)
            let missing = try await app.json(.POST, "/api/patients/\(pid)/labs/\(UUID())/correction", token: token,
                                             body: #"{"reason":"typo","replacement":null}"#)
            let after = try await app.json(.GET, "/api/patients/\(pid)/response", token: token)
            let listed = try await app.json(.GET, "/api/patients/\(pid)/labs/corrections", token: token)
            // validate
            #expect(unknown.status == .badRequest && unknown.body.string.contains(#""field":"note""#))
            #expect(noReason.status == .unprocessableEntity && noReason.body.string.contains(#""field":"reason""#))
            #expect(badUnit.status == .unprocessableEntity && badUnit.body.string.contains(#""field":"replacement.unit""#))
            #expect(done.status == .created, "\(done.body.string)")
            #expect(missing.status == .notFound)
            // −60% at Day 14 and Day 28 (3.0 → 1.2): a confirmed PR (IMWG 2016) once the 12 is corrected
            #expect(!before.body.string.contains(#""bestConfirmedResponse":"PR""#))
            #expect(after.body.string.contains(#""bestConfirmedResponse":"PR""#), "\(after.body.string)")
            #expect(listed.status == .ok && listed.body.string.contains("transcription: 12 for 1.2"))
        }
    }
}
