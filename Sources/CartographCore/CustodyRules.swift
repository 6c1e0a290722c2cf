/// The temperature limits and handling policy a custody log is checked against, as data.
///
/// Versioned like every rule set: a deviation records the version that opened it.
public struct CustodyRules: Codable, Sendable, Hashable {
    /// Rule set identifier stored with every deviation (`FUCASO-custody-1`).
    public var version: String
    /// Highest temperature allowed for cryopreserved material, °C (inclusive: exactly the limit is
    /// within it).
    public var cryoLimitCelsius: Double
    /// Range allowed for fresh (unfrozen) material, °C, both ends inclusive.
    public var freshRangeCelsius: ClosedRange<Double>
    /// Whether a shipped bag may be received only after at least one data-logger reading has been
    /// recorded since it was shipped: a hand-held spot reading at the door says nothing about the
    /// journey, the shipper's logger does.
    public var receiptRequiresDataLoggerReading: Bool

    public init(version: String, cryoLimitCelsius: Double, freshRangeCelsius: ClosedRange<Double>,
                receiptRequiresDataLoggerReading: Bool) {
        self.version = version
        self.cryoLimitCelsius = cryoLimitCelsius
        self.freshRangeCelsius = freshRangeCelsius
        self.receiptRequiresDataLoggerReading = receiptRequiresDataLoggerReading
    }

    /// FUCASO custody rules (center policy defaults; confirm against the product's handling manual).
    ///
    /// - Cryopreserved material (the apheresis collection once frozen, seed 003: "your white blood
    ///   cells are frozen and sent to a manufacturing site", and the final product) is stored and
    ///   shipped in liquid-nitrogen vapour: ≤ −150 °C. Illustrative; confirm against the product's
    ///   approved storage conditions.
    /// - Fresh apheresis material shipped before freezing: 2–8 °C, the refrigerated range commonly
    ///   used for fresh leukapheresis transport. Illustrative; confirm against the product's
    ///   apheresis and shipping manual.
    /// - Receipt needs a data-logger reading since shipment: center policy.
    public static let fucaso = CustodyRules(
        version: "FUCASO-custody-1",
        cryoLimitCelsius: -150,
        freshRangeCelsius: 2...8,
        receiptRequiresDataLoggerReading: true)

    /// Whether `celsius` is within the limit for material kept as `condition`; always true for
    /// thawed material (no range applies), false for NaN.
    public func isWithinLimit(_ celsius: Double, for condition: CustodyThermalCondition) -> Bool {
        guard celsius.isFinite else { return false }
        switch condition {
        case .cryopreserved: return celsius <= cryoLimitCelsius
        case .fresh: return freshRangeCelsius.contains(celsius)
        case .thawed: return true
        }
    }

    /// The limit for `condition` in words, for deviation records (`≤ −150 °C`, `2 to 8 °C`).
    public func limitText(for condition: CustodyThermalCondition) -> String {
        switch condition {
        case .cryopreserved: "≤ \(CustodyText.celsius(cryoLimitCelsius))"
        case .fresh: "\(CustodyText.number(freshRangeCelsius.lowerBound)) to \(CustodyText.celsius(freshRangeCelsius.upperBound))"
        case .thawed: "no temperature limit"
        }
    }
}

/// Number formatting shared by the custody and release texts.
enum CustodyText {
    /// `-150` → `−150`, `2.5` → `2.5`: whole numbers without a decimal point, a true minus sign.
    static func number(_ x: Double) -> String {
        let text = x == x.rounded() && abs(x) < 1e15 ? String(Int(x)) : String(x)
        return text.replacingOccurrences(of: "-", with: "−")
    }

    static func celsius(_ x: Double) -> String { number(x) + " °C" }
}
