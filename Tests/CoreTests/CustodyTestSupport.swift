import Foundation
@testable import CartographCore

/// Shared fixtures for the custody tests.
enum CustodyFixture {
    static let din = try! ISBT128.DonationIdentificationNumber(parsing: "X999926000001")
    static let otherDIN = try! ISBT128.DonationIdentificationNumber(parsing: "X999926000002")
    static let coi = try! ISBT128.ChainOfIdentityIdentifier(parsing: "CHX999926000001")
    static let otherCOI = try! ISBT128.ChainOfIdentityIdentifier(parsing: "CHX999926000002")

    static let apheresisBag = CustodyBag(kind: .apheresis, din: din, chainOfIdentity: coi)
    static let productBag = CustodyBag(kind: .finalProduct, din: din, chainOfIdentity: coi)

    static let nurse = CustodyActor(userID: "n-1", role: .nurse)
    static let physician = CustodyActor(userID: "p-1", role: .physician)
    static let coordinator = CustodyActor(userID: "c-1", role: .coordinator)
    static let manufacturing = CustodyActor(userID: "m-1", role: .manufacturing)
    static let qa = CustodyActor(userID: "q-1", role: .qa)

    /// 2026-03-01T00:00:00Z = 20 513 days × 86 400 s after the epoch (20 513 = days from 1970-01-01
    /// to 2026-03-01: 56 years × 365 + 14 leap days (1972…2024) + 59 days of Jan–Feb 2026).
    static let base = Date(timeIntervalSince1970: 20_513 * 86_400)

    /// Builds an event `minutes` after `base`; signed by default so signature checks pass unless a
    /// test wants them to fail.
    static func event(_ details: CustodyEventDetails, by actor: CustodyActor, minutes: Double,
                      site: String = "SITE-A", signature: String? = "sig-1") -> CustodyEvent {
        CustodyEvent(details, by: actor, at: base.addingTimeInterval(minutes * 60),
                     timeZoneIdentifier: "Asia/Shanghai", site: site, signatureReference: signature)
    }

    /// A final product that reached the center: manufactured, conforming, released, shipped with a
    /// logger reading, received. Minutes 0…50.
    static func productAtCenter(rules: CustodyRules = .fucaso) throws -> CustodyBagState {
        try CustodyStateMachine.replay([
            event(.manufactured(lot: "LOT-1"), by: manufacturing, minutes: 0),
            event(.releaseResult(.conforming), by: manufacturing, minutes: 10),
            event(.qaDisposition(.released), by: qa, minutes: 20),
            event(.shippedToCenter(courier: "ColdChain", shipperID: "DS-7"), by: manufacturing, minutes: 30),
            event(.temperatureReading(celsius: -180, fromDataLogger: true), by: coordinator, minutes: 40, site: "CENTER-1"),
            event(.receivedAtCenter, by: coordinator, minutes: 50, site: "CENTER-1"),
        ], bag: productBag, rules: rules)
    }
}
