import CartographCore
import Store
import Vapor

/// The JSON body of every API error: a sentence and, where fields are at fault, each field and what is
/// wrong with it.
struct ErrorEnvelope: Content {
    var error: String
    var fields: [FieldError]
}

/// A request body that could not be read: malformed JSON, unknown, missing or mistyped fields (400).
struct RequestBodyError: Error {
    var message: String
    var fields: [FieldError]
}

/// Turns every error into a proper answer: JSON under `/api/`, a plain page elsewhere. Unexpected
/// errors are logged and answered with 500 without their details.
struct CartographErrorMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: AsyncResponder) async throws -> Response {
        do {
            return try await next.respond(to: request)
        } catch {
            let (status, envelope) = Self.classify(error, logger: request.logger)
            // JSON under /api/ or when JSON is asked for by name. (HTTPMediaType's == lets `*/*` match
            // anything, and every browser sends `*/*`: comparing with `.json` answered browsers in JSON.)
            let asksForJSON = request.headers.accept.mediaTypes.contains { $0.type == "application" && $0.subType == "json" }
            if request.url.path.hasPrefix("/api/") || asksForJSON {
                let response = Response(status: status)
                try response.content.encode(envelope, as: .json)
                if status == .unauthorized { response.headers.replaceOrAdd(name: .wwwAuthenticate, value: "Bearer") }
                return response
            }
            // A signed-in user keeps the navigation, so an error is a page of the app, not a dead end.
            var viewer: Viewer?
            // An unknown path matches no route, so no authenticator ran: read the session directly.
            var signedIn = request.auth.get(User.self)
            if signedIn == nil, request.hasSession, let id = request.session.authenticated(User.self) {
                signedIn = try? await User.find(id, on: request.db)
            }
            if let user = signedIn, request.hasSession {
                let center = try? await Center.find(user.$center.id, on: request.db)
                viewer = Viewer(displayName: user.displayName, role: user.role, centerName: center?.name ?? "", csrf: CSRF.token(for: request))
            }
            // This middleware sits outside `LanguageMiddleware`, so the error page sets its own language.
            let language = DisplayLanguage.negotiate(setting: signedIn?.language, acceptLanguage: request.headers.first(name: .acceptLanguage))
            let page = DisplayLanguage.$current.withValue(language) {
                ErrorPage(status: Int(status.code), title: status.reasonPhrase, message: envelope.error,
                          fields: envelope.fields, viewer: viewer).render()
            }
            return Response(status: status, headers: ["Content-Type": "text/html; charset=utf-8"], body: .init(string: page))
        }
    }

    static func classify(_ error: Error, logger: Logger) -> (HTTPStatus, ErrorEnvelope) {
        switch error {
        case let e as RequestBodyError:
            return (.badRequest, ErrorEnvelope(error: e.message, fields: FieldError.capped(e.fields)))
        case let e as StoreError:
            switch e {
            case .notFound(let what): return (.notFound, ErrorEnvelope(error: "\(what) not found", fields: []))
            case .forbidden(let why): return (.forbidden, ErrorEnvelope(error: why, fields: []))
            case .invalid(let fields): return (.unprocessableEntity, ErrorEnvelope(error: "invalid input", fields: FieldError.capped(fields)))
            case .conflict(let why): return (.conflict, ErrorEnvelope(error: why, fields: []))
            }
        case let e as ValidationFailure:
            return (.unprocessableEntity, ErrorEnvelope(error: "invalid input", fields: e.errors))
        case let e as AbortError:
            return (e.status, ErrorEnvelope(error: e.reason, fields: []))
        default:
            logger.report(error: error)
            return (.internalServerError, ErrorEnvelope(error: "internal error; it has been logged", fields: []))
        }
    }
}
