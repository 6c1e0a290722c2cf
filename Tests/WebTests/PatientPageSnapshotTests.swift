import CartographCore
import Foundation
import SnapshotTesting
@testable import Store
import Testing
import TestSupport
import Fluent
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

/// The wallet card, on the patient's side and the staff's.
@Suite("Wallet card", .serialized)
struct WalletCardTests {
    /// Reads a PNG's size from its IHDR chunk (PNG specification §11.2.2: width, then height, big-endian).
    static func pngSize(_ d: Data) -> (width: Int, height: Int)? {
        let b = [UInt8](d)
        guard b.count > 24, b[0..<8].elementsEqual([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]), b[12..<16].elementsEqual(Array("IHDR".utf8)) else { return nil }
        func int(_ i: Int) -> Int { Int(b[i]) << 24 | Int(b[i + 1]) << 16 | Int(b[i + 2]) << 8 | Int(b[i + 3]) }
        return (int(16), int(20))
    }

    @Test("the card as a PNG for the phone, drawn by Debian's Chromium at twice the density; identity roles only; none without Chromium",
          .enabled(if: Settings.installedChromium != nil, "needs Debian's chromium (installed by .ci/run)"))
    func picture() async throws {
        try await withTestApp(today: SelfCheckTests.today.description) { app in
            // setup
            let (_, _, patient, session) = try await SelfCheckTests.setUp(app)
            // MUT
            let page = try await app.page("/me/card", cookie: session.cookie)
            let mine = try await app.page("/me/card.png", cookie: session.cookie)
            // validate: a PNG of the window's size at 2×, offered from the card page
            #expect(page.body.string.contains(#"href="/me/card.png""#))
            #expect(mine.status == .ok && mine.headers.contentType?.description == "image/png")
            let size = Self.pngSize(Data(buffer: mine.body))
            #expect(size?.width == WalletCardImage.width * 2 && size?.height == WalletCardImage.height * 2, "\(String(describing: size))")
            let nurse = try await app.signIn(Fixtures.email(.nurse, center: "C01"))
            #expect(try await app.page("/patients/\(patient)/wallet-card.png", cookie: nurse.cookie).status == .ok)
            let manufacturing = try await app.signIn(Fixtures.email(.manufacturing, center: "C01"))
            #expect(try await app.page("/patients/\(patient)/wallet-card.png", cookie: manufacturing.cookie).status == .forbidden)
            let other = try await app.signIn(Fixtures.email(.nurse, center: "C02"))
            #expect(try await app.page("/patients/\(patient)/wallet-card.png", cookie: other.cookie).status == .notFound)
            // A server without Chromium offers no picture and answers 404 for it.
            app.settings.chromium = nil
            #expect(try await app.page("/me/card.png", cookie: session.cookie).status == .notFound)
            #expect(!(try await app.page("/me/card", cookie: session.cookie)).body.string.contains("card.png"))
        }
    }

    @Test func cardSnapshot() throws {
        let file = try PageSnapshotTests.monitoredFile()
        let html = WalletCardPage(viewer: PatientPageSnapshotTests.caregiver, patientName: "Ada Example", product: file.product,
                                  infusionDate: file.infusionDate, centerName: "Demo Center", emergencyPhone: "+86 10 1234 5678", back: "/me").render()
        #expect(html.contains("risk of CRS and neurotoxicity") && html.contains("神经毒性") && html.contains("2026-02-27"))
        #expect(html.contains("href=\"tel:+861012345678\""))
        assertSnapshot(of: html, as: .lines)
    }

    @Test("the patient's own card, the staff's printable one for identity roles only, and none before the infusion")
    func routes() async throws {
        try await withTestApp(today: SelfCheckTests.today.description) { app in
            // setup
            let (_, _, patient, session) = try await SelfCheckTests.setUp(app)
            // MUT
            let mine = try await app.page("/me/card", cookie: session.cookie)
            let nurse = try await app.signIn(Fixtures.email(.nurse, center: "C01"))
            let staff = try await app.page("/patients/\(patient)/wallet-card", cookie: nurse.cookie)
            let manufacturing = try await app.signIn(Fixtures.email(.manufacturing, center: "C01"))
            let refused = try await app.page("/patients/\(patient)/wallet-card", cookie: manufacturing.cookie)
            let other = try await app.signIn(Fixtures.email(.nurse, center: "C02"))
            let elsewhere = try await app.page("/patients/\(patient)/wallet-card", cookie: other.cookie)
            // validate
            #expect(mine.status == .ok && mine.body.string.contains("Mei Testperson") && mine.body.string.contains(SelfCheckTests.today.adding(days: -5).description))
            #expect(staff.status == .ok && staff.body.string.contains("Mei Testperson"))
            #expect(refused.status == .forbidden)
            #expect(elsewhere.status == .notFound)
            #expect(try await AuditEvent.query(on: app.db).filter(\.$action == "patientAccess.viewed").all()
                .contains { $0.payload.contains("walletCard") })
        }
    }
}
