import Foundation

extension CustodyStateMachine {
    /// The kinds a person of `role` could record next on a bag in `state`, found by asking the state
    /// machine itself with a representative event of each kind (so a page offers exactly what the
    /// machine would accept, and never keeps a list of its own).
    ///
    /// Events recorded through their own workflow are left out: `releaseResult` comes from the release
    /// results; `qaDisposition`,
    /// `bedsideVerified` and `quarantineReleased` are signed decisions with their own forms; `infused`
    /// is the journey's infusion.
    public static func recordableKinds(on state: CustodyBagState, role: Role, at instant: Date,
                                       rules: CustodyRules) -> [CustodyEventKind] {
        let samples: [CustodyEventDetails] = [
            .collected, .manufactured(lot: "probe"), .packed(condition: .cryopreserved), .packed(condition: .fresh), .shipped(courier: "c", shipperID: "s"),
            .received, .inManufacturing, .shippedToCenter(courier: "c", shipperID: "s"), .receivedAtCenter,
            .stored(location: "l"), .dispensed, .thawed, .temperatureReading(celsius: rules.cryoLimitCelsius - 10, fromDataLogger: false),
            .quarantined(reason: "r"), .discarded(reason: "r"),
        ]
        var kinds: [CustodyEventKind] = []
        for details in samples where !kinds.contains(details.kind) {
            let probe = CustodyEvent(details, by: CustodyActor(userID: "probe", role: role),
                                     at: max(instant, state.lastEventInstant ?? instant), timeZoneIdentifier: "UTC", site: "probe")
            if (try? apply(probe, to: state, rules: rules)) != nil { kinds.append(details.kind) }
        }
        return kinds
    }
}
