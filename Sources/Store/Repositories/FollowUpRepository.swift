import CartographCore
import Clinical
import Fluent
import Foundation

/// Long-term follow-up records and the worklist computed from them (`FollowUpTracker`, `FOLLOW-UP-1`).
///
/// A journey `followUpEnded` event does not end the tracker's follow-up: FOLLOW-UP-1 keeps survival
/// and late-safety follow-up after progression or a new therapy (CAR-T long-term follow-up is
/// life-long for secondary malignancies), and only a recorded death, loss to follow-up or withdrawal of
/// consent ends it.
public enum FollowUpRepository {
    /// Records a follow-up contact. Refused: no infusion recorded (409), a date after today, before the
    /// infusion or after a recorded death, a second visit on one date, a note over 500 characters.
    public static func recordVisit(_ entry: FollowUpVisitEntry, patientID: UUID, by actor: ActingUser, today: CalendarDate,
                                   on db: Database) async throws -> StoredFollowUpVisit {
        try await recordVisits([entry], patientID: patientID, by: actor, today: today, on: db)[0]
    }

    /// Records several follow-up contacts of one patient in one transaction: each entry is checked as
    /// `recordVisit` checks it, against the stored visits and the entries before it, and either all
    /// are stored or none. A patient's history imported at once is one read, one multi-row insert and
    /// one run of audit records instead of a transaction per visit. With more than one entry, problems
    /// name the entry (`visits[2].date`).
    public static func recordVisits(_ entries: [FollowUpVisitEntry], patientID: UUID, by actor: ActingUser, today: CalendarDate,
                                    on db: Database) async throws -> [StoredFollowUpVisit] {
        guard actor.role.recordsJourney else { throw StoreError.forbidden("the \(actor.role.displayName) role cannot record follow-up") }
        guard !entries.isEmpty else { throw StoreError.invalid([FieldError("visits", "no visits given")]) }
        @Sendable func field(_ i: Int, _ name: String) -> String { entries.count == 1 ? name : "visits[\(i)].\(name)" }
        var c = FieldErrorCollector()
        for (i, entry) in entries.enumerated() {
            c.require((entry.note ?? "").count <= 500, field(i, "note"), "at most 500 characters")
            c.require(entry.date <= today, field(i, "date"), "\(entry.date) is after today (\(today))")
        }
        if !c.errors.isEmpty { throw StoreError.invalid(c.errors) }
        return try await retryingTransaction(on: db) { tx in
            let (therapy, infusion) = try await infusedTherapy(patientID: patientID, actor: actor, on: tx)
            let tid = try therapy.requireID()
            let (visits, events) = try await records(ofTherapy: tid, on: tx)
            let death = events.first(where: { $0.entry.kind == .death })
            var taken = Set(visits.map(\.date))
            var c = FieldErrorCollector()
            var rows: [FollowUpVisitRecord] = []
            var audit: [AuditTrail.Entry] = []
            for (i, entry) in entries.enumerated() {
                c.require(entry.date >= infusion, field(i, "date"), "\(entry.date) is before the infusion (\(infusion))")
                if let death {
                    c.require(entry.date <= death.entry.date, field(i, "date"), "\(entry.date) is after the death recorded on \(death.entry.date)")
                }
                c.require(taken.insert(entry.date).inserted, field(i, "date"), "a visit on \(entry.date) is already recorded")
                let row = FollowUpVisitRecord()
                row.id = UUID()
                row.$therapy.id = tid
                row.visitedOn = entry.date.description
                row.contact = entry.contact.rawValue
                row.note = entry.note.flatMap { $0.isEmpty ? nil : $0 }
                row.recordedBy = actor.userID
                rows.append(row)
                audit.append(try AuditTrail.Entry(actor: actor.userID, center: actor.centerID, action: "followUp.visit",
                                                  entity: "therapy", entityID: tid.uuidString, payload: entry))
            }
            if !c.errors.isEmpty { throw StoreError.invalid(c.errors) }
            try await rows.create(on: tx)
            try await PatientStatuses.recordsChanged(therapyID: tid, on: tx)
            try await AuditTrail.append(audit, on: tx)
            return try rows.map(visit)
        }
    }

    /// Records a follow-up event. Beyond `FollowUpEventEntry.problems`: no infusion recorded (409); a date
    /// after today or before the infusion; anything but a registry report or a missed visit after a
    /// recorded death; a second death; a malignancy screening with no second malignancy on or before
    /// it; a registry report filed or a visit documented missed twice.
    public static func recordEvent(_ entry: FollowUpEventEntry, patientID: UUID, by actor: ActingUser, today: CalendarDate,
                                   on db: Database) async throws -> StoredFollowUpEvent {
        guard actor.role.recordsJourney else { throw StoreError.forbidden("the \(actor.role.displayName) role cannot record follow-up") }
        var early = FieldErrorCollector()
        early.require(entry.date <= today, "date", "\(entry.date) is after today (\(today))")
        if !early.errors.isEmpty { throw StoreError.invalid(early.errors) }
        return try await retryingTransaction(on: db) { tx in
            let (therapy, infusion) = try await infusedTherapy(patientID: patientID, actor: actor, on: tx)
            let tid = try therapy.requireID()
            guard let profile = ProductCatalogue.profile(id: therapy.productID) else { throw StoreError.conflict("unknown product \(therapy.productID)") }
            var problems = entry.problems(schedule: profile.followUp)
            let (_, events) = try await records(ofTherapy: tid, on: tx)
            var c = FieldErrorCollector()
            c.require(entry.date >= infusion, "date", "\(entry.date) is before the infusion (\(infusion)); follow-up starts at Day 0")
            if let death = events.first(where: { $0.entry.kind == .death }) {
                if entry.kind == .death {
                    c.add("kind", "a death is already recorded on \(death.entry.date)")
                } else if entry.kind != .registryReportFiled && entry.kind != .visitMissed {
                    c.require(entry.date <= death.entry.date, "date", "\(entry.date) is after the death recorded on \(death.entry.date)")
                }
            }
            if entry.kind == .malignancyScreening {
                c.require(events.contains { $0.entry.kind == .secondPrimaryMalignancy && $0.entry.date <= entry.date }, "kind",
                          "no second primary malignancy is recorded on or before \(entry.date)")
            }
            if let t = entry.timepoint, [.registryReportFiled, .visitMissed].contains(entry.kind),
               events.contains(where: { $0.entry.kind == entry.kind && $0.entry.timepoint == t }) {
                c.add("timepoint", "\(t.code) is already recorded as \(entry.kind.displayName)")
            }
            problems += c.errors
            if !problems.isEmpty { throw StoreError.invalid(problems) }
            let row = FollowUpEventRecord()
            row.$therapy.id = tid
            row.kind = entry.kind.rawValue
            row.occurredOn = entry.date.description
            row.timepoint = entry.timepoint?.code
            row.deathCause = entry.deathCause?.rawValue
            let detail = entry.detail?.trimmingCharacters(in: .whitespacesAndNewlines)
            row.detail = detail?.isEmpty == false ? detail : nil
            row.transgeneInTumour = entry.transgeneInTumour?.rawValue
            row.recordedBy = actor.userID
            try await row.create(on: tx)
            try await PatientStatuses.recordsChanged(therapyID: tid, on: tx)
            // A death, loss to follow-up or withdrawal of consent ends the journey too, in the same
            // transaction, so the pathway and the follow-up record never disagree about it.
            if entry.kind.endingKind?.endsAllFollowUp == true {
                let journey = try await JourneyRepository.events(of: tid, on: tx)
                let state = try JourneyStateMachine.replay(journey, profile: profile)
                if [.shortTermMonitoring, .longTermFollowUp].contains(state.stage) {
                    _ = try await JourneyRepository.append(JourneyEvent(.followUpEnded, on: max(entry.date, state.lastEventDate ?? entry.date),
                                                                        reason: entry.kind.displayName),
                                                           therapyID: tid, by: actor, on: tx)
                }
            }
            try await AuditTrail.record(on: tx, actor: actor.userID, center: actor.centerID, action: "followUp.\(entry.kind.rawValue)",
                                        entity: "therapy", entityID: tid.uuidString, payload: entry)
            return try event(row)
        }
    }

    /// A therapy's visits and events, oldest first. Callers scope the therapy to the user's center.
    public static func records(ofTherapy therapyID: UUID, on db: Database) async throws -> (visits: [StoredFollowUpVisit], events: [StoredFollowUpEvent]) {
        let visits = try await FollowUpVisitRecord.query(on: db).filter(\.$therapy.$id == therapyID).all().map(visit)
        let events = try await FollowUpEventRecord.query(on: db).filter(\.$therapy.$id == therapyID).all().map(event)
        return (visits.sorted { $0.date < $1.date },
                events.sorted { ($0.entry.date, $0.recordedAt ?? .distantPast) < ($1.entry.date, $1.recordedAt ?? .distantPast) })
    }

    /// A patient's follow-up records, for a patient of the acting user's center.
    public static func records(patientID: UUID, for actor: ActingUser, on db: Database) async throws -> (visits: [StoredFollowUpVisit], events: [StoredFollowUpEvent]) {
        _ = try await PatientRepository.patient(patientID, for: actor, on: db)
        let therapy = try await PatientRepository.therapy(ofPatient: patientID, on: db)
        return try await records(ofTherapy: try therapy.requireID(), on: db)
    }

    /// The tracker's view of one patient; `nil` before the infusion.
    public static func status(patientID: UUID, for actor: ActingUser, today: CalendarDate, on db: Database) async throws -> FollowUpPatientStatus? {
        let patient = try await PatientRepository.patient(patientID, for: actor, on: db)
        let therapy = try await PatientRepository.therapy(ofPatient: patientID, on: db)
        let tid = try therapy.requireID()
        guard let infusion = try await infusionDate(ofTherapy: tid, on: db),
              let profile = ProductCatalogue.profile(id: therapy.productID) else { return nil }
        let (visits, events) = try await records(ofTherapy: tid, on: db)
        return FollowUpTracker.status(of: trackerRecord(code: patient.code, infusion: infusion, visits: visits, events: events),
                                      schedule: profile.followUp, today: today)
    }

    /// The center's due and overdue follow-up items (visits, registry reports, malignancy work-ups) for
    /// every infused patient, in date order.
    public static func worklist(for actor: ActingUser, today: CalendarDate, on db: Database) async throws -> [CenterFollowUpItem] {
        try await worklist(center: actor.centerID, today: today, on: db).map(\.item)
    }

    /// A center's worklist with the therapy each item belongs to and its infusion date.
    static func worklist(center: UUID, today: CalendarDate, on db: Database) async throws
        -> [(therapyID: UUID, infusion: CalendarDate, item: CenterFollowUpItem)] {
        let therapies = try await Therapy.query(on: db).filter(\.$centerID == center).all()
        let ids = try therapies.map { try $0.requireID() }
        let infusions = try await JourneyEventRecord.query(on: db).filter(\.$therapy.$id ~~ ids)
            .filter(\.$kind == JourneyEventKind.infused.rawValue).all()
        var infusionOf: [UUID: CalendarDate] = [:]
        for e in infusions { if let d = CalendarDate(e.date) { infusionOf[e.$therapy.id] = d } }
        let infused = therapies.filter { $0.id.map { infusionOf[$0] != nil } ?? false }
        let infusedIDs = infused.compactMap(\.id)
        let patients = try await Patient.query(on: db).filter(\.$id ~~ infused.map { $0.$patient.id }).all()
        let codeOf = Dictionary(patients.compactMap { p in p.id.map { ($0, p.code) } }, uniquingKeysWith: { a, _ in a })
        let allVisits = try await FollowUpVisitRecord.query(on: db).filter(\.$therapy.$id ~~ infusedIDs).all()
        let allEvents = try await FollowUpEventRecord.query(on: db).filter(\.$therapy.$id ~~ infusedIDs).all()
        let visitsOf = Dictionary(grouping: allVisits, by: { $0.$therapy.id })
        let eventsOf = Dictionary(grouping: allEvents, by: { $0.$therapy.id })
        var statuses: [(patientID: UUID, therapyID: UUID, infusion: CalendarDate, status: FollowUpPatientStatus)] = []
        for t in infused {
            let tid = try t.requireID()
            guard let profile = ProductCatalogue.profile(id: t.productID), let infusion = infusionOf[tid] else { continue }
            let record = trackerRecord(code: codeOf[t.$patient.id] ?? "?", infusion: infusion,
                                       visits: try (visitsOf[tid] ?? []).map(visit), events: try (eventsOf[tid] ?? []).map(event))
            statuses.append((t.$patient.id, tid, infusion, FollowUpTracker.status(of: record, schedule: profile.followUp, today: today)))
        }
        // Each patient's items, then all in the worklist's order.
        var rows: [(therapyID: UUID, infusion: CalendarDate, item: CenterFollowUpItem)] = []
        for s in statuses {
            for item in FollowUpWorklist.items(for: s.status) {
                rows.append((s.therapyID, s.infusion, CenterFollowUpItem(patientID: s.patientID, item: item)))
            }
        }
        return rows.sorted { FollowUpWorklist.precedes($0.item.item, $1.item.item) }
    }

    /// The stored records as `FollowUpTracker` input.
    public static func trackerRecord(code: String, infusion: CalendarDate, visits: [StoredFollowUpVisit],
                                     events: [StoredFollowUpEvent]) -> FollowUpPatientRecord {
        FollowUpPatientRecord(
            patientCode: code, infusionDate: infusion, visitDates: visits.map(\.date),
            events: events.compactMap { e in e.entry.kind.endingKind.map { FollowUpEndingEvent($0, on: e.entry.date) } },
            filedRegistryReports: events.filter { $0.entry.kind == .registryReportFiled }.compactMap(\.entry.timepoint),
            documentedMissedVisits: events.filter { $0.entry.kind == .visitMissed }.compactMap(\.entry.timepoint),
            malignancyWorkupDates: events.filter { $0.entry.kind == .malignancyScreening }.map(\.entry.date))
    }

    /// Day 0 of a therapy, from its journey.
    public static func infusionDate(ofTherapy therapyID: UUID, on db: Database) async throws -> CalendarDate? {
        try await JourneyEventRecord.query(on: db).filter(\.$therapy.$id == therapyID)
            .filter(\.$kind == JourneyEventKind.infused.rawValue).first().flatMap { CalendarDate($0.date) }
    }

    static func infusedTherapy(patientID: UUID, actor: ActingUser, on db: Database) async throws -> (Therapy, CalendarDate) {
        _ = try await PatientRepository.patient(patientID, for: actor, on: db)
        let therapy = try await PatientRepository.therapy(ofPatient: patientID, on: db)
        guard let infusion = try await infusionDate(ofTherapy: try therapy.requireID(), on: db) else {
            throw StoreError.conflict("no infusion is recorded; follow-up starts at Day 0")
        }
        return (therapy, infusion)
    }

    static func visit(_ r: FollowUpVisitRecord) throws -> StoredFollowUpVisit {
        guard let date = CalendarDate(r.visitedOn), let contact = FollowUpContact(rawValue: r.contact) else {
            throw StoreError.conflict("stored follow-up visit is unreadable")
        }
        return StoredFollowUpVisit(id: try r.requireID(), date: date, contact: contact, note: r.note, recordedAt: r.recordedAt)
    }

    static func event(_ r: FollowUpEventRecord) throws -> StoredFollowUpEvent {
        let unreadable = StoreError.conflict("stored follow-up event is unreadable")
        guard let kind = FollowUpEventKind(rawValue: r.kind), let date = CalendarDate(r.occurredOn) else { throw unreadable }
        var entry = FollowUpEventEntry(kind: kind, date: date, detail: r.detail)
        if let t = r.timepoint { guard let v = FollowUpSchedule.Offset(code: t) else { throw unreadable }; entry.timepoint = v }
        if let d = r.deathCause { guard let v = DeathCause(rawValue: d) else { throw unreadable }; entry.deathCause = v }
        if let g = r.transgeneInTumour { guard let v = TransgeneInTumour(rawValue: g) else { throw unreadable }; entry.transgeneInTumour = v }
        return StoredFollowUpEvent(id: try r.requireID(), entry: entry, recordedAt: r.recordedAt)
    }
}
