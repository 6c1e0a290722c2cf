/// The two kinds of bag whose custody Cartograph follows.
public enum CustodyBagKind: String, Codable, Sendable, CaseIterable, Hashable {
    /// The patient's leukapheresis collection, on its way to the manufacturing site.
    case apheresis
    /// The manufactured CAR-T product, on its way back to the treatment center.
    case finalProduct

    public var displayName: String {
        switch self {
        case .apheresis: "Apheresis collection"
        case .finalProduct: "Final product"
        }
    }
}

/// How a bag is being kept, which decides the temperature it must stay within.
public enum CustodyThermalCondition: String, Codable, Sendable, CaseIterable, Hashable {
    /// Fresh (not frozen) cells, kept and shipped cold: ``CustodyRules/freshRangeCelsius``.
    case fresh
    /// Frozen in the vapour phase of liquid nitrogen: at most ``CustodyRules/cryoLimitCelsius``.
    case cryopreserved
    /// Thawed for infusion. No temperature range is checked: a thawed product is handled at room
    /// temperature and governed by the time to infusion, which the label sets and the ward watches.
    case thawed
}

/// The bag a custody log belongs to: its kind and the two identifiers every step checks.
public struct CustodyBag: Codable, Sendable, Hashable {
    public var kind: CustodyBagKind
    /// ISBT 128 donation identification number printed on the bag.
    public var din: ISBT128.DonationIdentificationNumber
    /// The therapy's chain-of-identity identifier, shared by all its bags.
    public var chainOfIdentity: ISBT128.ChainOfIdentityIdentifier

    public init(kind: CustodyBagKind, din: ISBT128.DonationIdentificationNumber,
                chainOfIdentity: ISBT128.ChainOfIdentityIdentifier) {
        self.kind = kind; self.din = din; self.chainOfIdentity = chainOfIdentity
    }
}
