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

    func render(viewer: Viewer) -> String {
        Layout.page(title: "Your account", viewer: viewer,
            .h1("Your account"),
            .p(.text("Signed in as \(email).")),
            .unwrap(notice) { .p(.class("notice"), .text($0)) },
            .h2("Change your password"),
            .p(.class("hint"), .text("At least \(PasswordPolicy.minimumLength) characters; a few unrelated words make a strong one. "
                + "Changing it revokes your API tokens.")),
            .form(.method(.post), .action("/account/password"),
                  Layout.csrfField(viewer.csrf),
                  FormKit.field("Current password", name: "currentPassword", type: .password, value: nil, errors: errors, required: true),
                  FormKit.field("New password", name: "newPassword", type: .password, value: nil, errors: errors, required: true),
                  FormKit.field("New password again", name: "confirmation", type: .password, value: nil, errors: errors, required: true),
                  .button(.type(.submit), .text("Change password"))),
            .h2("API tokens"),
            .if(tokens.isEmpty, .p(.text("You hold no API token. Programs get one with POST /api/tokens (it lives \(AccountRepository.defaultTokenDays) days unless asked otherwise)."))),
            .if(!tokens.isEmpty, .table(
                .thead(.tr(.th("Name"), .th("Issued"), .th("Expires"), .th(""))),
                .tbody(.forEach(tokens) { t in
                    .tr(.td(.text(t.name ?? "(no name)")),
                        .td(.text(t.createdAt.map(Self.instant) ?? "—")),
                        .td(.text(Self.instant(t.expiresAt))),
                        .td(.form(.method(.post), .action("/account/tokens/\(t.id.uuidString)/revoke"), .class("inline"),
                                  Layout.csrfField(viewer.csrf),
                                  .button(.type(.submit), .text("Revoke")))))
                }))))
    }

    static func instant(_ d: Date) -> String {
        SeverityMarks.time(d, in: .gmt)
    }
}
