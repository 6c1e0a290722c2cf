import CartographCore
import Fluent
import Store
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
        /// The treating physician, where the center has one (signs exceptional-release requests).
        public var physician: ActingUser?
        public var names: [Role: String]
        public init(nurse: ActingUser, manufacturing: ActingUser, qa: ActingUser, physician: ActingUser? = nil, names: [Role: String]) {
            self.nurse = nurse; self.manufacturing = manufacturing; self.qa = qa; self.physician = physician; self.names = names
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
            var physician: ActingUser?
            if let u = try await User.query(on: db).filter(\.$center.$id == center).filter(\.$roleName == Role.physician.rawValue)
                .sort(\.$email).first() {
                physician = ActingUser(userID: try u.requireID(), centerID: center, role: .physician)
                names[.physician] = u.displayName
            }
            return Staff(nurse: acting[.nurse]!, manufacturing: acting[.manufacturing]!, qa: acting[.qa]!, physician: physician, names: names)
        }
    }

    public static func record(therapyID: UUID, journey: [JourneyEvent], infusion: CalendarDate, zone: TimeZone, site: String,
                              facility: ISBT128.FacilityIdentificationNumber, staff: Staff, on db: Database) async throws {
        func first(_ kind: JourneyEventKind) -> CalendarDate? { journey.first { $0.kind == kind }?.date }
        guard let collected = first(.collected) else { return }
        let released = first(.released) ?? first(.exceptionalRelease) ?? infusion.adding(days: -2)
        let started = first(.manufacturingStarted) ?? collected.adding(days: 1)
        let clock = DemoClock(zone: zone, cap: nil)
        let at = clock.at
        let n = staff.nurse, m = staff.manufacturing, q = staff.qa
        let a = try await collectAndShip(therapyID: therapyID, collected: collected, clock: clock, nurse: n, facility: facility, on: db)
        let arrival = collected.adding(days: 1)
        try await CustodyRepository.enter(.temperatureReading(celsius: -182, fromDataLogger: true), bagID: a, by: m, at: at(arrival, 8), site: site, on: db)
        try await CustodyRepository.enter(.received, bagID: a, by: m, at: at(arrival, 9), site: site, on: db)
        try await CustodyRepository.enter(.inManufacturing, bagID: a, by: m, at: at(max(started, arrival), 10), site: site, on: db)

        let product = try await CustodyRepository.createBag(.finalProduct, therapyID: therapyID, facility: facility, by: m,
                                                            now: at(released, 7), on: db)
        let p = product.id
        // The DIN is unique per facility (year and sequence), so the lot named after it is unique per site.
        let lot = "L\(product.din.dropFirst(5).prefix(8))"
        try await CustodyRepository.enter(.manufactured(lot: lot), bagID: p, by: m, at: at(released, 8), site: site, on: db)
        // Demo lots conform (the demo's out-of-specification patients are never infused).
        let results = ReleaseTestResults(lot: lot, sterility: .negative, mycoplasma: .negative, endotoxinEUPerMilliliter: 0.5,
                                         viabilityPercent: 91.5, carExpressionPercent: 46, vectorCopyNumberPerTransducedCell: 2.1,
                                         replicationCompetentLentivirus: .notDetected, identity: .confirmed,
                                         viableCellsPerMilliliter: 1.2e7, bagVolumeMilliliters: 70)
        try await ReleaseRepository.recordResults(results, bagID: p, by: m, at: at(released, 9), on: db)
        try await ReleaseRepository.decide(.released, bagID: p, signerName: staff.names[.qa] ?? "QA", by: q, at: at(released, 10), on: db)
        let dayBefore = max(released, infusion.adding(days: -1))
        try await CustodyRepository.enter(.shippedToCenter(courier: "Demo Cryo Courier", shipperID: "DS-\(product.din.suffix(4))"), bagID: p, by: m,
                                          at: at(released, 12), site: site, on: db)
        try await CustodyRepository.enter(.temperatureReading(celsius: -179, fromDataLogger: true), bagID: p, by: n, at: at(dayBefore, 14), on: db)
        try await CustodyRepository.enter(.receivedAtCenter, bagID: p, by: n, at: at(dayBefore, 15), on: db)
        try await CustodyRepository.enter(.stored(location: "LN2 dewar 1, rack B"), bagID: p, by: n, at: at(dayBefore, 15.5), on: db)
        try await CustodyRepository.enter(.dispensed, bagID: p, by: n, at: at(infusion, 8.5), on: db)
        try await CustodyRepository.enter(.thawed, bagID: p, by: n, at: at(infusion, 9), on: db)
        _ = try await BedsideRepository.check(BedsideScan(bagChainOfIdentity: product.chainOfIdentity, bagDIN: product.din,
                                                          wristbandChainOfIdentity: product.chainOfIdentity),
                                              therapyID: therapyID, signerName: staff.names[.nurse] ?? "Nurse", by: n, at: at(infusion, 9.25), on: db)
        try await CustodyRepository.enter(.infused, bagID: p, by: n, at: at(infusion, 9.5), on: db)
    }

    /// The custody trail of a therapy not yet infused, as far as its journey has gone, so the
    /// manufacturing side and QA have real work in the demo: `variant` spreads the therapies of one
    /// stage over the states a bag can be in.
    ///
    /// | stage | variant | bags |
    /// |---|---|---|
    /// | manufacturing | 0 | apheresis in transit, a data-logger reading of −120 °C: quarantined, temperature excursion open |
    /// | manufacturing | 1 | apheresis taken into manufacturing; the lot is being made |
    /// | manufacturing | 2 | final product manufactured, release results not entered yet |
    /// | manufacturing | 3 | final product with conforming results, awaiting QA's release |
    /// | manufacturing failed | any | apheresis taken into manufacturing; no product |
    /// | out of specification | any | final product below the viability limit; the physician's signed request for exceptional release awaits QA |
    /// | lymphodepletion, infusion | even | final product released, received at the center and stored |
    /// | lymphodepletion, infusion | odd | final product released and in transit to the center |
    /// | not infused after release | any | final product released, then discarded by the physician |
    public static func recordInProgress(therapyID: UUID, journey: [JourneyEvent], stage: JourneyStage, variant: Int, today: CalendarDate,
                                        zone: TimeZone, site: String, facility: ISBT128.FacilityIdentificationNumber, staff: Staff,
                                        on db: Database) async throws {
        func first(_ kind: JourneyEventKind) -> CalendarDate? { journey.first { $0.kind == kind }?.date }
        guard let collected = first(.collected) else { return }
        // Every event lands on its day at the given hour, no later than 07:00 today, and after the last one.
        let clock = DemoClock(zone: zone, cap: today)
        let at = clock.at
        let n = staff.nurse, m = staff.manufacturing, q = staff.qa
        let a = try await collectAndShip(therapyID: therapyID, collected: collected, clock: clock, nurse: n, facility: facility, on: db)
        let arrival = collected.adding(days: 1)
        if stage == .manufacturing && variant % 4 == 0 {
            // The dry shipper warmed in transit: the receiving site's logger reading opens a deviation.
            try await CustodyRepository.enter(.temperatureReading(celsius: -120, fromDataLogger: true), bagID: a, by: m, at: at(arrival, 8),
                                              site: site, on: db)
            return
        }
        try await CustodyRepository.enter(.temperatureReading(celsius: -182, fromDataLogger: true), bagID: a, by: m, at: at(arrival, 8), site: site, on: db)
        try await CustodyRepository.enter(.received, bagID: a, by: m, at: at(arrival, 9), site: site, on: db)
        try await CustodyRepository.enter(.inManufacturing, bagID: a, by: m, at: at(first(.manufacturingStarted) ?? arrival, 10), site: site, on: db)
        if stage == .manufacturingFailed || (stage == .manufacturing && variant % 4 == 1) { return }

        // The final product, made a few days ago (or on its release day when that has passed).
        let made = min(first(.released) ?? first(.outOfSpecification) ?? today.adding(days: -2), today.adding(days: -1))
        let product = try await CustodyRepository.createBag(.finalProduct, therapyID: therapyID, facility: facility, by: m, now: at(made, 7), on: db)
        let p = product.id
        let lot = "L\(product.din.dropFirst(5).prefix(8))"
        try await CustodyRepository.enter(.manufactured(lot: lot), bagID: p, by: m, at: at(made, 8), site: site, on: db)
        if stage == .manufacturing && variant % 4 == 2 { return }
        var results = ReleaseTestResults(lot: lot, sterility: .negative, mycoplasma: .negative, endotoxinEUPerMilliliter: 0.5,
                                         viabilityPercent: 91.5, carExpressionPercent: 46, vectorCopyNumberPerTransducedCell: 2.1,
                                         replicationCompetentLentivirus: .notDetected, identity: .confirmed,
                                         viableCellsPerMilliliter: 1.2e7, bagVolumeMilliliters: 70)
        if stage == .outOfSpecification { results.viabilityPercent = 58 }
        try await ReleaseRepository.recordResults(results, bagID: p, by: m, at: at(made, 11), on: db)
        if stage == .manufacturing { return }
        if stage == .outOfSpecification {
            if let physician = staff.physician {
                try await ReleaseRepository.requestExceptionalRelease(
                    bagID: p, justification: "No alternative therapy; viability 58 % against ≥ 70 %; the patient consents to infusion of the out-of-specification lot",
                    signerName: staff.names[.physician] ?? "Physician", by: physician, at: at(made, 14), on: db)
            }
            return
        }
        let released = first(.released) ?? made
        try await ReleaseRepository.decide(.released, bagID: p, signerName: staff.names[.qa] ?? "QA", by: q, at: at(released, 12), on: db)
        try await CustodyRepository.enter(.shippedToCenter(courier: "Demo Cryo Courier", shipperID: "DS-\(product.din.suffix(4))"), bagID: p, by: m,
                                          at: at(released, 14), site: site, on: db)
        if stage == .notInfused, let physician = staff.physician {
            try await CustodyRepository.enter(.discarded(reason: "patient died before infusion"), bagID: p, by: physician,
                                              at: at(first(.notInfused) ?? today, 9), on: db)
            return
        }
        if variant % 2 == 1 { return }
        let arrived = released.adding(days: 1)
        try await CustodyRepository.enter(.temperatureReading(celsius: -179, fromDataLogger: true), bagID: p, by: n, at: at(arrived, 14), on: db)
        try await CustodyRepository.enter(.receivedAtCenter, bagID: p, by: n, at: at(arrived, 15), on: db)
        try await CustodyRepository.enter(.stored(location: "LN2 dewar 1, rack B"), bagID: p, by: n, at: at(arrived, 15.5), on: db)
    }

    /// The collection bag's first day: opened, collected, frozen and packed, shipped to manufacturing; returns the bag's ID.
    static func collectAndShip(therapyID: UUID, collected: CalendarDate, clock: DemoClock, nurse n: ActingUser,
                               facility: ISBT128.FacilityIdentificationNumber, on db: Database) async throws -> UUID {
        let apheresis = try await CustodyRepository.createBag(.apheresis, therapyID: therapyID, facility: facility, by: n,
                                                              now: clock.at(collected, 8), on: db)
        let a = apheresis.id
        try await CustodyRepository.enter(.collected, bagID: a, by: n, at: clock.at(collected, 9), on: db)
        try await CustodyRepository.enter(.packed(condition: .cryopreserved), bagID: a, by: n, at: clock.at(collected, 15), on: db)
        try await CustodyRepository.enter(.shipped(courier: "Demo Cryo Courier", shipperID: "DS-\(apheresis.din.suffix(4))"), bagID: a,
                                         by: n, at: clock.at(collected, 17), on: db)
        return a
    }
}

/// Times for a demo custody trail: each event on its day at its hour in the center's zone, at least a
/// minute after the one before (a log never runs backwards), and with `cap` never later than 07:00 on
/// the cap day (the demo's today), so nothing is recorded in the future.
final class DemoClock {
    let zone: TimeZone
    let cap: CalendarDate?
    private var last = Date.distantPast

    init(zone: TimeZone, cap: CalendarDate?) { self.zone = zone; self.cap = cap }

    func at(_ day: CalendarDate, _ hour: Double) -> Date {
        var d = day, h = hour
        if let cap, d >= cap { d = cap; h = min(hour, 7) }
        let midnightUTC = Date(timeIntervalSince1970: Double(d.daysSinceEpoch) * 86_400 + h * 3600)
        let planned = midnightUTC.addingTimeInterval(-Double(zone.secondsFromGMT(for: midnightUTC)))
        last = max(planned, last.addingTimeInterval(60))
        return last
    }
}
