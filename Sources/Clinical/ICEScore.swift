import CartographCore
/// The Immune effector Cell-associated Encephalopathy (ICE) screening score, 0...10.
///
/// Source: Lee DW et al., Biol Blood Marrow Transplant 2019;25:625-638 (ASTCT 2019), ICE table:
/// orientation to year, month, city and hospital (4 points); naming three objects (3); following
/// simple commands (1); writing a standard sentence (1); attention, counting backwards from 100 by
/// ten (1). 10 is normal. Exact integer arithmetic; no rounding.
public struct ICEScore: Sendable, Equatable, Codable {
    public var orientation: Int
    public var naming: Int
    public var followsCommands: Int
    public var writing: Int
    public var attention: Int

    /// Creates a score after checking each item's range.
    /// - Throws: `ClinicalInputError` naming the item out of range.
    public init(orientation: Int, naming: Int, followsCommands: Int, writing: Int, attention: Int) throws {
        for (field, value, limit) in [
            ("orientation", orientation, 4), ("naming", naming, 3), ("followsCommands", followsCommands, 1),
            ("writing", writing, 1), ("attention", attention, 1),
        ] where !(0...limit).contains(value) {
            throw ClinicalInputError(field: field, message: "\(value) is out of range 0...\(limit)")
        }
        self.orientation = orientation
        self.naming = naming
        self.followsCommands = followsCommands
        self.writing = writing
        self.attention = attention
    }

    /// The total, 0 (severe encephalopathy) ... 10 (normal).
    public var total: Int { orientation + naming + followsCommands + writing + attention }

    static let shape = StrictJSONShape(allowed: ["orientation", "naming", "followsCommands", "writing", "attention"])

    public init(from decoder: any Decoder) throws {
        let json = try StrictJSONFields(decoder, shape: Self.shape)
        try self.init(
            orientation: try json.requiredInteger("orientation", in: 0...4),
            naming: try json.requiredInteger("naming", in: 0...3),
            followsCommands: try json.requiredInteger("followsCommands", in: 0...1),
            writing: try json.requiredInteger("writing", in: 0...1),
            attention: try json.requiredInteger("attention", in: 0...1))
    }
}
