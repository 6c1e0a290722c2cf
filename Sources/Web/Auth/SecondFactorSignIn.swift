import Fluent
import Foundation
import Plot
import Store
import Vapor

/// The second step of signing in for an account with a second factor: after the password, a page asks
/// for the authenticator app's code. The half-signed-in session expires after five minutes and grants
/// nothing else; wrong codes are throttled like wrong passwords.
enum SecondFactorSignIn {
    static let pendingUser = "secondFactorUser"
    static let pendingSince = "secondFactorSince"
    static let pendingNext = "secondFactorNext"
    static let window: TimeInterval = 300

    static func register(_ open: RoutesBuilder) {
        open.get("signin", "code", use: form)
        open.post("signin", "code", use: submit)
    }

    /// The account waiting for its code, while the wait is under five minutes.
    static func pending(_ req: Request) async throws -> User? {
        guard req.hasSession, let id = req.session.data[pendingUser].flatMap(UUID.init(uuidString:)),
              let since = req.session.data[pendingSince].flatMap(Double.init),
              Date().timeIntervalSince1970 - since < window,
              let user = try await User.find(id, on: req.db), user.isActive, user.hasSecondFactor else { return nil }
        return user
    }

    static func page(_ req: Request, error: String? = nil, status: HTTPStatus = .ok) -> Response {
        PageRoutes.html(SecondFactorPage(csrf: CSRF.token(for: req), error: error).render(), status: status)
    }

    @Sendable static func form(_ req: Request) async throws -> Response {
        guard try await pending(req) != nil else { return req.redirect(to: "/signin") }
        return page(req)
    }

    @Sendable static func submit(_ req: Request) async throws -> Response {
        let form = FormBody(req)
        try CSRF.verify(req, submitted: form[CSRF.field])
        guard let user = try await pending(req) else { return req.redirect(to: "/signin") }
        let ok: Bool
        do { ok = try await SignInGate.verifyCode(form["code"] ?? "", for: user, on: req) } catch SignInGate.Refusal.throttled(let message) {
            return page(req, error: sentence(source: message), status: .tooManyRequests)
        }
        guard ok else { return page(req, error: tr("That code does not match, or was already used. Enter the code the app shows now."), status: .unauthorized) }
        let next = req.session.data[pendingNext] ?? "/"
        // A new session for the signed-in user; the half-signed-in one ends.
        try await req.renewSession(clearing: [pendingUser, pendingSince, pendingNext])
        req.auth.login(user)
        req.session.authenticate(user)
        return req.redirect(to: PageRoutes.safeNext(next))
    }
}

/// The code page (model + view).
struct SecondFactorPage {
    var csrf: String
    var error: String?

    func render() -> String {
        Layout.page(title: tr("Two-step sign-in"), viewer: nil,
            .section(.class("narrow"),
                .h1(.text(tr("Enter your code"))),
                .p(.text(tr("Open your authenticator app and enter the 6-digit code it shows for Cartograph."))),
                .unwrap(error) { .p(.class("alert"), .text($0)) },
                .form(.action("/signin/code"), .method(.post),
                      Layout.csrfField(csrf),
                      FormKit.field(tr("Code"), name: "code", value: nil, errors: [], required: true),
                      .button(.type(.submit), .text(tr("Sign in"))))))
    }
}
