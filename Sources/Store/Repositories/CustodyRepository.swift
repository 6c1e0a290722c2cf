import CartographCore
import Fluent
import Foundation
import SQLKit
import Synchronization

/// The custody log of every bag: identifiers, append-only events checked by `CustodyStateMachine`,
/// signatures where a step needs one, deviations, and an audit record in the same transaction.
///
/// Scoping: a bag belongs to its therapy's center; a user of another center gets "not found". The
/// manufacturing and QA accounts of a center act on that center's bags by chain-of-identity ID and DIN
/// and never see the patient's identity (nothing here reads `patient_identities`).
public enum CustodyRepository {
    /// The custody rules of the bag's product (its profile's `custodyRules`).
    static func rules(of bag: CustodyBagRecord, on db: Database) async throws -> CustodyRules {
        if let product = productOfTherapy.withLock({ $0[bag.therapyID] }), let profile = ProductCatalogue.profile(id: product) {
            return profile.custodyRules
        }
        guard let therapy = try await Therapy.find(bag.therapyID, on: db), let profile = ProductCatalogue.profile(id: therapy.productID) else {
            throw StoreError.conflict("bag \(bag.din) belongs to no therapy of a known product")
        }
        productOfTherapy.withLock { known in
            if known.count >= 50_000 { known.removeAll(keepingCapacity: true) }
            known[bag.therapyID] = therapy.productID
        }
        return profile.custodyRules
    }

    /// The product of each therapy a bag was read for. A therapy's product is set at enrolment and never
    /// changes, so every app instance may keep it; a trail of seventeen steps then reads the therapy once.
    private static let productOfTherapy = Mutex<[UUID: String]>([:])

    /// Roles that may open a bag of `kind`: the apheresis unit opens the collection bag, the
    /// manufacturing site the final product bag.
    public static func mayCreate(_ kind: CustodyBagKind, role: Role) -> Bool {
        switch kind {
        case .apheresis: [.coordinator, .nurse, .physician].contains(role)
        case .finalProduct: [.manufacturing, .qa].contains(role)
        }
    }

    /// Opens a bag for the therapy: issues the therapy's chain-of-identity ID on first use and a new DIN.
    public static func createBag(_ kind: CustodyBagKind, therapyID: UUID, facility: ISBT128.FacilityIdentificationNumber,
                                 by actor: ActingUser, now: Date = Date(), on db: Database) async throws -> CustodyBagView {
        guard mayCreate(kind, role: actor.role) else {
            throw StoreError.forbidden("the \(actor.role.displayName) role cannot open a bag of kind \(kind.displayName)")
        }
        let bagID: UUID = try await retryingTransaction(on: db) { tx in
            let therapy = try await scopedTherapy(therapyID, actor: actor, on: tx)
            let center = try await Center.find(therapy.centerID, on: tx)
            let year = CalendarDate(now, in: center?.zone ?? .gmt).parts.year
            let coi = try await CustodyIdentifiers.chainOfIdentity(therapyID: therapyID, centerID: therapy.centerID, facility: facility,
                                                                   year: year, on: tx)
            let din = try await CustodyIdentifiers.nextDIN(facility: facility, year: year, on: tx)
            let bag = CustodyBagRecord()
            bag.therapyID = therapyID
            bag.centerID = therapy.centerID
            bag.kind = kind.rawValue
            bag.chainOfIdentity = coi.characters
            bag.facilityCode = facility.code
            bag.nominalYear = din.nominalYear
            bag.sequence = din.sequenceNumber
            bag.din = din.characters
            bag.createdBy = actor.userID
            try await bag.create(on: tx)
            let id = try bag.requireID()
            struct Payload: Encodable { let kind: String; let chainOfIdentity: String; let din: String }
            try await AuditTrail.record(on: tx, actor: actor.userID, center: actor.centerID, action: "custody.bagCreated", entity: "bag",
                                        entityID: id.uuidString, payload: Payload(kind: kind.rawValue, chainOfIdentity: coi.characters, din: din.characters))
            return id
        }
        return try await bag(bagID, for: actor, on: db)
    }

    /// The record an event's signature is bound to: the bag, its identifiers, its place in the log
    /// and everything the event says.
    struct SignedEventRecord: Encodable {
        let bagID: UUID
        let din: String
        let chainOfIdentity: String
        /// The lot the bag holds, when manufactured: a QA release signs this lot.
        let lot: String?
        let sequence: Int
        let kind: CustodyEventKind
        let details: CustodyEventDetails
        let actorID: String
        let instant: Date
        let timeZone: String
        let site: String
    }

    /// Appends one event to a bag's log.
    ///
    /// Replays the stored log through `CustodyStateMachine`; an impossible event is refused with 422
    /// naming the field (`StoreError.invalid`), a role that may not record it with 403, and nothing is
    /// written. Steps that need a signature (QA disposition, bedside verification, deviation closure)
    /// are signed here with `signerName` — the caller has already checked the re-entered password. A
    /// reading outside the limit quarantines the bag and opens a deviation (stored in
    /// `custody_deviations`); QA's `quarantineReleased` closes it.
    @discardableResult
    public static func record(_ details: CustodyEventDetails, bagID: UUID, by actor: ActingUser, at instant: Date = Date(),
                              site: String? = nil, timeZone: String? = nil, signerName: String? = nil,
                              on db: Database) async throws -> CustodyBagView {
        try await enter(details, bagID: bagID, by: actor, at: instant, site: site, timeZone: timeZone, signerName: signerName, on: db)
        return try await bag(bagID, for: actor, on: db)
    }

    /// `record` without reading the bag back: for a loader that writes a whole trail and shows none of
    /// it (the same checks, signature, deviations and audit record; three fewer queries a step).
    public static func enter(_ details: CustodyEventDetails, bagID: UUID, by actor: ActingUser, at instant: Date,
                             site: String? = nil, timeZone: String? = nil, signerName: String? = nil, on db: Database) async throws {
        if case .qaDisposition(.exceptionalRelease) = details {
            throw StoreError.invalid([FieldError("disposition", "an exceptional release goes through the release file: the physician's signed request, then QA's signature over it")])
        }
        try await retryingTransaction(on: db) { tx in
            try await append(details, bagID: bagID, by: actor, at: instant, site: site, timeZone: timeZone, signerName: signerName, on: tx)
        }
    }

    /// The body of `record`, for callers already inside a transaction.
    static func append(_ details: CustodyEventDetails, bagID: UUID, by actor: ActingUser, at rawInstant: Date, site: String?,
                       timeZone: String?, signerName: String?, existingSignatureID: UUID? = nil, on tx: Database) async throws {
        guard let bag = try await CustodyBagRecord.query(on: tx).filter(\.$id == bagID).filter(\.$centerID == actor.centerID).first()
        else { throw StoreError.notFound("bag") }
        let center = try await place(of: bag.centerID, on: tx)
        let instant = SignatureRepository.roundedToMilliseconds(rawInstant)
        let stored = try await log(of: bagID, on: tx)
        let custodyBag = try bagValue(bag)
        let rules = try await rules(of: bag, on: tx)
        let before: CustodyBagState
        do { before = try CustodyStateMachine.replay(stored, bag: custodyBag, rules: rules) } catch {
            throw StoreError.conflict("the stored custody log of bag \(bag.din) no longer replays: \(error)")
        }
        var event = CustodyEvent(details, by: CustodyActor(userID: actor.userID.uuidString, role: actor.role), at: instant,
                                 timeZoneIdentifier: timeZone ?? center?.timeZone ?? "UTC", site: site ?? center?.code ?? "")
        if !event.kind.permittedRoles.contains(actor.role) {
            throw StoreError.forbidden(CustodyTransitionError.roleNotPermitted(event.kind, role: actor.role).description)
        }
        // A lot number names one lot at its site: the certificate, the label and QA's signature all
        // point at it, so a second bag may never carry it.
        // Compared trimmed and case-insensitive, through the indexed key rather than every lot of the site.
        var lotKey: String?
        if case .manufactured(let lot) = details {
            let trimmed = lot.trimmingCharacters(in: .whitespacesAndNewlines)
            lotKey = IdentityKeys.lot(lot)
            if try await CustodyEventRecord.query(on: tx).filter(\.$site == event.site).filter(\.$lotKey == lotKey)
                .filter(\.$bagID != bagID).first() != nil {
                throw StoreError.invalid([FieldError("lot", "lot \(trimmed) is already used at site \(event.site); every lot number is unique per site")])
            }
        }
        var signatureID: UUID? = existingSignatureID
        event.signatureReference = existingSignatureID?.uuidString
        if existingSignatureID == nil, let meaning = details.requiredSignatureMeaning, let signerName {
            let record = SignedEventRecord(bagID: bagID, din: bag.din, chainOfIdentity: bag.chainOfIdentity, lot: before.lot, sequence: stored.count + 1,
                                           kind: event.kind, details: details, actorID: actor.userID.uuidString, instant: instant,
                                           timeZone: event.timeZoneIdentifier, site: event.site)
            let signature = try await SignatureRepository.sign(record, meaning: meaning, signerName: signerName, by: actor,
                                                               entity: "bag", entityID: bagID.uuidString, at: instant, on: tx)
            signatureID = signature.id
            event.signatureReference = signature.id.uuidString
        }
        let after: CustodyBagState
        do { after = try CustodyStateMachine.apply(event, to: before, rules: rules) } catch {
            switch error {
            case .roleNotPermitted, .onlyQAClosesDeviations: throw StoreError.forbidden(error.description)
            default: throw StoreError.invalid([error.fieldError])
            }
        }
        let row = CustodyEventRecord()
        row.bagID = bagID
        row.sequence = stored.count + 1
        row.kind = event.kind.rawValue
        row.details = try json(details)
        row.actorID = actor.userID
        row.actorRole = actor.role.rawValue
        row.occurredAtMilliseconds = SignatureRepository.milliseconds(instant)
        row.timeZone = event.timeZoneIdentifier
        row.site = event.site
        row.signatureID = signatureID
        row.lotKey = lotKey
        try await row.create(on: tx)
        struct Payload: Encodable {
            let bagID: UUID; let din: String; let chainOfIdentity: String; let sequence: Int; let details: CustodyEventDetails
            let instant: Date; let timeZone: String; let site: String; let signatureID: UUID?; let phase: String; let quarantined: Bool
        }
        try await AuditTrail.record(on: tx, actor: actor.userID, center: actor.centerID, action: "custody.\(event.kind.rawValue)",
                                    entity: "bag", entityID: bagID.uuidString,
                                    payload: Payload(bagID: bagID, din: bag.din, chainOfIdentity: bag.chainOfIdentity, sequence: row.sequence,
                                                     details: details, instant: instant, timeZone: row.timeZone, site: row.site,
                                                     signatureID: signatureID, phase: after.phase.rawValue, quarantined: after.isQuarantined))
        try await syncDeviations(before: before, after: after, bag: bag, actor: actor, signatureID: signatureID, on: tx)
        try await JourneyRepository.productDecided(details, lot: after.lot, therapyID: bag.therapyID,
                                                   on: CalendarDate.today(in: TimeZone(identifier: center?.timeZone ?? event.timeZoneIdentifier) ?? .gmt, now: instant),
                                                   by: actor, on: tx)
    }

    /// Mirrors deviations the event opened or closed into `custody_deviations`.
    static func syncDeviations(before: CustodyBagState, after: CustodyBagState, bag: CustodyBagRecord, actor: ActingUser,
                               signatureID: UUID?, on tx: Database) async throws {
        let bagID = try bag.requireID()
        for d in after.deviations.dropFirst(before.deviations.count) {
            let row = CustodyDeviationRecord()
            row.key = "bag:\(bagID.uuidString):\(d.id)"
            row.therapyID = bag.therapyID
            row.centerID = bag.centerID
            row.bagID = bagID
            row.number = d.id
            if case .temperatureExcursion = d.cause { row.kind = "temperatureExcursion" } else { row.kind = "manualQuarantine" }
            row.summary = "Bag \(bag.din): " + d.summary
            row.openedBy = actor.userID
            row.openedAtMilliseconds = SignatureRepository.milliseconds(d.openedAt)
            try await row.create(on: tx)
            try await AuditTrail.record(on: tx, actor: actor.userID, center: actor.centerID, action: "deviation.opened", entity: "deviation",
                                        entityID: try row.requireID().uuidString, payload: ["summary": row.summary, "key": row.key])
        }
        for (old, new) in zip(before.deviations, after.deviations) where old.isOpen && !new.isOpen {
            guard let closure = new.closure,
                  let row = try await CustodyDeviationRecord.query(on: tx).filter(\.$key == "bag:\(bagID.uuidString):\(new.id)").first()
            else { continue }
            row.closedBy = actor.userID
            row.closedAtMilliseconds = SignatureRepository.milliseconds(closure.closedAt)
            row.closureReason = closure.reason
            row.closureSignatureID = signatureID
            try await row.update(on: tx)
        }
    }

    /// Temperature readings from a data-logger file, appended in one transaction: all or none.
    public static func recordLoggerReadings(_ readings: [(instant: Date, celsius: Double)], bagID: UUID, by actor: ActingUser,
                                            site: String? = nil, timeZone: String? = nil, on db: Database) async throws -> CustodyBagView {
        guard !readings.isEmpty else { throw StoreError.invalid([FieldError("file", "the file holds no reading")]) }
        try await retryingTransaction(on: db) { tx in
            for r in readings.sorted(by: { $0.instant < $1.instant }) {
                try await append(.temperatureReading(celsius: r.celsius, fromDataLogger: true), bagID: bagID, by: actor, at: r.instant,
                                 site: site, timeZone: timeZone, signerName: nil, on: tx)
            }
        }
        return try await bag(bagID, for: actor, on: db)
    }

    /// What the acting user may record next on the bag, as the state machine would accept it now.
    public static func recordableKinds(bagID: UUID, for actor: ActingUser, now: Date = Date(), on db: Database) async throws -> [CustodyEventKind] {
        guard let bag = try await CustodyBagRecord.query(on: db).filter(\.$id == bagID).filter(\.$centerID == actor.centerID).first()
        else { throw StoreError.notFound("bag") }
        return CustodyStateMachine.recordableKinds(on: try await state(of: bag, on: db), role: actor.role, at: now,
                                                   rules: try await rules(of: bag, on: db))
    }

    // MARK: - Reading

    public static func bag(_ bagID: UUID, for actor: ActingUser, on db: Database) async throws -> CustodyBagView {
        guard let bag = try await CustodyBagRecord.query(on: db).filter(\.$id == bagID).filter(\.$centerID == actor.centerID).first()
        else { throw StoreError.notFound("bag") }
        let deviations = try await deviationViews(CustodyDeviationRecord.query(on: db).filter(\.$bagID == bagID).sort(\.$number).all(), on: db)
        return try await view(bag, deviations: deviations, on: db)
    }

    /// The therapy's custody trail (center-scoped; no identity).
    public static func trail(therapyID: UUID, for actor: ActingUser, on db: Database) async throws -> CustodyTrail {
        _ = try await scopedTherapy(therapyID, actor: actor, on: db)
        let bags = try await CustodyBagRecord.query(on: db).filter(\.$therapyID == therapyID).sort(\.$createdAt).sort(\.$din).all()
        let deviations = try await deviationViews(CustodyDeviationRecord.query(on: db).filter(\.$therapyID == therapyID)
            .sort(\.$openedAtMilliseconds).all(), on: db)
        var views: [CustodyBagView] = []
        for b in bags { views.append(try await view(b, deviations: deviations.filter { $0.bagID == b.id }, on: db)) }
        return CustodyTrail(therapyID: therapyID, chainOfIdentity: try await CustodyIdentifiers.existingChainOfIdentity(therapyID: therapyID, on: db),
                            bags: views, deviations: deviations)
    }

    /// Open deviations of the user's center, oldest first (QA's queue).
    public static func openDeviations(for actor: ActingUser, on db: Database) async throws -> [DeviationView] {
        try await deviationViews(CustodyDeviationRecord.query(on: db).filter(\.$centerID == actor.centerID)
            .filter(\.$closedAtMilliseconds == nil).sort(\.$openedAtMilliseconds).all(), on: db)
    }

    /// The replayed state of a stored bag.
    public static func state(of bag: CustodyBagRecord, on db: Database) async throws -> CustodyBagState {
        return try CustodyStateMachine.replay(try await log(of: try bag.requireID(), on: db), bag: try bagValue(bag),
                                              rules: try await rules(of: bag, on: db))
    }

    static func view(_ bag: CustodyBagRecord, deviations: [DeviationView], on db: Database) async throws -> CustodyBagView {
        let bagID = try bag.requireID()
        let stored = try await CustodyEventRecord.query(on: db).filter(\.$bagID == bagID).sort(\.$sequence, .ascending).all()
        let events = try stored.map(event)
        let rules = try await rules(of: bag, on: db)
        let state = try CustodyStateMachine.replay(events, bag: try bagValue(bag), rules: rules)
        let signatures = try await SignatureRepository.signatures(stored.compactMap(\.signatureID), on: db)
        let din = try ISBT128.DonationIdentificationNumber(parsing: bag.din)
        return CustodyBagView(
            id: bagID, therapyID: bag.therapyID, kind: CustodyBagKind(rawValue: bag.kind) ?? .apheresis, din: bag.din,
            dinCheckCharacter: String(din.checkCharacter), chainOfIdentity: bag.chainOfIdentity, phase: state.phase,
            thermalCondition: state.thermalCondition, isQuarantined: state.isQuarantined, lot: state.lot, qaDisposition: state.qaDisposition,
            bedsideVerifiedAt: state.bedsideVerifiedAt, rules: rules,
            events: zip(stored, events).map { r, e in
                CustodyEventView(sequence: r.sequence, kind: e.kind, details: e.details, summary: CustodySummaryText.line(e.details),
                                 actorID: r.actorID, actorRole: e.actor.role, instant: e.instant,
                                 localTime: CustodySummaryText.local(e.instant, zone: r.timeZone), timeZone: r.timeZone, site: r.site,
                                 signature: r.signatureID.flatMap { signatures[$0] })
            },
            deviations: deviations)
    }

    static func deviationViews(_ rows: [CustodyDeviationRecord], on db: Database) async throws -> [DeviationView] {
        let signatures = try await SignatureRepository.signatures(rows.compactMap(\.closureSignatureID), on: db)
        return rows.map { r in
            DeviationView(id: r.id ?? UUID(), therapyID: r.therapyID, bagID: r.bagID, number: r.number, kind: r.kind, summary: r.summary,
                          openedBy: r.openedBy, openedAt: SignatureRepository.date(milliseconds: r.openedAtMilliseconds),
                          isOpen: r.closedAtMilliseconds == nil, closedBy: r.closedBy,
                          closedAt: r.closedAtMilliseconds.map(SignatureRepository.date(milliseconds:)), closureReason: r.closureReason,
                          closureSignature: r.closureSignatureID.flatMap { signatures[$0] })
        }
    }

    // MARK: - Helpers

    static func scopedTherapy(_ therapyID: UUID, actor: ActingUser, on db: Database) async throws -> Therapy {
        guard let therapy = try await Therapy.query(on: db).filter(\.$id == therapyID).filter(\.$centerID == actor.centerID).first()
        else { throw StoreError.notFound("therapy") }
        return therapy
    }

    static func bagValue(_ r: CustodyBagRecord) throws -> CustodyBag {
        guard let kind = CustodyBagKind(rawValue: r.kind) else { throw StoreError.conflict("stored bag \(r.din) has an unknown kind") }
        return CustodyBag(kind: kind, din: try ISBT128.DonationIdentificationNumber(parsing: r.din),
                          chainOfIdentity: try ISBT128.ChainOfIdentityIdentifier(parsing: r.chainOfIdentity))
    }

    /// A center's code and time zone, as one step of a trail needs them (plain columns, no model).
    static func place(of centerID: UUID, on db: Database) async throws -> (code: String, timeZone: String)? {
        let sql = try plainSQL(db, for: "the custody log")
        struct Row: Decodable {
            let code: String, timeZone: String
            enum CodingKeys: String, CodingKey { case code, timeZone = "time_zone" }
        }
        return try await sql.raw("SELECT code, time_zone FROM centers WHERE id = \(bind: centerID)").first(decoding: Row.self)
            .map { ($0.code, $0.timeZone) }
    }

    /// The bag's custody log in order, read as plain columns: every step replays the log before it, so
    /// no model per row.
    static func log(of bagID: UUID, on db: Database) async throws -> [CustodyEvent] {
        let sql = try plainSQL(db, for: "the custody log")
        struct Row: Decodable {
            let sequence: Int, details: String, actorID: UUID, actorRole: String, occurredAt: Int64, timeZone: String, site: String
            let signatureID: UUID?
            enum CodingKeys: String, CodingKey {
                case sequence, details, site
                case actorID = "actor_id", actorRole = "actor_role", occurredAt = "occurred_at_ms", timeZone = "time_zone"
                case signatureID = "signature_id"
            }
        }
        let rows = try await sql.raw("""
            SELECT sequence, details, actor_id, actor_role, occurred_at_ms, time_zone, site, signature_id
            FROM custody_events WHERE bag_id = \(bind: bagID) ORDER BY sequence
            """).all(decoding: Row.self)
        return try rows.map { r in
            try event(sequence: r.sequence, details: r.details, actorID: r.actorID, actorRole: r.actorRole, occurredAt: r.occurredAt,
                      timeZone: r.timeZone, site: r.site, signatureID: r.signatureID)
        }
    }

    static func event(_ r: CustodyEventRecord) throws -> CustodyEvent {
        try event(sequence: r.sequence, details: r.details, actorID: r.actorID, actorRole: r.actorRole, occurredAt: r.occurredAtMilliseconds,
                  timeZone: r.timeZone, site: r.site, signatureID: r.signatureID)
    }

    private static func event(sequence: Int, details: String, actorID: UUID, actorRole: String, occurredAt: Int64, timeZone: String,
                              site: String, signatureID: UUID?) throws -> CustodyEvent {
        guard let role = Role(rawValue: actorRole),
              let details = try? JSONDecoder().decode(CustodyEventDetails.self, from: Data(details.utf8)) else {
            throw StoreError.conflict("stored custody event \(sequence) is unreadable")
        }
        return CustodyEvent(details, by: CustodyActor(userID: actorID.uuidString, role: role),
                            at: SignatureRepository.date(milliseconds: occurredAt), timeZoneIdentifier: timeZone,
                            site: site, signatureReference: signatureID?.uuidString)
    }

    static func json(_ value: some Encodable) throws -> String { try StoredJSON.text(value) }
}
