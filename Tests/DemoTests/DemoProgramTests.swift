import Testing
@testable import Demo
import Clinical
import CartographCore

/// The journey events a course records, with the screening verdict turned into its event the way the
/// store's screening repository does (eligible → screenedEligible; not eligible → screenedNotEligible
/// with the unmet reasons; incomplete → no event).
func journeyEvents(of course: PatientCourse, profile: ProductProfile) -> [JourneyEvent] {
    course.steps.compactMap { step -> JourneyEvent? in
        switch step {
        case let .screening(data, on):
            let v = EligibilityScreening.screen(data, against: profile)
            switch v.overall {
            case .eligible: return JourneyEvent(.screenedEligible, on: on)
            case .notEligible:
                return JourneyEvent(.screenedNotEligible, on: on,
                                    reason: v.criteria.filter { $0.status == .notMet }.map(\.reason).joined(separator: "; "))
            case .incomplete: return nil
            }
        case let .event(e): return e
        case .dose, .lab, .followUpVisit, .followUpEvent: return nil
        }
    }
}

@Suite("Demo program")
struct DemoProgramTests {
    static let todays = ["2025-03-01", "2024-02-29", "2026-12-31"]
    let fucaso = ProductCatalogue.fucaso

    @Test func sameSeedSameProgram() {
        // MUT
        let a = DemoProgram.courses(patients: 40, seed: 42, today: day("2025-03-01"))
        let b = DemoProgram.courses(patients: 40, seed: 42, today: day("2025-03-01"))
        // validate
        #expect(a.count == 40)
        #expect(a == b)
    }

    @Test func differentSeedDifferentProgram() {
        let a = DemoProgram.courses(patients: 40, seed: 42, today: day("2025-03-01"))
        let b = DemoProgram.courses(patients: 40, seed: 43, today: day("2025-03-01"))
        #expect(a != b)
        #expect(a.map(\.enrolment) != b.map(\.enrolment))
    }

    @Test func noPatients() {
        #expect(DemoProgram.courses(patients: 0, seed: 1, today: day("2025-03-01")).isEmpty)
        #expect(DemoProgram.courses(patients: -3, seed: 1, today: day("2025-03-01")).isEmpty)
    }

    /// Where each scenario must leave its patient on the day the demo is made (read from the scenario
    /// names and the journey spec, not from the generator).
    static func expectedStage(_ s: DemoProgram.Scenario) -> JourneyStage {
        switch s {
        case .screeningIncomplete: .screening
        case .notEligible: .notEligible
        case .awaitingCollection, .recollection: .collection
        case .manufacturing: .manufacturing
        case .manufacturingFailed: .manufacturingFailed
        case .outOfSpecification: .outOfSpecification
        case .lymphodepletion: .lymphodepletion
        case .awaitingInfusion: .infusion
        case .monitoringEarly, .monitoringLate, .lymphodepletionGapDeviation, .infusionWindowDeviation: .shortTermMonitoring
        case .longTermFollowUp: .longTermFollowUp
        case .followUpEndedProgression: .followUpEnded
        case .notInfusedDeath, .notInfusedWithdrawal: .notInfused
        case .collectionExhausted: .collectionFailed
        }
    }

    @Test("Every scenario is present for 40 patients and lands where its name says", arguments: todays)
    func everyScenarioPresent(today text: String) throws {
        // setup
        let today = day(text)
        let scenarios = DemoProgram.Scenario.allCases
        #expect(scenarios.count == 18)
        // MUT
        let courses = DemoProgram.courses(patients: 40, seed: 7, today: today)
        // validate: the first 18 patients take one scenario each, in order
        var stagesSeen = Set<JourneyStage>()
        for (i, course) in courses.enumerated() {
            let state = try #require(replayed(journeyEvents(of: course, profile: fucaso)), "patient \(i)")
            let stage = state.stage(asOf: today, profile: fucaso)
            stagesSeen.insert(stage)
            guard i < scenarios.count else { continue }
            let s = scenarios[i]
            #expect(stage == Self.expectedStage(s), "patient \(i) (\(s))")
            let deviations = Set(JourneyPlanning.deviations(state, profile: fucaso).map(\.code))
            switch s {
            case .recollection:
                #expect(state.failedCollections == 1)
                #expect(state.scheduledCollection.map { $0 > today } == true)
            case .collectionExhausted:
                #expect(state.failedCollections == fucaso.windows.maximumCollectionAttempts)
            case .awaitingCollection:
                #expect(state.scheduledCollection.map { $0 > today } == true)
            case .lymphodepletion:
                #expect(state.lymphodepletionDoses == [today])
            case .awaitingInfusion:
                #expect(state.lymphodepletionDoses.count == 3)
                #expect(deviations.isEmpty)
            case .lymphodepletionGapDeviation:
                #expect(deviations.contains(.lymphodepletionNotConsecutive))
            case .infusionWindowDeviation:
                #expect(deviations.contains(.infusionOutsideWindow))
            case .monitoringEarly, .monitoringLate, .longTermFollowUp, .followUpEndedProgression:
                #expect(deviations.isEmpty, "patient \(i) (\(s)): \(deviations)")
            case .notInfusedDeath:
                #expect(state.offRampReason?.hasPrefix("death") == true)
            case .notInfusedWithdrawal:
                #expect(state.offRampReason?.hasPrefix("withdrawal") == true)
            default: break
            }
        }
        #expect(stagesSeen.isSuperset(of: Set(scenarios.map(Self.expectedStage))))
    }

    @Test("Dates: nothing after today except a booked collection", arguments: todays)
    func datesNotInFuture(today text: String) {
        // setup inline; MUT and validate: each #expect below calls the code under test
        let today = day(text)
        for seed: UInt64 in [1, 42, 20_250_301] {
            for (i, course) in DemoProgram.courses(patients: 40, seed: seed, today: today).enumerated() {
                #expect(course.enrolment.enrolledOn <= today, "seed \(seed) patient \(i)")
                #expect(failingFields { try course.enrolment.validate(today: today) } == nil, "seed \(seed) patient \(i)")
                for step in course.steps {
                    switch step {
                    case let .screening(_, on):
                        #expect(on <= today)
                        #expect(on >= course.enrolment.enrolledOn)
                    case let .event(e) where e.kind != .collectionScheduled:
                        #expect(e.date <= today, "seed \(seed) patient \(i): \(e.kind) on \(e.date)")
                    default: break
                    }
                }
            }
        }
    }

    @Test("Replaying each course through the state machine succeeds; each dose computes", arguments: todays)
    func replaySucceeds(today text: String) throws {
        let today = day(text)
        for seed: UInt64 in [1, 42, 20_250_301] {
            for (i, course) in DemoProgram.courses(patients: 40, seed: seed, today: today).enumerated() {
                // MUT / validate
                #expect(throws: Never.self, "seed \(seed) patient \(i)") {
                    _ = try JourneyStateMachine.replay(journeyEvents(of: course, profile: self.fucaso), profile: self.fucaso)
                }
                for step in course.steps {
                    if case let .dose(weight, product) = step {
                        #expect(throws: Never.self) { _ = try DoseCalculator.calculate(self.fucaso.dose, weightKilograms: weight, product: product) }
                    }
                    if case let .screening(data, _) = step {
                        #expect(failingFields { try data.validate() } == nil)
                    }
                }
            }
        }
    }

    /// BUG (see report): the screening's `ageYears` is drawn first and the date of birth is then put in
    /// year (enrolment year − age) on a random month and day, so for a birthday later in the year than
    /// the screening the recorded age is one more than the age the date of birth gives.
    @Test("The screening age agrees with the date of birth")
    func screeningAgeMatchesDateOfBirth() {
        // setup inline; MUT and validate: each #expect below calls the code under test
        var mismatches: [String] = []
        for (i, course) in DemoProgram.courses(patients: 40, seed: 42, today: day("2025-03-01")).enumerated() {
            for step in course.steps {
                if case let .screening(data, on) = step, let recorded = data.ageYears {
                    let fromBirth = Enrolment.age(born: course.enrolment.dateOfBirth, on: on)
                    if recorded != fromBirth {
                        mismatches.append("patient \(i): screened \(on), born \(course.enrolment.dateOfBirth), ageYears \(recorded), age from birth \(fromBirth)")
                    }
                }
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches.count) of 40: \(mismatches.prefix(3).joined(separator: "; "))")
    }
}
