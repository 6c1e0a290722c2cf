import CartographCore
import Fluent
import Foundation

/// A complete, plausible custody trail for a demo therapy, written through `CustodyRepository` and
/// `BedsideRepository` (state machine, signatures, audit) just before its infusion is recorded.
///
/// Times follow the journey's dates in the center's time zone: collection day (collected, frozen,
/// shipped), the next morning at the manufacturing site (logger reading, received), manufacturing
/// start, the release day (manufactured, release result, QA disposition signed, shipped), the day
/// before infusion (logger reading, received at the center, stored), and the infusion day (dispensed,
/// thawed, bedside check signed, infused). Each step is at least one minute after the previous one.
public enum DemoCustody {
    public struct Staff: Sendable {
        public var nurse: ActingUser, manufacturing: ActingUser, qa: ActingUser
        public var names: [Role: String]
        public init(nurse: ActingUser, manufacturing: ActingUser, qa: ActingUser, names: [Role: String]) {
            self.nurse = nurse; self.manufacturing = manufacturing; self.qa = qa; self.names = names
        }

        /// The center's nurse, manufacturing and QA accounts (the first of each role), who write the trail.
        public static func of(center: UUID, on db: Database) async throws -> Staff {
            var acting: [Role: ActingUser] = [:], names: [Role: String] = [:]
            for role in [Role.nurse, .manufacturing, .qa] {
                guard let u = try await User.query(on: db).filter(\.$center.$id == center).filter(\.$roleName == role.rawValue)
                    .sort(\.$email).first() else {
                    throw StoreError.notFound("a \(role.rawValue) account of the center")
                }
                acting[role] = ActingUser(userID: try u.requireID(), centerID: center, role: role)
                names[role] = u.displayName
            }
            return Staff(nurse: acting[.nurse]!, manufacturing: acting[.manufacturing]!, qa: acting[.qa]!, names: names)
        }
    }

    public static func record(therapyID: UUID, journey: [JourneyEvent], infusion: CalendarDate, zone: TimeZone, site: String,
                              facility: ISBT128.FacilityIdentificationNumber, staff: Staff, on db: Database) async throws {
        func first(_ kind: JourneyEventKind) -> CalendarDate? { journey.first { $0.kind == kind }?.date }
        guard let collected = first(.collected) else { return }
        let released = first(.released) ?? first(.exceptionalRelease) ?? infusion.adding(days: -2)
        let started = first(.manufacturingStarted) ?? collected.adding(days: 1)
        var last = Date.distantPast
        func at(_ day: CalendarDate, _ hour: Double) -> Date {
            let midnightUTC = Date(timeIntervalSince1970: Double(day.daysSinceEpoch) * 86_400 + hour * 3600)
            let planned = midnightUTC.addingTimeInterval(-Double(zone.secondsFromGMT(for: midnightUTC)))
            last = max(planned, last.addingTimeInterval(60))
            return last
        }
        let n = staff.nurse, m = staff.manufacturing, q = staff.qa
        let apheresis = try await CustodyRepository.createBag(.apheresis, therapyID: therapyID, facility: facility, by: n, now: at(collected, 8), on: db)
        let a = apheresis.id
        try await CustodyRepository.record(.collected, bagID: a, by: n, at: at(collected, 9), on: db)
        try await CustodyRepository.record(.packed(condition: .cryopreserved), bagID: a, by: n, at: at(collected, 15), on: db)
        try await CustodyRepository.record(.shipped(courier: "Demo Cryo Courier", shipperID: "DS-\(apheresis.din.suffix(4))"), bagID: a, by: n,
                                           at: at(collected, 17), on: db)
        let arrival = collected.adding(days: 1)
        try await CustodyRepository.record(.temperatureReading(celsius: -182, fromDataLogger: true), bagID: a, by: m, at: at(arrival, 8), site: site, on: db)
        try await CustodyRepository.record(.received, bagID: a, by: m, at: at(arrival, 9), site: site, on: db)
        try await CustodyRepository.record(.inManufacturing, bagID: a, by: m, at: at(max(started, arrival), 10), site: site, on: db)

        let product = try await CustodyRepository.createBag(.finalProduct, therapyID: therapyID, facility: facility, by: m,
                                                            now: at(released, 7), on: db)
        let p = product.id
        // The DIN is unique per facility (year and sequence), so the lot named after it is unique per site.
        let lot = "L\(product.din.dropFirst(5).prefix(8))"
        try await CustodyRepository.record(.manufactured(lot: lot), bagID: p, by: m, at: at(released, 8), site: site, on: db)
        // Demo lots conform (the demo's out-of-specification patients are never infused).
        let results = ReleaseTestResults(lot: lot, sterility: .negative, mycoplasma: .negative, endotoxinEUPerMilliliter: 0.5,
                                         viabilityPercent: 91.5, carExpressionPercent: 46, vectorCopyNumberPerTransducedCell: 2.1,
                                         replicationCompetentLentivirus: .notDetected, identity: .confirmed,
                                         viableCellsPerMilliliter: 1.2e7, bagVolumeMilliliters: 70)
        try await ReleaseRepository.recordResults(results, bagID: p, by: m, at: at(released, 9), on: db)
        try await ReleaseRepository.decide(.released, bagID: p, signerName: staff.names[.qa] ?? "QA", by: q, at: at(released, 10), on: db)
        let dayBefore = max(released, infusion.adding(days: -1))
        try await CustodyRepository.record(.shippedToCenter(courier: "Demo Cryo Courier", shipperID: "DS-\(product.din.suffix(4))"), bagID: p, by: m,
                                           at: at(released, 12), site: site, on: db)
        try await CustodyRepository.record(.temperatureReading(celsius: -179, fromDataLogger: true), bagID: p, by: n, at: at(dayBefore, 14), on: db)
        try await CustodyRepository.record(.receivedAtCenter, bagID: p, by: n, at: at(dayBefore, 15), on: db)
        try await CustodyRepository.record(.stored(location: "LN2 dewar 1, rack B"), bagID: p, by: n, at: at(dayBefore, 15.5), on: db)
        try await CustodyRepository.record(.dispensed, bagID: p, by: n, at: at(infusion, 8.5), on: db)
        try await CustodyRepository.record(.thawed, bagID: p, by: n, at: at(infusion, 9), on: db)
        _ = try await BedsideRepository.check(BedsideScan(bagChainOfIdentity: product.chainOfIdentity, bagDIN: product.din,
                                                          wristbandChainOfIdentity: product.chainOfIdentity),
                                              therapyID: therapyID, signerName: staff.names[.nurse] ?? "Nurse", by: n, at: at(infusion, 9.25), on: db)
        try await CustodyRepository.record(.infused, bagID: p, by: n, at: at(infusion, 9.5), on: db)
    }
}
