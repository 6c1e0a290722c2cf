import CartographCore
import Fluent
import FluentSQLiteDriver
import Foundation
@testable import Store
import Testing
import TestSupport

/// The duplicate check at enrolment and the per-site lot check look records up by normalised keys
/// (M0031) instead of reading every patient or every lot; they must find what the full comparison
/// found, for records stored before the keys existed too.
@Suite("Lookup keys: duplicate patients and lots found by index")
struct LookupKeyTests {
    let today = CalendarDate("2026-03-15")!

    @Test("a patient enrolled again is found by hospital number or by name and birth date, whatever the case and spaces")
    func duplicates() async throws {
        try await withTestApp { app in
            let f = try await Fixtures.make(on: app)
            let first = Enrolment(givenName: "Wei", familyName: "Zhang", dateOfBirth: CalendarDate("1961-02-03")!, hospitalNumber: "SH-00417",
                                  sex: .male, productID: "fucaso", enrolledOn: CalendarDate("2026-01-10")!)
            _ = try await PatientRepository.enrol(first, by: f.coordinatorA, today: today, on: app.db)
            var again = first
            again.hospitalNumber = "  sh-00417 "
            again.givenName = "Other"
            var samePerson = first
            samePerson.hospitalNumber = "SH-99999"
            samePerson.givenName = " WEI"
            samePerson.familyName = "zhang\n"
            var different = samePerson
            different.dateOfBirth = CalendarDate("1961-02-04")!
            // A name that would run into the date if the parts were simply joined.
            var joined = first
            joined.hospitalNumber = "SH-12345"
            joined.givenName = "Wei Zhang"
            joined.familyName = ""
            for (enrolment, why) in [(again, "same hospital number"), (samePerson, "same name and date of birth")] {
                let found = try await PatientRepository.possibleDuplicates(of: enrolment, center: f.centerA, on: app.db)
                #expect(found.map(\.why) == [why])
                #expect(found.first?.code.hasSuffix("-0001") == true)
            }
            #expect(try await PatientRepository.possibleDuplicates(of: different, center: f.centerA, on: app.db).isEmpty)
            #expect(try await PatientRepository.possibleDuplicates(of: joined, center: f.centerA, on: app.db).isEmpty)
            // Another center's patients are never matched.
            #expect(try await PatientRepository.possibleDuplicates(of: again, center: f.centerB, on: app.db).isEmpty)
        }
    }

    @Test("identities and lots stored before the keys existed get them from the migration and are still found")
    func backfill() async throws {
        try await withTestApp { app in
            let f = try await Fixtures.make(on: app)
            let (_, tid) = try await Fixtures.infusedPatient(by: f.coordinatorA, infusion: CalendarDate("2026-03-08")!, today: today,
                                                             given: "Mei", on: app.db)
            let sql = app.db as! SQLDatabase
            // As before M0031: no keys.
            try await sql.raw("UPDATE patient_identities SET hospital_number_key = NULL, person_key = NULL").run()
            try await sql.raw("UPDATE custody_events SET lot_key = NULL").run()
            #expect(try await PatientRepository.possibleDuplicates(of: Fixtures.enrolment(given: "Mei"), center: f.centerA, on: app.db).isEmpty)
            try await M0031_AddLookupIndexes.backfill(on: sql)
            struct Keys: Decodable { let hospital_number_key: String?; let person_key: String? }
            let keys = try await sql.select().columns("hospital_number_key", "person_key").from("patient_identities").all(decoding: Keys.self)
            #expect(!keys.isEmpty && keys.allSatisfy { $0.hospital_number_key != nil && $0.person_key != nil })
            let found = try await PatientRepository.possibleDuplicates(of: Fixtures.enrolment(given: "Mei"), center: f.centerA, on: app.db)
            #expect(found.count == 1)
            struct Lot: Decodable { let lot_key: String? }
            let lots = try await sql.select().column("lot_key").from("custody_events").where("kind", .equal, "manufactured").all(decoding: Lot.self)
            #expect(lots.count == 1 && lots[0].lot_key?.hasPrefix("l") == true, "\(lots)")
            // The lot of that bag cannot be used again at its site, in another case or with spaces.
            let bag = try #require(try await CustodyBagRecord.query(on: app.db).filter(\.$therapyID == tid).filter(\.$kind == "finalProduct").first())
            let stored = try #require(try await CustodyEventRecord.query(on: app.db).filter(\.$bagID == bag.requireID())
                .filter(\.$kind == "manufactured").first())
            let (_, other) = try await Fixtures.infusedPatient(by: f.coordinatorA, infusion: CalendarDate("2026-03-08")!, today: today,
                                                               given: "Lan", on: app.db)
            _ = other
            guard case .manufactured(let lot) = try CustodyRepository.event(stored).details else { Issue.record("no lot"); return }
            let m = f.usersA[.manufacturing]!
            let fresh = try await CustodyRepository.createBag(.finalProduct, therapyID: other, facility: .placeholder, by: m, on: app.db)
            do {
                _ = try await CustodyRepository.record(.manufactured(lot: "  " + lot.lowercased()), bagID: fresh.id, by: m, at: Date(),
                                                       site: stored.site, on: app.db)
                Issue.record("lot \(lot) was used twice at \(stored.site)")
            } catch StoreError.invalid(let errors) {
                #expect(errors.map(\.field) == ["lot"])
            }
        }
    }
}
