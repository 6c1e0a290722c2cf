import CartographCore
import Fluent
import Foundation
import Store
import Testing
import TestSupport
import Vapor
import VaporTesting
@testable import Web

/// The access policy as a table, held against the running app: which roles may write what, and that a
/// second center learns nothing about the first center's records — every route that names a patient
/// answers another center exactly as it answers for a patient who does not exist.
@Suite("Role × route matrix", .serialized)
struct RoleRouteMatrixTests {
    static let clinical: Set<Role> = [.coordinator, .physician, .nurse, .admin]
    static let everyone = Set(Role.staff)

    /// (method, path with {p} for the patient, body, roles allowed past the role check). The policy,
    /// written out: clinical records by the clinical roles and administrators; release results by
    /// manufacturing and QA; the exceptional-release request by the physician; QA's decision by QA;
    /// account administration by administrators.
    static let writes: [(HTTPMethod, String, String, Set<Role>)] = [
        (.POST, "/api/patients", #"{"givenName":"M","familyName":"X","dateOfBirth":"1961-01-01","hospitalNumber":"H-M","sex":"male"}"#, clinical),
        (.POST, "/api/patients/{p}/dose", #"{"weightKg":70}"#, clinical),
        (.POST, "/api/patients/{p}/events", #"{"kind":"collectionScheduled","date":"2026-03-20"}"#, clinical),
        (.POST, "/api/patients/{p}/assessments", #"{"temperatureC":36.8}"#, clinical),
        (.POST, "/api/patients/{p}/follow-up/visits", #"{"date":"2026-03-15"}"#, clinical),
        (.POST, "/api/patients/{p}/labs", #"{"date":"2026-03-15","analyte":"platelets","value":150000,"unit":"/uL"}"#, clinical),
        (.GET, "/api/admin/users", "", [.admin]),
        (.POST, "/api/admin/users", #"{"email":"new@c01.test","displayName":"New","role":"nurse"}"#, [.admin]),
        (.GET, "/api/admin/channels", "", [.admin]),
        (.GET, "/api/admin/deliveries", "", [.admin]),
        (.POST, "/api/accounts/unlock", #"{"email":"nurse@c01.test"}"#, [.admin]),
    ]

    @Test("each role meets the written policy: 403 exactly for the roles it leaves out")
    func rolePolicy() async throws {
        try await withTestApp { app in
            _ = try await Fixtures.make(on: app)
            let coordinator = try await app.token(Fixtures.email(.coordinator, center: "C01"))
            let created = try await app.json(.POST, "/api/patients", token: coordinator,
                                             body: #"{"givenName":"Ada","familyName":"Matrix","dateOfBirth":"1960-12-10","hospitalNumber":"H-MX","sex":"female"}"#)
            let patientID = try created.content.decode(PatientFile.self).id
            var tokens: [Role: String] = [:]
            for role in Role.staff { tokens[role] = try await app.token(Fixtures.email(role, center: "C01")) }
            var checked = 0
            for (method, template, body, allowed) in Self.writes {
                let path = template.replacingOccurrences(of: "{p}", with: patientID.uuidString)
                for role in Role.staff {
                    let status = try await app.json(method, path, token: tokens[role], body: body.isEmpty ? nil : body).status
                    if allowed.contains(role) {
                        #expect(status != .forbidden, "\(role) \(method) \(template): \(status)")
                    } else {
                        #expect(status == .forbidden, "\(role) \(method) \(template): \(status)")
                    }
                    checked += 1
                }
            }
            #expect(checked == Self.writes.count * Role.staff.count)
        }
    }

    @Test("a second center's every role gets, for each route naming a patient, the answer it gets for a patient who does not exist")
    func secondCenter() async throws {
        try await withTestApp { app in
            _ = try await Fixtures.make(on: app)
            let coordinator = try await app.token(Fixtures.email(.coordinator, center: "C01"))
            let created = try await app.json(.POST, "/api/patients", token: coordinator,
                                             body: #"{"givenName":"Bea","familyName":"Matrix","dateOfBirth":"1960-12-11","hospitalNumber":"H-MY","sex":"female"}"#)
            let patientID = try created.content.decode(PatientFile.self).id
            let nobody = UUID()
            let routes = app.routes.all.filter { $0.path.contains { $0.description == ":patientID" } && $0.path.first?.description == "api" }
            #expect(routes.count >= 15)
            var compared = 0
            for role in Role.staff {
                let token = try await app.token(Fixtures.email(role, center: "C02"))
                for route in routes {
                    func path(_ id: UUID) -> String {
                        "/" + route.path.map { c in
                            switch c.description {
                            case ":patientID": id.uuidString
                            case let d where d.hasPrefix(":"): UUID().uuidString
                            default: c.description
                            }
                        }.joined(separator: "/")
                    }
                    let body = route.method == .GET ? nil : "{}"
                    let real = try await app.json(route.method, path(patientID), token: token, body: body)
                    let absent = try await app.json(route.method, path(nobody), token: token, body: body)
                    #expect(real.status == absent.status, "\(role) \(route.method) \(route.path): \(real.status) for another center's patient, \(absent.status) for none")
                    #expect(real.status != .ok && real.status != .created, "\(role) \(route.method) \(route.path) answered \(real.status)")
                    #expect(!real.body.string.contains("Matrix") && !real.body.string.contains("H-MY"))
                    compared += 1
                }
            }
            #expect(compared == routes.count * Role.staff.count)
        }
    }

    /// Routes anyone may call without signing in (the same list the sign-in test uses).
    static let open: Set<String> = ["GET /health", "GET /openapi.yaml", "GET /styles.css", "GET /signin", "POST /signin", "POST /api/tokens",
                                    "GET /reset-password", "GET /health/live", "GET /health/ready", "GET /metrics", "POST /reset-password",
                                    "POST /api/password-reset", "GET /activate", "POST /activate", "GET /signin/code", "POST /signin/code"]

    @Test("a patient's account reaches only its own pages: every other route of the router refuses it, with another patient's ID too")
    func patientReachesOnlyItsOwnPages() async throws {
        try await withTestApp { app in
            // setup: two patients of C01; Ada's account, opened with a code
            let f = try await Fixtures.make(on: app)
            let coordinator = try await app.token(Fixtures.email(.coordinator, center: "C01"))
            func enrol(_ given: String, _ hn: String) async throws -> UUID {
                let res = try await app.json(.POST, "/api/patients", token: coordinator,
                                             body: #"{"givenName":"\#(given)","familyName":"Own","dateOfBirth":"1960-12-10","hospitalNumber":"\#(hn)","sex":"female"}"#)
                return try res.content.decode(PatientFile.self).id
            }
            let own = try await enrol("Adaline", "H-OWN-1")
            let other = try await enrol("Bettina", "H-OWN-2")
            let issued = try await PatientAccess.issue(patientID: own, holder: .patient, holderName: "Adaline Own", by: f.usersA[.coordinator]!, on: app.db)
            _ = try await PatientAccess.activate(code: issued.code, email: "adaline@home.test", passwordHash: try app.password.hash(Fixtures.password), on: app.db)
            let session = try await app.signIn("adaline@home.test")
            let token = try await app.token("adaline@home.test")
            // MUT: every route the router serves
            var checked = 0
            for route in app.routes.all {
                let name = "\(route.method.rawValue) /" + route.path.map(\.description).joined(separator: "/")
                guard !Self.open.contains(name) else { continue }
                let path = "/" + route.path.map { c -> String in
                    switch c {
                    case .constant(let s): return s
                    case .parameter(let p): return p == "patientID" ? other.uuidString : UUID().uuidString
                    default: return "x"
                    }
                }.joined(separator: "/")
                if path.hasPrefix("/api/") {
                    let res = try await app.json(route.method, path, token: token, body: "{}")
                    #expect(res.status == .forbidden, "\(name): \(res.status)")
                } else if !PatientGate.allows(path) {
                    var status = HTTPStatus.ok
                    var location = ""
                    try await app.testing().test(route.method, path, headers: ["Cookie": "cartograph-session=\(session.cookie)",
                                                                               "Content-Type": "application/x-www-form-urlencoded"]) {
                        status = $0.status; location = $0.headers.first(name: .location) ?? ""
                    }
                    if path == "/" {
                        #expect(status == .seeOther && location == "/me", "\(name): \(status) \(location)")
                    } else {
                        #expect(status == .forbidden, "\(name): \(status)")
                    }
                }
                checked += 1
            }
            #expect(checked > 60, "\(checked) routes checked")
            // validate: its own page shows its own patient, audited; nothing of the other
            let me = try await app.page("/me", cookie: session.cookie)
            #expect(me.status == .ok)
            #expect(me.body.string.contains("Leukapheresis") && !me.body.string.contains("Bettina"))
            #expect(!me.body.string.contains("/patients"), "no link into the staff pages")
            let viewed = try await AuditEvent.query(on: app.db).filter(\.$action == "patientAccess.viewed").all()
            #expect(!viewed.isEmpty && viewed.allSatisfy { $0.entityID == own.uuidString })
        }
    }
}
