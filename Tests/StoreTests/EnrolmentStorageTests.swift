import CartographCore
import Fluent
import Foundation
import Store
import Testing
import TestSupport

@Suite("Enrolment and patient storage")
struct EnrolmentStorageTests {
    let today = CalendarDate("2026-03-15")!

    @Test("an enrolled patient round-trips: clinical record, identity apart, one therapy at screening")
    func roundTrip() async throws {
        try await withTestApp { app in
            // setup
            let f = try await Fixtures.make(on: app)
            // MUT
            let (patient, therapy) = try await PatientRepository.enrol(Fixtures.enrolment(given: "Mina"), by: f.coordinatorA, today: today, on: app.db)
            // validate
            #expect(patient.code == "C01-0001")
            #expect(therapy.stage == "screening")
            let list = try await PatientDirectory.rows(for: f.coordinatorA, today: today, on: app.db)
            #expect(list.map(\.code) == ["C01-0001"])
            #expect(list.first?.identity?.givenName == "Mina")
            #expect(list.first?.identity?.dateOfBirth == "1960-05-04")
            // Identity is a separate row, not a column of the clinical record.
            let identity = try await PatientIdentity.query(on: app.db).first()
            #expect(identity?.$patient.id == patient.id)
        }
    }

    @Test("roles that must not see identity get none, in lists and in the patient file")
    func identityHidden() async throws {
        try await withTestApp { app in
            let f = try await Fixtures.make(on: app)
            let (patient, _) = try await PatientRepository.enrol(Fixtures.enrolment(given: "Secret"), by: f.coordinatorA, today: today, on: app.db)
            for role in [Role.manufacturing, .qa, .statistician] {
                let actor = f.usersA[role]!
                let list = try await PatientDirectory.rows(for: actor, today: today, on: app.db)
                #expect(list.count == 1)
                #expect(list[0].identity == nil, "\(role) saw identity in the list")
                let file = try await PatientFile.load(patientID: try patient.requireID(), for: actor, today: today, on: app.db)
                #expect(file.identity == nil, "\(role) saw identity in the patient file")
                let json = String(decoding: try JSONEncoder().encode(file), as: UTF8.self)
                #expect(!json.contains("Secret"))
            }
            for role in [Role.coordinator, .physician, .nurse, .admin] {
                let list = try await PatientDirectory.rows(for: f.usersA[role]!, today: today, on: app.db)
                #expect(list[0].identity?.givenName == "Secret", "\(role) should see identity")
            }
        }
    }

    @Test("a patient of another center is not found, not forbidden")
    func centerScoping() async throws {
        try await withTestApp { app in
            let f = try await Fixtures.make(on: app)
            let (a, _) = try await PatientRepository.enrol(Fixtures.enrolment(given: "Ann"), by: f.coordinatorA, today: today, on: app.db)
            _ = try await PatientRepository.enrol(Fixtures.enrolment(given: "Bob"), by: f.coordinatorB, today: today, on: app.db)
            let listB = try await PatientDirectory.rows(for: f.coordinatorB, today: today, on: app.db)
            #expect(listB.map { $0.identity?.givenName } == ["Bob"])
            #expect(listB.map(\.code) == ["C02-0001"])
            await #expect(throws: StoreError.notFound("patient")) {
                _ = try await PatientFile.load(patientID: try a.requireID(), for: f.coordinatorB, today: today, on: app.db)
            }
        }
    }

    @Test("invalid enrolment names every bad field and writes nothing")
    func invalidEnrolmentWritesNothing() async throws {
        try await withTestApp { app in
            let f = try await Fixtures.make(on: app)
            let before = try await TableCounts.read(app.db)
            var e = Fixtures.enrolment(given: " ", born: "2026-04-01", enrolled: "2026-03-20", product: "nonexistent")
            e.hospitalNumber = ""
            do {
                _ = try await PatientRepository.enrol(e, by: f.coordinatorA, today: today, on: app.db)
                Issue.record("expected a validation failure")
            } catch StoreError.invalid(let errors) {
                let fields = Set(errors.map(\.field))
                #expect(fields == ["givenName", "hospitalNumber", "dateOfBirth", "enrolledOn", "productId"])
            }
            #expect(try await TableCounts.read(app.db) == before)
        }
    }

    @Test("manufacturing cannot enrol")
    func roleCannotEnrol() async throws {
        try await withTestApp { app in
            let f = try await Fixtures.make(on: app)
            await #expect(throws: StoreError.self) {
                _ = try await PatientRepository.enrol(Fixtures.enrolment(), by: f.usersA[.manufacturing]!, today: today, on: app.db)
            }
            #expect(try await Patient.query(on: app.db).count() == 0)
        }
    }
}
