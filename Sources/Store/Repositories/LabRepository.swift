import CartographCore
import Clinical
import Fluent
import Foundation
import SQLKit

/// How a result reached Cartograph.
public enum LabResultSource: String, Codable, Sendable, CaseIterable, Hashable {
    /// Typed on the patient page.
    case form
    /// Sent to `POST /api/patients/{id}/labs`.
    case api
    /// A row of an imported laboratory file.
    case csv
    /// Produced by the in-silico trial for a virtual patient.
    case virtual
}

/// A stored result as the API and pages show it.
public struct StoredLabResult: Codable, Sendable, Hashable {
    public var id: UUID
    public var date: CalendarDate
    public var analyte: LabAnalyte
    public var value: LabResultValue
    public var unit: String
    public var method: MRDMethod?
    public var sensitivity: Double?
    public var llod: Double?
    public var lloq: Double?
    public var source: LabResultSource
    public var recordedAt: Date?

    /// The engines' value for this result.
    public func labResult(patientCode: String) -> LabResult {
        LabResult(patientCode: patientCode, sampleDate: date, analyte: analyte, value: value, unit: unit, method: method,
                  sensitivity: sensitivity, lowerLimitOfDetection: llod, lowerLimitOfQuantification: lloq)
    }
}

/// What a laboratory file import did: everything, or nothing and why.
public enum LabFileImport: Sendable, Equatable {
    /// Every row was stored (one audit record each).
    case imported(results: Int, patients: [String])
    /// Nothing was stored.
    case rejected(LabImportReport)
}

public enum LabRepository {
    /// Stores results for patients of the acting user's center, all or none, each with its audit record in
    /// the same transaction.
    ///
    /// Checks, every problem reported at once as `results[i].<column>` (columns as `LabImportColumn`):
    /// the value rules of `LabResult.problems`, a sample date after `today`, a patient code not of this
    /// center, two results of one patient, date and analyte in the batch, and a current result already
    /// stored for that patient, date and analyte (changing it is a correction, `LabCorrectionRepository`).
    public static func record(_ results: [LabResult], source: LabResultSource, by actor: ActingUser, today: CalendarDate,
                              on db: Database) async throws -> [StoredLabResult] {
        guard actor.role.recordsJourney else { throw StoreError.forbidden("the \(actor.role.displayName) role cannot record results") }
        guard !results.isEmpty else { throw StoreError.invalid([FieldError("results", "no results given")]) }
        var problems: [FieldError] = []
        var firstOfKey: [String: Int] = [:]
        for (i, r) in results.enumerated() {
            for p in r.problems { problems.append(FieldError("results[\(i)].\(p.column.rawValue)", p.message)) }
            if r.sampleDate > today { problems.append(FieldError("results[\(i)].date", "\(r.sampleDate) is after today (\(today))")) }
            let key = "\(r.patientCode)|\(r.sampleDate)|\(r.analyte.rawValue)"
            if let first = firstOfKey[key] {
                problems.append(FieldError("results[\(i)].date", "same patient, date and analyte as results[\(first)]"))
            } else { firstOfKey[key] = i }
        }
        if !problems.isEmpty { throw StoreError.invalid(problems) }
        return try await retryingTransaction(on: db) { tx in
            let conflicts = try await storedConflicts(results, actor: actor, on: tx)
            if !conflicts.problems.isEmpty {
                // A result already stored is reported against its date (the file import names the row instead).
                throw StoreError.invalid(conflicts.problems.map { FieldError("results[\($0.index)].\($0.column ?? "date")", $0.message) })
            }
            return try await insert(results, therapies: conflicts.therapies, source: source, actor: actor, on: tx)
        }
    }

    /// Imports a laboratory CSV file (`LabImport`, rule set `LAB-CSV-1`) for the acting user's center:
    /// every row valid and new, or nothing stored.
    ///
    /// Patient codes must be this center's; sample dates may not be after `today`; a row whose patient,
    /// date and analyte is already stored is refused naming its row.
    public static func importCSV(_ data: Data, by actor: ActingUser, today: CalendarDate, on db: Database) async throws -> LabFileImport {
        guard actor.role.recordsJourney else { throw StoreError.forbidden("the \(actor.role.displayName) role cannot import results") }
        let codes = try await Patient.query(on: db).filter(\.$center.$id == actor.centerID).all().map(\.code)
        let rows: [LabImportRow]
        switch LabImport.importCSVRows(data, knownPatientCodes: Set(codes), latestDate: today) {
        case .rejected(let report): return .rejected(report)
        case .accepted(let accepted): rows = accepted
        }
        if rows.isEmpty {
            return .rejected(LabImportReport(dataRows: 0, problems: [LabImportProblem(row: 2, column: nil, message: "the file has no results")]))
        }
        struct Refused: Error { var report: LabImportReport }
        do {
            return try await retryingTransaction(on: db) { tx in
                let results = rows.map(\.result)
                let conflicts = try await storedConflicts(results, actor: actor, on: tx)
                if !conflicts.problems.isEmpty {
                    throw Refused(report: LabImportReport(dataRows: rows.count, problems: conflicts.problems.map {
                        LabImportProblem(row: rows[$0.index].row, column: $0.column, message: $0.message)
                    }))
                }
                _ = try await insert(results, therapies: conflicts.therapies, source: .csv, actor: actor, on: tx)
                return .imported(results: results.count, patients: Array(Set(results.map(\.patientCode))).sorted())
            }
        } catch let refused as Refused {
            return .rejected(refused.report)
        }
    }

    /// A patient's results, oldest first (then by analyte), for patients of the acting user's center.
    public static func results(patientID: UUID, for actor: ActingUser, on db: Database) async throws -> [StoredLabResult] {
        _ = try await PatientRepository.patient(patientID, for: actor, on: db)
        let therapy = try await PatientRepository.therapy(ofPatient: patientID, on: db)
        return try await results(ofTherapy: try therapy.requireID(), on: db)
    }

    /// The results of `therapies` as corrected (`LabCorrectionRepository`): each row with its latest
    /// correction's values in place of its own (same id), rows whose latest correction withdrew them
    /// left out. What every engine reads.
    public static func currentRecords(ofTherapies therapies: [UUID], on db: Database) async throws -> [LabResultRecord] {
        try await storedAndCurrent(ofTherapies: therapies, on: db).current
    }

    /// The rows of `therapies` as stored, and as corrected (`currentRecords`), from one read of each table.
    static func storedAndCurrent(ofTherapies therapies: [UUID],
                                 on db: Database) async throws -> (stored: [LabResultRecord], current: [LabResultRecord]) {
        let r = try await records(ofTherapies: therapies, on: db)
        return (r.stored, r.current)
    }

    /// `storedAndCurrent` with the correction rows it applied.
    static func records(ofTherapies therapies: [UUID], on db: Database) async throws
        -> (stored: [LabResultRecord], current: [LabResultRecord], corrections: [LabResultCorrectionRecord])
    {
        guard !therapies.isEmpty else { return ([], [], []) }
        let all = try await rows(ofTherapies: therapies, on: db)
        let corrections = try await LabResultCorrectionRecord.query(on: db).filter(\.$therapyID ~~ therapies).all()
        return (all, current(all, corrections: corrections), corrections)
    }

    /// `stored` with each row's latest correction applied and withdrawn rows left out.
    static func current(_ all: [LabResultRecord], corrections: [LabResultCorrectionRecord]) -> [LabResultRecord] {
        guard !corrections.isEmpty else { return all }
        var latest: [UUID: LabResultCorrectionRecord] = [:]
        for c in corrections where (latest[c.originalID]?.sequence ?? 0) < c.sequence { latest[c.originalID] = c }
        return all.compactMap { row in
            guard let id = row.id, let c = latest[id] else { return row }
            return c.withdrawn ? nil : applying(c, to: row)
        }
    }

    /// The stored rows of `therapies`, read as plain columns: a patient page reads its results several
    /// times, and building each row through the ORM's reflection had cost a third of the page.
    static func rows(ofTherapies therapies: [UUID], on db: Database) async throws -> [LabResultRecord] {
        guard db is any SQLDatabase else { return try await LabResultRecord.query(on: db).filter(\.$therapy.$id ~~ therapies).all() }
        return try await columns(ofTherapies: therapies, on: db).map(\.record)
    }

    /// The stored rows of `therapies` as plain values, by therapy, date and analyte.
    static func columns(ofTherapies therapies: [UUID], on db: Database) async throws -> [LabColumns] {
        guard !therapies.isEmpty else { return [] }
        guard let sql = db as? any SQLDatabase else {
            return try await LabResultRecord.query(on: db).filter(\.$therapy.$id ~~ therapies).all().map(LabColumns.init)
        }
        return try await sql.select().columns("id", "therapy_id", "sampled_on", "analyte", "value_number", "value_text", "unit", "method",
                                              "sensitivity", "llod", "lloq", "source", "recorded_by", "recorded_at")
            .from(LabResultRecord.schema).where("therapy_id", .in, therapies)
            .orderBy("therapy_id").orderBy("sampled_on").orderBy("analyte")
            .all(decoding: LabColumns.self)
    }

    /// The results of `therapies` as corrected, as plain values: what the cohort report reads for
    /// every patient at once, without building an ORM object per row.
    static func currentColumns(ofTherapies therapies: [UUID], on db: Database) async throws -> [LabColumns] {
        let all = try await columns(ofTherapies: therapies, on: db)
        guard !all.isEmpty else { return [] }
        let corrections = try await LabResultCorrectionRecord.query(on: db).filter(\.$therapyID ~~ therapies).all()
        guard !corrections.isEmpty else { return all }
        var latest: [UUID: LabResultCorrectionRecord] = [:]
        for c in corrections where (latest[c.originalID]?.sequence ?? 0) < c.sequence { latest[c.originalID] = c }
        return all.compactMap { row in
            guard let c = latest[row.id] else { return row }
            return c.withdrawn ? nil : row.applying(c)
        }
    }

    /// The rows holding each (therapy, date, analyte) key a new or corrected result may not take: rows
    /// as stored keep their key even when corrected away (a row is never changed), and corrected values
    /// hold theirs. A corrected value comes after its row, so it is the one a key maps to last.
    static func keyHolders(_ rows: (stored: [LabResultRecord], current: [LabResultRecord])) -> [String: LabResultRecord] {
        var holders: [String: LabResultRecord] = [:]
        for r in rows.stored + rows.current { holders[key(r)] = r }
        return holders
    }

    static func key(_ r: LabResultRecord) -> String { key(therapy: r.$therapy.id, date: r.sampledOn, analyte: r.analyte) }

    static func key(therapy: UUID, date: String, analyte: String) -> String { "\(therapy)|\(date)|\(analyte)" }

    /// An unsaved copy of `row` (same id and provenance) holding correction `c`'s values.
    static func applying(_ c: LabResultCorrectionRecord, to row: LabResultRecord) -> LabResultRecord {
        LabColumns(row).applying(c).record
    }

    /// A therapy's current results (corrected ones replaced, withdrawn ones left out), oldest first (then
    /// by analyte). Callers scope the therapy to the user's center.
    public static func results(ofTherapy therapyID: UUID, on db: Database) async throws -> [StoredLabResult] {
        try sortedResults(try await currentRecords(ofTherapies: [therapyID], on: db))
    }

    /// `rows` as results, oldest first (then by analyte).
    static func sortedResults(_ rows: [LabResultRecord]) throws -> [StoredLabResult] {
        try rows.map(stored).sorted { ($0.date, $0.analyte.rawValue) < ($1.date, $1.analyte.rawValue) }
    }

    // MARK: - Internals

    struct Conflict { var index: Int; var column: String?; var message: String }

    /// The therapy of each patient code, and the results that name an unknown patient or are stored already.
    static func storedConflicts(_ results: [LabResult], actor: ActingUser,
                                on tx: Database) async throws -> (therapies: [String: UUID], problems: [Conflict]) {
        let codes = Array(Set(results.map(\.patientCode)))
        let patients = try await Patient.query(on: tx).filter(\.$center.$id == actor.centerID).filter(\.$code ~~ codes).all()
        var therapies: [String: UUID] = [:]
        for p in patients {
            therapies[p.code] = try await PatientRepository.therapy(ofPatient: try p.requireID(), on: tx).requireID()
        }
        let stored = keyHolders(try await storedAndCurrent(ofTherapies: Array(therapies.values), on: tx))
        var problems: [Conflict] = []
        for (i, r) in results.enumerated() {
            guard let tid = therapies[r.patientCode] else {
                problems.append(Conflict(index: i, column: "patient", message: "no patient of this center has the code \(r.patientCode)"))
                continue
            }
            if let old = stored[key(therapy: tid, date: r.sampleDate.description, analyte: r.analyte.rawValue)] {
                problems.append(Conflict(index: i, column: nil, message:
                    "\(r.analyte.rawValue) of \(r.sampleDate) is already recorded for \(r.patientCode) "
                    + "(\(old.valueNumber.map(labNumberText) ?? old.valueText ?? "?"), from \(old.source)); to change it, correct that result"))
            }
        }
        return (therapies, problems)
    }

    static func insert(_ results: [LabResult], therapies: [String: UUID], source: LabResultSource, actor: ActingUser,
                       on tx: Database) async throws -> [StoredLabResult] {
        struct Payload: Encodable {
            let patient: String, date: String, analyte: String, value: LabResultValue, unit: String
            let method: String?, sensitivity: Double?, llod: Double?, lloq: Double?, source: String
        }
        var rows: [LabResultRecord] = []
        var entries: [AuditTrail.Entry] = []
        let now = Date()
        for r in results {
            let tid = therapies[r.patientCode]!
            let row = LabResultRecord()
            row.id = UUID()
            row.$therapy.id = tid
            row.sampledOn = r.sampleDate.description
            row.analyte = r.analyte.rawValue
            row.valueNumber = r.value.number
            row.valueText = r.value.finding.map { valueText($0, r.analyte) }
            // As entered: the engines convert to the analyte's canonical unit when they read it.
            row.unit = r.unit
            row.method = r.method?.rawValue
            row.sensitivity = r.sensitivity
            row.llod = r.lowerLimitOfDetection
            row.lloq = r.lowerLimitOfQuantification
            row.source = source.rawValue
            row.recordedBy = actor.userID
            rows.append(row)
            entries.append(try AuditTrail.Entry(actor: actor.userID, center: actor.centerID, action: "lab.recorded",
                                                entity: "therapy", entityID: tid.uuidString,
                                                payload: Payload(patient: r.patientCode, date: r.sampleDate.description, analyte: r.analyte.rawValue,
                                                                 value: r.value, unit: row.unit, method: row.method, sensitivity: r.sensitivity,
                                                                 llod: r.lowerLimitOfDetection, lloq: r.lowerLimitOfQuantification,
                                                                 source: source.rawValue), at: now))
        }
        // A file of results is written as a few multi-row statements, its audit records likewise; 15
        // columns a row keeps each statement far below both databases' limits on bound parameters.
        var start = 0
        while start < rows.count {
            let chunk = Array(rows[start..<min(start + AuditTrail.rowsPerInsert, rows.count)])
            try await chunk.create(on: tx)
            start += chunk.count
        }
        try await AuditTrail.append(entries, on: tx)
        try await PatientStatuses.recordsChanged(therapyIDs: Set(rows.map { $0.$therapy.id }), on: tx)
        return try rows.map(stored)
    }

    /// The CSV token of a finding: `positive`/`negative` or `true`/`false`, as the analyte reads.
    static func valueText(_ finding: Bool, _ analyte: LabAnalyte) -> String {
        analyte.valueKind == .positiveNegative ? (finding ? "positive" : "negative") : (finding ? "true" : "false")
    }

    static func stored(_ r: LabResultRecord) throws -> StoredLabResult {
        _ = try r.requireID()
        return try LabColumns(r).stored()
    }
}

/// A stored result's columns as plain values (table `lab_results`). Pages and the cohort report read
/// results by the hundred thousand; an ORM object per row cost more than everything else they do.
struct LabColumns: Decodable, Sendable {
    var id: UUID
    var therapy_id: UUID
    var sampled_on: String
    var analyte: String
    var value_number: Double?
    var value_text: String?
    var unit: String
    var method: String?
    var sensitivity: Double?
    var llod: Double?
    var lloq: Double?
    var source: String
    var recorded_by: UUID
    var recorded_at: Date?

    init(_ r: LabResultRecord) {
        id = r.id ?? UUID(); therapy_id = r.$therapy.id; sampled_on = r.sampledOn; analyte = r.analyte
        value_number = r.valueNumber; value_text = r.valueText; unit = r.unit; method = r.method
        sensitivity = r.sensitivity; llod = r.llod; lloq = r.lloq; source = r.source
        recorded_by = r.recordedBy; recorded_at = r.recordedAt
    }

    /// An unsaved ORM row holding these values.
    var record: LabResultRecord {
        let row = LabResultRecord()
        row.id = id
        row.$therapy.id = therapy_id
        row.sampledOn = sampled_on
        row.analyte = analyte
        row.valueNumber = value_number
        row.valueText = value_text
        row.unit = unit
        row.method = method
        row.sensitivity = sensitivity
        row.llod = llod
        row.lloq = lloq
        row.source = source
        row.recordedBy = recorded_by
        row.recordedAt = recorded_at
        return row
    }

    /// The same result (id and provenance) holding correction `c`'s values.
    func applying(_ c: LabResultCorrectionRecord) -> LabColumns {
        var copy = self
        copy.sampled_on = c.sampledOn ?? sampled_on
        copy.analyte = c.analyte ?? analyte
        copy.value_number = c.valueNumber
        copy.value_text = c.valueText
        copy.unit = c.unit ?? unit
        copy.method = c.method
        copy.sensitivity = c.sensitivity
        copy.llod = c.llod
        copy.lloq = c.lloq
        return copy
    }

    func stored() throws -> StoredLabResult {
        let unreadable = StoreError.conflict("stored lab result \(id.uuidString) is unreadable")
        guard let analyte = LabAnalyte(rawValue: analyte), let date = CalendarDate(sampled_on),
              let source = LabResultSource(rawValue: source) else { throw unreadable }
        let value: LabResultValue
        if let n = value_number { value = .number(n) } else {
            switch value_text {
            case "positive", "true": value = .finding(true)
            case "negative", "false": value = .finding(false)
            default: throw unreadable
            }
        }
        var method: MRDMethod?
        if let m = self.method {
            guard let parsed = MRDMethod(rawValue: m) else { throw unreadable }
            method = parsed
        }
        return StoredLabResult(id: id, date: date, analyte: analyte, value: value, unit: unit, method: method,
                               sensitivity: sensitivity, llod: llod, lloq: lloq, source: source, recordedAt: recorded_at)
    }
}

/// `2` for 2.0, otherwise Swift's shortest form.
func labNumberText(_ v: Double) -> String {
    v.isFinite && v == v.rounded() && abs(v) < 1e15 ? String(Int64(v)) : "\(v)"
}
