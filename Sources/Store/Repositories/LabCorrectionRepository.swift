import CartographCore
import Clinical
import Fluent
import Foundation

/// A correction as the API and pages show it: the result as it stood before, what replaced it (nothing
/// when it was withdrawn as entered in error), why, who and when.
public struct StoredLabCorrection: Codable, Sendable, Hashable {
    public var id: UUID
    /// The stored result this corrects (its id is the result's id throughout).
    public var resultID: UUID
    /// 1 for a result's first correction, 2 for its next, …
    public var sequence: Int
    public var before: StoredLabResult
    public var after: StoredLabResult?
    public var reason: String
    public var correctedBy: UUID
    public var correctedAt: Date?
}

/// Corrections of stored laboratory results. Results are append-only: a correction is a new row naming
/// the result, with the values that replace it (or none, when it was entered in error), written in one
/// transaction with its audit record. The record keeps what was believed before and who changed it;
/// every engine (the patient's response and persistence, the cohort report) reads the results as
/// corrected (`LabRepository.currentRecords`). A result keeps its id through its corrections, so a
/// corrected result is corrected again through the same id.
public enum LabCorrectionRepository {
    /// Longest reason kept, characters.
    public static let maximumReasonLength = 500

    /// Corrects result `resultID` of patient `patientID` (of the acting user's center).
    ///
    /// - Parameters:
    ///   - replacement: the right result (any analyte and date of the same patient), or nil when the
    ///     result was entered in error and nothing replaces it.
    ///   - reason: why, 1–500 characters after trimming (e.g. "transcription error: 12 for 1.2 g/dL").
    /// - Throws: `StoreError.forbidden` for a role that cannot record results; `.notFound` for a result
    ///   not of this patient; `.invalid` naming `reason` or `replacement.<column>` (the lab rules, a date
    ///   after today, another result of the patient with that date and analyte). Nothing is written
    ///   unless everything passes.
    public static func correct(resultID: UUID, patientID: UUID, replacement: LabResult?, reason: String,
                               by actor: ActingUser, today: CalendarDate, on db: Database) async throws -> StoredLabCorrection {
        guard actor.role.recordsJourney else { throw StoreError.forbidden("the \(actor.role.displayName) role cannot correct results") }
        let patient = try await PatientRepository.patient(patientID, for: actor, on: db)
        let therapyID = try await PatientRepository.therapy(ofPatient: patientID, on: db).requireID()
        let why = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        var problems: [FieldError] = []
        if why.isEmpty { problems.append(FieldError("reason", "is required: say why the result is corrected")) }
        if why.count > maximumReasonLength { problems.append(FieldError("reason", "is longer than \(maximumReasonLength) characters")) }
        if let r = replacement {
            for p in r.problems { problems.append(FieldError("replacement.\(p.column.rawValue)", p.message)) }
            if r.sampleDate > today { problems.append(FieldError("replacement.date", "\(r.sampleDate) is after today (\(today))")) }
        }
        if !problems.isEmpty { throw StoreError.invalid(problems) }
        return try await retryingTransaction(on: db) { tx in
            guard let original = try await LabResultRecord.find(resultID, on: tx), original.$therapy.id == therapyID else {
                throw StoreError.notFound("result \(resultID) of patient \(patient.code)")
            }
            let earlier = try await LabResultCorrectionRecord.query(on: tx).filter(\.$originalID == resultID).all()
            let rows = try await LabRepository.storedAndCurrent(ofTherapies: [therapyID], on: tx)
            let before = try LabRepository.stored(rows.current.first { $0.id == resultID } ?? withdrawnView(original, earlier))
            let row = LabResultCorrectionRecord()
            row.therapyID = therapyID
            row.originalID = resultID
            row.sequence = (earlier.map(\.sequence).max() ?? 0) + 1
            row.withdrawn = replacement == nil
            row.reason = why
            row.correctedBy = actor.userID
            if let r = replacement {
                // No other result of the patient may hold this date and analyte, as stored or as corrected.
                let others = (rows.stored.filter { $0.id != resultID }, rows.current.filter { $0.id != resultID })
                if LabRepository.keyHolders(others)[LabRepository.key(therapy: therapyID, date: r.sampleDate.description,
                                                                     analyte: r.analyte.rawValue)] != nil {
                    throw StoreError.invalid([FieldError("replacement.date",
                        "another result of \(patient.code) holds \(r.analyte.rawValue) of \(r.sampleDate); correct that one instead")])
                }
                row.sampledOn = r.sampleDate.description
                row.analyte = r.analyte.rawValue
                row.valueNumber = r.value.number
                row.valueText = r.value.finding.map { LabRepository.valueText($0, r.analyte) }
                row.unit = r.unit
                row.method = r.method?.rawValue
                row.sensitivity = r.sensitivity
                row.llod = r.lowerLimitOfDetection
                row.lloq = r.lowerLimitOfQuantification
            }
            try await row.create(on: tx)
            try await PatientStatuses.recordsChanged(therapyID: therapyID, on: tx)
            let after = try replacement.map { _ in try LabRepository.stored(LabRepository.applying(row, to: original)) }
            struct Payload: Encodable {
                let patient: String, result: String, sequence: Int, before: LabResultValue, beforeDate: String, beforeAnalyte: String
                let after: LabResultValue?, afterDate: String?, afterAnalyte: String?, withdrawn: Bool, reason: String
            }
            try await AuditTrail.record(on: tx, actor: actor.userID, center: actor.centerID, action: "lab.corrected",
                                        entity: "therapy", entityID: therapyID.uuidString,
                                        payload: Payload(patient: patient.code, result: resultID.uuidString, sequence: row.sequence,
                                                         before: before.value, beforeDate: before.date.description,
                                                         beforeAnalyte: before.analyte.rawValue, after: after?.value,
                                                         afterDate: after?.date.description, afterAnalyte: after?.analyte.rawValue,
                                                         withdrawn: row.withdrawn, reason: why))
            return StoredLabCorrection(id: try row.requireID(), resultID: resultID, sequence: row.sequence, before: before,
                                       after: after, reason: why, correctedBy: actor.userID, correctedAt: row.correctedAt)
        }
    }

    /// The result as it stood after `earlier` corrections when the latest withdrew it (so a withdrawn
    /// result can be restored by a correction): the last replacement, or the original.
    static func withdrawnView(_ original: LabResultRecord, _ earlier: [LabResultCorrectionRecord]) -> LabResultRecord {
        let replaced = earlier.filter { !$0.withdrawn }.max { $0.sequence < $1.sequence }
        return replaced.map { LabRepository.applying($0, to: original) } ?? original
    }

    /// The corrections of a patient's results, in the order they were made.
    public static func corrections(patientID: UUID, for actor: ActingUser, on db: Database) async throws -> [StoredLabCorrection] {
        _ = try await PatientRepository.patient(patientID, for: actor, on: db)
        let therapyID = try await PatientRepository.therapy(ofPatient: patientID, on: db).requireID()
        let rows = try await LabResultCorrectionRecord.query(on: db).filter(\.$therapyID == therapyID).all()
        guard !rows.isEmpty else { return [] }
        return try history(rows, originals: try await LabRepository.rows(ofTherapies: [therapyID], on: db))
    }

    /// The corrections `rows` as pages show them, each with the result as it stood before and after,
    /// in the order they were made; `originals` are the therapy's results as stored.
    static func history(_ rows: [LabResultCorrectionRecord], originals stored: [LabResultRecord]) throws -> [StoredLabCorrection] {
        guard !rows.isEmpty else { return [] }
        let originals = Dictionary(uniqueKeysWithValues: try stored.map { (try $0.requireID(), $0) })
        var out: [StoredLabCorrection] = []
        for (resultID, chain) in Dictionary(grouping: rows, by: \.originalID) {
            guard let original = originals[resultID] else { throw StoreError.conflict("a correction names a missing result \(resultID)") }
            var state: LabResultRecord = original
            for c in chain.sorted(by: { $0.sequence < $1.sequence }) {
                let next = c.withdrawn ? nil : LabRepository.applying(c, to: original)
                out.append(StoredLabCorrection(id: try c.requireID(), resultID: resultID, sequence: c.sequence,
                                               before: try LabRepository.stored(state), after: try next.map(LabRepository.stored),
                                               reason: c.reason, correctedBy: c.correctedBy, correctedAt: c.correctedAt))
                if let next { state = next }
            }
        }
        return out.sorted { ($0.correctedAt ?? .distantPast, $0.sequence) < ($1.correctedAt ?? .distantPast, $1.sequence) }
    }
}
