import Foundation
import Vapor

/// `GET /openapi.yaml`: the JSON API described as OpenAPI 3.0, kept as a resource file
/// (`Resources/openapi.yaml`) and held against the server by `OpenAPIContractTests` (OpenAPIKit) and by
/// schemathesis in CI.
enum OpenAPIDocument {
    @Sendable static func serve(_ req: Request) async throws -> Response {
        Response(status: .ok, headers: ["Content-Type": "application/yaml; charset=utf-8"], body: .init(string: yaml))
    }

    /// The document's text, read once. A build without its resource bundle cannot describe its API, so
    /// `configure` reads this at start-up and a missing file stops the server there, not at a request.
    static let yaml: String = {
        guard let url = Bundle.module.url(forResource: "openapi", withExtension: "yaml"),
              let text = try? String(contentsOf: url, encoding: .utf8) else {
            fatalError("openapi.yaml is missing from the Web resource bundle next to the executable")
        }
        return text
    }()
}
