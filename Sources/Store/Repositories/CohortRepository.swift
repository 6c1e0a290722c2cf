import CartographCore
import Clinical
import Fluent
import Foundation
import Outcomes
import SQLKit

/// The raw records of a center's cohort, read in bulk (one query per table) for the outcomes engine.
public enum CohortRepository {
    /// Every patient of the acting user's center treated with `productID` whose records have the given
    /// `origin` (`real`, or `virtual` for an in-silico cohort stored by `cartograph trial --into`), as
    /// `OutcomeRecords`, in patient-code order. Real and virtual patients are never pooled: a report is
    /// of one or the other. Nothing derived is read: grades come with the bedside assessments because
    /// the engine computed them on save (`SafetyRepository.recordAssessment`), everything else is raw.
    public static func records(productID: String, origin: String, for actor: ActingUser,
                               on db: Database) async throws -> [OutcomeRecords] {
        try await cohort(productID: productID, origin: origin, for: actor, on: db).records
    }

    /// `records(productID:origin:for:on:)`, and every origin the center's patients of `productID` have
    /// (e.g. `["real", "virtual"]`, sorted), for a report's switch between cohorts.
    public static func cohort(productID: String, origin: String, for actor: ActingUser,
                              on db: Database) async throws -> (records: [OutcomeRecords], origins: [String]) {
        // Real patients are the center's own; in-silico cohorts live in their own study
        // (`VirtualStudy`), outside every center's daily work, and any center may compare with them.
        let own = try await Therapy.query(on: db).filter(\.$centerID == actor.centerID)
            .filter(\.$productID == productID).all()
        let virtual = try await Therapy.query(on: db).filter(\.$productID == productID)
            .join(Patient.self, on: \Therapy.$patient.$id == \Patient.$id)
            .filter(Patient.self, \.$origin == "virtual").all()
        let all = origin == "virtual" ? virtual : own
        var originSet = Set(try await Patient.query(on: db).filter(\.$id ~~ own.map { $0.$patient.id }).all().map(\.origin))
        if !virtual.isEmpty { originSet.insert("virtual") }
        let origins = originSet.sorted()
        guard !all.isEmpty else { return ([], origins) }
        let everyone = try await Patient.query(on: db).filter(\.$id ~~ all.map { $0.$patient.id }).all()
        let patients = everyone.filter { $0.origin == origin }
        let kept = Set(try patients.map { try $0.requireID() })
        let therapies = all.filter { kept.contains($0.$patient.id) }
        let ids = try therapies.map { try $0.requireID() }
        guard !ids.isEmpty else { return ([], origins) }
        let codeOf = Dictionary(try patients.map { (try $0.requireID(), $0.code) }, uniquingKeysWith: { a, _ in a })

        // Plain columns, one read per table: a report reads every record of thousands of patients, and
        // an ORM object per row had cost more than the engines.
        let sql = try plainSQL(db, for: "the cohort report")
        struct JourneyRow: Decodable { let therapy_id: UUID, kind: String, event_date: String }
        let journey = Dictionary(grouping: try await sql.select().columns("therapy_id", "kind", "event_date")
            .from(JourneyEventRecord.schema).where("therapy_id", .in, ids).orderBy("sequence").all(decoding: JourneyRow.self),
                                 by: \.therapy_id)
        let labs = Dictionary(grouping: try await LabRepository.currentColumns(ofTherapies: ids, on: db), by: \.therapy_id)
        struct SafetyRow: Decodable {
            let id: UUID, therapy_id: UUID, assessed_at: Date, study_day: Int, crs_grade: Int, icans_grade: Int?
        }
        let safety = Dictionary(grouping: try await sql.select().columns("id", "therapy_id", "assessed_at", "study_day", "crs_grade", "icans_grade")
            .from(SafetyAssessmentRecord.schema).where("therapy_id", .in, ids).all(decoding: SafetyRow.self), by: \.therapy_id)
        struct VisitRow: Decodable { let therapy_id: UUID, visited_on: String }
        let visits = Dictionary(grouping: try await sql.select().columns("therapy_id", "visited_on")
            .from(FollowUpVisitRecord.schema).where("therapy_id", .in, ids).all(decoding: VisitRow.self), by: \.therapy_id)
        let events = Dictionary(grouping: try await FollowUpEventRecord.query(on: db).filter(\.$therapy.$id ~~ ids).all(),
                                by: { $0.$therapy.id })
        let screenings = Dictionary(grouping: try await ScreeningRecord.query(on: db).filter(\.$therapy.$id ~~ ids).all(),
                                    by: { $0.$therapy.id })

        var out: [OutcomeRecords] = []
        for t in therapies {
            let tid = try t.requireID()
            let code = codeOf[t.$patient.id] ?? "?"
            let kinds = (journey[tid] ?? []).compactMap { r in JourneyEventKind(rawValue: r.kind).map { ($0, CalendarDate(r.event_date)) } }
            let infusion = kinds.first { $0.0 == .infused }?.1 ?? nil
            let firstDose = kinds.filter { $0.0 == .lymphodepletionDose }.compactMap(\.1).min()
            let screening = try (screenings[tid] ?? []).max { ($0.recordedAt ?? .distantPast) < ($1.recordedAt ?? .distantPast) }
                .map { try JSONDecoder().decode(ScreeningData.self, from: Data($0.data.utf8)) }
            let followUpEvents = try (events[tid] ?? []).map(FollowUpRepository.event)
            out.append(OutcomeRecords(
                patientCode: code, infusionDate: infusion, firstLymphodepletionDate: firstDose,
                labs: try (labs[tid] ?? []).map { try $0.stored().labResult(patientCode: code) },
                safety: (safety[tid] ?? []).sorted { $0.assessed_at < $1.assessed_at }.map { r in
                    SafetyGradedAssessment(id: r.id.uuidString, studyDay: r.study_day, recordedAt: r.assessed_at, crsGrade: r.crs_grade,
                                           icansGrade: r.icans_grade, crsFinding: nil, icansFinding: nil)
                },
                events: followUpEvents.compactMap { e in e.entry.kind.endingKind.map { FollowUpEndingEvent($0, on: e.entry.date) } },
                contactDates: try (visits[tid] ?? []).map { v in
                    guard let d = CalendarDate(v.visited_on) else { throw StoreError.conflict("stored follow-up visit is unreadable") }
                    return d
                },
                subgroups: OutcomeSubgroups(priorBCMACART: screening?.hadPriorBCMACART ?? false,
                                            extramedullaryDisease: screening?.extramedullaryDisease ?? false,
                                            highRiskCytogenetics: screening?.highRiskCytogenetics ?? false)))
        }
        return (out.sorted { $0.patientCode < $1.patientCode }, origins)
    }
}
