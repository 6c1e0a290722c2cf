extension CustodyEventKind {
    /// The roles that may record this event (center policy, checked by ``CustodyStateMachine``).
    ///
    /// | event | roles | why |
    /// |---|---|---|
    /// | collected | nurse, physician | the apheresis unit's clinical staff |
    /// | packed, shipped, stored | coordinator, nurse, manufacturing | whoever holds the bag at the sending or storing site |
    /// | temperatureReading | coordinator, nurse, physician, manufacturing, qa | anyone who reads a logger or a gauge; an observation must never be lost for want of a role |
    /// | received, inManufacturing, manufactured | manufacturing | the manufacturing site |
    /// | releaseResult | manufacturing, qa | quality control runs the tests (Cartograph has no separate QC role) |
    /// | qaDisposition | qa | release and rejection are QA's alone |
    /// | shippedToCenter | manufacturing, qa | sent by the manufacturing site |
    /// | receivedAtCenter, dispensed, thawed | coordinator, nurse | the center's cell-therapy laboratory and ward |
    /// | bedsideVerified, infused | nurse, physician | the people at the bedside |
    /// | quarantined | coordinator, nurse, physician, manufacturing, qa | anyone who sees a problem may stop a bag |
    /// | quarantineReleased | qa | only QA closes a deviation |
    /// | discarded | qa, physician | QA for quality reasons; the treating physician when the patient will not be infused |
    ///
    /// `statistician` and `admin` record nothing: they never handle product.
    public var permittedRoles: Set<Role> {
        switch self {
        case .collected: [.nurse, .physician]
        case .packed, .shipped, .stored: [.coordinator, .nurse, .manufacturing]
        case .temperatureReading, .quarantined: [.coordinator, .nurse, .physician, .manufacturing, .qa]
        case .received, .inManufacturing, .manufactured: [.manufacturing]
        case .releaseResult: [.manufacturing, .qa]
        case .qaDisposition, .quarantineReleased: [.qa]
        case .shippedToCenter: [.manufacturing, .qa]
        case .receivedAtCenter, .dispensed, .thawed: [.coordinator, .nurse]
        case .bedsideVerified, .infused: [.nurse, .physician]
        case .discarded: [.qa, .physician]
        }
    }

    /// Events that must carry a signature reference, and the meaning that signature must have had.
    /// The state machine checks only that a reference is present; the lead checks that the stored
    /// signature exists and has this meaning.
    public var requiredSignatureMeaning: SignatureMeaning? {
        switch self {
        case .qaDisposition: .qaRelease  // or exceptionalRelease / qaRejection: see CustodyQADisposition
        case .bedsideVerified: .bedsideVerification
        case .quarantineReleased: .deviationClosure
        default: nil
        }
    }

    /// The bag kinds whose log may hold this event.
    public var bagKinds: Set<CustodyBagKind> {
        switch self {
        case .collected, .shipped, .received, .inManufacturing: [.apheresis]
        case .manufactured, .releaseResult, .qaDisposition, .shippedToCenter, .receivedAtCenter,
             .dispensed, .thawed, .bedsideVerified, .infused: [.finalProduct]
        case .packed, .temperatureReading, .stored, .discarded, .quarantined, .quarantineReleased:
            [.apheresis, .finalProduct]
        }
    }
}

extension CustodyQADisposition {
    /// The meaning QA's signature must have for this disposition.
    public var signatureMeaning: SignatureMeaning {
        switch self {
        case .released: .qaRelease
        case .rejected: .qaRejection
        case .exceptionalRelease: .exceptionalRelease
        }
    }
}

extension CustodyEventDetails {
    /// The signature meaning this particular event needs (refines the kind's for QA dispositions).
    public var requiredSignatureMeaning: SignatureMeaning? {
        if case .qaDisposition(let d) = self { return d.signatureMeaning }
        return kind.requiredSignatureMeaning
    }
}
