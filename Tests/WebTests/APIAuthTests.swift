import CartographCore
import Foundation
import Store
import Testing
import TestSupport
import Vapor
import VaporTesting

@Suite("API: authentication, scoping and identity")
struct APIAuthTests {
    @Test("health names the database kind and the schema version, without signing in")
    func health() async throws {
        try await withTestApp { app in
            let res = try await app.json(.GET, "/health", token: nil)
            #expect(res.status == .ok)
            let json = try JSONSerialization.jsonObject(with: Data(res.body.readableBytesView)) as! [String: Any]
            #expect(json["database"] as? String == TestDatabase.kind)
            #expect(json["schemaVersion"] as? Int == CartographMigrations.schemaVersion)
        }
    }

    @Test("every API call without a valid session or token answers 401", arguments: [
        (HTTPMethod.GET, "/api/patients"), (.GET, "/api/dashboard"), (.GET, "/api/me"), (.POST, "/api/patients"),
        (.GET, "/api/patients/7A1D9F00-0000-0000-0000-000000000000"),
    ])
    func unauthenticated(method: HTTPMethod, path: String) async throws {
        try await withTestApp { app in
            let anonymous = try await app.json(method, path, token: nil, body: "{}")
            #expect(anonymous.status == .unauthorized)
            let forged = try await app.json(method, path, token: "not-a-token", body: "{}")
            #expect(forged.status == .unauthorized)
        }
    }

    @Test("every route the app serves, read from its router, refuses a caller without credentials: API 401, pages to sign-in")
    func everyRouteNeedsSignIn() async throws {
        try await withTestApp { app in
            _ = try await Fixtures.make(on: app)
            let open: Set<String> = ["GET /health", "GET /openapi.yaml", "GET /styles.css", "GET /signin", "POST /signin", "POST /api/tokens",
                                     "GET /reset-password", "GET /health/live", "GET /health/ready", "GET /metrics", "POST /reset-password", "POST /api/password-reset",
                                     "GET /activate", "POST /activate"]
            var checked = 0
            for route in app.routes.all {
                let path = "/" + route.path.map { component -> String in
                    switch component {
                    case .constant(let c): return c
                    case .parameter: return "7A1D9F00-0000-0000-0000-000000000000"
                    default: return "x"
                    }
                }.joined(separator: "/")
                let name = "\(route.method.rawValue) \(route.path.map(\.description).joined(separator: "/").isEmpty ? "/" : "/" + route.path.map(\.description).joined(separator: "/"))"
                guard !open.contains(name) else { continue }
                checked += 1
                if path.hasPrefix("/api/") {
                    #expect(try await app.json(route.method, path, token: nil, body: "{}").status == .unauthorized, "\(name)")
                    #expect(try await app.json(route.method, path, token: "forged", body: "{}").status == .unauthorized, "\(name)")
                } else {
                    var status: HTTPStatus = .ok
                    try await app.testing().test(route.method, path, headers: ["Content-Type": "application/x-www-form-urlencoded"]) { status = $0.status }
                    #expect(status == .seeOther || status == .forbidden, "\(name): \(status)")
                }
            }
            #expect(checked > 60, "\(checked) routes checked")
        }
    }

    @Test("tokens: a wrong password is 401; missing and unknown fields are 400 naming them")
    func tokenRequests() async throws {
        try await withTestApp { app in
            _ = try await Fixtures.make(on: app)
            let email = Fixtures.email(.nurse, center: "C01")
            #expect(try await app.json(.POST, "/api/tokens", token: nil, body: #"{"email":"\#(email)","password":"wrong"}"#).status == .unauthorized)
            let missing = try await app.json(.POST, "/api/tokens", token: nil, body: #"{"email":"\#(email)"}"#)
            #expect(missing.status == .badRequest)
            #expect(missing.errorFields == ["password"])
            let unknown = try await app.json(.POST, "/api/tokens", token: nil, body: #"{"email":"a","password":"b","admin":true}"#)
            #expect(unknown.status == .badRequest)
            #expect(unknown.errorFields == ["admin"])
            #expect(try await app.json(.POST, "/api/tokens", token: nil, body: "{not json").status == .badRequest)
        }
    }

    @Test("lists are scoped to the user's center; another center's patient is 404")
    func centerScoping() async throws {
        try await withTestApp { app in
            _ = try await Fixtures.make(on: app)
            let a = try await app.token(Fixtures.email(.coordinator, center: "C01"))
            let b = try await app.token(Fixtures.email(.coordinator, center: "C02"))
            let created = try await app.json(.POST, "/api/patients", token: a,
                                             body: #"{"givenName":"Ada","familyName":"Lovelace","dateOfBirth":"1960-12-10","hospitalNumber":"H1","sex":"female"}"#)
            #expect(created.status == .created)
            let id = try created.content.decode(PatientFile.self).id
            let listB = try await app.json(.GET, "/api/patients", token: b)
            #expect(try listB.content.decode([PatientSummary].self).isEmpty)
            #expect(try await app.json(.GET, "/api/patients/\(id)", token: b).status == .notFound)
            #expect(try await app.json(.POST, "/api/patients/\(id)/dose", token: b, body: #"{"weightKg":70}"#).status == .notFound)
            #expect(try await app.json(.GET, "/api/patients/\(id)", token: a).status == .ok)
        }
    }

    @Test("manufacturing and QA never receive identity")
    func manufacturingSeesNoIdentity() async throws {
        try await withTestApp { app in
            _ = try await Fixtures.make(on: app)
            let coordinator = try await app.token(Fixtures.email(.coordinator, center: "C01"))
            let created = try await app.json(.POST, "/api/patients", token: coordinator,
                                             body: #"{"givenName":"Grace","familyName":"Hopperfield","dateOfBirth":"1956-12-09","hospitalNumber":"HN-778899","sex":"female"}"#)
            let id = try created.content.decode(PatientFile.self).id
            for role in [Role.manufacturing, .qa, .statistician] {
                let token = try await app.token(Fixtures.email(role, center: "C01"))
                for path in ["/api/patients", "/api/patients/\(id)", "/api/dashboard"] {
                    let res = try await app.json(.GET, path, token: token)
                    #expect(res.status == .ok)
                    for secret in ["Grace", "Hopperfield", "1956-12-09", "HN-778899"] {
                        #expect(!res.body.string.contains(secret), "\(role) received \(secret) from \(path)")
                    }
                }
                // And they cannot write clinical records.
                #expect(try await app.json(.POST, "/api/patients/\(id)/dose", token: token, body: #"{"weightKg":70}"#).status == .forbidden)
            }
        }
    }
}
