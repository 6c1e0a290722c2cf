import CartographCore
import Clinical
import Fluent
import Foundation

/// Records patient courses through the same repositories the web app uses, so a generated patient is
/// validated, stored and audited exactly like one a coordinator enters.
public enum ProgramLoader {
    /// Loads each course for the acting user's center; returns the new patients' IDs in order. Stops at
    /// the first course that a rule refuses, naming the course and the step.
    @discardableResult
    public static func load(_ courses: [PatientCourse], by actor: ActingUser, today: CalendarDate, origin: String = "real",
                            beforeEvent: ((_ therapyID: UUID, _ event: JourneyEvent) async throws -> Void)? = nil,
                            on db: Database) async throws -> [UUID] {
        var ids: [UUID] = []
        for (n, course) in courses.enumerated() {
            let (patient, therapy) = try await PatientRepository.enrol(course.enrolment, by: actor, today: today, origin: origin, on: db)
            let tid = try therapy.requireID()
            let pid = try patient.requireID()
            // Consecutive results are stored in one transaction, as one imported file would be.
            var pendingLabs: [(step: Int, result: LabResult)] = []
            func flushLabs() async throws {
                guard let first = pendingLabs.first else { return }
                do {
                    let results = pendingLabs.map { pending in
                        var r = pending.result
                        r.patientCode = patient.code
                        return r
                    }
                    _ = try await LabRepository.record(results, source: origin == "virtual" ? .virtual : .form, by: actor, today: today, on: db)
                } catch {
                    throw StoreError.conflict("course \(n + 1) (\(patient.code)), results from step \(first.step + 1): \(error)")
                }
                pendingLabs = []
            }
            // Consecutive follow-up visits likewise, as a patient's history entered at once.
            var pendingVisits: [(step: Int, date: CalendarDate)] = []
            func flushVisits() async throws {
                guard let first = pendingVisits.first else { return }
                do {
                    _ = try await FollowUpRepository.recordVisits(pendingVisits.map { FollowUpVisitEntry(date: $0.date) }, patientID: pid,
                                                                  by: actor, today: today, on: db)
                } catch {
                    throw StoreError.conflict("course \(n + 1) (\(patient.code)), visits from step \(first.step + 1): \(error)")
                }
                pendingVisits = []
            }
            for (i, step) in course.steps.enumerated() {
                if case let .lab(result) = step { try await flushVisits(); pendingLabs.append((i, result)); continue }
                if case let .followUpVisit(on) = step { try await flushLabs(); pendingVisits.append((i, on)); continue }
                try await flushLabs()
                try await flushVisits()
                do {
                    switch step {
                    case let .screening(data, on):
                        _ = try await ScreeningRepository.save(data, screenedOn: on, therapyID: tid, by: actor, today: today, on: db)
                    case let .event(e):
                        try await beforeEvent?(tid, e)
                        _ = try await JourneyRepository.record(e, therapyID: tid, by: actor, today: today, on: db)
                    case let .dose(weight, product):
                        _ = try await DoseRepository.record(weightKilograms: weight, product: product, therapyID: tid, by: actor, on: db)
                    case let .followUpEvent(entry):
                        _ = try await FollowUpRepository.recordEvent(entry, patientID: pid, by: actor, today: today, on: db)
                    case .lab, .followUpVisit:
                        break
                    }
                } catch {
                    throw StoreError.conflict("course \(n + 1) (\(patient.code)), step \(i + 1): \(error)")
                }
            }
            try await flushLabs()
            try await flushVisits()
            ids.append(try patient.requireID())
        }
        return ids
    }
}
