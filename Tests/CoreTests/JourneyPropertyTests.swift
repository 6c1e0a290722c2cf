import PropertyBased
import Testing
@testable import CartographCore

/// Random event sequences through the journey state machine and the planner: whatever order a center
/// records things in, the journey never says one thing and plans another.
@Suite("Journey invariants over random event sequences")
struct JourneyPropertyTests {
    static let kinds = JourneyEventKind.allCases
    static let start = CalendarDate("2026-01-05")!

    /// Each generated number picks an event kind, a step forward in days (0–19) and whether a reason
    /// is given (one in four events comes without one, so the reason rule is exercised too).
    static func events(_ codes: [Int]) -> [JourneyEvent] {
        var day = start
        return codes.map { n in
            let kind = kinds[n % kinds.count]
            day = day.adding(days: (n / kinds.count) % 20)
            let reason = (n / (kinds.count * 20)) % 4 == 0 ? nil : "recorded reason"
            return JourneyEvent(kind, on: day, reason: reason)
        }
    }

    static let sequences = Gen.int(in: 0...(kinds.count * 80 - 1)).array(of: 1...40)

    /// Applies what the machine accepts, checking after every step that a refused event changed nothing.
    static func walk(_ events: [JourneyEvent], profile: ProductProfile) -> (JourneyState, [JourneyEvent]) {
        var state = JourneyState()
        var accepted: [JourneyEvent] = []
        for e in events {
            let before = state
            do {
                try JourneyStateMachine.apply(e, to: &state, profile: profile)
                accepted.append(e)
            } catch {
                #expect(state == before, "a refused \(e.kind) changed the state")
            }
            check(state, profile: profile)
        }
        return (state, accepted)
    }

    /// What must hold in every reachable state, on the day of its last event and long after.
    static func check(_ state: JourneyState, profile: ProductProfile) {
        let last = state.lastEventDate ?? start
        for today in [last, last.adding(days: 45), last.adding(days: 900)] {
            let plan = JourneyPlanning.plan(state, profile: profile, today: today)
            let stage = state.stage(asOf: today, profile: profile)
            #expect(plan.stage == stage)
            if stage.isOffRamp {
                // Off the pathway nothing is planned, due or booked, anywhere.
                #expect(plan.upcoming.isEmpty, "\(stage): \(plan.upcoming.map(\.what))")
                #expect(plan.overdue.isEmpty, "\(stage): \(plan.overdue.map(\.what))")
                #expect(state.scheduledCollection == nil)
                #expect(plan.steps.allSatisfy { [.done, .cancelled].contains($0.status) },
                        "\(stage): \(plan.steps.map { "\($0.stage):\($0.status)" })")
                #expect(state.offRampDate != nil)
            } else {
                #expect(state.offRampDate == nil && state.offRampReason == nil)
            }
        }
        // What may be recorded next is what the machine accepts, and a not-eligible patient can never
        // have a collection booked.
        let allowed = Set(JourneyStateMachine.allowedEvents(after: state, profile: profile))
        if state.stage.isOffRamp, ![.manufacturingFailed, .outOfSpecification].contains(state.stage) {
            #expect(!allowed.contains(.collectionScheduled), "\(state.stage) offers a collection")
            #expect(!allowed.contains(.collected))
        }
        if state.stage == .followUpEnded || state.stage == .notInfused {
            #expect(allowed.isEmpty, "\(state.stage) still offers \(allowed)")
        }
    }

    @Test("nothing is planned after an off-ramp, the plan's stage is the machine's, refused events change nothing",
          arguments: ProductCatalogue.all.map(\.id))
    func invariants(productID: String) async {
        let profile = ProductCatalogue.profile(id: productID)!
        await propertyCheck(count: 300, input: Self.sequences) { codes in
            _ = Self.walk(Self.events(codes), profile: profile)
        }
    }

    @Test("replaying the accepted events gives the same state")
    func replayIsDeterministic() async {
        await propertyCheck(count: 300, input: Self.sequences) { codes in
            let (state, accepted) = Self.walk(Self.events(codes), profile: ProductCatalogue.fucaso)
            #expect((try? JourneyStateMachine.replay(accepted, profile: ProductCatalogue.fucaso)) == state)
        }
    }

    @Test("a not-eligible re-screening before collection ends the pathway and cancels the booked collection")
    func reScreenedNotEligible() throws {
        let p = ProductCatalogue.fucaso
        let s = try JourneyStateMachine.replay([
            JourneyEvent(.screenedEligible, on: CalendarDate("2026-12-01")!),
            JourneyEvent(.collectionScheduled, on: CalendarDate("2026-12-12")!),
            JourneyEvent(.screenedNotEligible, on: CalendarDate("2026-12-05")!, reason: "ECOG 3; platelets 30,000/µL; active infection"),
        ], profile: p)
        #expect(s.stage == .notEligible)
        #expect(s.scheduledCollection == nil)
        let plan = JourneyPlanning.plan(s, profile: p, today: CalendarDate("2026-12-07")!)
        #expect(plan.upcoming.isEmpty)
        #expect(plan.steps.first { $0.stage == .collection }?.plannedFrom == nil)
        #expect(!JourneyStateMachine.allowedEvents(after: s, profile: p).contains(.collectionScheduled))
    }

    @Test("a withdrawal cancels the booked collection: nothing on 2026-12-12 stays planned")
    func withdrawnPatient() throws {
        let p = ProductCatalogue.fucaso
        let s = try JourneyStateMachine.replay([
            JourneyEvent(.screenedEligible, on: CalendarDate("2026-12-01")!),
            JourneyEvent(.collectionScheduled, on: CalendarDate("2026-12-12")!),
            JourneyEvent(.notInfused, on: CalendarDate("2026-12-03")!, reason: "withdrawal"),
        ], profile: p)
        let plan = JourneyPlanning.plan(s, profile: p, today: CalendarDate("2026-12-07")!)
        #expect(plan.upcoming.isEmpty)
        #expect(plan.steps.allSatisfy { $0.status == .cancelled })
        #expect(plan.steps.allSatisfy { $0.plannedFrom == nil || $0.plannedFrom! < CalendarDate("2026-12-12")! })
    }

    @Test("the last failed collection the profile allows ends the pathway")
    func collectionAttemptsExhausted() throws {
        let p = ProductCatalogue.fucaso
        var events = [JourneyEvent(.screenedEligible, on: CalendarDate("2026-01-01")!)]
        for i in 0..<p.windows.maximumCollectionAttempts {
            events.append(JourneyEvent(.collectionFailed, on: CalendarDate("2026-01-01")!.adding(days: 7 * (i + 1)), reason: "low CD3 yield"))
        }
        let s = try JourneyStateMachine.replay(events, profile: p)
        #expect(s.stage == .collectionFailed)
        #expect(s.stage.isOffRamp)
        #expect(JourneyStateMachine.allowedEvents(after: s, profile: p) == [.notInfused])
    }

    @Test("an on-time lot in manufacturing is not flagged early: the step runs from collection to the release window's end")
    func manufacturingPlannedFromCollection() throws {
        let p = ProductCatalogue.fucaso
        let s = try JourneyStateMachine.replay([
            JourneyEvent(.screenedEligible, on: CalendarDate("2026-11-01")!),
            JourneyEvent(.collected, on: CalendarDate("2026-11-10")!),
            JourneyEvent(.manufacturingStarted, on: CalendarDate("2026-11-11")!),
        ], profile: p)
        let step = try #require(JourneyPlanning.plan(s, profile: p, today: CalendarDate("2026-12-07")!).steps.first { $0.stage == .manufacturing })
        let w = p.windows.manufacturingDays
        #expect(step.plannedFrom == CalendarDate("2026-11-10"))
        #expect(step.plannedTo == CalendarDate("2026-11-10")!.adding(days: w.latest))
        #expect(step.actualFrom == CalendarDate("2026-11-11"))
        #expect(step.plannedNote == "planned release \(CalendarDate("2026-11-10")!.adding(days: w.earliest)) – \(CalendarDate("2026-11-10")!.adding(days: w.latest))")
        #expect(step.status == .inProgress)
    }
}

/// Dates at the ends of the calendar never trap: every day from 0001-01-01 to 9999-12-31 has an ISO
/// week whose Monday–Sunday span holds it, and month arithmetic clamps instead of crashing.
@Suite("Calendar arithmetic at its extremes")
struct CalendarExtremesTests {
    static let first = CalendarDate(year: 1, month: 1, day: 1)!.daysSinceEpoch
    static let last = CalendarDate(year: 9999, month: 12, day: 31)!.daysSinceEpoch

    @Test("the ISO week of any supported day holds it, including 9999-12-31 (week 1 of 10000)")
    func isoWeeks() async {
        let days = Gen.int(in: Self.first...Self.last)
        await propertyCheck(count: 2000, input: days) { n in
            let d = CalendarDate(daysSinceEpoch: n)
            let w = d.isoWeek
            #expect(w.monday <= d && d <= w.sunday)
            #expect((1...53).contains(w.week))
            #expect(w.monday.isoWeekday == 1)
            // The text form reads back to the same day (years padded to four digits).
            #expect(CalendarDate(d.description) == d)
            #expect(d.description.count == 10)
        }
        // The last day, Friday 9999-12-31 (9999-01-01 is a Friday and 9999 is not a leap year, so
        // 31 December is a Friday too): its week runs Monday 9999-12-27 to Sunday 10000-01-02, and its
        // Thursday 9999-12-30 puts it in ISO year 9999, week 52 (the year starts on a Friday: 52 weeks).
        let end = CalendarDate(year: 9999, month: 12, day: 31)!
        #expect(end.isoWeekday == 5)
        #expect(end.isoWeek.year == 9999 && end.isoWeek.week == 52)
        #expect(end.isoWeek.monday == CalendarDate(year: 9999, month: 12, day: 27)!)
        // The week after it lies in ISO year 10000, past the calendar's range: it is computed, not trapped.
        #expect(end.isoWeek.next.year == 10000 && end.isoWeek.next.week == 1)
    }

    @Test("adding months clamps to the month's last day at any date")
    func months() async {
        await propertyCheck(count: 1000, input: Gen.int(in: Self.first...Self.last), Gen.int(in: -1200...1200)) { n, k in
            let d = CalendarDate(daysSinceEpoch: n).adding(months: k)
            #expect(d.parts.day <= CalendarDate.daysInMonth(year: d.parts.year, month: d.parts.month))
        }
    }
}
