import CartographCore
import Fluent
import Foundation
import Store
import Vapor

/// Two centers with one account per role each: enough to test scoping and role rules.
public struct Fixtures: Sendable {
    public static let password = "correct horse battery"
    public var centerA: UUID
    public var centerB: UUID
    /// Accounts by role in center A ("C01") and center B ("C02").
    public var usersA: [Role: ActingUser]
    public var usersB: [Role: ActingUser]

    public static func email(_ role: Role, center: String) -> String { "\(role.rawValue)@\(center.lowercased()).test" }

    public static func make(on app: Application) async throws -> Fixtures {
        let hash = try app.password.hash(password)
        var ids: [String: UUID] = [:]
        var users: [String: [Role: ActingUser]] = [:]
        for code in ["C01", "C02"] {
            let center = try await AccountRepository.ensureCenter(code: code, name: "Center \(code)", timeZone: "Asia/Shanghai", on: app.db)
            let cid = try center.requireID()
            ids[code] = cid
            for role in Role.staff {
                let u = try await AccountRepository.createUser(centerCode: code, email: email(role, center: code), displayName: "\(role.rawValue) \(code)",
                                                               role: role, passwordHash: hash, actor: nil, on: app.db)
                users[code, default: [:]][role] = ActingUser(userID: try u.requireID(), centerID: cid, role: role)
            }
        }
        return Fixtures(centerA: ids["C01"]!, centerB: ids["C02"]!, usersA: users["C01"]!, usersB: users["C02"]!)
    }

    public var coordinatorA: ActingUser { usersA[.coordinator]! }
    public var coordinatorB: ActingUser { usersB[.coordinator]! }

    /// A plain enrolment for tests.
    public static func enrolment(given: String = "Alex", family: String = "Testperson", born: String = "1960-05-04",
                                 enrolled: String = "2026-01-10", product: String = "fucaso") -> Enrolment {
        Enrolment(givenName: given, familyName: family, dateOfBirth: CalendarDate(born)!, hospitalNumber: "H-\(given)",
                  sex: .female, productID: product, enrolledOn: CalendarDate(enrolled)!)
    }
}

/// Row counts of the tables a write touches, to prove a refused write changed nothing.
public struct TableCounts: Equatable, Sendable, CustomStringConvertible {
    public var patients, identities, therapies, events, screenings, doses, labs, followUpVisits, followUpEvents, audit: Int
    public static func read(_ db: Database) async throws -> TableCounts {
        TableCounts(patients: try await Patient.query(on: db).count(),
                    identities: try await PatientIdentity.query(on: db).count(),
                    therapies: try await Therapy.query(on: db).count(),
                    events: try await JourneyEventRecord.query(on: db).count(),
                    screenings: try await ScreeningRecord.query(on: db).count(),
                    doses: try await DoseRecord.query(on: db).count(),
                    labs: try await LabResultRecord.query(on: db).count(),
                    followUpVisits: try await FollowUpVisitRecord.query(on: db).count(),
                    followUpEvents: try await FollowUpEventRecord.query(on: db).count(),
                    audit: try await AuditEvent.query(on: db).count())
    }
    public var description: String {
        "patients \(patients), identities \(identities), therapies \(therapies), events \(events), screenings \(screenings), "
            + "doses \(doses), labs \(labs), follow-up visits \(followUpVisits), follow-up events \(followUpEvents), audit \(audit)"
    }
}
