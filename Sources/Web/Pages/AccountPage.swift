import CartographCore
import Foundation
import Plot
import Store

/// The signed-in user's own account (model + view): change the password after re-entering it, and the
/// API tokens they hold, each revocable.
struct AccountPage {
    var email: String
    var tokens: [AccountRepository.TokenView]
    var errors: [FieldError] = []
    var notice: String?
    /// Two-step sign-in: set up, being set up (the secret to enter in the app), or not.
    var hasSecondFactor = false
    var pendingSetup: (secret: String, uri: String)?
    /// The center requires it of this account (administrators and QA when the center's rule is on).
    var secondFactorRequired = false

    func render(viewer: Viewer) -> String {
        Layout.page(title: tr("Your account"), viewer: viewer,
            .h1(.text(tr("Your account"))),
            .p(.text(tr("Signed in as \(email)."))),
            .unwrap(notice) { .p(.class("notice"), .text($0)) },
            .h2(.text(tr("Change your password"))),
            .p(.class("hint"), .text(tr("""
                At least \(PasswordPolicy.minimumLength) characters; a few unrelated words make a strong one. \
                Changing it revokes your API tokens.
                """))),
            .form(.method(.post), .action("/account/password"),
                  Layout.csrfField(viewer.csrf),
                  FormKit.field(tr("Current password"), name: "currentPassword", type: .password, value: nil, errors: errors, required: true),
                  FormKit.field(tr("New password"), name: "newPassword", type: .password, value: nil, errors: errors, required: true),
                  FormKit.field(tr("New password again"), name: "confirmation", type: .password, value: nil, errors: errors, required: true),
                  .button(.type(.submit), .text(tr("Change password")))),
            .h2(.id("second-factor"), .text(tr("Two-step sign-in"))),
            .unwrap(errors.first { $0.field == "secondFactor" }) { .p(.class("alert"), .text($0.message)) },
            secondFactorSection(viewer: viewer),
            .h2(.text(tr("API tokens"))),
            .if(tokens.isEmpty, .p(.text(tr("You hold no API token. Programs get one with POST /api/tokens (it lives \(AccountRepository.defaultTokenDays) days unless asked otherwise).")))),
            .if(!tokens.isEmpty, .table(
                .thead(.tr(.th(.text(tr("Name"))), .th(.text(tr("Issued"))), .th(.text(tr("Expires"))), .th(""))),
                .tbody(.forEach(tokens) { t in
                    .tr(.td(.text(t.name ?? tr("(no name)"))),
                        .td(.text(t.createdAt.map(Self.instant) ?? "—")),
                        .td(.text(Self.instant(t.expiresAt))),
                        .td(.form(.method(.post), .action("/account/tokens/\(t.id.uuidString)/revoke"), .class("inline"),
                                  Layout.csrfField(viewer.csrf),
                                  .button(.type(.submit), .text(tr("Revoke"))))))
                }))))
    }

    func secondFactorSection(viewer: Viewer) -> Node<HTML.BodyContext> {
        if let setup = pendingSetup {
            return .div(.id("second-factor-setup"),
                .p(.text(tr("""
                    In your authenticator app (any app for time-based codes: FreeOTP, Google Authenticator, Microsoft Authenticator…) \
                    add an account by entering this key, then type the 6-digit code it shows.
                    """))),
                .p(.code(.text(setup.secret.enumerated().map { $0.offset > 0 && $0.offset % 4 == 0 ? " \($0.element)" : String($0.element) }.joined()))),
                .p(.class("hint"), .text(tr("Or give the app this address: ")), .code(.text(setup.uri))),
                .form(.method(.post), .action("/account/second-factor/confirm"),
                      Layout.csrfField(viewer.csrf),
                      FormKit.field(tr("Code from the app"), name: "code", value: nil, errors: errors, required: true),
                      .button(.type(.submit), .text(tr("Turn on two-step sign-in")))))
        }
        if hasSecondFactor {
            return .group(
                .p(.text(tr("On: you sign in with your password and a code from your authenticator app."))),
                .if(secondFactorRequired, .p(.class("hint"), .text(tr("Your center requires it for your role; it cannot be turned off.")))),
                .if(!secondFactorRequired, .form(.method(.post), .action("/account/second-factor/remove"),
                      Layout.csrfField(viewer.csrf),
                      FormKit.field(tr("Password"), name: "removePassword", type: .password, value: nil, errors: errors, required: true),
                      FormKit.field(tr("Code from the app"), name: "removeCode", value: nil, errors: errors, required: true),
                      .button(.type(.submit), .text(tr("Turn off two-step sign-in"))))))
        }
        return .group(
            .if(secondFactorRequired, .p(.class("alert"), .text(tr("Your center requires two-step sign-in for your role: set it up to use Cartograph.")))),
            .p(.text(tr("Off. With it on, signing in (and signing records, where your center asks) also needs a code from an app on your phone."))),
            .form(.method(.post), .action("/account/second-factor/begin"),
                  Layout.csrfField(viewer.csrf),
                  .button(.type(.submit), .text(tr("Set up two-step sign-in")))))
    }

    static func instant(_ d: Date) -> String {
        SeverityMarks.time(d, in: .gmt)
    }
}
