import CartographCore
import Fluent
import Store
import Vapor

/// `POST /api/manufacturing-sites/{code}/capacity`
struct CapacityInput: StrictInput {
    var slotsPerWeek: Int
    enum CodingKeys: String, CodingKey, CaseIterable { case slotsPerWeek }
    typealias Field = CodingKeys
    static let required: [CodingKeys] = [.slotsPerWeek]
}

extension SlotCalendarSite: Content {}

enum SlotAPI {
    static func register(_ api: RoutesBuilder) {
        api.get("slots", use: slots)
        api.post("manufacturing-sites", ":siteCode", "capacity", use: capacity)
    }

    /// `from` (YYYY-MM-DD, default today) and `weeks` (default 8, at most 104).
    static func window(_ req: Request) async throws -> (CalendarDate, Int) {
        let today = try await req.today()
        var from = today
        if let raw = req.query[String.self, at: "from"] {
            guard let d = CalendarDate(raw) else { throw StoreError.invalid([FieldError("from", "enter a date (YYYY-MM-DD)")]) }
            // A slot calendar is for planning: ten years either way is more than any plan needs.
            guard abs(today.days(to: d)) <= 3653 else {
                throw StoreError.invalid([FieldError("from", "\(raw) is more than ten years from today (\(today))")])
            }
            from = d
        }
        let weeks = req.query[Int.self, at: "weeks"] ?? 8
        guard (1...104).contains(weeks) else { throw StoreError.invalid([FieldError("weeks", "must be between 1 and 104")]) }
        return (from, weeks)
    }

    @Sendable static func slots(_ req: Request) async throws -> [SlotCalendarSite] {
        let (from, weeks) = try await window(req)
        return try await SlotRepository.overview(from: from, weeks: weeks, for: try req.actor.centerID, on: req.db)
    }

    @Sendable static func capacity(_ req: Request) async throws -> [SlotCalendarSite] {
        let input = try StrictJSON.decode(CapacityInput.self, from: req)
        try await SlotRepository.setCapacity(siteCode: req.parameters.get("siteCode") ?? "", slotsPerWeek: input.slotsPerWeek, by: try req.actor, on: req.db)
        return try await SlotRepository.overview(from: try await req.today(), weeks: 8, for: try req.actor.centerID, on: req.db)
    }
}
