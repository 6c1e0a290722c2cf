import CartographCore
import Fluent
import Foundation
import Store
import Testing
import TestSupport
import Vapor
import VaporTesting

@Suite("Custody over HTTP")
struct CustodyHTTPTests {
    typealias S = CustodyScenario

    @Test("bedside check: wrong bag 422 and blocked, missing or wrong password 422 with nothing written, match 201 and signed")
    func bedsideCheck() async throws {
        try await withTestApp { app in
            // setup
            let f = try await Fixtures.make(on: app)
            let a = try await S.enrol(app, f, given: "A"), b = try await S.enrol(app, f, given: "B")
            let bagA = try await S.productAtCenter(app, f, therapy: a.therapy, lot: "LA")
            let bagB = try await S.productAtCenter(app, f, therapy: b.therapy, lot: "LB")
            let token = try await app.token(Fixtures.email(.nurse, center: "C01"))
            let path = "/api/patients/\(a.patient)/bedside-check"
            func body(_ coi: String, _ din: String, _ wrist: String, _ pw: String) -> String {
                #"{"bagChainOfIdentity":"\#(coi)","bagDIN":"\#(din)","wristbandChainOfIdentity":"\#(wrist)","password":"\#(pw)"}"#
            }
            // MUT + validate: a wrong password signs nothing and records nothing.
            let before = try await S.counts(app.db)
            let wrongPassword = try await app.json(.POST, path, token: token, body: body(bagA.chainOfIdentity, bagA.din, bagA.chainOfIdentity, "nope"))
            #expect(wrongPassword.status == .unprocessableEntity && wrongPassword.errorFields == ["password"])
            #expect(try await S.counts(app.db) == before)
            // Patient B's bag on patient A.
            let wrong = try await app.json(.POST, path, token: token, body: body(bagB.chainOfIdentity, bagB.din, bagA.chainOfIdentity, Fixtures.password))
            #expect(wrong.status == .unprocessableEntity)
            #expect(wrong.errorFields == ["bagChainOfIdentity", "bagDIN", "infusion"])
            let open = try await app.json(.GET, "/api/deviations", token: try await app.token(Fixtures.email(.qa, center: "C01")))
            #expect(open.body.string.contains("bedsideMismatch"))
            // The right bag.
            let ok = try await app.json(.POST, path, token: token, body: body(bagA.chainOfIdentity, bagA.din, bagA.chainOfIdentity, Fixtures.password))
            #expect(ok.status == .created, "\(ok.body.string)")
            #expect(ok.body.string.contains("\"meaning\":\"bedsideVerification\""))
            // A statistician may not verify.
            let statToken = try await app.token(Fixtures.email(.statistician, center: "C01"))
            let stat = try await app.json(.POST, path, token: statToken, body: body(bagA.chainOfIdentity, bagA.din, bagA.chainOfIdentity, Fixtures.password))
            #expect(stat.status == .forbidden)
        }
    }

    @Test("custody events over the API: excursion quarantines; QA closes with password, a nurse gets 403; other center 404; no identity for manufacturing")
    func eventsAndDeviations() async throws {
        try await withTestApp { app in
            let f = try await Fixtures.make(on: app)
            let t = try await S.enrol(app, f, given: "Quentin")
            let nurse = try await app.token(Fixtures.email(.nurse, center: "C01"))
            let mfg = try await app.token(Fixtures.email(.manufacturing, center: "C01"))
            let qa = try await app.token(Fixtures.email(.qa, center: "C01"))
            let other = try await app.token(Fixtures.email(.nurse, center: "C02"))
            let created = try await app.json(.POST, "/api/patients/\(t.patient)/bags", token: nurse, body: #"{"kind":"apheresis"}"#)
            #expect(created.status == .created)
            let bag = try created.content.decode(CustodyBagView.self)
            #expect(bag.chainOfIdentity.hasPrefix("CHX9999"))
            let events = "/api/bags/\(bag.id)/events"
            #expect(try await app.json(.POST, events, token: nurse, body: #"{"kind":"collected","at":"2026-03-10T08:00:00Z"}"#).status == .created)
            let missing = try await app.json(.POST, events, token: nurse, body: #"{"kind":"packed","at":"2026-03-10T09:00:00Z"}"#)
            #expect(missing.status == .unprocessableEntity && missing.errorFields == ["condition"])
            let unknown = try await app.json(.POST, events, token: nurse, body: #"{"kind":"teleported"}"#)
            #expect(unknown.status == .badRequest && unknown.errorFields == ["kind"])
            // Fresh material must stay within 2–8 °C: 9 °C quarantines it.
            let warm = try await app.json(.POST, events, token: nurse, body: #"{"kind":"temperatureReading","celsius":9,"at":"2026-03-10T09:00:00Z"}"#)
            #expect(warm.status == .created)
            let warmBag = try warm.content.decode(CustodyBagView.self)
            #expect(warmBag.isQuarantined)
            let deviation = try #require(warmBag.deviations.first)
            let shipped = try await app.json(.POST, events, token: nurse, body: #"{"kind":"shipped","courier":"C","shipperID":"S","at":"2026-03-10T10:00:00Z"}"#)
            #expect(shipped.status == .unprocessableEntity && shipped.errorFields == ["kind"])
            // Close: nurse 403, QA without the right password 422, QA 200.
            let closePath = "/api/deviations/\(deviation.id)/close"
            #expect(try await app.json(.POST, closePath, token: nurse, body: #"{"reason":"fine","password":"\#(Fixtures.password)"}"#).status == .forbidden)
            #expect(try await app.json(.POST, closePath, token: qa, body: #"{"reason":"fine","password":"wrong"}"#).errorFields == ["password"])
            let closed = try await app.json(.POST, closePath, token: qa, body: #"{"reason":"probe misplaced","password":"\#(Fixtures.password)"}"#)
            #expect(closed.status == .ok, "\(closed.body.string)")
            #expect(try closed.content.decode(DeviationView.self).isOpen == false)
            // Another center sees nothing.
            #expect(try await app.json(.GET, "/api/bags/\(bag.id)", token: other).status == .notFound)
            #expect(try await app.json(.GET, "/api/patients/\(t.patient)/custody", token: other).status == .notFound)
            // Manufacturing reads the trail without the patient's identity.
            let trail = try await app.json(.GET, "/api/patients/\(t.patient)/custody", token: mfg)
            #expect(trail.status == .ok)
            #expect(!trail.body.string.contains("Quentin") && trail.body.string.contains(bag.din))
        }
    }
}
