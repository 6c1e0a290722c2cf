import Store
import Vapor

/// Sets the request's language (`DisplayLanguage.current`) for everything rendered while answering it:
/// the signed-in account's setting, else the browser's `Accept-Language`.
struct LanguageMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: AsyncResponder) async throws -> Response {
        try await DisplayLanguage.$current.withValue(Self.language(for: request)) {
            try await next.respond(to: request)
        }
    }

    static func language(for request: Request) -> DisplayLanguage {
        DisplayLanguage.negotiate(setting: request.auth.get(User.self)?.language,
                                  acceptLanguage: request.headers.first(name: .acceptLanguage))
    }
}
