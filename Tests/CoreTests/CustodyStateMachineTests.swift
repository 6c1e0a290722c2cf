import Foundation
import Testing
@testable import CartographCore

@Suite("Custody state machine")
struct CustodyStateMachineTests {
    typealias F = CustodyFixture

    @Test("an apheresis bag goes from collection to manufacturing and its log then closes")
    func apheresisHappyPath() throws {
        // setup
        let events = [
            F.event(.collected, by: F.nurse, minutes: 0),
            F.event(.packed(condition: .cryopreserved), by: F.nurse, minutes: 60),
            F.event(.shipped(courier: "ColdChain", shipperID: "DS-1"), by: F.coordinator, minutes: 70),
            F.event(.temperatureReading(celsius: -175, fromDataLogger: true), by: F.manufacturing, minutes: 600, site: "MFG-1"),
            F.event(.received, by: F.manufacturing, minutes: 610, site: "MFG-1"),
            F.event(.inManufacturing, by: F.manufacturing, minutes: 700, site: "MFG-1"),
        ]
        // MUT
        let state = try CustodyStateMachine.replay(events, bag: F.apheresisBag, rules: .fucaso)
        // validate
        #expect(state.phase == .inManufacturing)
        #expect(state.thermalCondition == .cryopreserved)
        #expect(state.deviations.isEmpty)
        #expect(state.eventCount == 6)
        #expect(state.currentSite == "MFG-1")
        #expect(throws: CustodyTransitionError.bagClosed(.temperatureReading, closedBy: .inManufacturing)) {
            try CustodyStateMachine.apply(F.event(.temperatureReading(celsius: -170, fromDataLogger: true), by: F.manufacturing, minutes: 800),
                                          to: state, rules: .fucaso)
        }
    }

    @Test("a final product is received, thawed, verified at the bedside and infused")
    func finalProductHappyPath() throws {
        // setup
        let atCenter = try F.productAtCenter()
        let match = BedsideVerificationOutcome.match
        // MUT
        var state = atCenter
        for e in [F.event(.stored(location: "LN2-2 rack 4"), by: F.coordinator, minutes: 60),
                  F.event(.dispensed, by: F.coordinator, minutes: 70),
                  F.event(.bedsideVerified(match), by: F.nurse, minutes: 75),
                  F.event(.thawed, by: F.nurse, minutes: 80),
                  F.event(.infused, by: F.nurse, minutes: 90)] {
            state = try CustodyStateMachine.apply(e, to: state, rules: .fucaso)
        }
        // validate
        #expect(state.phase == .infused)
        #expect(state.infusedAt == F.base.addingTimeInterval(90 * 60))
        #expect(state.thermalCondition == .thawed)
        #expect(state.qaDisposition == .released)
        #expect(state.lot == "LOT-1")
    }

    @Test("cryo reading exactly at −150 °C is within the limit; −149.9 °C quarantines and opens a deviation")
    func cryoExcursionBoundary() throws {
        // setup
        let atCenter = try F.productAtCenter()
        // MUT
        let atLimit = try CustodyStateMachine.apply(
            F.event(.temperatureReading(celsius: -150, fromDataLogger: true), by: F.coordinator, minutes: 60), to: atCenter, rules: .fucaso)
        let above = try CustodyStateMachine.apply(
            F.event(.temperatureReading(celsius: -149.9, fromDataLogger: true), by: F.coordinator, minutes: 61), to: atLimit, rules: .fucaso)
        // validate
        #expect(!atLimit.isQuarantined)
        #expect(above.isQuarantined)
        #expect(above.deviations.count == 1)
        let deviation = try #require(above.deviations.first)
        #expect(deviation.id == 1)
        #expect(deviation.isOpen)
        #expect(deviation.rulesVersion == "FUCASO-custody-1")
        #expect(deviation.openedByEventIndex == 7) // six events in productAtCenter, the −150 reading is index 6
        #expect(deviation.cause == .temperatureExcursion(celsius: -149.9, condition: .cryopreserved, limit: "≤ −150 °C", fromDataLogger: true))
        #expect(above.phase == .atCenter) // quarantine does not move the bag
    }

    @Test("fresh apheresis: 2 °C and 8 °C are inside 2–8 °C; 1.9 °C and 8.1 °C are excursions")
    func freshExcursionBoundaries() throws {
        // setup
        let collected = try CustodyStateMachine.apply(F.event(.collected, by: F.nurse, minutes: 0), to: CustodyBagState(bag: F.apheresisBag), rules: .fucaso)
        func read(_ c: Double) throws -> CustodyBagState {
            try CustodyStateMachine.apply(F.event(.temperatureReading(celsius: c, fromDataLogger: false), by: F.nurse, minutes: 5), to: collected, rules: .fucaso)
        }
        // MUT / validate
        #expect(try !read(2).isQuarantined)
        #expect(try !read(8).isQuarantined)
        #expect(try read(1.9).isQuarantined)
        #expect(try read(8.1).isQuarantined)
    }

    @Test("QA closes the deviation with a reason and the bag may move again")
    func qaClosesDeviation() throws {
        // setup
        let atCenter = try F.productAtCenter()
        let quarantined = try CustodyStateMachine.apply(
            F.event(.temperatureReading(celsius: -120, fromDataLogger: true), by: F.coordinator, minutes: 60), to: atCenter, rules: .fucaso)
        // MUT
        let released = try CustodyStateMachine.apply(
            F.event(.quarantineReleased(deviationID: 1, reason: "logger probe out of the vapour phase; product probe −185 °C"), by: F.qa, minutes: 120),
            to: quarantined, rules: .fucaso)
        // validate
        #expect(!released.isQuarantined)
        let closure = try #require(released.deviations[0].closure)
        #expect(closure.closedBy == F.qa)
        #expect(closure.reason == "logger probe out of the vapour phase; product probe −185 °C")
        #expect(closure.signatureReference == "sig-1")
        let dispensed = try CustodyStateMachine.apply(F.event(.dispensed, by: F.coordinator, minutes: 130), to: released, rules: .fucaso)
        #expect(dispensed.dispensedAt != nil)
    }

    @Test("a nurse cannot close a deviation, neither through the log nor directly")
    func nonQACannotCloseDeviation() throws {
        // setup
        let atCenter = try F.productAtCenter()
        let quarantined = try CustodyStateMachine.apply(
            F.event(.temperatureReading(celsius: -100, fromDataLogger: true), by: F.coordinator, minutes: 60), to: atCenter, rules: .fucaso)
        // MUT / validate
        #expect(throws: CustodyTransitionError.roleNotPermitted(.quarantineReleased, role: .nurse)) {
            try CustodyStateMachine.apply(F.event(.quarantineReleased(deviationID: 1, reason: "looks fine"), by: F.nurse, minutes: 70),
                                          to: quarantined, rules: .fucaso)
        }
        #expect(throws: CustodyTransitionError.onlyQAClosesDeviations(role: .nurse)) {
            try quarantined.deviations[0].closed(by: F.nurse, at: F.base, reason: "looks fine", signatureReference: nil)
        }
    }

    @Test("QA closing needs a reason, a signature and an existing open deviation")
    func closureRequirements() throws {
        // setup
        let atCenter = try F.productAtCenter()
        let quarantined = try CustodyStateMachine.apply(
            F.event(.quarantined(reason: "bag overwrap torn"), by: F.coordinator, minutes: 60), to: atCenter, rules: .fucaso)
        // MUT / validate
        #expect(throws: CustodyTransitionError.reasonRequired(.quarantineReleased)) {
            try CustodyStateMachine.apply(F.event(.quarantineReleased(deviationID: 1, reason: "  "), by: F.qa, minutes: 70), to: quarantined, rules: .fucaso)
        }
        #expect(throws: CustodyTransitionError.signatureRequired(.quarantineReleased, meaning: .deviationClosure)) {
            try CustodyStateMachine.apply(F.event(.quarantineReleased(deviationID: 1, reason: "intact inner bag"), by: F.qa, minutes: 70, signature: nil),
                                          to: quarantined, rules: .fucaso)
        }
        #expect(throws: CustodyTransitionError.deviationNotFound(id: 2)) {
            try CustodyStateMachine.apply(F.event(.quarantineReleased(deviationID: 2, reason: "intact inner bag"), by: F.qa, minutes: 70), to: quarantined, rules: .fucaso)
        }
        let closed = try CustodyStateMachine.apply(F.event(.quarantineReleased(deviationID: 1, reason: "intact inner bag"), by: F.qa, minutes: 70), to: quarantined, rules: .fucaso)
        #expect(throws: CustodyTransitionError.deviationAlreadyClosed(id: 1)) {
            try CustodyStateMachine.apply(F.event(.quarantineReleased(deviationID: 1, reason: "again"), by: F.qa, minutes: 80), to: closed, rules: .fucaso)
        }
    }

    @Test("two open deviations: the bag stays quarantined until both are closed")
    func twoDeviations() throws {
        // setup
        let atCenter = try F.productAtCenter()
        let one = try CustodyStateMachine.apply(F.event(.temperatureReading(celsius: -140, fromDataLogger: true), by: F.coordinator, minutes: 60), to: atCenter, rules: .fucaso)
        let two = try CustodyStateMachine.apply(F.event(.temperatureReading(celsius: -130, fromDataLogger: true), by: F.coordinator, minutes: 65), to: one, rules: .fucaso)
        // MUT
        let firstClosed = try CustodyStateMachine.apply(F.event(.quarantineReleased(deviationID: 1, reason: "reviewed"), by: F.qa, minutes: 90), to: two, rules: .fucaso)
        // validate
        #expect(two.openDeviations.map(\.id) == [1, 2])
        #expect(firstClosed.isQuarantined)
        #expect(firstClosed.openDeviations.map(\.id) == [2])
    }

    @Test("shipping a quarantined bag is refused; discarding it is allowed")
    func shippingQuarantinedRefused() throws {
        // setup
        var state = CustodyBagState(bag: F.apheresisBag)
        for e in [F.event(.collected, by: F.nurse, minutes: 0),
                  F.event(.temperatureReading(celsius: 12, fromDataLogger: true), by: F.nurse, minutes: 30)] {
            state = try CustodyStateMachine.apply(e, to: state, rules: .fucaso)
        }
        // MUT / validate
        #expect(throws: CustodyTransitionError.bagInQuarantine(.shipped, openDeviations: [1])) {
            try CustodyStateMachine.apply(F.event(.shipped(courier: "ColdChain", shipperID: "DS-1"), by: F.coordinator, minutes: 40), to: state, rules: .fucaso)
        }
        let discarded = try CustodyStateMachine.apply(F.event(.discarded(reason: "excursion to 12 °C"), by: F.qa, minutes: 50), to: state, rules: .fucaso)
        #expect(discarded.phase == .discarded)
    }

    @Test("infusing a bag never received at the center is refused")
    func infusingUnreceivedRefused() throws {
        // setup
        let inTransit = try CustodyStateMachine.replay([
            F.event(.manufactured(lot: "LOT-1"), by: F.manufacturing, minutes: 0),
            F.event(.releaseResult(.conforming), by: F.manufacturing, minutes: 10),
            F.event(.qaDisposition(.released), by: F.qa, minutes: 20),
            F.event(.shippedToCenter(courier: "ColdChain", shipperID: "DS-7"), by: F.manufacturing, minutes: 30),
        ], bag: F.productBag, rules: .fucaso)
        // MUT / validate
        #expect(throws: CustodyTransitionError.notReceivedAtCenter(.infused, phase: .inTransitToCenter)) {
            try CustodyStateMachine.apply(F.event(.infused, by: F.nurse, minutes: 60), to: inTransit, rules: .fucaso)
        }
    }

    @Test("infusion needs a bedside verification and a thaw")
    func infusionPrerequisites() throws {
        // setup
        let atCenter = try F.productAtCenter()
        let thawed = try CustodyStateMachine.apply(F.event(.thawed, by: F.nurse, minutes: 60), to: atCenter, rules: .fucaso)
        let verified = try CustodyStateMachine.apply(F.event(.bedsideVerified(.match), by: F.nurse, minutes: 60), to: atCenter, rules: .fucaso)
        // MUT / validate
        #expect(throws: CustodyTransitionError.infusionWithoutBedsideVerification) {
            try CustodyStateMachine.apply(F.event(.infused, by: F.nurse, minutes: 70), to: thawed, rules: .fucaso)
        }
        #expect(throws: CustodyTransitionError.infusionBeforeThaw) {
            try CustodyStateMachine.apply(F.event(.infused, by: F.nurse, minutes: 70), to: verified, rules: .fucaso)
        }
    }

    @Test("a bedside mismatch cannot be recorded as a verification")
    func bedsideMismatchRefused() throws {
        // setup
        let atCenter = try F.productAtCenter()
        let reasons: [BedsideVerificationField: String] = [.wristbandChainOfIdentity: "found CHX999926000002, expected CHX999926000001"]
        // MUT / validate
        #expect(throws: CustodyTransitionError.bedsideMismatch(reasons)) {
            try CustodyStateMachine.apply(F.event(.bedsideVerified(.mismatch(reasons: reasons)), by: F.nurse, minutes: 60), to: atCenter, rules: .fucaso)
        }
    }

    @Test("thawing twice is refused")
    func thawTwice() throws {
        // setup
        let thawed = try CustodyStateMachine.apply(F.event(.thawed, by: F.nurse, minutes: 60), to: try F.productAtCenter(), rules: .fucaso)
        // MUT / validate
        #expect(throws: CustodyTransitionError.alreadyThawed(at: F.base.addingTimeInterval(3600))) {
            try CustodyStateMachine.apply(F.event(.thawed, by: F.nurse, minutes: 65), to: thawed, rules: .fucaso)
        }
    }

    @Test("nothing can follow an infusion or a discard")
    func terminalStates() throws {
        // setup
        var infused = try F.productAtCenter()
        for e in [F.event(.thawed, by: F.nurse, minutes: 60), F.event(.bedsideVerified(.match), by: F.physician, minutes: 61),
                  F.event(.infused, by: F.physician, minutes: 62)] {
            infused = try CustodyStateMachine.apply(e, to: infused, rules: .fucaso)
        }
        let discarded = try CustodyStateMachine.apply(F.event(.discarded(reason: "patient not infused"), by: F.physician, minutes: 60),
                                                      to: try F.productAtCenter(), rules: .fucaso)
        // MUT / validate
        #expect(throws: CustodyTransitionError.bagClosed(.infused, closedBy: .infused)) {
            try CustodyStateMachine.apply(F.event(.infused, by: F.nurse, minutes: 70), to: infused, rules: .fucaso)
        }
        #expect(throws: CustodyTransitionError.bagClosed(.temperatureReading, closedBy: .discarded)) {
            try CustodyStateMachine.apply(F.event(.temperatureReading(celsius: -180, fromDataLogger: true), by: F.nurse, minutes: 70), to: discarded, rules: .fucaso)
        }
    }

    @Test("a final product cannot ship before QA releases it, nor after QA rejects it")
    func shipBeforeRelease() throws {
        // setup
        let tested = try CustodyStateMachine.replay([
            F.event(.manufactured(lot: "LOT-1"), by: F.manufacturing, minutes: 0),
            F.event(.releaseResult(.incomplete), by: F.manufacturing, minutes: 10),
        ], bag: F.productBag, rules: .fucaso)
        let rejected = try CustodyStateMachine.apply(F.event(.qaDisposition(.rejected), by: F.qa, minutes: 20), to: tested, rules: .fucaso)
        let ship = F.event(.shippedToCenter(courier: "ColdChain", shipperID: "DS-7"), by: F.manufacturing, minutes: 30)
        // MUT / validate
        #expect(throws: CustodyTransitionError.shippedBeforeQARelease(current: nil)) {
            try CustodyStateMachine.apply(ship, to: tested, rules: .fucaso)
        }
        #expect(throws: CustodyTransitionError.shippedBeforeQARelease(current: .rejected)) {
            try CustodyStateMachine.apply(ship, to: rejected, rules: .fucaso)
        }
    }

    @Test("QA release needs a conforming result; exceptional release needs an out-of-specification one")
    func qaDispositionPrerequisites() throws {
        // setup
        let manufactured = try CustodyStateMachine.apply(F.event(.manufactured(lot: "LOT-1"), by: F.manufacturing, minutes: 0),
                                                         to: CustodyBagState(bag: F.productBag), rules: .fucaso)
        let oos = try CustodyStateMachine.apply(F.event(.releaseResult(.outOfSpecification), by: F.manufacturing, minutes: 10), to: manufactured, rules: .fucaso)
        let conforming = try CustodyStateMachine.apply(F.event(.releaseResult(.conforming), by: F.manufacturing, minutes: 10), to: manufactured, rules: .fucaso)
        // MUT / validate
        #expect(throws: CustodyTransitionError.releaseRequiresConformingResult(last: .outOfSpecification)) {
            try CustodyStateMachine.apply(F.event(.qaDisposition(.released), by: F.qa, minutes: 20), to: oos, rules: .fucaso)
        }
        #expect(throws: CustodyTransitionError.exceptionalReleaseRequiresOutOfSpecification(last: .conforming)) {
            try CustodyStateMachine.apply(F.event(.qaDisposition(.exceptionalRelease), by: F.qa, minutes: 20), to: conforming, rules: .fucaso)
        }
        let exceptional = try CustodyStateMachine.apply(F.event(.qaDisposition(.exceptionalRelease), by: F.qa, minutes: 20), to: oos, rules: .fucaso)
        #expect(exceptional.isReleasedByQA)
        #expect(throws: CustodyTransitionError.lotAlreadyDispositioned(.qaDisposition, .exceptionalRelease)) {
            try CustodyStateMachine.apply(F.event(.qaDisposition(.rejected), by: F.qa, minutes: 30), to: exceptional, rules: .fucaso)
        }
    }

    @Test("roles: QA disposition only by QA, bedside verification only by nurse or physician")
    func rolePermissions() throws {
        // setup
        let conforming = try CustodyStateMachine.replay([
            F.event(.manufactured(lot: "LOT-1"), by: F.manufacturing, minutes: 0),
            F.event(.releaseResult(.conforming), by: F.manufacturing, minutes: 10),
        ], bag: F.productBag, rules: .fucaso)
        let atCenter = try F.productAtCenter()
        // MUT / validate
        #expect(throws: CustodyTransitionError.roleNotPermitted(.qaDisposition, role: .manufacturing)) {
            try CustodyStateMachine.apply(F.event(.qaDisposition(.released), by: F.manufacturing, minutes: 20), to: conforming, rules: .fucaso)
        }
        #expect(throws: CustodyTransitionError.roleNotPermitted(.bedsideVerified, role: .coordinator)) {
            try CustodyStateMachine.apply(F.event(.bedsideVerified(.match), by: F.coordinator, minutes: 60), to: atCenter, rules: .fucaso)
        }
        #expect(CustodyEventKind.qaDisposition.permittedRoles == [.qa])
        #expect(CustodyEventKind.bedsideVerified.permittedRoles == [.nurse, .physician])
        #expect(CustodyEventKind.allCases.allSatisfy { !$0.permittedRoles.contains(.admin) && !$0.permittedRoles.contains(.statistician) })
    }

    @Test("receipt needs a data-logger reading since shipment; a manual reading is not enough")
    func receiptNeedsLogger() throws {
        // setup
        let shipped = try CustodyStateMachine.replay([
            F.event(.collected, by: F.nurse, minutes: 0),
            F.event(.shipped(courier: "ColdChain", shipperID: "DS-1"), by: F.coordinator, minutes: 10),
            F.event(.temperatureReading(celsius: 5, fromDataLogger: false), by: F.manufacturing, minutes: 300),
        ], bag: F.apheresisBag, rules: .fucaso)
        var lenient = CustodyRules.fucaso
        lenient.receiptRequiresDataLoggerReading = false
        let receive = F.event(.received, by: F.manufacturing, minutes: 310)
        // MUT / validate
        #expect(throws: CustodyTransitionError.receiptWithoutDataLoggerReading(.received)) {
            try CustodyStateMachine.apply(receive, to: shipped, rules: .fucaso)
        }
        #expect(try CustodyStateMachine.apply(receive, to: shipped, rules: lenient).phase == .atManufacturingSite)
    }

    @Test("ordering, bag kind, first event, signatures, time zone and rewarming are checked")
    func generalChecks() throws {
        // setup
        let collected = try CustodyStateMachine.apply(F.event(.collected, by: F.nurse, minutes: 60), to: CustodyBagState(bag: F.apheresisBag), rules: .fucaso)
        let frozen = try CustodyStateMachine.apply(F.event(.packed(condition: .cryopreserved), by: F.nurse, minutes: 70), to: collected, rules: .fucaso)
        var badZone = F.event(.stored(location: "F1"), by: F.nurse, minutes: 80)
        badZone.timeZoneIdentifier = "Mars/Olympus"
        // MUT / validate
        #expect(throws: CustodyTransitionError.eventBeforePreviousEvent(.packed, instant: F.base.addingTimeInterval(59 * 60), previous: F.base.addingTimeInterval(3600))) {
            try CustodyStateMachine.apply(F.event(.packed(condition: .fresh), by: F.nurse, minutes: 59), to: collected, rules: .fucaso)
        }
        #expect(throws: CustodyTransitionError.wrongBagKind(.thawed, bag: .apheresis)) {
            try CustodyStateMachine.apply(F.event(.thawed, by: F.nurse, minutes: 80), to: collected, rules: .fucaso)
        }
        #expect(throws: CustodyTransitionError.logNotStarted(.shipped, expectedFirst: .collected)) {
            try CustodyStateMachine.apply(F.event(.shipped(courier: "C", shipperID: "S"), by: F.nurse, minutes: 0), to: CustodyBagState(bag: F.apheresisBag), rules: .fucaso)
        }
        #expect(throws: CustodyTransitionError.cannotRewarmCryopreserved) {
            try CustodyStateMachine.apply(F.event(.packed(condition: .fresh), by: F.nurse, minutes: 80), to: frozen, rules: .fucaso)
        }
        #expect(throws: CustodyTransitionError.unknownTimeZone("Mars/Olympus")) {
            try CustodyStateMachine.apply(badZone, to: collected, rules: .fucaso)
        }
        #expect(throws: CustodyTransitionError.missingField(.shipped, field: "details.shipperID")) {
            try CustodyStateMachine.apply(F.event(.shipped(courier: "ColdChain", shipperID: " "), by: F.nurse, minutes: 80), to: collected, rules: .fucaso)
        }
        let conforming = try CustodyStateMachine.replay([
            F.event(.manufactured(lot: "LOT-1"), by: F.manufacturing, minutes: 0),
            F.event(.releaseResult(.conforming), by: F.manufacturing, minutes: 10),
        ], bag: F.productBag, rules: .fucaso)
        #expect(throws: CustodyTransitionError.signatureRequired(.qaDisposition, meaning: .qaRelease)) {
            try CustodyStateMachine.apply(F.event(.qaDisposition(.released), by: F.qa, minutes: 20, signature: nil), to: conforming, rules: .fucaso)
        }
    }

    @Test("an event's local date is the site's calendar date, not UTC's")
    func localDate() {
        // setup: 2026-03-01T20:00Z is 2026-03-02 04:00 in Shanghai (UTC+8, no DST)
        let e = F.event(.collected, by: F.nurse, minutes: 20 * 60)
        // MUT / validate
        #expect(e.localDate == CalendarDate("2026-03-02"))
    }

    @Test("errors render as field errors naming the field")
    func fieldErrors() {
        // setup / MUT / validate
        #expect(CustodyTransitionError.roleNotPermitted(.qaDisposition, role: .nurse).fieldError.field == "actor.role")
        #expect(CustodyTransitionError.roleNotPermitted(.qaDisposition, role: .nurse).description
                == "Nurse may not record QA disposition; allowed: Quality assurance")
        #expect(CustodyTransitionError.bagInQuarantine(.shipped, openDeviations: [1]).description
                == "Shipped to manufacturing is not possible: the bag is quarantined (open deviation 1); it may only be released from quarantine by QA or discarded")
    }

    @Test("events and states survive a JSON round trip")
    func codable() throws {
        // setup
        let reasons: [BedsideVerificationField: String] = [.bagDIN: "found X, expected Y"]
        let events = [F.event(.bedsideVerified(.mismatch(reasons: reasons)), by: F.nurse, minutes: 1),
                      F.event(.shipped(courier: "ColdChain", shipperID: "DS-1"), by: F.coordinator, minutes: 2)]
        let state = try CustodyStateMachine.apply(F.event(.quarantined(reason: "torn"), by: F.nurse, minutes: 60),
                                                  to: try F.productAtCenter(), rules: .fucaso)
        // MUT
        let eventsBack = try JSONDecoder().decode([CustodyEvent].self, from: JSONEncoder().encode(events))
        let stateBack = try JSONDecoder().decode(CustodyBagState.self, from: JSONEncoder().encode(state))
        // validate
        #expect(eventsBack == events)
        #expect(stateBack == state)
    }
}
