import CartographCore
import Fluent
import Foundation
import Store
import TestSupport
import Vapor

/// Builds custody logs through the repository, as the people who handle the bags would.
public enum CustodyScenario {
    public static let facility = ISBT128.FacilityIdentificationNumber.placeholder
    /// 2026-03-10 08:00 UTC.
    public static let base = Date(timeIntervalSince1970: 1_773_129_600)
    public static func at(_ minutes: Int) -> Date { base.addingTimeInterval(Double(minutes) * 60) }

    public static func enrol(_ app: Application, _ f: Fixtures, given: String = "Alex", center: String = "C01") async throws -> (patient: UUID, therapy: UUID) {
        let actor = center == "C01" ? f.coordinatorA : f.coordinatorB
        let (p, t) = try await PatientRepository.enrol(Fixtures.enrolment(given: given), by: actor, today: CalendarDate("2026-03-15")!, on: app.db)
        return (try p.requireID(), try t.requireID())
    }

    /// A final product made, released by QA (signed), shipped with a logger reading and received at the center.
    public static func productAtCenter(_ app: Application, _ f: Fixtures, therapy: UUID, lot: String = "LOT-1") async throws -> CustodyBagView {
        let mfg = f.usersA[.manufacturing]!, qa = f.usersA[.qa]!, nurse = f.usersA[.nurse]!
        let bag = try await CustodyRepository.createBag(.finalProduct, therapyID: therapy, facility: facility, by: mfg, now: base, on: app.db)
        try await CustodyRepository.record(.manufactured(lot: lot), bagID: bag.id, by: mfg, at: at(0), site: "M01", on: app.db)
        try await CustodyRepository.record(.releaseResult(.conforming), bagID: bag.id, by: mfg, at: at(10), site: "M01", on: app.db)
        try await CustodyRepository.record(.qaDisposition(.released), bagID: bag.id, by: qa, at: at(20), site: "M01", signerName: "QA Person", on: app.db)
        try await CustodyRepository.record(.shippedToCenter(courier: "Cryoport", shipperID: "SH-9"), bagID: bag.id, by: mfg, at: at(30), site: "M01", on: app.db)
        try await CustodyRepository.record(.temperatureReading(celsius: -185, fromDataLogger: true), bagID: bag.id, by: nurse, at: at(40), on: app.db)
        return try await CustodyRepository.record(.receivedAtCenter, bagID: bag.id, by: nurse, at: at(50), on: app.db)
    }

    public static func counts(_ db: Database) async throws -> [Int] {
        [try await CustodyEventRecord.query(on: db).count(), try await CustodyDeviationRecord.query(on: db).count(),
         try await ElectronicSignatureRecord.query(on: db).count(), try await AlertRecord.query(on: db).count(),
         try await AuditEvent.query(on: db).count()]
    }
}
