import CartographCore
import Fluent
import Foundation

/// The manufacturing side at a glance: slots ahead, bags at or between sites, and the release queue.
/// Identity-free: bags are named by chain-of-identity ID and DIN.
public struct ManufacturingBoard: Codable, Sendable {
    public struct BagRow: Codable, Sendable, Hashable {
        public var bagID: UUID
        public var kind: CustodyBagKind
        public var chainOfIdentity: String
        public var din: String
        public var lot: String?
        public var phase: CustodyPhase
        public var isQuarantined: Bool
        public var lastEvent: String?
    }
    public var slots: [SlotCalendarSite]
    /// Bags on their way to, at, or coming back from manufacturing.
    public var inProgress: [BagRow]
    public var releaseQueue: [ReleaseFile]

    public static func load(for actor: ActingUser, today: CalendarDate, on db: Database) async throws -> ManufacturingBoard {
        let bags = try await CustodyBagRecord.query(on: db).filter(\.$centerID == actor.centerID).sort(\.$din).all()
        var rows: [BagRow] = []
        let active: Set<CustodyPhase> = [.inTransitToManufacturing, .atManufacturingSite, .inTransitToCenter]
        let views = try await bags.asyncMap { try await CustodyRepository.bag(try $0.requireID(), for: actor, on: db) }
        // Cells taken into manufacturing stay on the board until their lot exists: a final product bag
        // of the same therapy with a lot number.
        let therapiesWithLot = Set(zip(bags, views).filter { $0.1.kind == .finalProduct && $0.1.lot != nil }.map { $0.0.therapyID })
        for (bag, view) in zip(bags, views) {
            let awaitingLot = view.phase == .inManufacturing && view.kind == .apheresis && !therapiesWithLot.contains(bag.therapyID)
            guard active.contains(view.phase) || awaitingLot else { continue }
            rows.append(BagRow(bagID: view.id, kind: view.kind, chainOfIdentity: view.chainOfIdentity, din: view.din, lot: view.lot,
                               phase: view.phase, isQuarantined: view.isQuarantined, lastEvent: view.events.last?.summary))
        }
        return ManufacturingBoard(slots: try await SlotRepository.overview(from: today, weeks: 6, for: actor.centerID, on: db), inProgress: rows,
                                  releaseQueue: try await ReleaseRepository.queue(for: actor, on: db))
    }
}

extension Sequence {
    func asyncMap<T>(_ transform: (Element) async throws -> T) async rethrows -> [T] {
        var out: [T] = []
        for e in self { out.append(try await transform(e)) }
        return out
    }
}
