import Testing
import CartographCore
@testable import Clinical

private func date(_ s: String) -> CalendarDate { CalendarDate(s)! }

/// Schedule used throughout, with dates worked by hand for an infusion on 2026-01-10:
/// - Day 28:  2026-01-10 + 21 = 01-31, + 7 = 2026-02-07; window 2026-01-24 … 2026-02-21.
/// - Month 3: 2026-04-10; window 04-10 − 14 = 2026-03-27 … 04-10 + 14 = 2026-04-24.
/// - Month 6: 2026-07-10; window 2026-06-26 … 2026-07-24.
/// - Registry Day 100: 21 (to 01-31) + 28 (02-28) + 31 (03-31) + 20 = 2026-04-20; submit by + 30 = 2026-05-20.
/// - Registry Month 6: 2026-07-10; submit by 2026-08-09.
private let schedule = FollowUpSchedule(visits: [.days(28), .months(3), .months(6)],
                                        registryReports: [.days(100), .months(6)], visitToleranceDays: 14)
private let infusion = date("2026-01-10")

private func status(visits: [String] = [], events: [FollowUpEndingEvent] = [], filed: [FollowUpSchedule.Offset] = [],
                    missed: [FollowUpSchedule.Offset] = [], workups: [String] = [], today: String) -> FollowUpPatientStatus {
    let record = FollowUpPatientRecord(patientCode: "C01-0007", infusionDate: infusion, visitDates: visits.map(date),
                                       events: events, filedRegistryReports: filed, documentedMissedVisits: missed,
                                       malignancyWorkupDates: workups.map(date))
    return FollowUpTracker.status(of: record, schedule: schedule, today: date(today))
}

@Suite("Long-term follow-up status")
struct FollowUpTrackerTests {
    @Test("a visit exactly at either tolerance edge completes the visit; one day outside does not")
    func toleranceEdges() {
        // MUT
        let lateEdge = status(visits: ["2026-02-21"], today: "2026-03-01")
        let earlyEdge = status(visits: ["2026-01-24"], today: "2026-03-01")
        let tooLate = status(visits: ["2026-02-22"], today: "2026-03-01")
        let tooEarly = status(visits: ["2026-01-23"], today: "2026-03-01")
        // validate
        #expect(lateEdge.visits[0].status == .completed && lateEdge.visits[0].visitDate == date("2026-02-21"))
        #expect(earlyEdge.visits[0].status == .completed)
        #expect(tooLate.visits[0].status == .overdue)
        #expect(tooLate.unscheduledVisitDates == [date("2026-02-22")])
        #expect(tooEarly.visits[0].status == .overdue)
        #expect(lateEdge.completedVisits.map(\.label) == ["Day 28"])
        #expect(tooLate.overdueVisits.map(\.label) == ["Day 28"])
    }

    @Test("due on the window's first and last day, upcoming the day before, overdue the day after")
    func dueOverdueBoundaries() {
        // MUT: Month 3 window 2026-03-27 … 2026-04-24 (Day 28 visited so only Month 3 moves).
        let before = status(visits: ["2026-02-07"], today: "2026-03-26")
        let first = status(visits: ["2026-02-07"], today: "2026-03-27")
        let last = status(visits: ["2026-02-07"], today: "2026-04-24")
        let after = status(visits: ["2026-02-07"], today: "2026-04-25")
        // validate
        #expect(before.visits[1].status == .upcoming)
        #expect(first.visits[1].status == .due)
        #expect(last.visits[1].status == .due)
        #expect(after.visits[1].status == .overdue)
        #expect(last.nextVisit?.label == "Month 3")
        #expect(last.nextVisit?.windowStart == date("2026-03-27") && last.nextVisit?.windowEnd == date("2026-04-24"))
        // Once Month 3 is overdue, the next visit is Month 6 (window 2026-06-26 … 2026-07-24).
        #expect(after.nextVisit?.plannedDate == date("2026-07-10"))
        #expect(after.nextVisit?.windowStart == date("2026-06-26"))
    }

    @Test("a recorded visit goes to the nearest planned visit; a second one in the window is unscheduled")
    func nearestMatch() {
        // MUT: 2026-02-01 is 6 days from Day 28 (02-07), 2026-02-06 is 1 day.
        let s = status(visits: ["2026-02-01", "2026-02-06", "2026-02-06"], today: "2026-03-01")
        // validate
        #expect(s.visits[0].visitDate == date("2026-02-06"))
        #expect(s.unscheduledVisitDates == [date("2026-02-01")])
    }

    @Test("registry reports: upcoming, due until the submit-by date, then overdue; filed is completed")
    func registryBoundaries() {
        // MUT: Day 100 timepoint 2026-04-20, submit by 2026-05-20.
        let before = status(today: "2026-04-19").registryReports[0]
        let opens = status(today: "2026-04-20").registryReports[0]
        let lastDay = status(today: "2026-05-20").registryReports[0]
        let late = status(today: "2026-05-21").registryReports[0]
        let filed = status(filed: [.days(100)], today: "2026-05-21").registryReports[0]
        // validate
        #expect(before.status == .upcoming)
        #expect(opens.status == .due && opens.timepoint == date("2026-04-20") && opens.submitBy == date("2026-05-20"))
        #expect(lastDay.status == .due)
        #expect(late.status == .overdue)
        #expect(filed.status == .completed)
    }

    @Test("death ends visits whose window is still open and keeps the report of the period it fell in")
    func death() {
        // MUT: death 2026-04-15 falls inside the Month 3 window (03-27 … 04-24).
        let s = status(visits: ["2026-02-07"], events: [FollowUpEndingEvent(.death, on: date("2026-04-15"))], today: "2026-05-01")
        // validate
        #expect(s.visits.map(\.status) == [.completed, .cancelled, .cancelled])
        #expect(s.nextVisit == nil)
        // Day 100 (04-20) is the first timepoint on or after the death: due, and it reports the death.
        #expect(s.registryReports.map(\.status) == [.due, .cancelled])
        #expect(s.registryReports[0].reportsDeath)
        #expect(s.followUpEnded == FollowUpEndingEvent(.death, on: date("2026-04-15")))
    }

    @Test("a window that closed unvisited before the death stays overdue")
    func missedBeforeDeath() {
        // MUT: Day 28 window closed 2026-02-21; death 2026-03-01.
        let s = status(events: [FollowUpEndingEvent(.death, on: date("2026-03-01"))], today: "2026-03-10")
        // validate
        #expect(s.visits.map(\.status) == [.overdue, .cancelled, .cancelled])
        // Death on 03-01 precedes Day 100 (04-20): that report records it, still upcoming on 03-10.
        #expect(s.registryReports.map(\.status) == [.upcoming, .cancelled])
    }

    @Test("a death on the window's last day still cancels it; a documented miss leaves the worklist")
    func deathOnWindowEndAndDocumentedMiss() {
        // MUT
        let onEdge = status(visits: ["2026-02-07"], events: [FollowUpEndingEvent(.death, on: date("2026-04-24"))], today: "2026-05-01")
        let dayAfter = status(visits: ["2026-02-07"], events: [FollowUpEndingEvent(.death, on: date("2026-04-25"))], today: "2026-05-01")
        let documented = status(missed: [.days(28)], today: "2026-03-01")
        // validate
        #expect(onEdge.visits[1].status == .cancelled)
        #expect(dayAfter.visits[1].status == .overdue)
        #expect(documented.visits[0].status == .missed)
    }

    @Test("loss to follow-up ends everything after it and flags a later visit")
    func lostToFollowUp() {
        // MUT: lost 2026-03-01; a visit on 2026-04-10 appears later.
        let s = status(visits: ["2026-02-07", "2026-04-10"], events: [FollowUpEndingEvent(.lostToFollowUp, on: date("2026-03-01"))],
                       today: "2026-08-20")
        // validate: the 04-10 visit still completes Month 3 (it happened), but is flagged.
        #expect(s.visits.map(\.status) == [.completed, .completed, .cancelled])
        #expect(s.registryReports.map(\.status) == [.cancelled, .cancelled])
        #expect(s.notes == ["visit on 2026-04-10 is after loss to follow-up on 2026-03-01: "
                            + "if the patient has returned, remove the loss-to-follow-up event"])
    }

    @Test("progression turns later visits into survival follow-up; registry reports continue")
    func progression() {
        // MUT: progression 2026-04-01, before Month 3 (04-10).
        let s = status(visits: ["2026-02-07"], events: [FollowUpEndingEvent(.progression, on: date("2026-04-01"))], today: "2026-04-20")
        // validate
        #expect(s.visits.map(\.purpose) == [.responseAssessment, .survival, .survival])
        #expect(s.visits.map(\.status) == [.completed, .due, .upcoming])
        #expect(s.registryReports.map(\.status) == [.due, .upcoming])
        #expect(s.followUpEnded == nil)
    }

    @Test("a second primary malignancy adds a work-up task and ends nothing")
    func secondPrimaryMalignancy() {
        // setup: malignancy 2026-03-05; due by + 30 = 2026-04-04.
        let event = [FollowUpEndingEvent(.secondPrimaryMalignancy, on: date("2026-03-05"))]
        // MUT
        let onDueDate = status(visits: ["2026-02-07"], events: event, today: "2026-04-04")
        let late = status(visits: ["2026-02-07"], events: event, today: "2026-04-05")
        let done = status(visits: ["2026-02-07"], events: event, workups: ["2026-03-20"], today: "2026-04-05")
        // validate
        #expect(onDueDate.malignancyWorkups == [FollowUpMalignancyWorkup(eventDate: date("2026-03-05"), dueBy: date("2026-04-04"),
                                                                          status: .due, completedOn: nil)])
        #expect(late.malignancyWorkups.first?.status == .overdue)
        #expect(done.malignancyWorkups.first?.completedOn == date("2026-03-20"))
        #expect(onDueDate.visits.map(\.status) == [.completed, .due, .upcoming])
        #expect(onDueDate.visits.allSatisfy { $0.purpose == .responseAssessment })
    }

    @Test("month offsets clamp to the month's last day")
    func monthClamp() {
        // setup: infusion 2026-01-31 + 1 month → 2026-02-28 (2026 is not a leap year).
        let record = FollowUpPatientRecord(patientCode: "C01-0001", infusionDate: date("2026-01-31"))
        let oneMonth = FollowUpSchedule(visits: [.months(1)], registryReports: [], visitToleranceDays: 7)
        // MUT
        let s = FollowUpTracker.status(of: record, schedule: oneMonth, today: date("2026-03-07"))
        // validate: window 2026-02-21 … 2026-03-07, last day today → due.
        #expect(s.visits[0].plannedDate == date("2026-02-28"))
        #expect(s.visits[0].status == .due)
    }
}
