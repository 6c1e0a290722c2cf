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

/// Response and persistence, computed on every request from the raw results (nothing derived is stored).
enum PatientOutcomes {
    /// The baseline window and assessment grouping are `OutcomeResponse`'s, shared with the cohort
    /// report and the in-silico trial.
    static let baselineRuleSet = OutcomeResponse.baselineRuleSet

    struct Context {
        var patient: Patient
        var infusion: CalendarDate
        var firstLymphodepletion: CalendarDate?
        var results: [LabResult]
    }

    static func context(patientID: UUID, for actor: ActingUser, on db: Database) async throws -> Context {
        let patient = try await PatientRepository.patient(patientID, for: actor, on: db)
        let therapy = try await PatientRepository.therapy(ofPatient: patientID, on: db)
        let tid = try therapy.requireID()
        let events = try await JourneyRepository.events(of: tid, on: db)
        guard let infusion = events.first(where: { $0.kind == .infused })?.date else {
            throw StoreError.conflict("no infusion is recorded; response and persistence are measured from Day 0")
        }
        let stored = try await LabRepository.results(ofTherapy: tid, on: db)
        return Context(patient: patient, infusion: infusion,
                       firstLymphodepletion: events.filter { $0.kind == .lymphodepletionDose }.map(\.date).min(),
                       results: stored.map { $0.labResult(patientCode: patient.code) })
    }

    static func response(patientID: UUID, for actor: ActingUser, on db: Database) async throws -> PatientResponseReport {
        let c = try await context(patientID: patientID, for: actor, on: db)
        return try response(patientID: patientID, code: c.patient.code, infusion: c.infusion,
                            firstLymphodepletion: c.firstLymphodepletion, results: c.results)
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
        let c = try await context(patientID: patientID, for: actor, on: db)
        return persistence(patientID: patientID, code: c.patient.code, infusion: c.infusion, results: c.results)
    }

    static func persistence(patientID: UUID, code: String, infusion: CalendarDate, results: [LabResult]) -> PatientPersistenceReport {
        let (series, nca) = OutcomeResponse.persistence(patientCode: code, infusion: infusion, results: results)
        return PatientPersistenceReport(patientID: patientID, code: code, infusionDate: infusion,
                                        ruleSets: ["LAB-NCA-1", TransgeneNCA.ruleSet], series: series, nca: nca)
    }
}
