import CartographCore
import Clinical
import Fluent
import Foundation
import Kinetics
import Outcomes
import Store
import Vapor

/// `GET /api/patients/{id}/response`: the IMWG course the engine computes from the stored results.
struct PatientResponseReport: Content, Equatable {
    var patientID: UUID
    var code: String
    var infusionDate: CalendarDate
    /// Rule sets: `RESPONSE-BASELINE-1` (window below), `LAB-IMWG-1` (conversion), `IMWG-2016` (engine).
    var ruleSets: [String]
    /// Baseline values come from the latest result in this window (inclusive).
    var baselineFrom: CalendarDate
    var baselineTo: CalendarDate
    /// The engine's input, built from the stored results (what each value is and where it came from).
    var input: LabResultIMWGInput
    /// The calendar date of each assessment in `input.assessments` / `course.assessments`.
    var assessmentDates: [CalendarDate]
    /// The engine's verdict: category per assessment, confirmation, best confirmed response, progression,
    /// relapse, MRD and the derived times.
    var course: IMWGResponseCourse
}

/// `GET /api/patients/{id}/persistence`: non-compartmental kinetics of the stored transgene series.
struct PatientPersistenceReport: Content, Equatable {
    var patientID: UUID
    var code: String
    var infusionDate: CalendarDate
    var ruleSets: [String]
    var series: LabResultTransgeneSeries
    /// `nil` when there is no sample after Day 0 or no assay LLOD.
    var nca: TransgeneNCAResult?
}

/// A patient's outcome records and what the engines derive from them alone: the IMWG course (or why
/// the stored results cannot be assessed) and the transgene kinetics. `nil` reports before Day 0.
struct PatientOutcomeSnapshot: Sendable {
    var records: PatientOutcomeRecords
    var response: Result<PatientResponseReport, StoreError>?
    var persistence: PatientPersistenceReport?
}

/// Response and persistence, computed from the raw results (nothing derived is stored) once per records
/// revision of the therapy and kept in `cache`.
enum PatientOutcomes {
    /// Derived outcomes of the patients read most recently. A snapshot of a patient with two years of
    /// results is some tens of kilobytes, so 1,000 of them stay far below the process's memory.
    static let cache = DerivedResultCache<PatientOutcomeSnapshot>(capacity: 1_000)

    /// The patient's records and derived outcomes, from the cache when the therapy's records revision
    /// has not moved since they were computed.
    static func snapshot(patientID: UUID, for actor: ActingUser, on db: Database) async throws -> PatientOutcomeSnapshot {
        let key = try await PatientOutcomeRecords.key(patientID: patientID, for: actor, on: db)
        return try await cache.value(therapyID: key.therapyID, revision: key.revision) {
            derive(try await PatientOutcomeRecords.load(key, on: db))
        }
    }

    /// The engines' part: records in, snapshot out.
    static func derive(_ r: PatientOutcomeRecords) -> PatientOutcomeSnapshot {
        guard let infusion = r.infusion else { return PatientOutcomeSnapshot(records: r, response: nil, persistence: nil) }
        let results = r.labs.map { $0.labResult(patientCode: r.patientCode) }
        let response: Result<PatientResponseReport, StoreError>
        do {
            response = .success(try PatientOutcomes.response(patientID: r.patientID, code: r.patientCode, infusion: infusion,
                                                            firstLymphodepletion: r.firstLymphodepletion, results: results))
        } catch let e as StoreError { response = .failure(e) } catch { response = .failure(.conflict("\(error)")) }
        return PatientOutcomeSnapshot(
            records: r, response: response,
            persistence: persistence(patientID: r.patientID, code: r.patientCode, infusion: infusion, results: results))
    }

    static let noInfusion = StoreError.conflict("no infusion is recorded; response and persistence are measured from Day 0")

    /// The baseline window and assessment grouping are `OutcomeResponse`'s, shared with the cohort
    /// report and the in-silico trial.
    static let baselineRuleSet = OutcomeResponse.baselineRuleSet

    static func response(patientID: UUID, for actor: ActingUser, on db: Database) async throws -> PatientResponseReport {
        guard let response = try await snapshot(patientID: patientID, for: actor, on: db).response else { throw noInfusion }
        return try response.get()
    }

    /// The pure part: results in, report out.
    static func response(patientID: UUID, code: String, infusion: CalendarDate, firstLymphodepletion: CalendarDate?,
                         results: [LabResult]) throws -> PatientResponseReport {
        let from = OutcomeResponse.baselineFrom(infusion: infusion, firstLymphodepletion: firstLymphodepletion)
        let input = OutcomeResponse.input(patientCode: code, infusion: infusion, firstLymphodepletion: firstLymphodepletion,
                                          results: results)
        let course: IMWGResponseCourse
        do { course = try IMWGResponse.assess(baseline: input.baseline, assessments: input.assessments) } catch {
            // Stored results passed the lab rules, so the engine refusing them is a stored-data problem.
            throw StoreError.conflict("the stored results cannot be assessed: \(error)")
        }
        return PatientResponseReport(
            patientID: patientID, code: code, infusionDate: infusion,
            ruleSets: [baselineRuleSet, LabResultIMWGConversion.ruleSet, course.ruleSetVersion],
            baselineFrom: from, baselineTo: infusion, input: input,
            assessmentDates: input.assessments.map { infusion.adding(days: $0.day) }, course: course)
    }

    static func persistence(patientID: UUID, for actor: ActingUser, on db: Database) async throws -> PatientPersistenceReport {
        guard let persistence = try await snapshot(patientID: patientID, for: actor, on: db).persistence else { throw noInfusion }
        return persistence
    }

    static func persistence(patientID: UUID, code: String, infusion: CalendarDate, results: [LabResult]) -> PatientPersistenceReport {
        let (series, nca) = OutcomeResponse.persistence(patientCode: code, infusion: infusion, results: results)
        return PatientPersistenceReport(patientID: patientID, code: code, infusionDate: infusion,
                                        ruleSets: ["LAB-NCA-1", TransgeneNCA.ruleSet], series: series, nca: nca)
    }
}
