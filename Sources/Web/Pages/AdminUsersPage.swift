import CartographCore
import Foundation
import Plot
import Store

/// `/admin/users` (model + view): a center's accounts for its administrators. Each row says whether
/// the account may sign in, and offers what can be done with it; a password link just issued is shown
/// once, to be handed over.
struct AdminUsersPage {
    var centerName: String
    /// The center's zone, for the times shown.
    var timeZone: TimeZone = .gmt
    var accounts: [AccountAdministration.AccountView]
    /// The administrator looking: their own row offers no deactivation or role change.
    var selfID: UUID
    /// A link just issued, for whom, to show once.
    var issued: (email: String, link: String, expiresAt: Date)?
    var notice: String?
    var errors: [FieldError] = []
    /// What the creation form held when it was refused.
    var draft: (email: String, displayName: String, role: String) = ("", "", Role.nurse.rawValue)
    /// The center's rule: a second factor for administrators and QA and with every e-signature.
    var secondFactorRequired = false
    /// The center's 24-hour number, shown to patients and caregivers.
    var emergencyPhone: String? = nil
    var stayWithinKilometres: Int? = nil

    /// The staff roles, named in the request's language.
    static var roleOptions: [(value: String, label: String)] { Role.staff.map { (value: $0.rawValue, label: tr(source: $0.displayName)) } }

    func render(viewer: Viewer) -> String {
        Layout.page(title: tr("Accounts"), viewer: viewer,
            .h1(.text(tr("Accounts of \(centerName)"))),
            .unwrap(notice) { .p(.class("notice"), .text($0)) },
            .unwrap(issued.map { $0 }) { i in
                .div(.class("notice"), .id("issued-link"),
                     .p(.text(tr("""
                         One-time password link for \(i.email), valid until \(SeverityMarks.time(i.expiresAt, in: timeZone)). \
                         Hand it to them in person or by a channel you trust; it is shown only now and works once.
                         """))),
                     .p(.code(.text(i.link))))
            },
            .if(!errors.isEmpty && !errors.contains { ["email", "displayName", "role", "phone"].contains($0.field) },
                // What went wrong in words; the field's key is for API clients, not for the page.
                .div(.class("alert"), .ul(.forEach(errors) { .li(.text(sentence(source: $0.message))) }))),
            .table(.id("accounts"),
                .thead(.tr(.th(.text(tr("Name"))), .th(.text(tr("E-mail"))), .th(.text(tr("Role"))), .th(.text(tr("Status"))), .th(.text(tr("Actions"))))),
                .tbody(.forEach(accounts) { a in row(a, viewer: viewer) })),
            .h2(.text(tr("Two-step sign-in"))),
            .p(.text(secondFactorRequired
                ? tr("Required: administrators and QA sign in with a code from an authenticator app, and every e-signature needs a code.")
                : tr("Not required. Anyone may turn it on for their own account."))),
            .form(.method(.post), .action("/admin/second-factor-rule"), .class("inline"), .id("second-factor-rule"),
                  Layout.csrfField(viewer.csrf),
                  .input(.type(.hidden), .name("required"), .value(secondFactorRequired ? "false" : "true")),
                  .button(.type(.submit), .text(secondFactorRequired ? tr("Stop requiring it") : tr("Require it for administrators, QA and e-signatures")))),
            .h2(.text(tr("The center's 24-hour number"))),
            .p(.class("hint"), .text(tr("Patients and caregivers see it on every page of theirs, one tap away."))),
            .form(.method(.post), .action("/admin/emergency-phone"), .id("emergency-phone"),
                  Layout.csrfField(viewer.csrf),
                  FormKit.field(tr("Telephone"), name: "phone", type: .text, value: emergencyPhone, errors: errors, required: true),
                  .button(.type(.submit), .text(tr("Save")))),
            .h2(.text(tr("How far patients stay during monitoring"))),
            .p(.class("hint"), .text(tr("From the infusion to the end of the monitoring window, patients are asked to stay near the center. Leave blank to say only \"within reach\"."))),
            .form(.method(.post), .action("/admin/stay-within"), .id("stay-within"),
                  Layout.csrfField(viewer.csrf),
                  FormKit.field(tr("Distance (km)"), name: "kilometres", type: .text, value: stayWithinKilometres.map(String.init), errors: errors,
                                hint: tr("a whole number from \(CenterSettings.stayWithinRange.lowerBound) to \(CenterSettings.stayWithinRange.upperBound)")),
                  .button(.type(.submit), .text(tr("Save")))),
            .h2(.text(tr("Create an account"))),
            .p(.class("hint"), .text(tr("The new account has no password: you receive a one-time link (24 hours) for its owner to choose one."))),
            .form(.method(.post), .action("/admin/users"), .id("create-account"),
                  Layout.csrfField(viewer.csrf),
                  FormKit.field(tr("E-mail"), name: "email", type: .email, value: draft.email, errors: errors, required: true),
                  FormKit.field(tr("Name"), name: "displayName", value: draft.displayName, errors: errors, required: true),
                  FormKit.select(tr("Role"), name: "role", options: Self.roleOptions, selected: draft.role, errors: errors),
                  .button(.type(.submit), .text(tr("Create account"))))
        )
    }

    func status(_ a: AccountAdministration.AccountView) -> String {
        var parts: [String] = []
        if let d = a.deactivatedAt { parts.append(tr("Deactivated \(SeverityMarks.time(d, in: timeZone))")) } else { parts.append(tr("Active")) }
        if a.locked { parts.append(tr("locked after failed sign-ins")) }
        if !a.hasPassword { parts.append(tr("no password set yet")) }
        if a.hasSecondFactor { parts.append(tr("two-step sign-in on")) }
        return parts.joined(separator: tr("; "))
    }

    func row(_ a: AccountAdministration.AccountView, viewer: Viewer) -> Node<HTML.TableContext> {
        let base = "/admin/users/\(a.id.uuidString)"
        let isSelf = a.id == selfID
        return .tr(.id("account-\(a.id.uuidString)"),
            .td(.text(a.displayName + (isSelf ? tr(" (you)") : ""))),
            .td(.text(a.email)),
            .td(isSelf || !a.active
                ? .text(tr(source: a.role.displayName))
                : .form(.method(.post), .action(base + "/role"), .class("inline"),
                        Layout.csrfField(viewer.csrf),
                        .select(.attribute(named: "name", value: "role"), .attribute(named: "aria-label", value: escapeHTML(tr("Role of \(a.email)"))),
                                .raw(Self.roleOptions.map { o in
                                    "<option value=\"\(escapeHTML(o.value))\"\(o.value == a.role.rawValue ? " selected" : "")>\(escapeHTML(o.label))</option>"
                                }.joined())),
                        .button(.type(.submit), .text(tr("Change role"))))),
            .td(.text(status(a))),
            .td(.div(.class("actions"),
                .if(a.active && !isSelf, action(base + "/deactivate", tr("Deactivate"), viewer)),
                .if(!a.active, action(base + "/reactivate", tr("Reactivate"), viewer)),
                .if(a.active && !isSelf, action(base + "/password-link", a.hasPassword ? tr("New password link") : tr("New set-password link"), viewer)),
                .if(isSelf, .a(.href("/account"), .text(tr("Your account page")))),
                .if(a.locked, action(base + "/unlock", tr("Lift lockout"), viewer)),
                .if(a.hasSecondFactor && !isSelf, action(base + "/second-factor-reset", tr("Reset two-step sign-in"), viewer)))))
    }

    func action(_ path: String, _ label: String, _ viewer: Viewer) -> Node<HTML.BodyContext> {
        .form(.method(.post), .action(path), .class("inline"),
              Layout.csrfField(viewer.csrf),
              .button(.type(.submit), .text(label)))
    }
}
