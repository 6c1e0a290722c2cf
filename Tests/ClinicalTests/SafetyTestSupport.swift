import Foundation
import CartographCore
import Clinical

/// Fixed instants: Day 0 starts at 2025-03-10T00:00Z; `hour` is hours into the study day. Study days
/// are given explicitly in the tests, so the time zone plays no part.
func safetyInstant(day: Int, hour: Double = 8) -> Date {
    Date(timeIntervalSince1970: 1_741_564_800 + Double(day) * 86_400 + hour * 3_600)
}

/// Infusion date used with `safetyInstant` (2025-03-10).
let safetyInfusionDate = CalendarDate(year: 2025, month: 3, day: 10)!

/// A schedule written out in the test so expectations do not depend on the catalogue's center policy:
/// assessments on Days 1–3, 7 and 28, plus Day 30 beyond the end of monitoring (Day 28).
let safetyTestWindows = TreatmentWindows(
    maximumCollectionAttempts: 3, manufacturingDays: DayWindow(28, 35), releaseToLymphodepletionDays: DayWindow(2, 14),
    infusionAfterLastLymphodepletionDays: DayWindow(2, 4), closeMonitoringDays: 14, monitoringEndDay: 28,
    stayNearCenterDays: 28, monitoringAssessmentDays: [1, 2, 3, 7, 28, 30])

/// One graded point: CRS and ICANS grades at `hour` on `day`.
func safetyPoint(_ id: String, day: Int, hour: Double = 8, crs: Int?, icans: Int? = 0) -> SafetyGradedAssessment {
    SafetyGradedAssessment(id: id, studyDay: day, recordedAt: safetyInstant(day: day, hour: hour), crsGrade: crs, icansGrade: icans)
}

/// The field names of a thrown `ValidationFailure`, or `[]` when something else (or nothing) was thrown.
func safetyFailedFields(_ body: () throws -> Void) -> [String] {
    do { try body() } catch let failure as ValidationFailure { return failure.errors.map(\.field) } catch { return ["<\(error)>"] }
    return []
}
