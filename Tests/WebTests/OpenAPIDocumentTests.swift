import Foundation
import Testing
import TestSupport
import Vapor
@testable import Web
import Yams

@Suite("OpenAPI document")
struct OpenAPIDocumentTests {
    @Test("the document is YAML that parses, and names every API route with its method")
    func coversEveryRoute() async throws {
        try await withTestApp { app in
            // setup
            let document = try #require(try Yams.load(yaml: OpenAPIDocument.yaml) as? [String: Any])
            let paths = try #require(document["paths"] as? [String: Any])
            #expect(document["openapi"] as? String == "3.0.3")
            // MUT: every route under /api/ as OpenAPI spells it (`:patientID` → `{patientID}`).
            let routes = app.routes.all.filter { $0.path.first?.description == "api" }
            #expect(routes.count >= 10)
            // validate
            for route in routes {
                let path = "/" + route.path.map { c in
                    let text = c.description
                    return text.hasPrefix(":") ? "{\(text.dropFirst())}" : text
                }.joined(separator: "/")
                let operations = paths[path] as? [String: Any]
                #expect(operations?[route.method.rawValue.lowercased()] != nil, "\(route.method) \(path) is not documented")
            }
        }
    }

    /// Paths of keys whose value is null, anywhere in a parsed YAML document.
    static func nullKeys(in node: Any?, path: String = "") -> [String] {
        if let dict = node as? [String: Any?] {
            return dict.flatMap { k, v -> [String] in
                (v == nil || v is NSNull) ? [path + "/" + k] : nullKeys(in: v!, path: path + "/" + k)
            }
        }
        if let dict = node as? [String: Any] {
            return dict.flatMap { k, v in v is NSNull ? [path + "/" + k] : nullKeys(in: v, path: path + "/" + k) }
        }
        if let list = node as? [Any] {
            return list.enumerated().flatMap { nullKeys(in: $1, path: path + "/\($0)") }
        }
        return []
    }

    @Test("no key in the document is null: an unquoted comma in a flow mapping silently makes one")
    func noNullKeys() throws {
        // setup: the trap itself — `{ description: one, two }` parses as {description: "one", two: null}.
        let trap = try Yams.load(yaml: "a: { description: one, two }")
        #expect(Self.nullKeys(in: trap) == ["/a/two"])
        // MUT + validate
        let document = try #require(try Yams.load(yaml: OpenAPIDocument.yaml))
        #expect(Self.nullKeys(in: document).isEmpty, "null keys: \(Self.nullKeys(in: document))")
    }
}
