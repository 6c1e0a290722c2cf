import Fluent
import Foundation
@testable import Store
import Testing

/// Every alert, whatever raised it, leaves one `alert.raised` audit record of the same shape naming it.
enum AlertAuditCheck {
    static func expectUniform(on db: Database, sourceLocation: SourceLocation = #_sourceLocation) async throws {
        let alerts = try await AlertRecord.query(on: db).all()
        let events = try await AuditEvent.query(on: db).filter(\.$action == "alert.raised").all()
        var keysSeen: [String] = []
        for e in events {
            let payload = try JSONSerialization.jsonObject(with: Data(e.payload.utf8)) as? [String: Any] ?? [:]
            #expect(Set(["key", "kind", "severity", "studyDay", "message"]).isSubset(of: Set(payload.keys)),
                    "alert.raised payload keys \(payload.keys.sorted())", sourceLocation: sourceLocation)
            keysSeen.append("\(e.entityID)/\(payload["key"] as? String ?? "?")")
        }
        let expected = try alerts.map { "\(try #require($0.$therapy.id as UUID?).uuidString)/\($0.key)" }
        #expect(keysSeen.sorted() == expected.sorted(), "one audit record per alert", sourceLocation: sourceLocation)
    }
}
