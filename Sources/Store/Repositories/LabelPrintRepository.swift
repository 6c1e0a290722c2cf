import CartographCore
import Fluent
import Foundation

/// Label prints: the first print of a bag's labels is made by whoever opens the bag; every later
/// print is a reprint, counted, and needs the coordinator role (a second label in circulation is how
/// a bag gets mislabelled).
public enum LabelPrintRepository {
    /// Records a print and returns its number (1 = original, 2… = reprints).
    public static func recordPrint(bagID: UUID, by actor: ActingUser, on db: Database) async throws -> Int {
        try await retryingTransaction(on: db) { tx in
            guard let bag = try await CustodyBagRecord.query(on: tx).filter(\.$id == bagID).filter(\.$centerID == actor.centerID).first()
            else { throw StoreError.notFound("bag") }
            let previous = try await LabelPrintRecord.query(on: tx).filter(\.$bagID == bagID).count()
            let handlers: Set<Role> = [.coordinator, .nurse, .physician, .manufacturing, .qa]
            guard handlers.contains(actor.role) else { throw StoreError.forbidden("the \(actor.role.displayName) role does not print labels") }
            if previous > 0, actor.role != .coordinator {
                throw StoreError.forbidden("labels of bag \(bag.din) were already printed \(previous) time(s); a reprint needs the Coordinator role")
            }
            let row = LabelPrintRecord()
            row.bagID = bagID
            row.centerID = bag.centerID
            row.printNumber = previous + 1
            row.printedBy = actor.userID
            row.printedRole = actor.role.rawValue
            try await row.create(on: tx)
            try await AuditTrail.record(on: tx, actor: actor.userID, center: actor.centerID, action: previous == 0 ? "labels.printed" : "labels.reprinted",
                                        entity: "bag", entityID: bagID.uuidString, payload: ["din": bag.din, "printNumber": String(row.printNumber)])
            return row.printNumber
        }
    }

    /// How many times the bag's labels were printed.
    public static func printCount(bagID: UUID, on db: Database) async throws -> Int {
        try await LabelPrintRecord.query(on: db).filter(\.$bagID == bagID).count()
    }
}
