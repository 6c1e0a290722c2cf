import CartographCore
import Clinical
import Fluent
import Foundation
import Plot
import Store

/// The entered values and errors of one form on a page, so a refused form comes back filled in.
struct FormState: Sendable {
    var input: [String: String] = [:]
    var errors: [FieldError] = []
}

/// The patient page's sections after Day 0: response, persistence, laboratory results and long-term
/// follow-up. Kept apart from `PatientPage` so each can be read and tested on its own.
struct PatientOutcomeSections {
    var patientID: UUID
    var today: CalendarDate
    var canRecord: Bool
    var csrf: String
    /// `nil` before the infusion.
    var response: PatientResponseReport?
    var persistence: PatientPersistenceReport?
    var labs: [StoredLabResult]
    /// Every correction of the patient's results, oldest first.
    var corrections: [StoredLabCorrection]
    /// `nil` before the infusion.
    var followUp: FollowUpPatientStatus?
    var visits: [StoredFollowUpVisit]
    var events: [StoredFollowUpEvent]
    var schedule: FollowUpSchedule
    var labForm = FormState()
    var correctionForm = FormState()
    var visitForm = FormState()
    var eventForm = FormState()

    var node: Node<HTML.BodyContext> {
        .group(
            .unwrap(response) { ResponseTimelineSection(report: $0).node },
            .unwrap(persistence) { PersistenceSection(report: $0).node },
            LabEntrySection(patientID: patientID, today: today, canRecord: canRecord, csrf: csrf, labs: labs,
                            infusion: response?.infusionDate ?? persistence?.infusionDate, form: labForm).node,
            LabCorrectionSection(patientID: patientID, canRecord: canRecord, csrf: csrf, labs: labs, corrections: corrections,
                                 form: correctionForm).node,
            .unwrap(followUp) { status in
                FollowUpSection(patientID: patientID, today: today, canRecord: canRecord, csrf: csrf, status: status,
                                visits: visits, events: events, schedule: schedule, visitForm: visitForm, eventForm: eventForm).node
            }
        )
    }

    /// Everything the sections show, for a patient of the acting user's center.
    static func load(patientID: UUID, for actor: ActingUser, today: CalendarDate, csrf: String,
                     on db: Database) async throws -> PatientOutcomeSections {
        let snapshot = try await PatientOutcomes.snapshot(patientID: patientID, for: actor, on: db)
        let r = snapshot.records
        let profile = ProductCatalogue.profile(id: r.productID)
        var followUp: FollowUpPatientStatus?
        if let infusion = r.infusion, let profile {
            followUp = FollowUpTracker.status(of: FollowUpRepository.trackerRecord(code: r.patientCode, infusion: infusion,
                                                                                   visits: r.visits, events: r.events),
                                              schedule: profile.followUp, today: today)
        }
        return PatientOutcomeSections(
            patientID: patientID, today: today, canRecord: actor.role.recordsJourney, csrf: csrf,
            response: try snapshot.response?.get(), persistence: snapshot.persistence,
            labs: r.labs, corrections: r.corrections, followUp: followUp, visits: r.visits, events: r.events,
            schedule: profile?.followUp ?? ProductCatalogue.default.followUp)
    }
}

/// A result as pages show it: `labValueText`, with a finding's word in the request's language.
func labValueWords(_ value: LabResultValue, _ analyte: LabAnalyte) -> String {
    switch value {
    case .number: labValueText(value, analyte)
    case .finding: tr(source: labValueText(value, analyte))
    }
}

/// `1.2` for numbers, `positive`/`true` for findings: a result as the laboratory wrote it.
func labValueText(_ value: LabResultValue, _ analyte: LabAnalyte) -> String {
    switch value {
    case .number(let v): v == v.rounded() && abs(v) < 1e15 ? String(Int64(v)) : "\(v)"
    case .finding(let f): analyte.valueKind == .positiveNegative ? (f ? "positive" : "negative") : (f ? "true" : "false")
    }
}
