import CartographCore
import Crypto
import Fluent
import Foundation

/// What a patient or caregiver reports in the daily self-check.
public struct SelfCheckEntry: Sendable, Codable, Equatable {
    public var recordedAt: Date
    public var temperatureC: Double?
    public var chills: Bool
    public var dizziness: Bool
    public var shortOfBreath: Bool
    public var confusion: Bool
    public var troubleSpeakingOrWriting: Bool
    public var note: String?

    public init(recordedAt: Date, temperatureC: Double?, chills: Bool = false, dizziness: Bool = false, shortOfBreath: Bool = false,
                confusion: Bool = false, troubleSpeakingOrWriting: Bool = false, note: String? = nil) {
        self.recordedAt = recordedAt; self.temperatureC = temperatureC; self.chills = chills; self.dizziness = dizziness
        self.shortOfBreath = shortOfBreath; self.confusion = confusion; self.troubleSpeakingOrWriting = troubleSpeakingOrWriting
        self.note = note
    }

    /// Chills, dizziness, shortness of breath: what was ticked of them, in plain words.
    public var generalSigns: [String] {
        [(chills, "chills"), (dizziness, "dizziness"), (shortOfBreath, "shortness of breath")].filter(\.0).map(\.1)
    }

    /// Confusion or trouble speaking or writing, the early signs of ICANS a patient or caregiver can
    /// see: what was ticked of them, in plain words.
    public var neurologicalSigns: [String] {
        [(confusion, "confusion"), (troubleSpeakingOrWriting, "trouble speaking or writing")].filter(\.0).map(\.1)
    }

    public var neurological: Bool { !neurologicalSigns.isEmpty }
}

/// A stored self-check, with the alerts it raised.
public struct SelfCheckView: Sendable, Codable, Equatable {
    public var id: UUID
    public var studyDay: Int
    public var entry: SelfCheckEntry
    public var alertKinds: [String]
    /// A handwriting photo came with it.
    public var hasPhoto = false
}

/// The daily self-check of the monitoring window (Day 0 to the profile's monitoring end).
///
/// Patient-reported and never graded: the CRS and ICANS engines read clinicians' assessments only. A
/// temperature of 38.0 °C or more (ASTCT 2019's fever threshold for CRS) or a neurological symptom
/// raises an urgent alert on the Day 0–28 board, marked as patient-reported; chills, dizziness or
/// shortness of breath alone raise a warning.
public enum SelfChecks {
    /// Readings outside this range are not body temperatures (a missing digit, 3.9 for 39.0).
    public static let temperatureDomain: ClosedRange<Double> = 34.0...43.0
    public static let feverThreshold = 38.0
    /// An entry may be made late, up to this long after the moment it describes.
    public static let latestEntry: TimeInterval = 48 * 3600
    public static let noteLimit = 1000

    public static let feverKind = "patientReportedFever"
    public static let neurologicalKind = "patientReportedNeurological"
    public static let symptomsKind = "patientReportedSymptoms"

    /// Whether the self-check is open on study day `day` (nil before any infusion): Day 0 to the
    /// profile's monitoring end.
    public static func isOpen(onStudyDay day: Int?, profile: ProductProfile) -> Bool {
        guard let day else { return false }
        return (0...profile.windows.monitoringEndDay).contains(day)
    }

    /// The therapy and study-day range during which the patient may report, or nil outside it.
    public static func window(for actor: ActingUser, today: CalendarDate, on db: Database) async throws
        -> (therapy: Therapy, infusion: CalendarDate, lastDay: Int)? {
        guard actor.role == .patient, let patientID = actor.patientID else { return nil }
        let therapy = try await PatientRepository.therapy(ofPatient: patientID, on: db)
        guard let profile = ProductCatalogue.profile(id: therapy.productID) else { return nil }
        let state = try JourneyStateMachine.replay(try await JourneyRepository.events(of: try therapy.requireID(), on: db), profile: profile)
        guard let infusion = state.infusionDate, isOpen(onStudyDay: studyDay(of: today, infusion: infusion), profile: profile) else { return nil }
        return (therapy, infusion, profile.windows.monitoringEndDay)
    }

    public static func record(_ e: SelfCheckEntry, photo: HandwritingPhoto? = nil, by actor: ActingUser, today: CalendarDate,
                              now: Date = Date(), on db: Database) async throws -> SelfCheckView {
        guard actor.role == .patient, actor.patientID != nil else {
            throw StoreError.forbidden("self-checks are entered by the patient or their caregiver")
        }
        guard let w = try await window(for: actor, today: today, on: db) else {
            throw StoreError.invalid([FieldError("recordedAt", "self-checks are for the days from the infusion to the end of close monitoring")])
        }
        guard let center = try await Center.find(actor.centerID, on: db) else { throw StoreError.notFound("center") }
        var c = FieldErrorCollector()
        let day = studyDay(of: CalendarDate(e.recordedAt, in: center.zone), infusion: w.infusion)
        if e.recordedAt > now.addingTimeInterval(300) {
            c.add("recordedAt", "is in the future; give the time you took the reading")
        } else if e.recordedAt < now.addingTimeInterval(-latestEntry) {
            c.add("recordedAt", "is more than 48 hours ago; if something was wrong then, call the center")
        } else if !(0...w.lastDay).contains(day) {
            c.add("recordedAt", "falls on day \(day); self-checks are for day 0 to day \(w.lastDay) after the infusion")
        }
        if let t = e.temperatureC {
            c.require(t.isFinite && temperatureDomain.contains(t), "temperatureC",
                      "\(t.isFinite ? String(t) : "this") is not a body temperature in °C; type it as the thermometer shows it, for example 37.4")
        }
        let note = e.note?.trimmingCharacters(in: .whitespacesAndNewlines)
        if let note {
            c.require(note.count <= noteLimit, "note", "at most \(noteLimit) characters")
            c.require(!note.unicodeScalars.contains { $0.properties.generalCategory == .control && $0 != "\n" && $0 != "\t" }, "note",
                      "must not contain control characters")
        }
        if !c.errors.isEmpty { throw StoreError.invalid(c.errors) }
        var cleaned = e
        cleaned.note = note?.isEmpty == true ? nil : note
        let entry = cleaned
        let tid = try w.therapy.requireID()
        return try await retryingTransaction(on: db) { tx in
            let r = SelfCheckRecord()
            r.therapyID = tid; r.userID = actor.userID; r.recordedAt = entry.recordedAt; r.studyDay = day
            r.temperatureC = entry.temperatureC; r.chills = entry.chills; r.dizziness = entry.dizziness
            r.shortOfBreath = entry.shortOfBreath; r.confusion = entry.confusion; r.troubleSpeakingOrWriting = entry.troubleSpeakingOrWriting
            r.note = entry.note; r.createdAt = now
            try await r.create(on: tx)
            let id = try r.requireID()
            try await AuditTrail.record(on: tx, actor: actor.userID, center: actor.centerID, action: "selfCheck.recorded", entity: "therapy",
                                        entityID: tid.uuidString, payload: entry, at: now)
            if let photo {
                let stored = SelfCheckPhotoRecord()
                stored.selfCheckID = id; stored.contentType = photo.format.rawValue; stored.bytes = photo.bytes
                stored.sha256 = SHA256.hash(data: photo.bytes).map { String(format: "%02x", $0) }.joined()
                try await stored.create(on: tx)
                // The audit trail names the photo by its digest and size; the picture stays in its own table.
                try await AuditTrail.record(on: tx, actor: actor.userID, center: actor.centerID, action: "selfCheck.photoAttached", entity: "selfCheck",
                                            entityID: id.uuidString,
                                            payload: ["sha256": stored.sha256, "bytes": String(photo.bytes.count), "type": photo.format.rawValue], at: now)
            }
            let time = SelfChecks.clock(entry.recordedAt, in: center.zone)
            var kinds: [String] = []
            func raise(_ kind: String, _ severity: String, _ what: String) async throws {
                kinds.append(kind)
                try await AlertLedger.raise(therapyID: tid, centerID: actor.centerID, key: "selfcheck-\(id.uuidString)-\(kind)", kind: kind,
                                            severity: severity, studyDay: day,
                                            message: "Patient-reported, day \(day) at \(time): \(what). Not graded: assess the patient.",
                                            actor: actor.userID, now: now, on: tx)
            }
            if let t = entry.temperatureC, t >= feverThreshold {
                try await raise(feverKind, "urgent", "temperature \(String(format: "%.1f", t)) °C")
            }
            if entry.neurological {
                try await raise(neurologicalKind, "urgent", entry.neurologicalSigns.joined(separator: " and "))
            }
            if kinds.isEmpty, !entry.generalSigns.isEmpty {
                try await raise(symptomsKind, "warning", entry.generalSigns.joined(separator: ", "))
            }
            return SelfCheckView(id: id, studyDay: day, entry: entry, alertKinds: kinds, hasPhoto: photo != nil)
        }
    }

    /// The therapy's self-checks, newest first.
    public static func recent(therapyID: UUID, limit: Int = 20, on db: Database) async throws -> [SelfCheckView] {
        let rows = try await SelfCheckRecord.query(on: db).filter(\.$therapyID == therapyID).sort(\.$recordedAt, .descending).limit(limit).all()
        let ids = try rows.map { try $0.requireID() }
        // One query for which of them carry a photo (not the pictures themselves).
        let withPhoto = ids.isEmpty ? [] : Set(try await SelfCheckPhotoRecord.query(on: db).filter(\.$selfCheckID ~~ ids)
            .field(\.$id).field(\.$selfCheckID).all().map(\.selfCheckID))
        return try rows.map {
            SelfCheckView(id: try $0.requireID(), studyDay: $0.studyDay,
                          entry: SelfCheckEntry(recordedAt: $0.recordedAt, temperatureC: $0.temperatureC, chills: $0.chills, dizziness: $0.dizziness,
                                                shortOfBreath: $0.shortOfBreath, confusion: $0.confusion,
                                                troubleSpeakingOrWriting: $0.troubleSpeakingOrWriting, note: $0.note),
                          alertKinds: [], hasPhoto: withPhoto.contains(try $0.requireID()))
        }
    }

    /// The handwriting photo of one self-check, for a role that sees the patient's identity; each view
    /// is audited. Another center's (or an unknown) self-check is not found.
    public static func photo(selfCheckID: UUID, patientID: UUID, for actor: ActingUser, on db: Database) async throws -> SelfCheckPhotoRecord {
        guard actor.role.seesIdentity, actor.role != .patient else {
            throw StoreError.forbidden("the \(actor.role.displayName) role does not see patients' photos")
        }
        _ = try await PatientRepository.patient(patientID, for: actor, on: db)
        let therapy = try await PatientRepository.therapy(ofPatient: patientID, on: db)
        guard let check = try await SelfCheckRecord.find(selfCheckID, on: db), check.therapyID == therapy.id,
              let photo = try await SelfCheckPhotoRecord.query(on: db).filter(\.$selfCheckID == selfCheckID).first() else {
            throw StoreError.notFound("photo")
        }
        try await AuditTrail.record(on: db, actor: actor.userID, center: actor.centerID, action: "selfCheck.photoViewed", entity: "selfCheck",
                                    entityID: selfCheckID.uuidString, payload: ["sha256": photo.sha256])
        return photo
    }

    static func clock(_ instant: Date, in zone: TimeZone) -> String {
        let f = DateFormatter()
        f.dateFormat = "HH:mm"
        f.timeZone = zone
        return f.string(from: instant)
    }
}
