import CartographCore
import Foundation

/// How the patient was reached for a follow-up visit.
public enum FollowUpContact: String, Codable, Sendable, CaseIterable, Hashable {
    case clinic
    case telephone
    /// Records from another hospital or the patient's physician.
    case outsideRecords

    public var displayName: String {
        switch self {
        case .clinic: "clinic visit"
        case .telephone: "telephone"
        case .outsideRecords: "outside records"
        }
    }
}

/// What a follow-up event records. The first six end or change follow-up (`FollowUpEndingKind`, rule set
/// `FOLLOW-UP-1`); the last three record a follow-up task done.
public enum FollowUpEventKind: String, Codable, Sendable, CaseIterable, Hashable {
    case progression
    case newTherapy
    case death
    case secondPrimaryMalignancy
    case lostToFollowUp
    case consentWithdrawn
    /// The second-primary-malignancy work-up: manufacturer informed, tumour tested for the CAR transgene.
    case malignancyScreening
    /// A registry report (`timepoint`) was submitted.
    case registryReportFiled
    /// A planned visit (`timepoint`) was documented as missed (deviation recorded).
    case visitMissed

    /// The tracker's event, for the kinds that end or change follow-up.
    public var endingKind: FollowUpEndingKind? {
        switch self {
        case .progression: .progression
        case .newTherapy: .newTherapy
        case .death: .death
        case .secondPrimaryMalignancy: .secondPrimaryMalignancy
        case .lostToFollowUp: .lostToFollowUp
        case .consentWithdrawn: .consentWithdrawn
        case .malignancyScreening, .registryReportFiled, .visitMissed: nil
        }
    }

    public var displayName: String {
        switch self {
        case .malignancyScreening: "second-malignancy screening"
        case .registryReportFiled: "registry report filed"
        case .visitMissed: "visit documented as missed"
        default: endingKind!.displayName
        }
    }
}

/// Cause of death, in the categories registry forms ask for (CIBMTR Form 4100 "primary cause of death",
/// grouped for CAR-T: disease, infection, the CAR-T toxicities, second malignancy, other organ causes).
public enum DeathCause: String, Codable, Sendable, CaseIterable, Hashable {
    case diseaseProgression
    case infection
    case cytokineReleaseSyndrome
    case neurotoxicity
    case secondPrimaryMalignancy
    case cardiovascular
    case other
    case unknown
}

/// Whether the CAR transgene was found in a second malignancy's tumour sample.
public enum TransgeneInTumour: String, Codable, Sendable, CaseIterable, Hashable {
    case detected
    case notDetected
    case pending
}

extension FollowUpSchedule.Offset {
    /// `D100` or `M6`: how a schedule timepoint is written in forms, the API and the store.
    public var code: String {
        switch self {
        case .days(let d): "D\(d)"
        case .months(let m): "M\(m)"
        }
    }

    /// Reads `D100` / `M6` (a capital letter and a whole number ≥ 0).
    public init?(code: String) {
        guard let first = code.first, let n = Int(code.dropFirst()), n >= 0, code.dropFirst().allSatisfy(\.isNumber) else { return nil }
        switch first {
        case "D": self = .days(n)
        case "M": self = .months(n)
        default: return nil
        }
    }
}

/// A follow-up visit as entered.
public struct FollowUpVisitEntry: Codable, Sendable, Hashable {
    public var date: CalendarDate
    public var contact: FollowUpContact
    public var note: String?
    public init(date: CalendarDate, contact: FollowUpContact = .clinic, note: String? = nil) {
        self.date = date; self.contact = contact; self.note = note
    }
}

/// A follow-up event as entered. Which optional fields apply depends on `kind`:
/// `deathCause` (death, required), `detail` (required for new therapy, second malignancy and a death of
/// cause "other"), `transgeneInTumour` (malignancy screening, required), `timepoint` (registry report
/// or missed visit, required).
public struct FollowUpEventEntry: Codable, Sendable, Hashable {
    public var kind: FollowUpEventKind
    public var date: CalendarDate
    public var timepoint: FollowUpSchedule.Offset?
    public var deathCause: DeathCause?
    public var detail: String?
    public var transgeneInTumour: TransgeneInTumour?

    public init(kind: FollowUpEventKind, date: CalendarDate, timepoint: FollowUpSchedule.Offset? = nil,
                deathCause: DeathCause? = nil, detail: String? = nil, transgeneInTumour: TransgeneInTumour? = nil) {
        self.kind = kind; self.date = date; self.timepoint = timepoint; self.deathCause = deathCause
        self.detail = detail; self.transgeneInTumour = transgeneInTumour
    }

    enum CodingKeys: String, CodingKey { case kind, date, timepoint, deathCause, detail, transgeneInTumour }

    /// `timepoint` is written as its code (`M6`).
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        kind = try c.decode(FollowUpEventKind.self, forKey: .kind)
        date = try c.decode(CalendarDate.self, forKey: .date)
        if let code = try c.decodeIfPresent(String.self, forKey: .timepoint) {
            guard let t = FollowUpSchedule.Offset(code: code) else {
                throw DecodingError.dataCorruptedError(forKey: .timepoint, in: c, debugDescription: "\"\(code)\" is not a timepoint such as D100 or M6")
            }
            timepoint = t
        }
        deathCause = try c.decodeIfPresent(DeathCause.self, forKey: .deathCause)
        detail = try c.decodeIfPresent(String.self, forKey: .detail)
        transgeneInTumour = try c.decodeIfPresent(TransgeneInTumour.self, forKey: .transgeneInTumour)
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(kind, forKey: .kind)
        try c.encode(date, forKey: .date)
        try c.encodeIfPresent(timepoint?.code, forKey: .timepoint)
        try c.encodeIfPresent(deathCause, forKey: .deathCause)
        try c.encodeIfPresent(detail, forKey: .detail)
        try c.encodeIfPresent(transgeneInTumour, forKey: .transgeneInTumour)
    }

    /// The rules that need nothing stored: required and not-applicable fields, length of text.
    public func problems(schedule: FollowUpSchedule) -> [FieldError] {
        var c = FieldErrorCollector()
        let text = detail?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        c.require(text.count <= 500, "detail", "at most 500 characters")
        switch kind {
        case .death:
            c.require(deathCause != nil, "deathCause", "a death needs its cause (\(DeathCause.allCases.map(\.rawValue).joined(separator: ", ")))")
            if deathCause == .other { c.require(!text.isEmpty, "detail", "describe the cause of death") }
        case .newTherapy:
            c.require(!text.isEmpty, "detail", "name the new anti-myeloma therapy")
        case .secondPrimaryMalignancy:
            c.require(!text.isEmpty, "detail", "name the malignancy (histology)")
        default: break
        }
        if kind != .death { c.require(deathCause == nil, "deathCause", "applies only to a death") }
        if kind == .malignancyScreening {
            c.require(transgeneInTumour != nil, "transgeneInTumour", "record whether the CAR transgene was found in the tumour (detected, notDetected, pending)")
        } else {
            c.require(transgeneInTumour == nil, "transgeneInTumour", "applies only to a malignancy screening")
        }
        switch kind {
        case .registryReportFiled:
            if let t = timepoint {
                c.require(schedule.registryReports.contains(t), "timepoint",
                          "\(t.code) is not a registry timepoint of this product (\(schedule.registryReports.map(\.code).joined(separator: ", ")))")
            } else { c.add("timepoint", "name the report's timepoint (\(schedule.registryReports.map(\.code).joined(separator: ", ")))") }
        case .visitMissed:
            if let t = timepoint {
                c.require(schedule.visits.contains(t), "timepoint",
                          "\(t.code) is not a planned visit of this product (\(schedule.visits.map(\.code).joined(separator: ", ")))")
            } else { c.add("timepoint", "name the missed visit (\(schedule.visits.map(\.code).joined(separator: ", ")))") }
        default:
            c.require(timepoint == nil, "timepoint", "applies only to a registry report or a missed visit")
        }
        return c.errors
    }
}

extension FollowUpEventKind {
    /// The event that records an ending: every ending has one.
    public init(_ ending: FollowUpEndingKind) {
        switch ending {
        case .death: self = .death
        case .lostToFollowUp: self = .lostToFollowUp
        case .consentWithdrawn: self = .consentWithdrawn
        case .progression: self = .progression
        case .newTherapy: self = .newTherapy
        case .secondPrimaryMalignancy: self = .secondPrimaryMalignancy
        }
    }
}
