import CartographCore
import Fluent
import Foundation

/// One site's row of the slot calendar, as one center sees it.
public struct SlotCalendarSite: Codable, Sendable, Hashable {
    public var siteCode: String
    public var siteName: String
    public var slotsPerWeek: Int
    /// The viewer's center runs the site: it sees every center's bookings.
    public var operatedByYourCenter: Bool
    public var weeks: [SlotWeek]
}

/// One ISO week of a site. Every center sees the capacity, the free slots (to plan collections) and its
/// own bookings; how many slots all centers booked together only the center that runs the site sees,
/// since it tells one center's activity to another.
public struct SlotWeek: Codable, Sendable, Hashable {
    public var siteCode: String
    public var week: ManufacturingISOWeek
    public var capacity: Int
    /// All centers' bookings; nil unless the viewer's center runs the site.
    public var booked: Int?
    public var bookedByYourCenter: Int
    public var free: Int
}

/// Manufacturing slots: sites have weekly capacity; scheduling a collection reserves a slot in the
/// collection's ISO week (rules: `SlotCalendar`); a failed or abandoned collection frees it.
///
/// Active only once some site has a capacity configured, so a program that does not plan capacity in
/// Cartograph schedules collections as before.
public enum SlotRepository {
    /// Sets a site's ordinary weekly slot count: the operating center's manufacturing staff or
    /// administrator only. Another center's users get "not found", as for anything of another center.
    public static func setCapacity(siteCode: String, slotsPerWeek: Int, by actor: ActingUser, on db: Database) async throws {
        guard [.admin, .manufacturing].contains(actor.role) else { throw StoreError.forbidden("only manufacturing or an administrator sets capacity") }
        guard (0...500).contains(slotsPerWeek) else { throw StoreError.invalid([FieldError("slotsPerWeek", "must be between 0 and 500")]) }
        try await retryingTransaction(on: db) { tx in
            guard let site = try await ManufacturingSite.query(on: tx).filter(\.$code == siteCode).first(),
                  site.operatorCenterID == actor.centerID else { throw StoreError.notFound("manufacturing site \(siteCode) run by your center") }
            let siteID = try site.requireID()
            let row = try await ManufacturingCapacityRecord.query(on: tx).filter(\.$siteID == siteID).first() ?? ManufacturingCapacityRecord()
            row.siteID = siteID
            row.slotsPerWeek = slotsPerWeek
            try await row.save(on: tx)
            try await AuditTrail.record(on: tx, actor: actor.userID, center: actor.centerID, action: "slots.capacity", entity: "manufacturingSite",
                                        entityID: siteCode, payload: ["slotsPerWeek": slotsPerWeek])
        }
    }

    /// Called by the journey inside its transaction after the event passed the state machine.
    static func journeyEventRecorded(_ event: JourneyEvent, state: JourneyState, therapy: Therapy, by actor: ActingUser,
                                     on tx: Database) async throws {
        // Every off-ramp before infusion frees the slot: no patient off the pathway holds manufacturing
        // capacity. (After infusion the slot was used; ending follow-up does not rewrite that.)
        if state.stage.isOffRamp, state.stage != .followUpEnded {
            try await cancelActive(therapyID: try therapy.requireID(), by: actor, on: tx)
            return
        }
        switch event.kind {
        case .collectionScheduled:
            try await cancelActive(therapyID: try therapy.requireID(), by: actor, on: tx)
            // In-silico patients never take a real site's manufacturing capacity.
            guard try await Patient.find(therapy.$patient.id, on: tx)?.origin != "virtual" else { return }
            try await book(therapy: therapy, collectionDate: event.date, by: actor, on: tx)
        case .collectionFailed:
            try await cancelActive(therapyID: try therapy.requireID(), by: actor, on: tx)
        default: break
        }
    }

    static func calendar(on db: Database) async throws -> (SlotCalendar, [UUID: ManufacturingSite]) {
        let capacities = try await ManufacturingCapacityRecord.query(on: db).all()
        let sites = try await ManufacturingSite.query(on: db).all()
        let byID = Dictionary(uniqueKeysWithValues: try sites.map { (try $0.requireID(), $0) })
        let active = try await SlotBookingRecord.query(on: db).filter(\.$status == "active").all()
        let bookings: [ManufacturingSlotBooking] = active.compactMap { b in
            guard let site = byID[b.siteID], let date = CalendarDate(b.collectionDate) else { return nil }
            return ManufacturingSlotBooking(storedReference: b.therapyID.uuidString, siteCode: site.code, collectionDate: date)
        }
        let sitesWithCapacity = capacities.compactMap { c in byID[c.siteID].map { ManufacturingSiteCapacity(siteCode: $0.code, slotsPerWeek: c.slotsPerWeek) } }
            .sorted { $0.siteCode < $1.siteCode }
        return (SlotCalendar(sites: sitesWithCapacity, bookings: bookings), byID)
    }

    static func book(therapy: Therapy, collectionDate: CalendarDate, by actor: ActingUser, on tx: Database) async throws {
        var (calendar, sites) = try await calendar(on: tx)
        guard !calendar.sites.isEmpty else { return }
        let therapyID = try therapy.requireID()
        var problems: [String] = []
        for capacity in calendar.sites {
            do {
                let booking = try calendar.book(reference: therapyID.uuidString, siteCode: capacity.siteCode, collectionDate: collectionDate)
                guard let site = sites.values.first(where: { $0.code == capacity.siteCode }) else { continue }
                let siteID = try site.requireID()
                let taken = Set(try await SlotBookingRecord.query(on: tx).filter(\.$siteID == siteID).filter(\.$isoWeek == booking.week.description)
                    .filter(\.$status == "active").all().compactMap(\.slotKey))
                let n = (1...max(1, capacity.capacity(in: booking.week))).first { !taken.contains("\(capacity.siteCode):\(booking.week):\($0)") } ?? 1
                let row = SlotBookingRecord()
                row.siteID = siteID
                row.therapyID = therapyID
                row.centerID = therapy.centerID
                row.collectionDate = collectionDate.description
                row.isoWeek = booking.week.description
                row.slotKey = "\(capacity.siteCode):\(booking.week):\(n)"
                row.status = "active"
                row.bookedBy = actor.userID
                try await row.create(on: tx)
                struct Payload: Encodable { let site: String; let week: String; let collectionDate: String; let slot: Int }
                try await AuditTrail.record(on: tx, actor: actor.userID, center: actor.centerID, action: "slots.booked", entity: "therapy",
                                            entityID: therapyID.uuidString,
                                            payload: Payload(site: capacity.siteCode, week: booking.week.description, collectionDate: collectionDate.description, slot: n))
                return
            } catch let e as ManufacturingSlotError {
                problems.append(e.description)
            }
        }
        throw StoreError.invalid([FieldError("date", "no manufacturing slot for a collection on \(collectionDate): " + problems.joined(separator: "; "))])
    }

    static func cancelActive(therapyID: UUID, by actor: ActingUser, on tx: Database) async throws {
        for row in try await SlotBookingRecord.query(on: tx).filter(\.$therapyID == therapyID).filter(\.$status == "active").all() {
            row.status = "cancelled"
            row.slotKey = nil
            try await row.update(on: tx)
            try await AuditTrail.record(on: tx, actor: actor.userID, center: actor.centerID, action: "slots.cancelled", entity: "therapy",
                                        entityID: therapyID.uuidString, payload: ["week": row.isoWeek, "collectionDate": row.collectionDate])
        }
    }

    /// The manufacturing site a therapy's product is made at: the site of its latest slot booking, else
    /// the first site by code (a program with one site needs no booking to know it); nil without sites.
    public static func site(forTherapy therapyID: UUID, on db: Database) async throws -> ManufacturingSite? {
        if let booking = try await SlotBookingRecord.query(on: db).filter(\.$therapyID == therapyID).sort(\.$id).all().last,
           let site = try await ManufacturingSite.find(booking.siteID, on: db) {
            return site
        }
        return try await ManufacturingSite.query(on: db).sort(\.$code).first()
    }

    /// Capacity, free slots and the bookings `centerID` may see, per site, for `weeks` weeks from the
    /// week of `from`.
    public static func overview(from: CalendarDate, weeks: Int, for centerID: UUID, on db: Database) async throws -> [SlotCalendarSite] {
        let (calendar, sites) = try await calendar(on: db)
        let first = from.isoWeek
        var last = first
        for _ in 1..<max(1, min(weeks, 104)) { last = last.next }
        // The viewer's own active bookings, by site code and week.
        let own = try await SlotBookingRecord.query(on: db).filter(\.$status == "active").filter(\.$centerID == centerID).all()
        var ownCount: [String: Int] = [:]
        for b in own {
            if let site = sites[b.siteID] { ownCount["\(site.code) \(b.isoWeek)", default: 0] += 1 }
        }
        return try calendar.sites.map { capacity in
            let site = sites.values.first { $0.code == capacity.siteCode }
            let operated = site?.operatorCenterID == centerID
            let summaries = try calendar.weekSummaries(siteCode: capacity.siteCode, from: first, through: last)
            return SlotCalendarSite(siteCode: capacity.siteCode, siteName: site?.name ?? capacity.siteCode, slotsPerWeek: capacity.slotsPerWeek,
                                    operatedByYourCenter: operated,
                                    weeks: summaries.map { w in
                                        SlotWeek(siteCode: w.siteCode, week: w.week, capacity: w.capacity, booked: operated ? w.booked : nil,
                                                 bookedByYourCenter: ownCount["\(w.siteCode) \(w.week)"] ?? 0, free: w.free)
                                    })
        }
    }
}
