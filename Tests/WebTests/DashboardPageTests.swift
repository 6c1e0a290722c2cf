@testable import CartographCore
import Foundation
@testable import Store
import Testing
@testable import Web

/// The dashboard of a large center: long lists show their first rows and point to the patient list.
@Suite("Dashboard of a large center")
struct DashboardPageTests {
    @Test("120 overdue steps and 70 deviations: 50 rows each, the totals, and links to the rest")
    func longListsAreCut() {
        let today = CalendarDate("2026-03-15")!
        let overdue = (0..<120).map { i in
            ProgramDashboard.Item(patientID: UUID(), code: String(format: "C01-%04d", i), date: today.adding(days: -40 + i / 4),
                                  windowEnd: today.adding(days: -30 + i / 4), what: "Follow-up visit, Month 3 overdue", stage: .longTermFollowUp)
        }
        let deviations = (0..<70).map { i in
            ProgramDashboard.DeviationItem(patientID: UUID(), code: String(format: "D01-%04d", i),
                                           deviation: Deviation(code: .infusionOutsideWindow, date: today.adding(days: -i), message: "Infusion outside its window"))
        }
        let dashboard = ProgramDashboard(today: today, centerName: "Large Center", patientCount: 5_000, byStage: [:], upcoming: [],
                                         overdue: overdue, deviations: deviations)
        let html = DashboardPage(viewer: PageSnapshotTests.viewer, dashboard: dashboard).render()
        // The summary counts every item; the tables hold the first 50 of each list.
        #expect(html.contains("5000 patients · 120 overdue"))
        #expect(html.contains("Overdue (120)"))
        #expect(html.components(separatedBy: "Follow-up visit, Month 3 overdue").count - 1 == 50)
        #expect(html.components(separatedBy: "Infusion outside its window").count - 1 == 50)
        // The longest overdue come first: the first 50 in the dashboard's order, none of the rest.
        #expect(html.contains(">C01-0000<") && html.contains(">C01-0049<") && !html.contains(">C01-0050<"))
        #expect(html.contains(">D01-0049<") && !html.contains(">D01-0050<"))
        #expect(html.contains("The 50 longest overdue of 120 are shown."))
        #expect(html.contains("href=\"/patients?overdue=true\"") && html.contains("href=\"/follow-up\""))
        #expect(html.contains("The 50 most recent of 70 are shown."))
        #expect(html.contains("href=\"/patients?deviating=true\""))
    }
}
