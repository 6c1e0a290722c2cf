import CartographCore
import Plot

struct SignInPage {
    var email: String = ""
    var next: String = "/"
    var csrf: String
    var error: String?

    func render() -> String {
        Layout.page(title: tr("Sign in"), viewer: nil,
            .section(.class("narrow"),
                .h1(.text(tr("Sign in"))),
                .unwrap(error) { .p(.class("alert"), .text($0)) },
                .form(.action("/signin"), .method(.post),
                    Layout.csrfField(csrf),
                    .input(.type(.hidden), .name("next"), .escapedValue(next)),
                    FormKit.field(tr("Email"), name: "email", type: .email, value: email, errors: [], required: true),
                    FormKit.field(tr("Password"), name: "password", type: .password, value: nil, errors: [], required: true),
                    .button(.type(.submit), .text(tr("Sign in")))
                )
            )
        )
    }
}

struct ErrorPage {
    var status: Int
    var title: String
    var message: String
    var fields: [FieldError]
    /// The signed-in user, when there is one: the page keeps the app's navigation.
    var viewer: Viewer? = nil

    func render() -> String {
        Layout.page(title: tr(source: title), viewer: viewer,
            .section(.class("narrow"),
                .h1(.text("\(status) \(tr(source: title))")),
                .p(.text(tr(source: message))),
                .if(!fields.isEmpty, .ul(.forEach(fields) { .li(.text(FormKit.describe($0))) })),
                .p(.a(.href("/"), .text(tr("Back to the program"))))
            )
        )
    }
}
