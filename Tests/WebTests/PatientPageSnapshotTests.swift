import CartographCore
import Foundation
import SnapshotTesting
@testable import Store
import Testing
@testable import Web

/// The patient's and caregiver's pages, and the staff pieces that issue their codes, rendered from
/// fixed models and compared with the HTML recorded in `__Snapshots__`.
@Suite("Patient page snapshots")
struct PatientPageSnapshotTests {
    static let caregiver = Viewer(displayName: "Lin Wei", role: .patient, centerName: "Demo Center", csrf: "CSRF-TOKEN")

    @Test func myJourneyForACaregiver() throws {
        let page = MyJourneyPage(viewer: Self.caregiver, givenName: "Ada", isCaregiver: true,
                                 file: try PageSnapshotTests.monitoredFile(), today: PageSnapshotTests.today)
        let html = page.render()
        // The header offers the patient's own pages only.
        #expect(html.contains("href=\"/me\"") && !html.contains("href=\"/patients\"") && !html.contains("href=\"/account\""))
        assertSnapshot(of: html, as: .lines)
    }

    @Test func activationPageWithErrors() {
        let html = ActivationPage(csrf: "CSRF-TOKEN", input: ["code": "<b>AAAA</b>", "email": "x@home.test"],
                                  errors: [FieldError("code", PatientAccess.codeRefused)]).render()
        #expect(html.contains("&lt;b&gt;AAAA&lt;/b&gt;") && !html.contains("<b>AAAA"))
        assertSnapshot(of: html, as: .lines)
    }

    @Test func codeSheetEscapesTheName() {
        let issued = PatientAccess.IssuedCode(code: "ABCD-EFGH-JKLM", holder: .caregiver, holderName: "<img src=x onerror=alert(1)>",
                                              patientCode: "C01-0007", expiresAt: Date(timeIntervalSince1970: 1_797_000_000))
        let html = ActivationCodeSheet(viewer: PageSnapshotTests.viewer, patientID: UUID(uuidString: "11111111-2222-3333-4444-555555555555")!,
                                       issued: issued, activateURL: "https://cartograph.example/activate",
                                       timeZone: TimeZone(identifier: "Asia/Shanghai")!).render()
        #expect(!html.contains("<img src=x") && html.contains("&lt;img src=x"))
        assertSnapshot(of: html, as: .lines)
    }
}
