import CartographCore
import Fluent
import Foundation
import Store
import Testing
import TestSupport
import Vapor
import VaporTesting
@testable import Web

/// The treating physician printed on the wallet card: named by a clinical role from the center's
/// active physicians, audited, and refused for anyone else.
@Suite("Treating physician", .serialized)
struct TreatingPhysicianTests {
    @Test("a coordinator names the center's physician; both wallet cards print the name; null clears it back to a line to write on")
    func namedAndPrinted() async throws {
        try await withTestApp(today: SelfCheckTests.today.description) { app in
            // setup: an infused patient with an account
            let (f, _, patient, session) = try await SelfCheckTests.setUp(app)
            let coordinator = try await app.token(Fixtures.email(.coordinator, center: "C01"))
            let physician = f.usersA[.physician]!.userID
            let physicianName = try await User.find(physician, on: app.db)!.displayName
            // MUT
            var res = try await app.json(.POST, "/api/patients/\(patient)/treating-physician", token: coordinator,
                                         body: #"{"physicianID":"\#(physician)"}"#)
            #expect(res.status == .noContent)
            // validate: the patient's own card and the staff card
            let mine = try await app.page("/me/card", cookie: session.cookie)
            #expect(mine.body.string.contains("<dd>\(physicianName)</dd>"))
            let staff = try await app.signIn(Fixtures.email(.nurse, center: "C01"))
            #expect(try await app.page("/patients/\(patient)/wallet-card", cookie: staff.cookie).body.string.contains("<dd>\(physicianName)</dd>"))
            // the patient page's form shows the choice
            let page = try await app.page("/patients/\(patient)", cookie: staff.cookie).body.string
            #expect(page.contains(#"<option value="\#(physician.uuidString)" selected>"#))
            // naming the same one again records nothing new; clearing does
            res = try await app.json(.POST, "/api/patients/\(patient)/treating-physician", token: coordinator, body: #"{"physicianID":"\#(physician)"}"#)
            #expect(res.status == .noContent)
            res = try await app.json(.POST, "/api/patients/\(patient)/treating-physician", token: coordinator, body: #"{"physicianID":null}"#)
            #expect(res.status == .noContent)
            #expect(try await app.page("/me/card", cookie: session.cookie).body.string.contains(#"<span class="write-in">"#))
            #expect(try await AuditEvent.query(on: app.db).filter(\.$action == "therapy.treatingPhysicianSet").count() == 2)
        }
    }

    @Test("refused: roles that do not record the journey, a nurse or another center's physician as the physician, a malformed ID, another center's patient")
    func refused() async throws {
        try await withTestApp(today: SelfCheckTests.today.description) { app in
            // setup
            let (f, _, patient, _) = try await SelfCheckTests.setUp(app)
            let path = "/api/patients/\(patient)/treating-physician"
            let physician = f.usersA[.physician]!.userID
            for role in [Role.manufacturing, .qa, .statistician] {
                let token = try await app.token(Fixtures.email(role, center: "C01"))
                #expect(try await app.json(.POST, path, token: token, body: #"{"physicianID":"\#(physician)"}"#).status == .forbidden, "\(role)")
            }
            let nurse = try await app.token(Fixtures.email(.nurse, center: "C01"))
            for wrong in [f.usersA[.nurse]!.userID, f.usersB[.physician]!.userID, UUID()] {
                let res = try await app.json(.POST, path, token: nurse, body: #"{"physicianID":"\#(wrong)"}"#)
                #expect(res.status == .unprocessableEntity && res.errorFields == ["physicianID"], "\(wrong)")
            }
            #expect(try await app.json(.POST, path, token: nurse, body: #"{"physicianID":"not-a-uuid"}"#).status == .badRequest)
            #expect(try await app.json(.POST, path, token: nurse, body: #"{"physician":"\#(physician)"}"#).status == .badRequest)
            let other = try await app.token(Fixtures.email(.coordinator, center: "C02"))
            #expect(try await app.json(.POST, path, token: other, body: #"{"physicianID":null}"#).status == .notFound)
            // a deactivated physician is no longer a choice
            let account = try await User.find(physician, on: app.db)!
            account.deactivatedAt = Date()
            try await account.save(on: app.db)
            #expect(try await app.json(.POST, path, token: nurse, body: #"{"physicianID":"\#(physician)"}"#).status == .unprocessableEntity)
            // the page's form answers beside the field
            let session = try await app.signIn(Fixtures.email(.coordinator, center: "C01"))
            let page = try await app.form("/patients/\(patient)/treating-physician", cookie: session.cookie,
                                          fields: [("_csrf", session.csrf), ("physicianID", "garbage")])
            #expect(page.status == .unprocessableEntity)
            #expect(page.body.string.contains("choose an active physician of this center"))
            #expect(try await AuditEvent.query(on: app.db).filter(\.$action == "therapy.treatingPhysicianSet").count() == 0)
        }
    }
}
