import CartographCore
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
        let patients = [PatientSummary(id: file.id, code: file.code, sex: "female", enrolledOn: "2026-01-02", productID: "fucaso",
                                       stage: .shortTermMonitoring, origin: "real", identity: file.identity)]
        assertSnapshot(of: DashboardPage(viewer: Self.viewer, dashboard: dashboard, patients: patients).render(), as: .lines)
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
