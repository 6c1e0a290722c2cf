import CartographCore
import Plot
import Store

/// The page a one-time password link opens (no sign-in: the link is the credential). It says whose
/// account it sets, or only that the link does not work.
struct PasswordResetPage {
    var token: String
    /// The account's e-mail; nil when the link does not work.
    var email: String?
    var csrf: String
    var errors: [FieldError] = []
    var done = false

    func render() -> String {
        Layout.page(title: tr("Set your password"), viewer: nil,
            .section(.class("narrow"),
                .h1(.text(tr("Set your password"))),
                .if(done, .group(
                    .p(.class("notice"), .text(tr("Your password is set. The link no longer works."))),
                    .p(.a(.href("/signin"), .text(tr("Sign in")))))),
                .if(!done && email == nil, .group(
                    .p(.class("alert"), .text(tr("This link does not work: it was used, it expired or it was replaced. Ask your administrator for a new one."))),
                    .p(.a(.href("/signin"), .text(tr("Sign in")))))),
                .if(!done, .unwrap(email) { email in
                    .group(
                        .p(.text(tr("For \(email). At least \(PasswordPolicy.minimumLength) characters; a few unrelated words make a strong one."))),
                        .form(.action("/reset-password"), .method(.post),
                            Layout.csrfField(csrf),
                            .input(.type(.hidden), .name("token"), .escapedValue(token)),
                            FormKit.summary(errors, fields: ["newPassword", "confirmation"]),
                            FormKit.field(tr("New password"), name: "newPassword", type: .password, value: nil, errors: errors, required: true),
                            FormKit.field(tr("New password again"), name: "confirmation", type: .password, value: nil, errors: errors, required: true),
                            .button(.type(.submit), .text(tr("Set password")))))
                })
            )
        )
    }
}
