import CartographCore
import Fluent
import Plot
import Store
import Vapor

/// The language choice in every signed-in page's header: it stores the account's setting
/// (`users.language`), which then wins over the browser's `Accept-Language`.
///
/// Patients post to `/me/language` (the only paths their accounts reach), staff to `/account/language`.
enum LanguageSwitch {
    static func form(_ viewer: Viewer) -> Node<HTML.BodyContext> {
        let action = viewer.role == .patient ? "/me/language" : "/account/language"
        let current = DisplayLanguage.current
        return .form(.action(action), .method(.post), .class("language"),
            Layout.csrfField(viewer.csrf),
            .input(.type(.hidden), .name("back"), .escapedValue(viewer.path)),
            .label(.for("language-choice"), .class("visually-hidden"), .text(tr("Language"))),
            .select(.id("language-choice"), .attribute(named: "name", value: "language"),
                .raw(DisplayLanguage.allCases.map { l in
                    "<option value=\"\(l.rawValue)\" lang=\"\(l.tag)\"\(l == current ? " selected" : "")>\(escapeHTML(l.nativeName))</option>"
                }.joined())),
            .button(.type(.submit), .class("link"), .text(tr("Change language")))
        )
    }

    static func register(_ pages: RoutesBuilder) {
        pages.post("me", "language", use: change)
        pages.post("account", "language", use: change)
    }

    @Sendable static func change(_ req: Request) async throws -> Response {
        let form = try FormBody(req)
        try CSRF.verify(req, submitted: form[CSRF.field])
        guard let raw = form["language"], let language = DisplayLanguage(rawValue: raw) else {
            throw ValidationFailure([FieldError("language", "choose one of: " + DisplayLanguage.allCases.map(\.rawValue).joined(separator: ", "))])
        }
        let user = try req.user
        let isPatient = user.role == .patient
        // A patient's form may only lead back under /me; anything else goes to the account's home page.
        var back = PageRoutes.safeNext(form["back"])
        if isPatient, !PatientGate.allows(back.split(separator: "?").first.map(String.init) ?? "") { back = "/me" }
        guard let stored = try await User.find(try user.requireID(), on: req.db) else { throw Abort(.unauthorized) }
        stored.language = language.rawValue
        try await stored.save(on: req.db)
        return req.redirect(to: back, redirectType: .normal)
    }
}
