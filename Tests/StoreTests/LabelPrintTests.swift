import CartographCore
import Fluent
import Foundation
import Store
import Testing
import TestSupport

@Suite("Label prints")
struct LabelPrintTests {
    typealias S = CustodyScenario

    @Test("the first print is counted; a reprint needs the coordinator role and is counted too")
    func reprints() async throws {
        try await withTestApp { app in
            let f = try await Fixtures.make(on: app)
            let t = try await S.enrol(app, f)
            let bag = try await CustodyRepository.createBag(.apheresis, therapyID: t.therapy, facility: S.facility, by: f.usersA[.nurse]!, now: S.base, on: app.db)
            #expect(try await LabelPrintRepository.recordPrint(bagID: bag.id, by: f.usersA[.nurse]!, on: app.db) == 1)
            await #expect(throws: StoreError.self) { try await LabelPrintRepository.recordPrint(bagID: bag.id, by: f.usersA[.nurse]!, on: app.db) }
            await #expect(throws: StoreError.self) { try await LabelPrintRepository.recordPrint(bagID: bag.id, by: f.usersA[.manufacturing]!, on: app.db) }
            await #expect(throws: StoreError.notFound("bag")) { try await LabelPrintRepository.recordPrint(bagID: bag.id, by: f.coordinatorB, on: app.db) }
            #expect(try await LabelPrintRepository.recordPrint(bagID: bag.id, by: f.coordinatorA, on: app.db) == 2)
            #expect(try await LabelPrintRepository.printCount(bagID: bag.id, on: app.db) == 2)
            #expect(try await AuditEvent.query(on: app.db).filter(\.$action == "labels.reprinted").count() == 1)
        }
    }
}
