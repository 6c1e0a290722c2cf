import CartographCore
import Clinical
import Foundation
import SnapshotTesting
@testable import Store
import Testing
@testable import Web

/// Pages rendered from fixed models and compared with the HTML recorded in `__Snapshots__`: a change
/// to a page shows up as a reviewed diff. Record anew with `SNAPSHOT_TESTING_RECORD=all swift test`.
@Suite("Page snapshots")
struct PageSnapshotTests {
    static let today = CalendarDate("2026-03-15")!
    static let viewer = Viewer(displayName: "Demo Coordinator", role: .coordinator, centerName: "Demo Center", csrf: "CSRF-TOKEN")

    /// A patient in Day 0–28 monitoring with a deviating infusion, built by the state machine.
    static func monitoredFile() throws -> PatientFile {
        let profile = ProductCatalogue.fucaso
        let events: [JourneyEvent] = [
            .init(.screenedEligible, on: CalendarDate("2026-01-05")!), .init(.collectionScheduled, on: CalendarDate("2026-01-12")!),
            .init(.collected, on: CalendarDate("2026-01-12")!), .init(.manufacturingStarted, on: CalendarDate("2026-01-13")!),
            .init(.released, on: CalendarDate("2026-02-10")!), .init(.lymphodepletionDose, on: CalendarDate("2026-02-20")!),
            .init(.lymphodepletionDose, on: CalendarDate("2026-02-21")!), .init(.lymphodepletionDose, on: CalendarDate("2026-02-22")!),
            .init(.infused, on: CalendarDate("2026-02-27")!),
        ]
        let state = try JourneyStateMachine.replay(events, profile: profile)
        let screening = ScreeningData(ageYears: 61, diagnosis: .multipleMyeloma, priorLines: nil, ecog: 1)
        return PatientFile(
            id: UUID(uuidString: "11111111-2222-3333-4444-555555555555")!, code: "C01-0007", sex: "female", enrolledOn: "2026-01-02",
            origin: "real", identity: IdentityView(givenName: "Ada", familyName: "Example", dateOfBirth: "1964-05-01", hospitalNumber: "DEMO-1"),
            therapyID: UUID(uuidString: "66666666-7777-8888-9999-000000000000")!, product: profile,
            stage: state.stage(asOf: today, profile: profile), events: events,
            plan: JourneyPlanning.plan(state, profile: profile, today: today),
            allowedEvents: JourneyStateMachine.allowedEvents(after: state, profile: profile), screening: screening,
            eligibility: EligibilityScreening.screen(screening, against: profile), screenedOn: "2026-01-05",
            dose: try DoseCalculator.calculate(profile.dose, weightKilograms: 64,
                                               product: ProductCharacterisation(viableCellsPerMilliliter: 4e7, carPositiveFraction: 0.4, bagVolumeMilliliters: 50)),
            infusionDate: state.infusionDate, studyDay: studyDay(of: today, infusion: state.infusionDate!))
    }

    @Test func signInPage() {
        assertSnapshot(of: SignInPage(email: "", next: "/", csrf: "CSRF-TOKEN", error: "Email or password is wrong.").render(), as: .lines)
    }

    @Test func patientPage() throws {
        assertSnapshot(of: PatientPage(viewer: Self.viewer, file: try Self.monitoredFile(), today: Self.today).render(), as: .lines)
    }

    @Test func patientPageForManufacturing() throws {
        var file = try Self.monitoredFile()
        file.identity = nil
        let viewer = Viewer(displayName: "Demo Manufacturing", role: .manufacturing, centerName: "Demo Center", csrf: "CSRF-TOKEN")
        let html = PatientPage(viewer: viewer, file: file, today: Self.today).render()
        #expect(!html.contains("Ada"))
        assertSnapshot(of: html, as: .lines)
    }

    @Test func dashboardPage() throws {
        let file = try Self.monitoredFile()
        let dashboard = ProgramDashboard(
            today: Self.today, centerName: "Demo Center", patientCount: 2, byStage: ["shortTermMonitoring": 1, "notEligible": 1],
            upcoming: file.plan.upcoming.prefix(3).map { .init(patientID: file.id, code: file.code, date: $0.date, windowEnd: $0.windowEnd, what: $0.what, stage: $0.stage) },
            overdue: [], deviations: file.plan.deviations.map { .init(patientID: file.id, code: file.code, deviation: $0) })
        assertSnapshot(of: DashboardPage(viewer: Self.viewer, dashboard: dashboard).render(), as: .lines)
    }

    @Test("a quote in entered text cannot end the attribute and inject markup")
    func attributeInjection() {
        let hostile = #"x" autofocus onfocus="alert(1)"#
        let html = EnrolmentPage(viewer: Self.viewer, input: ["familyName": hostile], errors: [], today: Self.today).render()
        #expect(!html.contains(#"onfocus="alert"#))
        #expect(html.contains(#"value="x&quot; autofocus onfocus=&quot;alert(1)""#))
        let signIn = SignInPage(next: #"/"><script>alert(1)</script>"#, csrf: "t").render()
        #expect(!signIn.contains("<script>"))
    }

    @Test func enrolmentPageWithErrors() {
        let page = EnrolmentPage(viewer: Self.viewer, input: ["familyName": "Doe <script>"],
                                 errors: [FieldError("givenName", "is required")], today: Self.today)
        let html = page.render()
        #expect(html.contains(#"value="Doe &lt;script&gt;""#), "entered text is escaped")
        assertSnapshot(of: html, as: .lines)
    }
}

/// The board and the patient list: severity by colour, shape and words; triage order; filters kept in links.
@Suite("Page snapshots: board and patient list")
struct TriagePageSnapshotTests {
    static let today = CalendarDate("2026-03-15")!
    static let coordinator = PageSnapshotTests.viewer
    static let manufacturing = Viewer(displayName: "Demo Manufacturing", role: .manufacturing, centerName: "Demo Center", csrf: "CSRF-TOKEN")

    static func row(_ n: Int, day: Int, crs: Int?, icans: Int?, severity: SafetyAlertSeverity?, alerts: [AlertView], acknowledged: [AlertView] = []) -> MonitoringBoard.Row {
        let board = SafetyBoardRow(patientID: "T\(n)", infusionDate: today.adding(days: -day), studyDay: day, latestCRSGrade: crs,
                                   latestICANSGrade: icans, latestAssessmentDay: day, latestAssessmentAt: nil, trend: [],
                                   assessmentScheduledToday: true, assessmentPending: n == 2, openAlerts: alerts.count,
                                   highestOpenSeverity: severity)
        return MonitoringBoard.Row(patientID: UUID(uuidString: "00000000-0000-0000-0000-00000000000\(n)")!, code: "C01-000\(n)", name: nil,
                                   board: board, openAlerts: alerts, recentlyAcknowledged: acknowledged)
    }

    static func alert(_ n: Int, _ severity: String, _ message: String, acknowledgedAt: Date? = nil) -> AlertView {
        AlertView(id: UUID(uuidString: "AAAAAAAA-0000-0000-0000-00000000000\(n)")!, therapyID: UUID(uuidString: "BBBBBBBB-0000-0000-0000-000000000000")!,
                  key: "k\(n)", kind: "newGradeAtLeast2", severity: severity, studyDay: 3, message: message,
                  raisedAt: Date(timeIntervalSince1970: 1_773_500_000), acknowledgedBy: acknowledgedAt == nil ? nil : UUID(uuidString: "CCCCCCCC-0000-0000-0000-000000000000"),
                  acknowledgedByName: acknowledgedAt == nil ? nil : "Demo Nurse", acknowledgedAt: acknowledgedAt)
    }

    static var board: MonitoringBoard {
        let rows = [
            row(1, day: 9, crs: 0, icans: 0, severity: nil, alerts: [],
                acknowledged: [alert(1, "info", "CRS grade 1 on Day 2 (previous grade 0): rising", acknowledgedAt: Date(timeIntervalSince1970: 1_773_540_000))]),
            row(2, day: 3, crs: 3, icans: 0, severity: .urgent,
                alerts: [alert(2, "urgent", "CRS grade 3 on Day 3 (previous grade 1): new grade ≥ 2, rising: hypotension requiring a vasopressor")]),
            row(3, day: 5, crs: 1, icans: 2, severity: .warning, alerts: [alert(3, "warning", "ICANS grade 2 on Day 5 (previous grade 0): new grade ≥ 2, new neurotoxicity, rising")]),
        ]
        return MonitoringBoard(today: today, rows: rows.sorted(by: MonitoringBoard.Row.triage), timeZone: "Asia/Shanghai")
    }

    @Test("the board puts grade 3 first, then grade 2, then grade 0, and says each grade in words and shape")
    func boardOrder() {
        #expect(Self.board.rows.map(\.code) == ["C01-0002", "C01-0003", "C01-0001"])
        let html = BoardPage(viewer: Self.coordinator, board: Self.board).render()
        #expect(html.contains("<span class=\"shape\" aria-hidden=\"true\">▲ </span>"))
        #expect(html.contains("<strong>3</strong> severe"))
        // Reloading is the user's choice (WCAG 2.2.1): off unless asked for, with a way back.
        #expect(!html.contains(#"http-equiv="refresh""#) && html.contains(#"href="/board?refresh=on""#))
        let refreshing = BoardPage(viewer: Self.coordinator, board: Self.board, refreshing: true).render()
        #expect(refreshing.contains(#"http-equiv="refresh" content="60""#) && refreshing.contains("Stop refreshing"))
        #expect(html.contains("acknowledged by Demo Nurse at 2026-03-15 10:00"))
    }

    @Test func boardPage() {
        assertSnapshot(of: BoardPage(viewer: Self.coordinator, board: Self.board).render(), as: .lines)
    }

    @Test("roles that cannot acknowledge see an open alert as open, never as acknowledged")
    func boardForManufacturing() {
        let html = BoardPage(viewer: Self.manufacturing, board: Self.board).render()
        #expect(html.contains("open, not yet acknowledged"))
        #expect(!html.contains(">Acknowledge<"))
        #expect(html.components(separatedBy: "— acknowledged").count - 1 == 1)   // only the one really acknowledged
    }

    @Test func patientListPage() {
        var query = PatientListQuery()
        query.search = "ex\"ample<"
        query.overdue = true
        let rows = [
            PatientListRow(id: UUID(uuidString: "11111111-2222-3333-4444-555555555555")!, code: "C01-0007", sex: "female", enrolledOn: "2026-01-02",
                           productID: "fucaso", origin: "real", stage: .shortTermMonitoring, studyDay: 16, overdue: 1, deviations: 1, openAlerts: 2,
                           highestOpenSeverity: "urgent",
                           identity: IdentityView(givenName: "Ada", familyName: "Example", dateOfBirth: "1964-05-01", hospitalNumber: "DEMO-1")),
            PatientListRow(id: UUID(uuidString: "11111111-2222-3333-4444-555555555556")!, code: "C01-0008", sex: "male", enrolledOn: "2026-01-03",
                           productID: "fucaso", origin: "real", stage: .notEligible, studyDay: nil, overdue: 0, deviations: 0, openAlerts: 0,
                           identity: IdentityView(givenName: "Bo", familyName: "Example", dateOfBirth: "1955-02-01", hospitalNumber: "DEMO-2")),
        ]
        let page = Store.PatientListPage(rows: rows, total: 12, nextCursor: "QzAxLTAwMDg")
        let html = PatientListPage(viewer: Self.coordinator, query: query, page: page).render()
        #expect(!html.contains("ex\"ample<"))
        assertSnapshot(of: html, as: .lines)
    }
}
