import Testing
@testable import CartographCore

@Suite("Journey transition rules")
struct JourneyTransitionRuleTests {
    let fucaso = ProductCatalogue.fucaso

    /// Events that the stage does not allow, each with the error it must give; the state must not change.
    @Test func impossibleTransitionsAreRejected() throws {
        // setup
        let cases: [([JourneyEvent], JourneyEvent, JourneyTransitionError)] = [
            ([], JourneyEvent(.infused, on: day("2025-01-05")), .notAllowed(.infused, from: .screening)),
            ([], JourneyEvent(.collected, on: day("2025-01-05")), .notAllowed(.collected, from: .screening)),
            ([FucasoJourney.screened], JourneyEvent(.released, on: day("2025-01-05")), .notAllowed(.released, from: .collection)),
            // a lot cannot be judged before manufacturing started
            ([FucasoJourney.screened, FucasoJourney.collected], JourneyEvent(.released, on: day("2025-02-10")),
             .notAllowed(.released, from: .manufacturing)),
            (FucasoJourney.untilManufacturing, JourneyEvent(.manufacturingStarted, on: day("2025-01-12")),
             .notAllowed(.manufacturingStarted, from: .manufacturing)),
            (FucasoJourney.untilManufacturing, JourneyEvent(.lymphodepletionDose, on: day("2025-02-01")),
             .notAllowed(.lymphodepletionDose, from: .manufacturing)),
            (FucasoJourney.untilManufacturing, JourneyEvent(.exceptionalRelease, on: day("2025-02-01")),
             .notAllowed(.exceptionalRelease, from: .manufacturing)),
            // a single infusion
            (FucasoJourney.untilInfusion, JourneyEvent(.infused, on: day("2025-02-20")),
             .notAllowed(.infused, from: .shortTermMonitoring)),
            (FucasoJourney.untilInfusion, JourneyEvent(.notInfused, on: day("2025-02-20"), reason: "death"),
             .notAllowed(.notInfused, from: .shortTermMonitoring)),
            (FucasoJourney.untilRelease, JourneyEvent(.followUpEnded, on: day("2025-02-12"), reason: "withdrawal"),
             .notAllowed(.followUpEnded, from: .lymphodepletion)),
            ([JourneyEvent(.screenedNotEligible, on: day("2025-01-02"), reason: "age 80")],
             JourneyEvent(.collectionScheduled, on: day("2025-01-05")), .notAllowed(.collectionScheduled, from: .notEligible)),
        ]
        for (prefix, event, expected) in cases {
            let before = try #require(replayed(prefix))
            var s = before
            // MUT / validate
            #expect(throws: expected) { try JourneyStateMachine.apply(event, to: &s, profile: fucaso) }
            #expect(s == before, "state changed after \(event.kind)")
            #expect(expected.fieldError.field == "kind")
        }
    }

    @Test("Events must come in date order; same day is fine; a booking does not move the clock")
    func datesOutOfOrder() throws {
        // setup
        let before = try #require(replayed(FucasoJourney.untilManufacturing))   // last event 2025-01-11
        var s = before
        // MUT / validate
        let early = JourneyEvent(.released, on: day("2025-01-10"))
        let expected = JourneyTransitionError.dateBeforePreviousEvent(.released, date: day("2025-01-10"), previous: day("2025-01-11"))
        #expect(throws: expected) { try JourneyStateMachine.apply(early, to: &s, profile: fucaso) }
        #expect(s == before)
        #expect(expected.fieldError.field == "date")
        #expect(throws: Never.self) {
            try JourneyStateMachine.apply(JourneyEvent(.bridgingTherapy, on: day("2025-01-11")), to: &s, profile: fucaso)
        }
        // booking a collection in the future, then recording an earlier collection, is in order
        let booked = try #require(replayed([FucasoJourney.screened, JourneyEvent(.collectionScheduled, on: day("2025-03-01")),
                                            JourneyEvent(.collected, on: day("2025-01-10"))]))
        #expect(booked.stage == .manufacturing)
        #expect(booked.lastEventDate == day("2025-01-10"))
    }

    @Test("Off-ramps need a reason; blank does not count")
    func reasonRequired() throws {
        // setup inline; MUT and validate: each #expect below calls the code under test
        let before = try #require(replayed(FucasoJourney.untilManufacturing))
        for kind in [JourneyEventKind.manufacturingFailed, .outOfSpecification, .notInfused] {
            for reason in [nil, "", "   "] as [String?] {
                var s = before
                #expect(throws: JourneyTransitionError.reasonRequired(kind)) {
                    try JourneyStateMachine.apply(JourneyEvent(kind, on: day("2025-02-01"), reason: reason), to: &s, profile: fucaso)
                }
                #expect(s == before)
            }
        }
        #expect(JourneyTransitionError.reasonRequired(.notInfused).fieldError.field == "reason")
        var s = JourneyState()
        #expect(throws: JourneyTransitionError.reasonRequired(.screenedNotEligible)) {
            try JourneyStateMachine.apply(JourneyEvent(.screenedNotEligible, on: day("2025-01-02")), to: &s, profile: fucaso)
        }
        var c = try #require(replayed([FucasoJourney.screened]))
        #expect(throws: JourneyTransitionError.reasonRequired(.collectionFailed)) {
            try JourneyStateMachine.apply(JourneyEvent(.collectionFailed, on: day("2025-01-10")), to: &c, profile: fucaso)
        }
        var m = try #require(replayed(FucasoJourney.untilInfusion))
        #expect(throws: JourneyTransitionError.reasonRequired(.followUpEnded)) {
            try JourneyStateMachine.apply(JourneyEvent(.followUpEnded, on: day("2025-06-01")), to: &m, profile: fucaso)
        }
    }

    /// FUCASO allows 3 collection attempts, the B-ALL profile 2.
    @Test(arguments: [(ProductCatalogue.fucaso, 3), (ProductCatalogue.dualCD19CD22, 2)])
    func collectionAttemptLimit(profile: ProductProfile, limit: Int) throws {
        // setup: `limit − 1` failures still allow another booking
        var events = [FucasoJourney.screened]
        for i in 0..<(limit - 1) {
            events.append(JourneyEvent(.collectionFailed, on: day("2025-01-10").adding(days: 7 * i), reason: "low yield"))
        }
        let oneLeft = try #require(replayed(events, profile: profile))
        #expect(throws: Never.self) {
            _ = try applying(JourneyEvent(.collectionScheduled, on: day("2025-03-01")), to: oneLeft, profile: profile).get()
        }
        // the `limit`-th failure exhausts the attempts
        let exhausted = try applying(JourneyEvent(.collectionFailed, on: day("2025-02-20"), reason: "low yield"),
                                     to: oneLeft, profile: profile).get()
        #expect(exhausted.failedCollections == limit)
        var s = exhausted
        // MUT / validate
        #expect(throws: JourneyTransitionError.collectionAttemptsExhausted(limit: limit)) {
            try JourneyStateMachine.apply(JourneyEvent(.collectionScheduled, on: day("2025-03-01")), to: &s, profile: profile)
        }
        #expect(s == exhausted)
        // the patient leaves the journey as not infused
        #expect(throws: Never.self) {
            _ = try applying(JourneyEvent(.notInfused, on: day("2025-03-01"), reason: "withdrawal: no cells"), to: exhausted,
                             profile: profile).get()
        }
    }

    /// BUG (see report): the attempt limit is checked only when a collection is booked, so a further
    /// attempt recorded directly (the demo records failed attempts without a booking each time) is
    /// accepted after the limit. `maximumCollectionAttempts` is documented as "how many leukapheresis
    /// attempts a patient may have before the program gives up".
    @Test("No further collection attempt of any kind after the limit")
    func noAttemptBeyondLimit() throws {
        // setup: three failed attempts (FUCASO limit 3)
        let exhausted = try #require(replayed([FucasoJourney.screened] + (0..<3).map {
            JourneyEvent(.collectionFailed, on: day("2025-01-10").adding(days: 7 * $0), reason: "low yield")
        }))
        // MUT / validate
        for event in [JourneyEvent(.collected, on: day("2025-02-01")),
                      JourneyEvent(.collectionFailed, on: day("2025-02-01"), reason: "low yield")] {
            var s = exhausted
            #expect(throws: JourneyTransitionError.collectionAttemptsExhausted(limit: 3), "\(event.kind)") {
                try JourneyStateMachine.apply(event, to: &s, profile: fucaso)
            }
            #expect(s == exhausted)
        }
    }

    @Test("No 4th lymphodepletion dose for a 3-day regimen")
    func noFourthDose() throws {
        // setup
        let before = try #require(replayed(FucasoJourney.untilLastDose))
        #expect(before.stage == .infusion)
        var s = before
        // MUT
        let fourth = JourneyEvent(.lymphodepletionDose, on: day("2025-02-17"))
        let result = applying(fourth, to: before)
        // validate: rejected, state unchanged
        guard case .failure(let error) = result else {
            Issue.record("a 4th dose was accepted")
            return
        }
        #expect(throws: (any Error).self) { try JourneyStateMachine.apply(fourth, to: &s, profile: fucaso) }
        #expect(s == before)
        // BUG (see report): the dedicated error for this rule is never produced; the user is told
        // "Lymphodepletion dose is not possible while the therapy is at Infusion" instead.
        #expect(error == .tooManyLymphodepletionDoses(limit: 3))
    }

    @Test("The B-ALL regimen has 4 dosing days: the infusion stage comes after the 4th")
    func regimenLengthFromProfile() throws {
        // setup inline; MUT and validate: each #expect below calls the code under test
        let ball = ProductCatalogue.dualCD19CD22
        let three = try #require(replayed(FucasoJourney.untilLastDose, profile: ball))
        #expect(three.stage == .lymphodepletion)
        let four = try applying(JourneyEvent(.lymphodepletionDose, on: day("2025-02-17")), to: three, profile: ball).get()
        #expect(four.stage == .infusion)
    }

    @Test("Two doses on one day are refused")
    func sameDayDose() throws {
        // setup inline; MUT and validate: each #expect below calls the code under test
        let before = try #require(replayed(FucasoJourney.untilRelease + [FucasoJourney.doses[0]]))
        var s = before
        #expect(throws: JourneyTransitionError.sameDayDose(day("2025-02-14"))) {
            try JourneyStateMachine.apply(JourneyEvent(.lymphodepletionDose, on: day("2025-02-14")), to: &s, profile: fucaso)
        }
        #expect(s == before)
        #expect(JourneyTransitionError.sameDayDose(day("2025-02-14")).fieldError.field == "date")
    }

    /// BUG (see report): bridging therapy after the first lymphodepletion dose is refused (right), but
    /// the error names the Infusion stage while the therapy is at Lymphodepletion.
    @Test("Bridging therapy is refused once lymphodepletion has started, naming the current stage")
    func bridgingAfterFirstDose() throws {
        // setup inline; MUT and validate: each #expect below calls the code under test
        let before = try #require(replayed(FucasoJourney.untilRelease + [FucasoJourney.doses[0]]))
        #expect(before.stage == .lymphodepletion)
        let released = try #require(replayed(FucasoJourney.untilRelease))
        #expect(throws: Never.self) {   // before the first dose it is allowed
            _ = try applying(JourneyEvent(.bridgingTherapy, on: day("2025-02-12")), to: released).get()
        }
        var s = before
        #expect(throws: JourneyTransitionError.notAllowed(.bridgingTherapy, from: .lymphodepletion)) {
            try JourneyStateMachine.apply(JourneyEvent(.bridgingTherapy, on: day("2025-02-15")), to: &s, profile: fucaso)
        }
        #expect(s == before)
    }

    @Test("Allowed next events, as forms offer them")
    func allowedEvents() throws {
        // setup inline; MUT and validate: each #expect below calls the code under test
        #expect(Set(JourneyStateMachine.allowedEvents(after: JourneyState(), profile: fucaso))
                == [.screenedEligible, .screenedNotEligible, .notInfused])
        let making = try #require(replayed(FucasoJourney.untilManufacturing))
        #expect(Set(JourneyStateMachine.allowedEvents(after: making, profile: fucaso))
                == [.manufacturingFailed, .released, .outOfSpecification, .bridgingTherapy, .notInfused])
        let monitoring = try #require(replayed(FucasoJourney.untilInfusion))
        #expect(JourneyStateMachine.allowedEvents(after: monitoring, profile: fucaso) == [.followUpEnded])
        let waiting = try #require(replayed(FucasoJourney.untilLastDose))
        #expect(Set(JourneyStateMachine.allowedEvents(after: waiting, profile: fucaso)) == [.infused, .notInfused])
    }

    /// BUG (see report): `allowedEvents` probes each kind on the last event's date; after the first
    /// dose that probe hits the same-day rule, so the next dose is not offered although it is allowed
    /// on the next day.
    @Test("After the first lymphodepletion dose, the next dose is offered")
    func allowedEventsOfferNextDose() throws {
        // setup
        let oneDose = try #require(replayed(FucasoJourney.untilRelease + [FucasoJourney.doses[0]]))
        // the next day's dose is in fact accepted
        #expect(throws: Never.self) { _ = try applying(FucasoJourney.doses[1], to: oneDose).get() }
        // MUT
        let offered = JourneyStateMachine.allowedEvents(after: oneDose, profile: fucaso)
        // validate
        #expect(offered.contains(.lymphodepletionDose))
    }
}
