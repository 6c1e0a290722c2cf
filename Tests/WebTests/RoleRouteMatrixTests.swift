import CartographCore
import Fluent
import Foundation
import Store
import Testing
import TestSupport
import Vapor
import VaporTesting

/// The access policy as a table, held against the running app: which roles may write what, and that a
/// second center learns nothing about the first center's records — every route that names a patient
/// answers another center exactly as it answers for a patient who does not exist.
@Suite("Role × route matrix", .serialized)
struct RoleRouteMatrixTests {
    static let clinical: Set<Role> = [.coordinator, .physician, .nurse, .admin]
    static let everyone = Set(Role.allCases)

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
            for role in Role.allCases { tokens[role] = try await app.token(Fixtures.email(role, center: "C01")) }
            var checked = 0
            for (method, template, body, allowed) in Self.writes {
                let path = template.replacingOccurrences(of: "{p}", with: patientID.uuidString)
                for role in Role.allCases {
                    let status = try await app.json(method, path, token: tokens[role], body: body.isEmpty ? nil : body).status
                    if allowed.contains(role) {
                        #expect(status != .forbidden, "\(role) \(method) \(template): \(status)")
                    } else {
                        #expect(status == .forbidden, "\(role) \(method) \(template): \(status)")
                    }
                    checked += 1
                }
            }
            #expect(checked == Self.writes.count * Role.allCases.count)
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
            for role in Role.allCases {
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
            #expect(compared == routes.count * Role.allCases.count)
        }
    }
}
