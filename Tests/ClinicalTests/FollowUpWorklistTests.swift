import Testing
import CartographCore
@testable import Clinical

private func date(_ s: String) -> CalendarDate { CalendarDate(s)! }

@Suite("Center follow-up worklist")
struct FollowUpWorklistTests {
    @Test("all patients' due and overdue items, sorted by date then patient code")
    func centerWorklist() {
        // setup: schedule Day 28, Month 3, Month 6 (± 14 days); registry Day 100 and Month 6; today 2026-04-22.
        // C01-0002, infused 2026-01-10: Day 28 = 02-07 (window to 02-21), no visit → overdue;
        //   Month 3 = 04-10 (03-27 … 04-24) → due; registry Day 100 = 04-20 (submit by 05-20) → due.
        // C01-0003, infused 2026-01-10, seen 02-07 and 04-10: only registry Day 100 (04-20) → due.
        // C01-0001, infused 2026-02-01: Day 28 = 2026-03-01 seen; Month 3 = 05-01 (04-17 … 05-15) → due;
        //   registry Day 100 = 27 (to 02-28) + 31 + 30 + 12 = 2026-05-12 → upcoming, not listed.
        let schedule = FollowUpSchedule(visits: [.days(28), .months(3), .months(6)],
                                        registryReports: [.days(100), .months(6)], visitToleranceDays: 14)
        let records = [
            FollowUpPatientRecord(patientCode: "C01-0003", infusionDate: date("2026-01-10"),
                                  visitDates: [date("2026-02-07"), date("2026-04-10")]),
            FollowUpPatientRecord(patientCode: "C01-0001", infusionDate: date("2026-02-01"), visitDates: [date("2026-03-01")]),
            FollowUpPatientRecord(patientCode: "C01-0002", infusionDate: date("2026-01-10")),
        ]
        // MUT
        let items = FollowUpWorklist.center(records, schedule: schedule, today: date("2026-04-22"))
        // validate
        #expect(items == [
            FollowUpWorklistItem(patientCode: "C01-0002", kind: .visit, what: "Follow-up visit, Day 28", date: date("2026-02-07"),
                                 windowStart: date("2026-01-24"), windowEnd: date("2026-02-21"), status: .overdue),
            FollowUpWorklistItem(patientCode: "C01-0002", kind: .visit, what: "Follow-up visit, Month 3", date: date("2026-04-10"),
                                 windowStart: date("2026-03-27"), windowEnd: date("2026-04-24"), status: .due),
            FollowUpWorklistItem(patientCode: "C01-0002", kind: .registryReport, what: "Registry report, Day 100",
                                 date: date("2026-04-20"), windowStart: date("2026-04-20"), windowEnd: date("2026-05-20"), status: .due),
            FollowUpWorklistItem(patientCode: "C01-0003", kind: .registryReport, what: "Registry report, Day 100",
                                 date: date("2026-04-20"), windowStart: date("2026-04-20"), windowEnd: date("2026-05-20"), status: .due),
            FollowUpWorklistItem(patientCode: "C01-0001", kind: .visit, what: "Follow-up visit, Month 3", date: date("2026-05-01"),
                                 windowStart: date("2026-04-17"), windowEnd: date("2026-05-15"), status: .due),
        ])
    }

    @Test("survival visits, death reports and malignancy work-ups are worded for the clinic")
    func itemWording() {
        // setup: progression 2026-03-01 → Month 3 is survival follow-up; malignancy 2026-04-01 (due by 05-01);
        // death 2026-04-15 → Month 3 window (to 04-24) cancelled, Day 100 (04-20) reports the death.
        let schedule = FollowUpSchedule(visits: [.days(28), .months(3)], registryReports: [.days(100)], visitToleranceDays: 14)
        let progressed = FollowUpPatientRecord(patientCode: "C01-0004", infusionDate: date("2026-01-10"),
                                               visitDates: [date("2026-02-07")],
                                               events: [FollowUpEndingEvent(.progression, on: date("2026-03-01")),
                                                        FollowUpEndingEvent(.secondPrimaryMalignancy, on: date("2026-04-01"))])
        var died = progressed
        died.patientCode = "C01-0005"
        died.events.append(FollowUpEndingEvent(.death, on: date("2026-04-15")))
        // MUT
        let items = FollowUpWorklist.center([progressed, died], schedule: schedule, today: date("2026-04-21"))
        // validate
        // C01-0004: work-up 04-01 (due by 05-01), survival Month 3 04-10 (due), registry Day 100 04-20 (due).
        // C01-0005: work-up 04-01, Month 3 cancelled by the death, registry Day 100 04-20 reporting the death.
        #expect(items.map(\.patientCode) == ["C01-0004", "C01-0005", "C01-0004", "C01-0004", "C01-0005"])
        #expect(items.map(\.kind) == [.malignancyWorkup, .malignancyWorkup, .survivalVisit, .registryReport, .registryReport])
        #expect(items.map(\.what) == [
            "Second primary malignancy of 2026-04-01: report to the manufacturer, test tumour for the CAR transgene",
            "Second primary malignancy of 2026-04-01: report to the manufacturer, test tumour for the CAR transgene",
            "Survival follow-up, Month 3",
            "Registry report, Day 100",
            "Registry report, Day 100 (reports the death)",
        ])
        #expect(items[0].windowEnd == date("2026-05-01"))
    }
}
