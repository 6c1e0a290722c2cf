import CartographCore
import Clinical
import Fluent
import Foundation

/// A stored assessment as the board, the patient page and the API show it: what was observed and the
/// grades the engines computed from it.
public struct GradedAssessmentView: Codable, Sendable, Hashable {
    public var id: UUID
    public var assessedAt: Date
    public var assessedOn: String
    public var studyDay: Int
    public var crsGrade: Int
    public var icansGrade: Int?
    public var crsReasons: [String]
    public var icansReasons: [String]
    public var ruleSet: String
    public var observations: SafetyAssessment

    public static func == (a: Self, b: Self) -> Bool { a.id == b.id }
    public func hash(into h: inout Hasher) { h.combine(id) }
}

public struct InterventionView: Codable, Sendable, Hashable {
    public var id: UUID
    public var givenAt: Date
    public var givenOn: String
    public var studyDay: Int
    public var kind: SafetyInterventionKind
    public var drug: String
    public var dose: String?
}

public struct AlertView: Codable, Sendable, Hashable {
    public var id: UUID
    public var therapyID: UUID
    public var key: String
    public var kind: String
    public var severity: String
    public var studyDay: Int
    public var message: String
    public var raisedAt: Date
    public var acknowledgedBy: UUID?
    public var acknowledgedByName: String?
    public var acknowledgedAt: Date?
    /// When it lapsed unacknowledged: the patient left the monitoring window or the pathway.
    public var lapsedAt: Date? = nil
    public var isOpen: Bool { acknowledgedAt == nil && lapsedAt == nil }
}

/// Everything the safety section of a patient shows.
public struct SafetyFile: Codable, Sendable {
    /// The center's time zone, in which study days are reckoned.
    public var timeZone: String
    public var infusionDate: CalendarDate?
    public var assessments: [GradedAssessmentView]
    public var interventions: [InterventionView]
    public var alerts: [AlertView]
    public var crs: ToxicitySummary?
    public var icans: ToxicitySummary?
    /// CAR-HEMATOTOX from the latest values on or before the first lymphodepletion dose; nil when a
    /// marker is missing.
    public var hematotox: SafetyHematotoxBaseline?
    /// ICAHT from the stored ANC series; nil without one.
    public var icaht: ICAHTResult?
    /// EASIX on each day with LDH, creatinine and platelets drawn together.
    public var easix: [SafetyEASIXPoint] = []
}

public enum SafetyRepository {
    /// Grades and stores one bedside assessment, then raises any alert it triggers, all in one
    /// transaction with audit records. The grades come from the ASTCT 2019 engines; interventions given
    /// at or before the assessment time (from the stored interventions) count for the CRS fever rule.
    public static func recordAssessment(_ observed: SafetyAssessment, at: Date, therapyID: UUID, by actor: ActingUser,
                                        now: Date = Date(), on db: Database) async throws -> (GradedAssessmentView, [AlertView]) {
        try await recordAssessments([TimedAssessment(observed: observed, at: at, now: now)], therapyID: therapyID, by: actor, on: db)[0]
    }

    /// One bedside assessment to record: what was observed, when, and the time it is recorded at
    /// (which decides the alerts due then).
    public struct TimedAssessment: Sendable {
        public var observed: SafetyAssessment
        public var at: Date
        public var now: Date
        public init(observed: SafetyAssessment, at: Date, now: Date) { self.observed = observed; self.at = at; self.now = now }
    }

    /// Records a series of one therapy's assessments in one transaction, each exactly as
    /// `recordAssessment` would have at its own `now`: graded with the interventions given by then,
    /// then the alerts due by then raised, so a patient's history stored at once raises the alerts it
    /// raised as it happened, and the audit records come in the same order. The stored records are
    /// read once; the series grows in memory. All or none. With more than one entry, problems name the
    /// entry (`assessments[2].assessedAt`).
    public static func recordAssessments(_ series: [TimedAssessment], therapyID: UUID, by actor: ActingUser,
                                         on db: Database) async throws -> [(GradedAssessmentView, [AlertView])] {
        guard actor.role.recordsJourney else { throw StoreError.forbidden("the \(actor.role.displayName) role cannot record assessments") }
        guard !series.isEmpty else { throw StoreError.invalid([FieldError("assessments", "no assessments given")]) }
        @Sendable func field(_ i: Int, _ name: String) -> String { series.count == 1 ? name : "assessments[\(i)].\(name)" }
        for (i, entry) in series.enumerated() where entry.at > entry.now.addingTimeInterval(300) {
            throw StoreError.invalid([FieldError(field(i, "assessedAt"), "is in the future")])
        }
        return try await retryingTransaction(on: db) { tx in
            let (therapy, profile, center, infusion) = try await monitoredTherapy(therapyID, actor: actor, on: tx)
            let given = try await interventions(of: therapyID, on: tx)
            var stored = try await assessments(of: therapyID, on: tx)
            var known = Set(try await AlertRecord.query(on: tx).filter(\.$therapy.$id == therapyID).all().map(\.key))
            var pendingRows: [SafetyAssessmentRecord] = []
            var pendingAudit: [AuditTrail.Entry] = []
            func flush() async throws {
                guard !pendingRows.isEmpty else { return }
                try await pendingRows.create(on: tx)
                try await AuditTrail.append(pendingAudit, on: tx)
                pendingRows = []
                pendingAudit = []
            }
            var out: [(GradedAssessmentView, [AlertView])] = []
            for (i, entry) in series.enumerated() {
                let day = CalendarDate(entry.at, in: center.zone)
                guard day >= infusion else {
                    throw StoreError.invalid([FieldError(field(i, "assessedAt"), "\(day) is before the infusion on \(infusion); safety assessments start on Day 0")])
                }
                var assessment = entry.observed
                assessment.studyDay = studyDay(of: day, infusion: infusion)
                assessment.recordedAt = entry.at
                assessment.interventions = given.filter { $0.givenAt <= entry.at }.map { SafetyIntervention(kind: $0.kind, givenAt: $0.givenAt) }
                let grades: SafetyAssessmentGrades
                do { grades = try SafetyAssessmentGrading.grade(assessment) } catch let v as ValidationFailure {
                    throw StoreError.invalid(series.count == 1 ? v.errors : v.errors.map { FieldError(field(i, $0.field), $0.message) })
                }
                let record = SafetyAssessmentRecord()
                record.id = UUID()
                record.$therapy.id = therapyID
                record.assessedAt = entry.at
                record.assessedOn = day.description
                record.studyDay = assessment.studyDay
                record.data = try json(assessment)
                record.crsGrade = grades.crs.grade
                record.icansGrade = grades.icans.grade
                record.crsReasons = try json(grades.crs.reasons + grades.notes)
                record.icansReasons = try json(grades.icans.reasons)
                record.ruleSet = grades.crs.ruleSet.rawValue
                record.recordedBy = actor.userID
                pendingRows.append(record)
                struct Payload: Encodable { let studyDay: Int; let crsGrade: Int; let icansGrade: Int; let ruleSet: String }
                pendingAudit.append(try AuditTrail.Entry(actor: actor.userID, center: actor.centerID, action: "safety.assessed",
                                                         entity: "therapy", entityID: therapyID.uuidString,
                                                         payload: Payload(studyDay: assessment.studyDay, crsGrade: grades.crs.grade,
                                                                          icansGrade: grades.icans.grade, ruleSet: record.ruleSet)))
                // The series as the database would return it: by assessment time, earlier records first on a tie.
                stored.insert(record, at: stored.firstIndex { $0.assessedAt > entry.at } ?? stored.endIndex)
                let found = try SafetyAlertRules.evaluate(patientID: therapyID.uuidString, infusionDate: infusion,
                                                          today: CalendarDate(entry.now, in: center.zone), windows: profile.windows,
                                                          assessments: try stored.map(seriesPoint))
                var raised: [AlertView] = []
                for alert in found where !known.contains(alert.key) {
                    // The assessment and its audit record come before the alerts it raises, as one at a time.
                    try await flush()
                    guard let r = try await AlertLedger.raise(therapyID: therapyID, centerID: therapy.centerID, key: alert.key,
                                                              kind: alert.kind.rawValue, severity: alert.severity.rawValue,
                                                              studyDay: alert.studyDay, message: alert.message, details: alert,
                                                              actor: actor.userID, now: Date(), on: tx) else { continue }
                    known.insert(alert.key)
                    raised.append(try alertView(r, names: [:]))
                }
                out.append((try view(record), raised))
            }
            try await flush()
            try await PatientStatuses.recordsChanged(therapyID: therapyID, on: tx)
            return out
        }
    }

    /// Records a drug given for CRS or ICANS. It counts for every assessment made at or after `at`.
    public static func recordIntervention(_ kind: SafetyInterventionKind, drug: String, dose: String?, at: Date, therapyID: UUID,
                                          by actor: ActingUser, now: Date = Date(), on db: Database) async throws -> InterventionView {
        guard actor.role.recordsJourney else { throw StoreError.forbidden("the \(actor.role.displayName) role cannot record interventions") }
        var c = FieldErrorCollector()
        c.require(!drug.trimmingCharacters(in: .whitespaces).isEmpty, "drug", "is required")
        c.require(drug.count <= 100, "drug", "is longer than 100 characters")
        c.require((dose ?? "").count <= 100, "dose", "is longer than 100 characters")
        c.require(at <= now.addingTimeInterval(300), "givenAt", "is in the future")
        do { try c.throwIfAny() } catch let v as ValidationFailure { throw StoreError.invalid(v.errors) }
        return try await retryingTransaction(on: db) { tx in
            let (_, _, center, infusion) = try await monitoredTherapy(therapyID, actor: actor, on: tx)
            let day = CalendarDate(at, in: center.zone)
            guard day >= infusion else {
                throw StoreError.invalid([FieldError("givenAt", "\(day) is before the infusion on \(infusion)")])
            }
            let r = InterventionRecord()
            r.$therapy.id = therapyID
            r.givenAt = at
            r.givenOn = day.description
            r.studyDay = studyDay(of: day, infusion: infusion)
            r.kind = kind.rawValue
            r.drug = drug
            r.dose = dose
            r.recordedBy = actor.userID
            try await r.create(on: tx)
            struct Payload: Encodable { let kind: String; let drug: String; let dose: String?; let studyDay: Int }
            try await AuditTrail.record(on: tx, actor: actor.userID, center: actor.centerID, action: "safety.intervention",
                                        entity: "therapy", entityID: therapyID.uuidString,
                                        payload: Payload(kind: kind.rawValue, drug: drug, dose: dose, studyDay: r.studyDay))
            try await PatientStatuses.recordsChanged(therapyID: therapyID, on: tx)
            return try interventionView(r)
        }
    }

    /// Acknowledges an open alert of the user's center in the user's name.
    public static func acknowledge(alertID: UUID, by actor: ActingUser, now: Date = Date(), on db: Database) async throws -> AlertView {
        guard actor.role.recordsJourney else { throw StoreError.forbidden("the \(actor.role.displayName) role cannot acknowledge alerts") }
        return try await retryingTransaction(on: db) { tx in
            guard let alert = try await AlertRecord.query(on: tx).filter(\.$id == alertID).with(\.$therapy).first(),
                  alert.therapy.centerID == actor.centerID else { throw StoreError.notFound("alert") }
            guard alert.acknowledgedAt == nil else { throw StoreError.conflict("the alert was already acknowledged") }
            alert.acknowledgedBy = actor.userID
            alert.acknowledgedAt = now
            try await alert.update(on: tx)
            struct Payload: Encodable { let key: String; let message: String }
            try await AuditTrail.record(on: tx, actor: actor.userID, center: actor.centerID, action: "alert.acknowledged",
                                        entity: "alert", entityID: alertID.uuidString, payload: Payload(key: alert.key, message: alert.message))
            return try alertView(alert, names: [actor.userID: nil])
        }
    }

    /// Raises the alerts the rules find that are not stored yet (each key once), with audit records.
    @discardableResult
    static func syncAlerts(therapy: Therapy, profile: ProductProfile, infusion: CalendarDate, today: CalendarDate,
                           actor: ActingUser?, on tx: Database) async throws -> [AlertView] {
        let tid = try therapy.requireID()
        let graded = try await assessments(of: tid, on: tx).map(seriesPoint)
        let found = try SafetyAlertRules.evaluate(patientID: tid.uuidString, infusionDate: infusion, today: today,
                                                  windows: profile.windows, assessments: graded)
        let known = Set(try await AlertRecord.query(on: tx).filter(\.$therapy.$id == tid).all().map(\.key))
        var raised: [AlertView] = []
        for alert in found where !known.contains(alert.key) {
            guard let r = try await AlertLedger.raise(therapyID: tid, centerID: therapy.centerID, key: alert.key, kind: alert.kind.rawValue,
                                                      severity: alert.severity.rawValue, studyDay: alert.studyDay, message: alert.message,
                                                      details: alert, actor: actor?.userID, now: Date(), on: tx) else { continue }
            raised.append(try alertView(r, names: [:]))
        }
        return raised
    }

    /// The safety records of one therapy, with episode summaries. Reading writes nothing: alerts are
    /// raised when an assessment is saved and when the Day 0–28 board is loaded, unless
    /// `raiseDueAlerts` asks for missed-assessment alerts due by `today` to be raised first.
    public static func file(therapyID: UUID, for actor: ActingUser, today: CalendarDate, raiseDueAlerts: Bool = false,
                            on db: Database) async throws -> SafetyFile {
        guard let therapy = try await Therapy.query(on: db).filter(\.$id == therapyID).filter(\.$centerID == actor.centerID).first() else {
            throw StoreError.notFound("therapy")
        }
        guard let profile = ProductCatalogue.profile(id: therapy.productID) else { throw StoreError.conflict("unknown product") }
        let zone = try await Center.find(therapy.centerID, on: db)?.timeZone ?? "UTC"
        // Read before the alerts are raised and the records read, so the cached part is keyed by a
        // revision no newer than its records.
        let revision = therapy.revision
        let derived = try await derivedCache.value(therapyID: therapyID, revision: revision) {
            try await derive(therapyID: therapyID, profile: profile, on: db)
        }
        guard let infusion = derived.infusion else {
            return SafetyFile(timeZone: zone, infusionDate: nil, assessments: [], interventions: [], alerts: [], crs: nil, icans: nil)
        }
        if raiseDueAlerts {
            try await retryingTransaction(on: db) { tx in
                _ = try await syncAlerts(therapy: therapy, profile: profile, infusion: infusion, today: today, actor: nil, on: tx)
            }
        }
        let alerts = try await AlertRecord.query(on: db).filter(\.$therapy.$id == therapyID).sort(\.$raisedAt, .descending).all()
        let names = try await userNames(Set(alerts.compactMap(\.acknowledgedBy)), on: db)
        return SafetyFile(timeZone: zone, infusionDate: infusion, assessments: derived.assessments,
                          interventions: derived.interventions, alerts: try alerts.map { try alertView($0, names: names) },
                          crs: derived.crs, icans: derived.icans, hematotox: derived.hematotox, icaht: derived.icaht,
                          easix: derived.easix)
    }

    /// The part of a safety file that follows from the therapy's records alone (its journey, bedside
    /// assessments, interventions and laboratory results); alerts, which time and acknowledgement
    /// change, are read on every request.
    struct DerivedSafety: Sendable {
        var infusion: CalendarDate?
        var assessments: [GradedAssessmentView] = []
        var interventions: [InterventionView] = []
        var crs: ToxicitySummary?
        var icans: ToxicitySummary?
        var hematotox: SafetyHematotoxBaseline?
        var icaht: ICAHTResult?
        var easix: [SafetyEASIXPoint] = []
    }

    /// Derived safety of the therapies read most recently, per records revision.
    static let derivedCache = DerivedResultCache<DerivedSafety>(capacity: 1_000)

    static func derive(therapyID: UUID, profile: ProductProfile, on db: Database) async throws -> DerivedSafety {
        let state = try JourneyStateMachine.replay(try await JourneyRepository.events(of: therapyID, on: db), profile: profile)
        guard let infusion = state.infusionDate else { return DerivedSafety(infusion: nil) }
        let records = try await assessments(of: therapyID, on: db)
        let series = try records.map(seriesPoint)
        // Hematotoxicity from the laboratory series (study days from the infusion).
        let labs: [SafetyLabValue] = try await LabRepository.results(ofTherapy: therapyID, on: db).compactMap { r in
            SafetyLabValue(result: r.labResult(patientCode: ""), infusion: infusion)
        }
        let ldDay = state.lymphodepletionDoses.first.map { studyDay(of: $0, infusion: infusion) }
        return DerivedSafety(
            infusion: infusion, assessments: try records.map(view),
            interventions: try await interventions(of: therapyID, on: db),
            crs: series.isEmpty ? nil : try ToxicityEpisodes.summary(series, kind: .crs),
            icans: series.isEmpty ? nil : try ToxicityEpisodes.summary(series, kind: .icans),
            hematotox: ldDay.flatMap { try? SafetyHematotoxicity.carHematotox(labs: labs, lymphodepletionDay: $0) },
            icaht: labs.contains { $0.analyte == .anc && $0.studyDay >= 0 } ? try? SafetyHematotoxicity.icaht(labs: labs) : nil,
            easix: (try? SafetyHematotoxicity.easixSeries(labs: labs)) ?? [])
    }

    // MARK: - Reading

    static func assessments(of therapyID: UUID, on db: Database) async throws -> [SafetyAssessmentRecord] {
        try await SafetyAssessmentRecord.query(on: db).filter(\.$therapy.$id == therapyID).sort(\.$assessedAt).all()
    }

    static func interventions(of therapyID: UUID, on db: Database) async throws -> [InterventionView] {
        try await InterventionRecord.query(on: db).filter(\.$therapy.$id == therapyID).sort(\.$givenAt).all().map(interventionView)
    }

    static func seriesPoint(_ r: SafetyAssessmentRecord) throws -> SafetyGradedAssessment {
        SafetyGradedAssessment(id: try r.requireID().uuidString, studyDay: r.studyDay, recordedAt: r.assessedAt,
                               crsGrade: r.crsGrade, icansGrade: r.icansGrade, crsFinding: nil, icansFinding: nil)
    }

    static func view(_ r: SafetyAssessmentRecord) throws -> GradedAssessmentView {
        let d = JSONDecoder()
        d.dateDecodingStrategy = .iso8601
        return GradedAssessmentView(
            id: try r.requireID(), assessedAt: r.assessedAt, assessedOn: r.assessedOn, studyDay: r.studyDay, crsGrade: r.crsGrade,
            icansGrade: r.icansGrade, crsReasons: try d.decode([String].self, from: Data(r.crsReasons.utf8)),
            icansReasons: try d.decode([String].self, from: Data(r.icansReasons.utf8)), ruleSet: r.ruleSet,
            observations: try d.decode(SafetyAssessment.self, from: Data(r.data.utf8)))
    }

    static func interventionView(_ r: InterventionRecord) throws -> InterventionView {
        InterventionView(id: try r.requireID(), givenAt: r.givenAt, givenOn: r.givenOn, studyDay: r.studyDay,
                         kind: SafetyInterventionKind(rawValue: r.kind) ?? .antipyretic, drug: r.drug, dose: r.dose)
    }

    static func alertView(_ r: AlertRecord, names: [UUID: String?]) throws -> AlertView {
        AlertView(id: try r.requireID(), therapyID: r.$therapy.id, key: r.key, kind: r.kind, severity: r.severity, studyDay: r.studyDay,
                  message: r.message, raisedAt: r.raisedAt, acknowledgedBy: r.acknowledgedBy,
                  acknowledgedByName: r.acknowledgedBy.flatMap { names[$0] ?? nil }, acknowledgedAt: r.acknowledgedAt,
                  lapsedAt: r.lapsedAt)
    }

    static func userNames(_ ids: Set<UUID>, on db: Database) async throws -> [UUID: String?] {
        guard !ids.isEmpty else { return [:] }
        let users = try await User.query(on: db).filter(\.$id ~~ Array(ids)).all()
        return Dictionary(uniqueKeysWithValues: try users.map { (try $0.requireID(), Optional($0.displayName)) })
    }

    /// The therapy of the user's center, its profile, center and infusion date; not infused → 422.
    public static func monitoredTherapy(_ therapyID: UUID, actor: ActingUser, on db: Database) async throws
        -> (Therapy, ProductProfile, Center, CalendarDate) {
        guard let therapy = try await Therapy.query(on: db).filter(\.$id == therapyID).filter(\.$centerID == actor.centerID).first() else {
            throw StoreError.notFound("therapy")
        }
        guard let profile = ProductCatalogue.profile(id: therapy.productID) else { throw StoreError.conflict("unknown product") }
        guard let center = try await Center.find(therapy.centerID, on: db) else { throw StoreError.notFound("center") }
        let state = try JourneyStateMachine.replay(try await JourneyRepository.events(of: therapyID, on: db), profile: profile)
        guard let infusion = state.infusionDate else {
            throw StoreError.invalid([FieldError("therapy", "the patient has not been infused; safety monitoring starts at the infusion")])
        }
        return (therapy, profile, center, infusion)
    }

    static func json(_ value: some Encodable) throws -> String { try StoredJSON.text(value, dates: .iso8601) }
}
