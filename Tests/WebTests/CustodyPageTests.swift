import CartographCore
import Fluent
import Foundation
import Store
import Testing
import TestSupport
import Vapor
import VaporTesting

@Suite("Custody pages")
struct CustodyPageTests {
    typealias S = CustodyScenario

    @Test("custody trail with temperature chart, labels, release queue, deviations and slots render; manufacturing sees no name")
    func pagesRender() async throws {
        try await withTestApp { app in
            // setup
            let f = try await Fixtures.make(on: app)
            let t = try await S.enrol(app, f, given: "Ottoline")
            let bag = try await S.productAtCenter(app, f, therapy: t.therapy)
            let mfg = try await app.signIn(Fixtures.email(.manufacturing, center: "C01"))
            let coordinator = try await app.signIn(Fixtures.email(.coordinator, center: "C01"))
            // MUT + validate
            let trail = try await app.page("/patients/\(t.patient)/custody", cookie: mfg.cookie)
            #expect(trail.status == .ok)
            #expect(trail.body.string.contains("Chain of custody") && trail.body.string.contains("<polyline"))
            #expect(trail.body.string.contains("QA release") && !trail.body.string.contains("Ottoline"))
            let board = try await app.page("/manufacturing", cookie: mfg.cookie)
            #expect(board.status == .ok && board.body.string.contains(bag.chainOfIdentity) == false && !board.body.string.contains("Ottoline"))
            let mfgLabels = try await app.page("/bags/\(bag.id)/labels", cookie: mfg.cookie)
            #expect(mfgLabels.status == .ok && mfgLabels.body.string.contains("Manufacturer") && !mfgLabels.body.string.contains("Ottoline"))
            let centerLabels = try await app.page("/bags/\(bag.id)/labels", cookie: coordinator.cookie)
            #expect(centerLabels.body.string.contains("Ottoline"))
            let printed = try await app.form("/bags/\(bag.id)/labels/print", cookie: mfg.cookie, fields: [("_csrf", mfg.csrf)])
            #expect(printed.status == .ok && !printed.body.string.contains("Ottoline"))
            let reprint = try await app.form("/bags/\(bag.id)/labels/print", cookie: mfg.cookie, fields: [("_csrf", mfg.csrf)])
            #expect(reprint.status == .forbidden)
            for path in ["/manufacturing", "/release-queue", "/deviations", "/slots", "/bags/\(bag.id)/certificate"] {
                #expect(try await app.page(path, cookie: coordinator.cookie).status == .ok, "\(path)")
            }
        }
    }

    @Test("the nurse's bedside form: a mismatch is refused on the page (422), opens a deviation and signs nothing; a match is signed")
    func bedsideForm() async throws {
        try await withTestApp { app in
            // setup
            let f = try await Fixtures.make(on: app)
            let t = try await S.enrol(app, f)
            let bag = try await S.productAtCenter(app, f, therapy: t.therapy)
            let nurse = try await app.signIn(Fixtures.email(.nurse, center: "C01"))
            let path = "/patients/\(t.patient)/custody"
            let page = try await app.page(path, cookie: nurse.cookie)
            #expect(page.body.string.contains("Bedside verification before infusion"))
            let before = try await S.counts(app.db)
            // MUT: the wristband of another patient
            let wrong = try await app.form("/patients/\(t.patient)/bedside-check", cookie: nurse.cookie, fields: [
                ("_csrf", nurse.csrf), ("bagChainOfIdentity", bag.chainOfIdentity), ("bagDIN", bag.din),
                ("wristbandChainOfIdentity", "CHX999926999999"), ("password", Fixtures.password)])
            // validate
            #expect(wrong.status == .unprocessableEntity)
            #expect(wrong.body.string.contains("blocked"))
            #expect(!wrong.body.string.contains(Fixtures.password))
            let after = try await S.counts(app.db)
            #expect(after[1] == before[1] + 1)   // one deviation
            #expect(after[2] == before[2])       // no signature
            // MUT: the right wristband, then the same check again (already verified: no form)
            let right = try await app.form("/patients/\(t.patient)/bedside-check", cookie: nurse.cookie, fields: [
                ("_csrf", nurse.csrf), ("bagChainOfIdentity", bag.chainOfIdentity), ("bagDIN", bag.din),
                ("wristbandChainOfIdentity", bag.chainOfIdentity), ("password", Fixtures.password)])
            #expect(right.status == .seeOther)
            #expect(try await S.counts(app.db)[2] == after[2] + 1)   // signed
            let done = try await app.page(path, cookie: nurse.cookie)
            #expect(!done.body.string.contains("Bedside verification before infusion"))
            // A manufacturing user never sees the form.
            let mfg = try await app.signIn(Fixtures.email(.manufacturing, center: "C01"))
            let t2 = try await S.enrol(app, f, given: "Second")
            _ = try await S.productAtCenter(app, f, therapy: t2.therapy, lot: "LOT-2")
            #expect(!(try await app.page("/patients/\(t2.patient)/custody", cookie: mfg.cookie)).body.string.contains("Bedside verification before"))
        }
    }
}
