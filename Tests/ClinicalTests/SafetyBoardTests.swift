import Foundation
import Testing
import CartographCore
import Clinical

@Suite struct SafetyBoardTests {
    @Test func onlyDays0Through28InclusiveAreOnTheBoard() throws {
        // setup: today 2025-04-07 with FUCASO's windows (monitoring ends Day 28, seed 003).
        // Infused 2025-04-07 → Day 0; 2025-03-10 → Day 28 (21 days to 03-31, + 7);
        // 2025-03-09 → Day 29; 2025-04-08 → Day −1.
        let today = CalendarDate(year: 2025, month: 4, day: 7)!
        let patients = [
            SafetyBoardPatient(patientID: "day0", infusionDate: CalendarDate(year: 2025, month: 4, day: 7)!, assessments: []),
            SafetyBoardPatient(patientID: "day28", infusionDate: CalendarDate(year: 2025, month: 3, day: 10)!, assessments: []),
            SafetyBoardPatient(patientID: "day29", infusionDate: CalendarDate(year: 2025, month: 3, day: 9)!, assessments: []),
            SafetyBoardPatient(patientID: "dayMinus1", infusionDate: CalendarDate(year: 2025, month: 4, day: 8)!, assessments: []),
        ]
        // MUT
        let rows = try SafetyBoard.rows(patients: patients, today: today, windows: ProductCatalogue.fucaso.windows)
        // validate
        #expect(rows.map(\.patientID) == ["day0", "day28"])
        #expect(rows.map(\.studyDay) == [0, 28])
    }

    @Test func rowShowsLatestGradesTrendPendingAndOpenAlerts() throws {
        // setup: today Day 3 (2025-03-13, scheduled); CRS 1 (D1), 2 (D2 08:00), 3 with ICANS 1 (D2 20:00);
        // nothing yet today; a Day 5 record (future) must be ignored. Alerts k1, k2 twice, k3 acknowledged.
        let today = CalendarDate(year: 2025, month: 3, day: 13)!
        let series = [safetyPoint("a", day: 1, crs: 1, icans: 0), safetyPoint("b", day: 2, crs: 2, icans: 0),
                      safetyPoint("c", day: 2, hour: 20, crs: 3, icans: 1), safetyPoint("f", day: 5, crs: 0, icans: 0)]
        func alert(_ key: String, _ severity: SafetyAlertSeverity) -> SafetyAlert {
            SafetyAlert(key: key, patientID: "P1", kind: .risingGrade, toxicity: .crs, severity: severity, studyDay: 2,
                        recordedAt: nil, grade: 2, assessmentID: nil, message: "m")
        }
        let patient = SafetyBoardPatient(
            patientID: "P1", infusionDate: safetyInfusionDate, assessments: series,
            alerts: [alert("k1", .warning), alert("k2", .info), alert("k2", .info), alert("k3", .urgent)],
            acknowledgedAlertKeys: ["k3"])
        // MUT
        let row = try #require(try SafetyBoard.rows(patients: [patient], today: today, windows: safetyTestWindows, trendDays: 3).first)
        // validate
        #expect(row.studyDay == 3)
        #expect(row.latestCRSGrade == 3 && row.latestICANSGrade == 1)
        #expect(row.latestAssessmentDay == 2 && row.latestAssessmentAt == safetyInstant(day: 2, hour: 20))
        #expect(row.trend == [SafetyBoardTrendDay(studyDay: 1, maxCRSGrade: 1, maxICANSGrade: 0),
                              SafetyBoardTrendDay(studyDay: 2, maxCRSGrade: 3, maxICANSGrade: 1),
                              SafetyBoardTrendDay(studyDay: 3, maxCRSGrade: nil, maxICANSGrade: nil)])
        #expect(row.assessmentScheduledToday && row.assessmentPending)
        #expect(row.openAlerts == 2)  // k1, k2 (k2 once; k3 acknowledged)
        #expect(row.highestOpenSeverity == .warning)
    }

    @Test func notPendingWhenDoneOrNotScheduled() throws {
        // setup: Day 3 with an assessment today; Day 4 (not in the test schedule) with none
        let series = [safetyPoint("a", day: 3, crs: 0, icans: 0)]
        let p = SafetyBoardPatient(patientID: "P1", infusionDate: safetyInfusionDate, assessments: series)
        // MUT
        let day3 = try SafetyBoard.rows(patients: [p], today: CalendarDate(year: 2025, month: 3, day: 13)!, windows: safetyTestWindows)
        let day4 = try SafetyBoard.rows(patients: [p], today: CalendarDate(year: 2025, month: 3, day: 14)!, windows: safetyTestWindows)
        // validate
        #expect(day3.first?.assessmentScheduledToday == true && day3.first?.assessmentPending == false)
        #expect(day4.first?.assessmentScheduledToday == false && day4.first?.assessmentPending == false)
        #expect(day4.first?.openAlerts == 0 && day4.first?.highestOpenSeverity == nil)
    }

    @Test func trendStartsNoEarlierThanDay0AndGradesMayComeFromDifferentRecords() throws {
        // setup: today Day 1; CRS 2 on Day 0, then an ICANS-only record on Day 1
        let series = [safetyPoint("a", day: 0, crs: 2, icans: 0), safetyPoint("b", day: 1, crs: nil, icans: 1)]
        let p = SafetyBoardPatient(patientID: "P1", infusionDate: safetyInfusionDate, assessments: series)
        // MUT
        let row = try #require(try SafetyBoard.rows(
            patients: [p], today: CalendarDate(year: 2025, month: 3, day: 11)!, windows: safetyTestWindows, trendDays: 7).first)
        // validate
        #expect(row.trend.map(\.studyDay) == [0, 1])
        #expect(row.latestCRSGrade == 2 && row.latestICANSGrade == 1)
    }

    @Test func invalidInputNamesThePatient() {
        // setup: a grade of 7 in the second patient's series
        let ok = SafetyBoardPatient(patientID: "A", infusionDate: safetyInfusionDate, assessments: [])
        let bad = SafetyBoardPatient(patientID: "B", infusionDate: safetyInfusionDate, assessments: [safetyPoint("a", day: 1, crs: 7)])
        let today = CalendarDate(year: 2025, month: 3, day: 12)!
        // MUT / validate
        #expect(safetyFailedFields { _ = try SafetyBoard.rows(patients: [ok, bad], today: today, windows: safetyTestWindows) }
            == ["patients[1].assessments[0].crsGrade"])
        #expect(safetyFailedFields { _ = try SafetyBoard.rows(patients: [ok], today: today, windows: safetyTestWindows, trendDays: 0) }
            == ["trendDays"])
    }
}
