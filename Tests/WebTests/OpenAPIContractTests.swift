import CartographCore
import Foundation
import OpenAPIKit30
import Store
import Testing
import TestSupport
import Vapor
@testable import Web
import Yams

/// The OpenAPI document read by OpenAPIKit (not by our own code) and held against the server both
/// ways: every API route is documented and every documented operation is served; every request body
/// documented is exactly what the strict reader accepts (fields, required fields, no others); enums
/// equal the Swift types' cases.
@Suite("OpenAPI contract (OpenAPIKit)")
struct OpenAPIContractTests {
    static func document() throws -> DereferencedDocument {
        let raw = try YAMLDecoder().decode(OpenAPI.Document.self, from: OpenAPIDocument.yaml)
        try raw.validate()
        return try raw.locallyDereferenced()
    }

    static func openAPIPath(_ route: Route) -> String {
        "/" + route.path.map { c in
            let text = c.description
            return text.hasPrefix(":") ? "{\(text.dropFirst())}" : text
        }.joined(separator: "/")
    }

    @Test("OpenAPIKit validates the document; documented operations and served API routes are the same set")
    func bothWays() async throws {
        let doc = try Self.document()
        var documented = Set<String>()
        for route in doc.routes {
            for endpoint in route.pathItem.endpoints {
                documented.insert("\(endpoint.method.rawValue.uppercased()) \(route.path.rawValue)")
            }
        }
        try await withTestApp { app in
            let served = Set(app.routes.all.map { "\($0.method.rawValue) \(Self.openAPIPath($0))" }
                .filter { $0.contains(" /api/") || $0.contains(" /health") })
            #expect(served.subtracting(documented).sorted() == [], "served but not documented")
            #expect(documented.subtracting(served).sorted() == [], "documented but not served")
        }
    }

    /// The body schema of one operation, as OpenAPIKit reads it.
    static func bodySchema(_ doc: DereferencedDocument, _ method: OpenAPI.BuiltinHttpMethod, _ path: String) -> DereferencedJSONSchema? {
        doc.routes.first { $0.path.rawValue == path }?.pathItem.for(method)?.requestBody?.content[.json]?.schema
    }

    static func check<T: StrictInput>(_ type: T.Type, _ method: OpenAPI.BuiltinHttpMethod, _ path: String, in doc: DereferencedDocument) {
        guard let schema = bodySchema(doc, method, path), let object = schema.objectContext else {
            Issue.record("\(method) \(path): no JSON object request body documented")
            return
        }
        let accepted = Set(T.Field.allCases.map(\.stringValue))
        #expect(Set(object.properties.keys) == accepted, "\(method) \(path) (\(T.self)): documented \(object.properties.keys.sorted()), accepted \(accepted.sorted())")
        #expect(Set(object.requiredProperties) == Set(T.required.map(\.stringValue)),
                "\(method) \(path) (\(T.self)): documented required \(object.requiredProperties.sorted()), required \(T.required.map(\.stringValue).sorted())")
        if case .a(let allowed) = object.additionalProperties {
            #expect(allowed == false, "\(method) \(path): unknown fields are refused, so additionalProperties must be false")
        } else {
            Issue.record("\(method) \(path): additionalProperties must be false")
        }
    }

    @Test("every documented request body is exactly what the strict reader accepts")
    func requestBodies() throws {
        let doc = try Self.document()
        Self.check(TokenRequest.self, .post, "/api/tokens", in: doc)
        Self.check(EnrolmentInput.self, .post, "/api/patients", in: doc)
        Self.check(ScreeningInput.self, .post, "/api/patients/{patientID}/screening", in: doc)
        Self.check(JourneyEventInput.self, .post, "/api/patients/{patientID}/events", in: doc)
        Self.check(DoseInput.self, .post, "/api/patients/{patientID}/dose", in: doc)
        Self.check(PasswordChangeInput.self, .post, "/api/account/password", in: doc)
        Self.check(UnlockInput.self, .post, "/api/accounts/unlock", in: doc)
        Self.check(AccountCreationInput.self, .post, "/api/admin/users", in: doc)
        Self.check(RoleChangeInput.self, .post, "/api/admin/users/{userID}/role", in: doc)
        Self.check(PasswordResetInput.self, .post, "/api/password-reset", in: doc)
        Self.check(WebhookChannelInput.self, .post, "/api/admin/channels", in: doc)
        Self.check(SecondFactorRuleInput.self, .post, "/api/admin/second-factor-rule", in: doc)
        Self.check(FollowUpVisitInput.self, .post, "/api/patients/{patientID}/follow-up/visits", in: doc)
        Self.check(FollowUpEventInput.self, .post, "/api/patients/{patientID}/follow-up/events", in: doc)
        Self.check(BagInput.self, .post, "/api/patients/{patientID}/bags", in: doc)
        Self.check(BedsideCheckInput.self, .post, "/api/patients/{patientID}/bedside-check", in: doc)
        Self.check(CustodyEventInput.self, .post, "/api/bags/{bagID}/events", in: doc)
        Self.check(DeviationCloseInput.self, .post, "/api/deviations/{deviationID}/close", in: doc)
        Self.check(ReleaseResultsInput.self, .post, "/api/bags/{bagID}/release-results", in: doc)
        Self.check(QADispositionInput.self, .post, "/api/bags/{bagID}/qa-disposition", in: doc)
        Self.check(ExceptionalRequestInput.self, .post, "/api/bags/{bagID}/exceptional-request", in: doc)
        Self.check(AssessmentInput.self, .post, "/api/patients/{patientID}/assessments", in: doc)
        Self.check(InterventionInput.self, .post, "/api/patients/{patientID}/interventions", in: doc)
        Self.check(CapacityInput.self, .post, "/api/manufacturing-sites/{siteCode}/capacity", in: doc)
    }

    @Test("the answers every operation can give are documented: 401 when it needs sign-in, 400 when it reads a body, 404 when its path names a record")
    func commonStatuses() throws {
        let doc = try Self.document()
        for route in doc.routes {
            for endpoint in route.pathItem.endpoints {
                let name = "\(endpoint.method.rawValue.uppercased()) \(route.path.rawValue)"
                let codes = Set(endpoint.operation.responses.map { $0.key.rawValue })
                let isPublic = endpoint.operation.underlyingOperation.security?.isEmpty == true
                if !isPublic { #expect(codes.contains("401"), "\(name) does not document 401") }
                if endpoint.operation.requestBody != nil {
                    #expect(codes.contains("400"), "\(name) does not document 400")
                    #expect(codes.contains("413"), "\(name) does not document 413 (a body over the size limit)")
                }
                if route.path.rawValue.contains("{") { #expect(codes.contains("404"), "\(name) does not document 404") }
                // A re-entered password goes through the sign-in throttle.
                let fields = endpoint.operation.requestBody?.content[.json]?.schema?.objectContext?.properties.keys ?? []
                if fields.contains("password") || fields.contains("currentPassword") {
                    #expect(codes.contains("429"), "\(name) takes a password but does not document 429")
                }
            }
        }
    }

    @Test("documented enums equal the Swift types' cases")
    func enums() throws {
        let doc = try Self.document()
        let role = doc.components.schemas[.init(stringLiteral: "Role")]
        #expect(Set((role?.allowedValues ?? []).compactMap { $0.value as? String }) == Set(Role.allCases.map(\.rawValue)))
        let delivery = doc.components.schemas[.init(stringLiteral: "AlertDelivery")]
        let status = try #require(delivery?.objectContext?.properties["status"])
        #expect(Set((status.allowedValues ?? []).compactMap { $0.value as? String }) == Set(AlertOutbox.Status.allCases.map(\.rawValue)))
    }
}
