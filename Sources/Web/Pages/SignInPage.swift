import CartographCore
import Plot

struct SignInPage {
    var email: String = ""
    var next: String = "/"
    var csrf: String
    var error: String?

    func render() -> String {
        Layout.page(title: "Sign in", viewer: nil,
            .section(.class("narrow"),
                .h1("Sign in"),
                .unwrap(error) { .p(.class("alert"), .text($0)) },
                .form(.action("/signin"), .method(.post),
                    Layout.csrfField(csrf),
                    .input(.type(.hidden), .name("next"), .escapedValue(next)),
                    FormKit.field("Email", name: "email", type: .email, value: email, errors: [], required: true),
                    FormKit.field("Password", name: "password", type: .password, value: nil, errors: [], required: true),
                    .button(.type(.submit), .text("Sign in"))
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
        Layout.page(title: title, viewer: viewer,
            .section(.class("narrow"),
                .h1("\(status) \(title)"),
                .p(.text(message)),
                .if(!fields.isEmpty, .ul(.forEach(fields) { .li(.text($0.description)) })),
                .p(.a(.href("/"), .text("Back to the program")))
            )
        )
    }
}
