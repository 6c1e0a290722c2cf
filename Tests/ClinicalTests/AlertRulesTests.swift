import Foundation
import Testing
import CartographCore
import Clinical

/// Expected alerts worked out by hand from the `alerts-2` rules (previous grade of the same
/// toxicity, 0 before the first assessment; one alert per toxicity per assessment, its kind the first
/// finding of new ≥ 2, ICANS onset, rising, its severity the highest).
@Suite struct AlertRulesTests {
    private func kinds(_ alerts: [SafetyAlert], _ toxicity: ToxicityKind? = nil) -> [String] {
        alerts.filter { toxicity == nil || $0.toxicity == toxicity }.map { "\($0.kind.rawValue)@\($0.assessmentID ?? "-")" }
    }

    @Test func newGradeAtLeast2TriggersOnceWhenCrossing() throws {
        // setup: CRS 0, 1, 2, 2, 3, 2, 3
        let series = [safetyPoint("a", day: 1, crs: 0), safetyPoint("b", day: 2, crs: 1), safetyPoint("c", day: 3, crs: 2),
                      safetyPoint("d", day: 4, crs: 2), safetyPoint("e", day: 5, crs: 3), safetyPoint("f", day: 6, crs: 2),
                      safetyPoint("g", day: 7, crs: 3)]
        // MUT
        let alerts = try SafetyAlertRules.gradeAlerts(patientID: "P1", assessments: series)
        // validate: >= 2 reached from below only at c (also a rise 1→2: one alert naming both);
        // rising alone at b (0→1), e (2→3), g (2→3)
        let new = alerts.filter { $0.kind == .newGradeAtLeast2 }
        #expect(new.map(\.assessmentID) == ["c"])
        #expect(new.first?.severity == .warning)
        #expect(new.first?.key == "P1/newGradeAtLeast2/crs/c")
        #expect(new.first?.message == "CRS grade 2 on Day 3 (previous grade 1): new grade ≥ 2, rising")
        #expect(alerts.filter { $0.kind == .risingGrade }.map(\.assessmentID) == ["b", "e", "g"])
        #expect(alerts.map(\.assessmentID) == ["b", "c", "e", "g"])  // one alert per clinical event
    }

    @Test func noNewGradeAtLeast2BelowTwo() throws {
        // setup: CRS 0, 1, 1, 0
        let series = [safetyPoint("a", day: 1, crs: 0), safetyPoint("b", day: 2, crs: 1), safetyPoint("c", day: 3, crs: 1),
                      safetyPoint("d", day: 4, crs: 0)]
        // MUT
        let alerts = try SafetyAlertRules.gradeAlerts(patientID: "P1", assessments: series)
        // validate: only the rise 0 → 1 at b, severity info
        #expect(kinds(alerts) == ["risingGrade@b"])
        #expect(alerts.first?.severity == .info)
    }

    @Test func severeGradeFromTheFirstAssessmentIsUrgent() throws {
        // setup: ICANS 3 at the first assessment (baseline counts as 0)
        let series = [safetyPoint("a", day: 5, crs: 0, icans: 3)]
        // MUT
        let alerts = try SafetyAlertRules.gradeAlerts(patientID: "P2", assessments: series)
        // validate: one urgent alert (grade 3) naming new >= 2, ICANS onset and rising
        #expect(kinds(alerts, .icans) == ["newGradeAtLeast2@a"])
        #expect(alerts.allSatisfy { $0.severity == .urgent })
        #expect(alerts.first?.message == "ICANS grade 3 on Day 5 (previous grade 0): new grade ≥ 2, new neurotoxicity, rising")
        #expect(kinds(alerts, .crs).isEmpty)
    }

    @Test func fallingOrSteadyGradeIsNotRising() throws {
        // setup: CRS 2, 2, 1
        let series = [safetyPoint("a", day: 1, crs: 2), safetyPoint("b", day: 2, crs: 2), safetyPoint("c", day: 3, crs: 1)]
        // MUT
        let alerts = try SafetyAlertRules.gradeAlerts(patientID: "P1", assessments: series)
        // validate: only the first (0 → 2) raises anything, once
        #expect(kinds(alerts) == ["newGradeAtLeast2@a"])
    }

    @Test func icansAnyGradeAtEachOnsetOnly() throws {
        // setup: ICANS 0, 1, 1, 0, 1 (CRS 0 throughout); an unassessed ICANS between the first two 1s
        let series = [safetyPoint("a", day: 1, crs: 0, icans: 0), safetyPoint("b", day: 2, crs: 0, icans: 1),
                      safetyPoint("x", day: 2, hour: 14, crs: 0, icans: nil), safetyPoint("c", day: 3, crs: 0, icans: 1),
                      safetyPoint("d", day: 4, crs: 0, icans: 0), safetyPoint("e", day: 5, crs: 0, icans: 1)]
        // MUT
        let alerts = try SafetyAlertRules.gradeAlerts(patientID: "P1", assessments: series)
        // validate: onsets at b and e; c continues the episode (nil skipped); at least warning, though
        // grade 1 alone would be info
        let icans = alerts.filter { $0.kind == .icansAnyGrade }
        #expect(kinds(alerts) == ["icansAnyGrade@b", "icansAnyGrade@e"])
        #expect(icans.map(\.assessmentID) == ["b", "e"])
        #expect(icans.allSatisfy { $0.severity == .warning })
    }

    @Test func crsNeverRaisesAnICANSAlert() throws {
        // setup: CRS 1 with ICANS 0
        let alerts = try SafetyAlertRules.gradeAlerts(patientID: "P1", assessments: [safetyPoint("a", day: 1, crs: 1, icans: 0)])
        // MUT / validate
        #expect(!alerts.contains { $0.kind == .icansAnyGrade })
    }

    @Test func messageNamesTheFindingAndKeysAreStable() throws {
        // setup: CRS 0 then 2 with its deciding finding; the same series later extended by one point
        let first = [safetyPoint("a", day: 1, crs: 0),
                     SafetyGradedAssessment(id: "b", studyDay: 2, recordedAt: safetyInstant(day: 2), crsGrade: 2, icansGrade: 0,
                                            crsFinding: "hypotension not requiring vasopressors: grade 2")]
        let extended = first + [safetyPoint("c", day: 3, crs: 3)]
        // MUT
        let before = try SafetyAlertRules.gradeAlerts(patientID: "P9", assessments: first)
        let after = try SafetyAlertRules.gradeAlerts(patientID: "P9", assessments: extended)
        // validate: the message says what and when; re-evaluation keeps the earlier keys
        let new = try #require(before.first { $0.kind == .newGradeAtLeast2 })
        #expect(new.message.contains("CRS grade 2 on Day 2"))
        #expect(new.message.contains("hypotension not requiring vasopressors"))
        #expect(Set(before.map(\.key)).isSubset(of: Set(after.map(\.key))))
        #expect(after.count == before.count + 1)  // only "rising to 3" at c
    }

    @Test func missedScheduledDayInThePastButNotToday() {
        // setup: schedule Days 1, 2, 3, 7, 28 (30 is past the end); today is Day 3 (2025-03-13);
        // only Day 1 recorded
        let today = CalendarDate(year: 2025, month: 3, day: 13)!
        // MUT
        let alerts = SafetyAlertRules.missedAssessmentAlerts(
            patientID: "P1", infusionDate: safetyInfusionDate, today: today, windows: safetyTestWindows,
            assessments: [safetyPoint("a", day: 1, crs: 0)])
        // validate: Day 2 (2025-03-12) passed without an assessment; Day 3 is today (pending, not missed)
        #expect(alerts.map(\.studyDay) == [2])
        #expect(alerts.first?.key == "P1/missedAssessment/day2")
        #expect(alerts.first?.message.contains("2025-03-12") == true)
        #expect(alerts.first?.severity == .warning)
    }

    @Test func missedOnlyUpToMonitoringEndDay() {
        // setup: today Day 40 (2025-04-19); Days 1, 2, 3, 7 recorded, Day 28 not; Day 30 scheduled but after Day 28
        let today = CalendarDate(year: 2025, month: 4, day: 19)!
        let series = [1, 2, 3, 7].map { safetyPoint("d\($0)", day: $0, crs: 0) }
        // MUT
        let alerts = SafetyAlertRules.missedAssessmentAlerts(
            patientID: "P1", infusionDate: safetyInfusionDate, today: today, windows: safetyTestWindows, assessments: series)
        // validate
        #expect(alerts.map(\.studyDay) == [28])
        #expect(alerts.first?.message.contains("2025-04-07") == true)
    }

    @Test func laterAssessmentDoesNotCancelAMissedDayAndNothingBeforeInfusion() {
        // setup: Day 3 missed, Day 4 recorded, today Day 5; and a patient on Day −2
        let today = CalendarDate(year: 2025, month: 3, day: 15)!
        let series = [1, 2, 4].map { safetyPoint("d\($0)", day: $0, crs: 0) }
        let notYetInfused = CalendarDate(year: 2025, month: 3, day: 8)!
        // MUT
        let alerts = SafetyAlertRules.missedAssessmentAlerts(
            patientID: "P1", infusionDate: safetyInfusionDate, today: today, windows: safetyTestWindows, assessments: series)
        let none = SafetyAlertRules.missedAssessmentAlerts(
            patientID: "P1", infusionDate: safetyInfusionDate, today: notYetInfused, windows: safetyTestWindows, assessments: [])
        // validate
        #expect(alerts.map(\.studyDay) == [3])
        #expect(none.isEmpty)
    }

    @Test func evaluateCombinesRulesByStudyDay() throws {
        // setup: today Day 3; CRS 2 on Day 1, nothing on Day 2
        let today = CalendarDate(year: 2025, month: 3, day: 13)!
        // MUT
        let alerts = try SafetyAlertRules.evaluate(
            patientID: "P1", infusionDate: safetyInfusionDate, today: today, windows: safetyTestWindows,
            assessments: [safetyPoint("a", day: 1, crs: 2)])
        // validate: the Day 1 grade alert (one for the event), then the missed Day 2
        #expect(alerts.map(\.studyDay) == [1, 2])
        #expect(alerts.last?.kind == .missedAssessment)
        #expect(alerts.allSatisfy { $0.ruleVersion == SafetyAlertRules.ruleVersion })
    }
}
