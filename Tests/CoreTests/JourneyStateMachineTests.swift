import Testing
@testable import CartographCore

@Suite("Journey state machine")
struct JourneyStateMachineTests {
    let fucaso = ProductCatalogue.fucaso

    @Test("Happy path visits every step in order")
    func happyPath() throws {
        // setup
        var s = JourneyState()
        var stages: [JourneyStage] = []
        let events = FucasoJourney.untilManufacturing
            + [JourneyEvent(.bridgingTherapy, on: day("2025-01-20")), FucasoJourney.released]
            + FucasoJourney.doses + [FucasoJourney.infused]
        // MUT
        for e in events {
            try JourneyStateMachine.apply(e, to: &s, profile: fucaso)
            stages.append(s.stage)
        }
        // validate: the infusion stage is reached after the 3rd dose, not before
        #expect(stages == [.collection, .collection, .manufacturing, .manufacturing, .manufacturing, .lymphodepletion,
                           .lymphodepletion, .lymphodepletion, .infusion, .shortTermMonitoring])
        #expect(s.collectionDates == [day("2025-01-10")])
        #expect(s.scheduledCollection == day("2025-01-10"))
        #expect(s.manufacturingStart == day("2025-01-11"))
        #expect(s.releaseDate == day("2025-02-10"))
        #expect(s.lymphodepletionDoses == [day("2025-02-14"), day("2025-02-15"), day("2025-02-16")])
        #expect(s.infusionDate == day("2025-02-19"))
        #expect(s.lastEventDate == day("2025-02-19"))
        #expect(Set(stages.compactMap(\.stepNumber)) == [1, 2, 3, 4, 5])

        // Step 6 and the end: infusion 2025-02-19 + 28 days = 2025-03-19 (9 days to Feb 28, 19 in March).
        #expect(s.stage(asOf: day("2025-03-19"), profile: fucaso) == .shortTermMonitoring)   // Day 28
        #expect(s.stage(asOf: day("2025-03-20"), profile: fucaso) == .longTermFollowUp)      // Day 29
        #expect(JourneyStage.longTermFollowUp.stepNumber == 6)
        try JourneyStateMachine.apply(JourneyEvent(.followUpEnded, on: day("2025-08-01"), reason: "progression: new therapy"),
                                      to: &s, profile: fucaso)
        #expect(s.stage == .followUpEnded)
        #expect(s.offRampReason == "progression: new therapy")
        #expect(s.offRampDate == day("2025-08-01"))
    }

    @Test("Short-term monitoring runs to Day 28; from Day 29 it is long-term follow-up")
    func monitoringTurnsIntoFollowUp() throws {
        // setup inline; MUT and validate: each #expect below calls the code under test
        let s = try #require(replayed(FucasoJourney.untilInfusion))
        #expect(s.stage(asOf: day("2025-02-19"), profile: fucaso) == .shortTermMonitoring)   // Day 0
        #expect(s.stage(asOf: day("2025-03-19"), profile: fucaso) == .shortTermMonitoring)   // Day 28
        #expect(s.stage(asOf: day("2025-03-20"), profile: fucaso) == .longTermFollowUp)      // Day 29
        #expect(s.stage == .shortTermMonitoring)   // the stored stage does not move by itself
        // follow-up may end during long-term follow-up too
        let ended = try applying(JourneyEvent(.followUpEnded, on: day("2026-01-05"), reason: "lost to follow-up"), to: s).get()
        #expect(ended.stage == .followUpEnded)
    }

    @Test("Not eligible, then re-screened eligible")
    func notEligibleOffRamp() throws {
        // setup inline; MUT and validate: each #expect below calls the code under test
        var s = JourneyState()
        try JourneyStateMachine.apply(JourneyEvent(.screenedNotEligible, on: day("2025-01-02"), reason: "ECOG 3 is above 2"),
                                      to: &s, profile: fucaso)
        #expect(s.stage == .notEligible)
        #expect(s.offRampReason == "ECOG 3 is above 2")
        #expect(s.stage.isOffRamp)
        try JourneyStateMachine.apply(JourneyEvent(.screenedEligible, on: day("2025-02-01")), to: &s, profile: fucaso)
        #expect(s.stage == .collection)
        #expect(s.offRampReason == nil && s.offRampDate == nil)
    }

    @Test("Collection failed, then re-collected")
    func recollection() throws {
        // setup inline; MUT and validate: each #expect below calls the code under test
        let events = [FucasoJourney.screened, FucasoJourney.booked,
                      JourneyEvent(.collectionFailed, on: day("2025-01-10"), reason: "CD3+ yield below target"),
                      JourneyEvent(.collectionScheduled, on: day("2025-01-17")),
                      JourneyEvent(.collected, on: day("2025-01-17"))]
        let s = try #require(replayed(events))
        #expect(s.stage == .manufacturing)
        #expect(s.failedCollections == 1)
        #expect(s.collectionDates == [day("2025-01-17")])
    }

    @Test("Manufacturing failed, then re-collected and made again")
    func manufacturingFailed() throws {
        // setup inline; MUT and validate: each #expect below calls the code under test
        let failed = try #require(replayed(FucasoJourney.untilManufacturing
            + [JourneyEvent(.manufacturingFailed, on: day("2025-02-05"), reason: "insufficient expansion")]))
        #expect(failed.stage == .manufacturingFailed)
        #expect(failed.stage.isOffRamp)
        let again = try #require(replayed(FucasoJourney.untilManufacturing + [
            JourneyEvent(.manufacturingFailed, on: day("2025-02-05"), reason: "insufficient expansion"),
            JourneyEvent(.collectionScheduled, on: day("2025-02-12")),
            JourneyEvent(.collected, on: day("2025-02-12"))]))
        #expect(again.stage == .manufacturing)
        #expect(again.collectionDates == [day("2025-01-10"), day("2025-02-12")])
        #expect(again.manufacturingStart == nil)   // the new lot has not started yet
        #expect(again.releaseDate == nil)
    }

    @Test("Out of specification: exceptional release, or re-collection")
    func outOfSpecification() throws {
        // setup inline; MUT and validate: each #expect below calls the code under test
        let oos = FucasoJourney.untilManufacturing
            + [JourneyEvent(.outOfSpecification, on: day("2025-02-10"), reason: "viability 65 % below specification")]
        let s = try #require(replayed(oos))
        #expect(s.stage == .outOfSpecification)
        #expect(s.releaseDate == nil)
        let released = try #require(replayed(oos + [JourneyEvent(.exceptionalRelease, on: day("2025-02-12"))]))
        #expect(released.stage == .lymphodepletion)
        #expect(released.releaseDate == day("2025-02-12"))
        let recollect = try #require(replayed(oos + [JourneyEvent(.collectionScheduled, on: day("2025-02-20"))]))
        #expect(recollect.stage == .collection)
    }

    @Test("Not infused because of death, progression or withdrawal, from every pre-infusion stage")
    func notInfused() throws {
        // setup inline; MUT and validate: each #expect below calls the code under test
        let prefixes: [(String, [JourneyEvent])] = [
            ("screening", []),
            ("collection", [FucasoJourney.screened]),
            ("manufacturing", FucasoJourney.untilManufacturing),
            ("lymphodepletion", FucasoJourney.untilRelease + [FucasoJourney.doses[0]]),
            ("infusion", FucasoJourney.untilLastDose),
        ]
        for (name, prefix) in prefixes {
            for reason in ["death", "progression", "withdrawal"] {
                let s = try #require(replayed(prefix + [JourneyEvent(.notInfused, on: day("2025-02-17"), reason: reason)]), "\(name)")
                #expect(s.stage == .notInfused, "\(name) \(reason)")
                #expect(s.offRampReason == reason)
                #expect(s.offRampDate == day("2025-02-17"))
                #expect(s.infusionDate == nil)
            }
        }
        // after the patient is not infused, nothing else happens
        let s = try #require(replayed(FucasoJourney.untilLastDose + [JourneyEvent(.notInfused, on: day("2025-02-17"), reason: "death")]))
        var t = s
        #expect(throws: JourneyTransitionError.notAllowed(.infused, from: .notInfused)) {
            try JourneyStateMachine.apply(JourneyEvent(.infused, on: day("2025-02-18")), to: &t, profile: fucaso)
        }
        #expect(t == s)
    }
}
