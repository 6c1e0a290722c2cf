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
}
