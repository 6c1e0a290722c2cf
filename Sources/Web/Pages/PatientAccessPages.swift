import CartographCore
import Foundation
import Plot
import Store

/// `/activate`: where a patient or caregiver opens their account with the printed code (no sign-in:
/// the code is the credential).
struct ActivationPage {
    var csrf: String
    var input: [String: String] = [:]
    var errors: [FieldError] = []

    func render() -> String {
        Layout.page(title: tr("Open your account"), viewer: nil,
            .section(.class("narrow"),
                .h1(.text(tr("Open your account"))),
                .p(.text(tr("Type the code your treatment center printed for you, the e-mail address you will sign in with, and a password. ")
                         + tr("At least \(PasswordPolicy.minimumLength) characters; a few unrelated words make a strong one."))),
                .form(.action("/activate"), .method(.post),
                    Layout.csrfField(csrf),
                    FormKit.summary(errors, fields: ["code", "email", "newPassword", "confirmation"]),
                    FormKit.field(tr("Code (for example ABCD-EFGH-JKLM)"), name: "code", value: input["code"], errors: errors, required: true),
                    FormKit.field(tr("E-mail address"), name: "email", type: .email, value: input["email"], errors: errors, required: true),
                    FormKit.field(tr("Password"), name: "newPassword", type: .password, value: nil, errors: errors, required: true),
                    FormKit.field(tr("Password again"), name: "confirmation", type: .password, value: nil, errors: errors, required: true),
                    .button(.type(.submit), .text(tr("Open my account")))))
        )
    }
}

/// The sheet a center prints for a patient or caregiver: the code, whom it is for, until when, and
/// where to use it. Shown once; only the code's digest is kept.
struct ActivationCodeSheet {
    var viewer: Viewer
    var patientID: UUID
    var issued: PatientAccess.IssuedCode
    var activateURL: String
    var timeZone: TimeZone

    func render() -> String {
        let until = SeverityMarks.time(issued.expiresAt, in: timeZone)
        return Layout.page(title: tr("Activation code"), viewer: viewer,
            .section(.class("code-sheet"),
                .h1(.text(tr("Your Cartograph account"))),
                .p(.text(tr("For \(issued.holderName) (\(tr(source: issued.holder.rawValue))) · patient \(issued.patientCode)"))),
                .p(.class("activation-code"), .text(issued.code)),
                .p(.text(activateURL.hasPrefix("/")
                         ? "On your treatment center's Cartograph site, open the page \(activateURL) and type this code before \(until). It works once."
                         : "Open \(activateURL) and type this code before \(until). It works once.")),
                .p(.text(tr("With the account you see your own treatment journey and what comes next. Keep this sheet private.")))),
            .p(.class("hint no-print"), .text(tr("Print this page now and hand it over: the code is not shown again. ")),
               .a(.href("/patients/\(patientID)"), .text(tr("Back to the patient"))))
        )
    }
}

/// On the patient page, for the clinical roles: who holds an account for this patient, and the form
/// that issues a code.
struct PatientAccessSection {
    static func symptoms(_ e: SelfCheckEntry) -> String {
        let all = e.generalSigns + e.neurologicalSigns
        return all.isEmpty ? tr("nothing") : all.map { tr(source: $0) }.joined(separator: tr(", "))
    }

    var viewer: Viewer
    var patientID: UUID
    var access: [PatientAccess.AccessView]
    var timeZone: TimeZone
    var errors: [FieldError] = []
    /// The latest self-checks the patient or caregiver sent, newest first.
    var selfChecks: [SelfCheckView] = []
    /// The center's physicians, and the one named for this therapy (printed on the wallet card).
    var physicians: [TreatingPhysician.Choice] = []
    var treating: TreatingPhysician.Choice? = nil

    var node: Node<HTML.BodyContext> {
        .section(.id("patient-access"),
            .h2(.text(tr("Patient and caregiver access"))),
            .p(.a(.href("/patients/\(patientID)/wallet-card"), .text(tr("Wallet card to print (English and 中文)")))),
            .form(.action("/patients/\(patientID)/treating-physician"), .method(.post), .class("inline"), .id("treating-physician"),
                Layout.csrfField(viewer.csrf),
                FormKit.select(tr("Treating physician (printed on the wallet card)"), name: "physicianID",
                               options: [(value: "", label: tr("not named"))] + physicians.map { (value: $0.id.uuidString, label: $0.name) },
                               selected: treating?.id.uuidString ?? "", errors: errors),
                .button(.type(.submit), .text(tr("Save")))),
            .if(access.isEmpty, .p(.text(tr("No account and no code yet."))),
                else: .ul(.forEach(access) { a in
                    .li(.text(tr("\(a.holderName) · \(tr(source: a.holder.rawValue)) · \(tr(source: a.status)) since \(LocalFormat.date(CalendarDate(a.since, in: timeZone)))")))
                })),
            .if(!selfChecks.isEmpty, .group(
                .h3(.text(tr("Self-checks (patient-reported, not graded)"))),
                .table(.class("self-checks"),
                    .thead(.tr(.th(.text(tr("When"))), .th(.text(tr("Day"))), .th(.text(tr("Temperature"))), .th(.text(tr("Reported"))), .th(.text(tr("Note"))),
                               .th(.text(tr("Handwriting"))))),
                    .tbody(.forEach(selfChecks) { c in
                        .tr(.td(.text(SeverityMarks.time(c.entry.recordedAt, in: timeZone))), .td(.text(String(c.studyDay))),
                            .td(.text(c.entry.temperatureC.map { String(format: "%.1f °C", $0) } ?? "—")),
                            .td(.text(Self.symptoms(c.entry))), .td(.text(c.entry.note ?? "")),
                            .td(.if(c.hasPhoto, .a(.href("/patients/\(patientID)/self-checks/\(c.id)/photo"), .text(tr("photo"))), else: .text("—"))))
                    })))),
            .form(.action("/patients/\(patientID)/activation-codes"), .method(.post), .id("issue-code"),
                Layout.csrfField(viewer.csrf),
                FormKit.summary(errors, fields: ["holder", "holderName"]),
                FormKit.select(tr("For"), name: "holder", options: [(value: "patient", label: tr("the patient")),
                                                                (value: "caregiver", label: tr("a caregiver the patient named"))],
                               selected: "patient", errors: errors),
                FormKit.field(tr("Name printed on the sheet"), name: "holderName", value: nil, errors: errors, required: true),
                .button(.type(.submit), .text(tr("Issue a printed code (valid 7 days)")))))
    }
}
