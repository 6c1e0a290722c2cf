import CartographCore
import Fluent
import FluentSQLiteDriver
import Foundation
import Store
import Testing
import TestSupport

@Suite("Custody storage", .serialized)
struct CustodyStorageTests {
    typealias S = CustodyScenario

    @Test("chain-of-identity ID per therapy and a DIN per bag, sequential per facility and year")
    func identifiers() async throws {
        try await withTestApp { app in
            // setup
            let f = try await Fixtures.make(on: app)
            let a = try await S.enrol(app, f, given: "A"), b = try await S.enrol(app, f, given: "B")
            let nurse = f.usersA[.nurse]!
            // MUT
            let bagA1 = try await CustodyRepository.createBag(.apheresis, therapyID: a.therapy, facility: S.facility, by: nurse, now: S.base, on: app.db)
            let bagB = try await CustodyRepository.createBag(.apheresis, therapyID: b.therapy, facility: S.facility, by: nurse, now: S.base, on: app.db)
            let bagA2 = try await CustodyRepository.createBag(.apheresis, therapyID: a.therapy, facility: S.facility, by: nurse, now: S.base, on: app.db)
            // validate: ST-028 shape CH + X9999 + 26 + 6-digit sequence; a repeat collection keeps the therapy's CoI.
            #expect(bagA1.chainOfIdentity == "CHX999926000001")
            #expect(bagB.chainOfIdentity == "CHX999926000002")
            #expect(bagA2.chainOfIdentity == "CHX999926000001")
            #expect([bagA1.din, bagB.din, bagA2.din] == ["X999926000001", "X999926000002", "X999926000003"])
            // The check character is the MOD 37-2 of the 13 characters (checked independently by Mod37_2.isValid).
            #expect(ISBT128.Mod37_2.isValid(bagA1.din + bagA1.dinCheckCharacter))
            // Manufacturing cannot open an apheresis bag.
            await #expect(throws: StoreError.self) {
                try await CustodyRepository.createBag(.apheresis, therapyID: a.therapy, facility: S.facility, by: f.usersA[.manufacturing]!, on: app.db)
            }
        }
    }

    @Test("a temperature excursion quarantines the bag and opens a deviation; QA closes it, a nurse cannot")
    func excursionQuarantined() async throws {
        try await withTestApp { app in
            // setup: a collection frozen and shipped in LN2 vapour (limit ≤ −150 °C).
            let f = try await Fixtures.make(on: app)
            let t = try await S.enrol(app, f)
            let nurse = f.usersA[.nurse]!, mfg = f.usersA[.manufacturing]!, qa = f.usersA[.qa]!
            let bag = try await CustodyRepository.createBag(.apheresis, therapyID: t.therapy, facility: S.facility, by: nurse, now: S.base, on: app.db)
            try await CustodyRepository.record(.collected, bagID: bag.id, by: nurse, at: S.at(0), on: app.db)
            try await CustodyRepository.record(.packed(condition: .cryopreserved), bagID: bag.id, by: nurse, at: S.at(60), on: app.db)
            try await CustodyRepository.record(.shipped(courier: "Cryoport", shipperID: "SH-1"), bagID: bag.id, by: nurse, at: S.at(70), on: app.db)
            // MUT: −150 °C is at the limit (inside); −149.5 °C is above it.
            let atLimit = try await CustodyRepository.record(.temperatureReading(celsius: -150, fromDataLogger: true), bagID: bag.id, by: mfg,
                                                             at: S.at(80), site: "M01", on: app.db)
            #expect(!atLimit.isQuarantined)
            let warm = try await CustodyRepository.record(.temperatureReading(celsius: -149.5, fromDataLogger: true), bagID: bag.id, by: mfg,
                                                          at: S.at(90), site: "M01", on: app.db)
            // validate
            #expect(warm.isQuarantined)
            #expect(warm.deviations.count == 1 && warm.deviations[0].isOpen && warm.deviations[0].kind == "temperatureExcursion")
            // A quarantined bag cannot be received.
            do {
                try await CustodyRepository.record(.received, bagID: bag.id, by: mfg, at: S.at(100), site: "M01", on: app.db)
                Issue.record("received a quarantined bag")
            } catch StoreError.invalid(let fields) { #expect(fields.map(\.field) == ["kind"]) }
            // A nurse cannot close the deviation; nothing is written.
            let before = try await S.counts(app.db)
            await #expect(throws: StoreError.forbidden("only Quality assurance may close a deviation, not Nurse")) {
                try await DeviationRepository.close(warm.deviations[0].id, reason: "ok", signerName: "N", by: nurse, on: app.db)
            }
            #expect(try await S.counts(app.db) == before)
            // QA closes it with a signature; the bag leaves quarantine and can be received.
            let closed = try await DeviationRepository.close(warm.deviations[0].id, reason: "logger probe fault; product within limit",
                                                             signerName: "QA Person", by: qa, at: S.at(110), on: app.db)
            #expect(!closed.isOpen && closed.closureSignature?.meaning == .deviationClosure)
            let received = try await CustodyRepository.record(.received, bagID: bag.id, by: mfg, at: S.at(120), site: "M01", on: app.db)
            #expect(!received.isQuarantined && received.phase == .atManufacturingSite)
            #expect(try await AuditTrail.verify(on: app.db) == .intact(records: try await AuditEvent.query(on: app.db).count()))
        }
    }

    @Test("impossible sequences are refused with the field named and nothing written")
    func impossibleSequences() async throws {
        try await withTestApp { app in
            let f = try await Fixtures.make(on: app)
            let t = try await S.enrol(app, f)
            let mfg = f.usersA[.manufacturing]!, nurse = f.usersA[.nurse]!
            let bag = try await CustodyRepository.createBag(.finalProduct, therapyID: t.therapy, facility: S.facility, by: mfg, now: S.base, on: app.db)
            try await CustodyRepository.record(.manufactured(lot: "L1"), bagID: bag.id, by: mfg, at: S.at(0), site: "M01", on: app.db)
            let before = try await S.counts(app.db)
            // Infusing a bag that was never received.
            do {
                try await CustodyRepository.record(.infused, bagID: bag.id, by: nurse, at: S.at(10), on: app.db)
                Issue.record("infused a bag never received")
            } catch StoreError.invalid(let fields) { #expect(fields.map(\.field) == ["kind"]) }
            // Shipping before QA release.
            do {
                try await CustodyRepository.record(.shippedToCenter(courier: "C", shipperID: "S"), bagID: bag.id, by: mfg, at: S.at(10), on: app.db)
                Issue.record("shipped before release")
            } catch StoreError.invalid(let fields) { #expect(fields.map(\.field) == ["kind"]) }
            // QA disposition without a signature.
            do {
                try await CustodyRepository.record(.releaseResult(.conforming), bagID: bag.id, by: mfg, at: S.at(10), on: app.db)
                try await CustodyRepository.record(.qaDisposition(.released), bagID: bag.id, by: f.usersA[.qa]!, at: S.at(20), on: app.db)
                Issue.record("QA disposition without signature")
            } catch StoreError.invalid(let fields) { #expect(fields.map(\.field) == ["signatureReference"]) }
            // An event before the previous one.
            do {
                try await CustodyRepository.record(.temperatureReading(celsius: -180, fromDataLogger: false), bagID: bag.id, by: mfg, at: S.at(-5), on: app.db)
                Issue.record("event before previous accepted")
            } catch StoreError.invalid(let fields) { #expect(fields.map(\.field) == ["instant"]) }
            var after = try await S.counts(app.db)
            after[0] -= 1; after[4] -= 1  // the release result recorded above
            #expect(after == before)
        }
    }

    @Test("a wrong-patient bag is blocked at the bedside: deviation and alert recorded, infusion refused")
    func wrongPatientBlocked() async throws {
        try await withTestApp { app in
            // setup: two patients, each with a product at the center.
            let f = try await Fixtures.make(on: app)
            let a = try await S.enrol(app, f, given: "A"), b = try await S.enrol(app, f, given: "B")
            let bagA = try await S.productAtCenter(app, f, therapy: a.therapy, lot: "LA")
            let bagB = try await S.productAtCenter(app, f, therapy: b.therapy, lot: "LB")
            let nurse = f.usersA[.nurse]!
            try await CustodyRepository.record(.thawed, bagID: bagA.id, by: nurse, at: S.at(60), on: app.db)
            // MUT: patient A's wristband, patient B's bag.
            let scan = BedsideScan(bagChainOfIdentity: bagB.chainOfIdentity, bagDIN: bagB.din, wristbandChainOfIdentity: bagA.chainOfIdentity)
            do {
                _ = try await BedsideRepository.check(scan, therapyID: a.therapy, signerName: "Nurse", by: nurse, at: S.at(70), on: app.db)
                Issue.record("wrong-patient bag was accepted")
            } catch StoreError.invalid(let fields) {
                // validate
                #expect(fields.map(\.field) == ["bagChainOfIdentity", "bagDIN", "infusion"])
            }
            let trail = try await CustodyRepository.trail(therapyID: a.therapy, for: nurse, on: app.db)
            #expect(trail.deviations.map(\.kind) == ["bedsideMismatch"])
            #expect(trail.bags[0].bedsideVerifiedAt == nil)
            let alerts = try await AlertRecord.query(on: app.db).filter(\.$therapy.$id == a.therapy).all()
            #expect(alerts.map(\.kind) == ["bedsideMismatch"] && alerts.map(\.severity) == ["critical"])
            try await AlertAuditCheck.expectUniform(on: app.db)
            // The journey's infusion is refused while no signed match exists.
            do {
                _ = try await JourneyRepository.record(JourneyEvent(.infused, on: CalendarDate("2026-03-10")!), therapyID: a.therapy,
                                                       by: f.coordinatorA, today: CalendarDate("2026-03-15")!, on: app.db)
                Issue.record("infused without bedside verification")
            } catch StoreError.invalid(let fields) { #expect(fields.first?.message.contains("bedside") == true) }
            // The custody log refuses infusion too.
            await #expect(throws: StoreError.self) {
                try await CustodyRepository.record(.infused, bagID: bagA.id, by: nurse, at: S.at(80), on: app.db)
            }
            // The right bag matches, is signed, and then the bag can be infused.
            let ok = try await BedsideRepository.check(BedsideScan(bagChainOfIdentity: bagA.chainOfIdentity, bagDIN: " \(bagA.din.lowercased())",
                                                                    wristbandChainOfIdentity: "&/" + bagA.chainOfIdentity),
                                                       therapyID: a.therapy, signerName: "Nurse N", by: nurse, at: S.at(90), on: app.db)
            #expect(ok.signature.meaning == .bedsideVerification && ok.signature.signerName == "Nurse N")
            let infused = try await CustodyRepository.record(.infused, bagID: bagA.id, by: nurse, at: S.at(100), on: app.db)
            #expect(infused.phase == .infused)
            #expect(try await BedsideRepository.hasSignedMatch(therapyID: a.therapy, on: app.db))
        }
    }

    @Test("a signature is bound to the digest of the record: any change to the record changes the digest")
    func signatureBoundToRecord() async throws {
        try await withTestApp { app in
            let f = try await Fixtures.make(on: app)
            let t = try await S.enrol(app, f)
            _ = try await S.productAtCenter(app, f, therapy: t.therapy)
            let row = try #require(try await ElectronicSignatureRecord.query(on: app.db).first())
            // validate: stored digest = SHA-256 of the manifest; intact as stored.
            #expect(row.meaning == "qaRelease" && row.digest.count == 64)
            #expect(SignatureRepository.isIntact(row))
            let request = try SignatureRequest(signerID: row.signerID.uuidString, signerName: row.signerName, role: .qa, meaning: .qaRelease,
                                               signedAt: SignatureRepository.date(milliseconds: row.signedAtMilliseconds),
                                               recordCanonicalBytes: Data(row.record.utf8))
            #expect(try SignatureRepository.digest(of: request) == row.digest)
            // One character of the record changed: a different digest, and the stored signature no longer verifies.
            let altered = row.record.replacingOccurrences(of: "LOT-1", with: "LOT-2")
            #expect(altered != row.record)
            var changed = request
            changed.recordCanonicalBytes = Data(altered.utf8)
            #expect(try SignatureRepository.digest(of: changed) != row.digest)
            row.record = altered
            #expect(!SignatureRepository.isIntact(row))
        }
    }

    @Test("concurrent custody writers keep the log and the audit chain intact")
    func concurrentWriters() async throws {
        try await withTestApp { app in
            let f = try await Fixtures.make(on: app)
            let t = try await S.enrol(app, f)
            let bag = try await S.productAtCenter(app, f, therapy: t.therapy)
            let writers = 12
            try await withThrowingTaskGroup(of: Void.self) { group in
                for i in 0..<writers {
                    let actor = i.isMultiple(of: 2) ? f.usersA[.nurse]! : f.usersA[.coordinator]!
                    group.addTask {
                        try await CustodyRepository.record(.temperatureReading(celsius: -180 - Double(i), fromDataLogger: true), bagID: bag.id,
                                                           by: actor, at: S.at(55), on: app.db)
                    }
                }
                try await group.waitForAll()
            }
            let rows = try await CustodyEventRecord.query(on: app.db).filter(\.$bagID == bag.id).sort(\.$sequence).all()
            #expect(rows.map(\.sequence) == Array(1...(bag.events.count + writers)))
            #expect(try await AuditTrail.verify(on: app.db) == .intact(records: try await AuditEvent.query(on: app.db).count()))
        }
    }

    @Test("center scoping: another center's user finds no bag, trail or deviation")
    func centerScoping() async throws {
        try await withTestApp { app in
            let f = try await Fixtures.make(on: app)
            let t = try await S.enrol(app, f)
            let bag = try await S.productAtCenter(app, f, therapy: t.therapy)
            let nurseB = f.usersB[.nurse]!
            await #expect(throws: StoreError.notFound("bag")) { try await CustodyRepository.bag(bag.id, for: nurseB, on: app.db) }
            await #expect(throws: StoreError.notFound("therapy")) { try await CustodyRepository.trail(therapyID: t.therapy, for: nurseB, on: app.db) }
            await #expect(throws: StoreError.notFound("bag")) {
                try await CustodyRepository.record(.thawed, bagID: bag.id, by: nurseB, at: S.at(60), on: app.db)
            }
            #expect(try await CustodyRepository.openDeviations(for: f.usersB[.qa]!, on: app.db).isEmpty)
        }
    }

    @Test("the manufacturing side's view of the custody trail carries no patient identity")
    func noIdentityForManufacturing() async throws {
        try await withTestApp { app in
            let f = try await Fixtures.make(on: app)
            let t = try await S.enrol(app, f, given: "Zebedee")
            _ = try await S.productAtCenter(app, f, therapy: t.therapy)
            let trail = try await CustodyRepository.trail(therapyID: t.therapy, for: f.usersA[.manufacturing]!, on: app.db)
            let text = String(decoding: try JSONEncoder().encode(trail), as: UTF8.self)
            #expect(trail.chainOfIdentity == "CHX999926000001")
            for secret in ["Zebedee", "Testperson", "H-Zebedee", "1960-05-04"] { #expect(!text.contains(secret)) }
            // Nor does anything the custody writes put into the audit trail.
            let payloads = try await AuditEvent.query(on: app.db).filter(\.$entity == "bag").all().map(\.payload).joined()
            #expect(!payloads.contains("Zebedee"))
        }
    }
}
