import CartographCore
import Clinical
import Foundation

/// A living demo program: patients spread over every step of the journey and every off-ramp, with
/// dates laid out backwards from today so each patient is where its scenario says on the day the demo
/// is loaded. The same seed gives the same program.
public enum DemoProgram {
    /// The situations the demo shows. The first patients take one scenario each, so even a small demo
    /// has every step and off-ramp; later patients go mostly to monitoring and follow-up, where a real
    /// program's patients are.
    public enum Scenario: String, CaseIterable, Sendable {
        case screeningIncomplete, notEligible, awaitingCollection, recollection, manufacturing, manufacturingFailed,
             outOfSpecification, lymphodepletion, awaitingInfusion, monitoringEarly, monitoringLate,
             lymphodepletionGapDeviation, infusionWindowDeviation, longTermFollowUp, followUpEndedProgression,
             notInfusedDeath, notInfusedWithdrawal, collectionExhausted
    }

    public static func courses(patients n: Int, seed: UInt64, today: CalendarDate,
                               profile: ProductProfile = ProductCatalogue.fucaso) -> [PatientCourse] {
        var rng = SeededRandom(seed: seed)
        let all = Scenario.allCases
        let common: [Scenario] = [.monitoringEarly, .monitoringLate, .longTermFollowUp, .longTermFollowUp, .manufacturing,
                                  .awaitingCollection, .followUpEndedProgression, .lymphodepletion]
        return (0..<max(0, n)).map { i in
            let scenario = i < all.count ? all[i] : common[Int.random(in: 0..<common.count, using: &rng)]
            return course(scenario, index: i, today: today, profile: profile, rng: &rng)
        }
    }

    static let givenNames = ["Avery", "Blake", "Casey", "Dana", "Emery", "Finley", "Harper", "Jordan", "Kai", "Logan",
                             "Morgan", "Noel", "Parker", "Quinn", "Riley", "Sage", "Taylor", "Rowan", "Skyler", "Jules"]
    static let familyNames = ["Example", "Sample", "Testcase", "Demo", "Placeholder", "Fictional", "Mock", "Synthetic"]

    static func course(_ s: Scenario, index: Int, today: CalendarDate, profile: ProductProfile,
                       rng: inout SeededRandom) -> PatientCourse {
        let age = Int.random(in: 42...74, using: &rng)
        let w = profile.windows
        // Anchor: the infusion date (real or hypothetical) that puts the patient where the scenario says.
        let infusionOffset: Int = switch s {
        case .monitoringEarly: -Int.random(in: 0...9, using: &rng)
        case .monitoringLate: -Int.random(in: 10...27, using: &rng)
        case .lymphodepletionGapDeviation, .infusionWindowDeviation: -Int.random(in: 3...20, using: &rng)
        case .longTermFollowUp: -Int.random(in: 35...900, using: &rng)
        case .followUpEndedProgression: -Int.random(in: 200...700, using: &rng)
        case .awaitingInfusion: 2
        case .lymphodepletion: 4
        case .manufacturing: Int.random(in: 12...30, using: &rng)
        case .notInfusedDeath, .manufacturingFailed, .outOfSpecification: 5
        case .collectionExhausted: 23
        default: 45
        }
        let infusion = today.adding(days: infusionOffset)
        let lastDose = infusion.adding(days: -3)
        let firstDose = lastDose.adding(days: -(profile.lymphodepletion.days - 1))
        let release = firstDose.adding(days: -w.releaseToLymphodepletionDays.earliest - 1)
        let collection = release.adding(days: -(w.manufacturingDays.earliest + Int.random(in: 0...4, using: &rng)))
        // Booked for the day it happens; screening a couple of weeks before.
        let scheduled = collection
        let screened = scheduled.adding(days: -12)
        let enrolled = screened.adding(days: -4)
        let born = CalendarDate(year: enrolled.parts.year - age, month: Int.random(in: 1...12, using: &rng),
                                day: Int.random(in: 1...28, using: &rng))!
        // The age screened is the age on the screening day, whatever side of the birthday it falls.
        let ageAtScreening = Enrolment.age(born: born, on: min(screened, today))
        let enrolment = Enrolment(
            givenName: givenNames[Int.random(in: 0..<givenNames.count, using: &rng)],
            familyName: familyNames[Int.random(in: 0..<familyNames.count, using: &rng)],
            dateOfBirth: born, hospitalNumber: "DEMO-\(100_000 + index * 37)",
            sex: Bool.random(using: &rng) ? .female : .male, productID: profile.id, enrolledOn: min(enrolled, today))

        var steps: [PatientCourse.Step] = []
        func ev(_ k: JourneyEventKind, _ d: CalendarDate, _ reason: String? = nil) { steps.append(.event(JourneyEvent(k, on: d, reason: reason))) }
        let weight = Double(Int.random(in: 48...98, using: &rng))
        let product = ProductCharacterisation(viableCellsPerMilliliter: Double(Int.random(in: 20...60, using: &rng)) * 1e6,
                                              carPositiveFraction: Double(Int.random(in: 25...60, using: &rng)) / 100,
                                              bagVolumeMilliliters: 50)

        switch s {
        case .screeningIncomplete:
            var data = eligibleScreening(age: ageAtScreening, rng: &rng)
            data.labs[.leftVentricularEjectionFraction] = nil
            data.ecog = nil
            steps.append(.screening(data, on: min(screened, today)))
            return PatientCourse(enrolment: enrolment, steps: steps)
        case .notEligible:
            var data = eligibleScreening(age: ageAtScreening, rng: &rng)
            data.priorLines = Array(data.priorLines!.prefix(2))
            steps.append(.screening(data, on: min(screened, today)))
            return PatientCourse(enrolment: enrolment, steps: steps)
        default:
            steps.append(.screening(eligibleScreening(age: ageAtScreening, rng: &rng), on: min(screened, today)))
        }
        steps.append(.dose(weightKilograms: weight, product: nil))

        switch s {
        case .awaitingCollection:
            // A collection booked for the coming days.
            ev(.collectionScheduled, today.adding(days: Int.random(in: 1...12, using: &rng)))
            return PatientCourse(enrolment: enrolment, steps: steps)
        case .recollection:
            let first = min(scheduled, today.adding(days: -3))
            ev(.collectionScheduled, first)
            ev(.collectionFailed, first, "CD3+ yield below target")
            ev(.collectionScheduled, today.adding(days: Int.random(in: 2...9, using: &rng)))
            return PatientCourse(enrolment: enrolment, steps: steps)
        case .collectionExhausted:
            // Weekly attempts, the last one no later than today (whatever the drawn manufacturing time).
            let first = min(scheduled, today.adding(days: -7 * (w.maximumCollectionAttempts - 1)))
            ev(.collectionScheduled, first)
            for attempt in 0..<w.maximumCollectionAttempts {
                ev(.collectionFailed, first.adding(days: 7 * attempt), "CD3+ yield below target")
            }
            // The last failed attempt ends the pathway by itself (stage "collection failed").
            return PatientCourse(enrolment: enrolment, steps: steps)
        case .notInfusedWithdrawal:
            ev(.collectionScheduled, today.adding(days: 5))
            ev(.notInfused, today, "withdrawal: patient chose another therapy")
            return PatientCourse(enrolment: enrolment, steps: steps)
        default: break
        }
        ev(.collectionScheduled, scheduled)
        ev(.collected, collection)
        ev(.manufacturingStarted, collection.adding(days: 1))
        switch s {
        case .manufacturing:
            ev(.bridgingTherapy, min(collection.adding(days: 5), today))
            return PatientCourse(enrolment: enrolment, steps: steps)
        case .manufacturingFailed:
            ev(.manufacturingFailed, min(release, today), "insufficient expansion")
            return PatientCourse(enrolment: enrolment, steps: steps)
        case .outOfSpecification:
            ev(.outOfSpecification, min(release, today), "viability below specification")
            return PatientCourse(enrolment: enrolment, steps: steps)
        case .notInfusedDeath:
            ev(.released, release)
            ev(.notInfused, min(release.adding(days: 1), today), "death: disease progression before infusion")
            return PatientCourse(enrolment: enrolment, steps: steps)
        default: break
        }
        ev(.released, release)
        steps.append(.dose(weightKilograms: weight, product: product))
        switch s {
        case .lymphodepletion:
            // Today is the first dosing day.
            ev(.lymphodepletionDose, today)
            return PatientCourse(enrolment: enrolment, steps: steps)
        case .lymphodepletionGapDeviation:
            ev(.lymphodepletionDose, firstDose.adding(days: -1))
            ev(.lymphodepletionDose, firstDose.adding(days: 1))
            ev(.lymphodepletionDose, lastDose)
        default:
            for d in 0..<profile.lymphodepletion.days { ev(.lymphodepletionDose, firstDose.adding(days: d)) }
        }
        if s == .awaitingInfusion { return PatientCourse(enrolment: enrolment, steps: steps) }
        let infusedOn = s == .infusionWindowDeviation ? lastDose.adding(days: w.infusionAfterLastLymphodepletionDays.latest + 2) : infusion
        ev(.infused, infusedOn)
        var ended: CalendarDate?
        if s == .followUpEndedProgression {
            ended = infusion.adding(days: -infusionOffset - Int.random(in: 5...60, using: &rng))
            ev(.followUpEnded, ended!, "progression: new therapy started")
        }
        // Labs and follow-up from their own stream, drawn last, so they never shift the journey draws.
        var outcomeRandom = SeededRandom(seed: UInt64.random(in: 0...UInt64.max, using: &rng))
        steps += DemoOutcomes.steps(infusion: infusedOn, today: today, profile: profile, progressionBy: ended, rng: &outcomeRandom)
        return PatientCourse(enrolment: enrolment, steps: steps)
    }

    /// A draw that does not advance `rng`, so a value added to the demo later leaves every earlier
    /// demo value (and the pages' snapshots) unchanged. The demo gives one patient in three high-risk
    /// cytogenetics (a demo assumption of the order seen in relapsed/refractory myeloma trials).
    static func sideDraw(_ rng: SeededRandom, salt: UInt64) -> UInt64 {
        var fork = SeededRandom(seed: { var copy = rng; return copy.next() }() ^ salt)
        return fork.next()
    }

    /// A screening that meets every FUCASO criterion, with plausible variation.
    static func eligibleScreening(age: Int, rng: inout SeededRandom) -> ScreeningData {
        let lines = Int.random(in: 3...7, using: &rng)
        var prior = [PriorLine(drugClasses: [.proteasomeInhibitor, .immunomodulatoryDrug]),
                     PriorLine(drugClasses: [.antiCD38Antibody, .immunomodulatoryDrug]),
                     PriorLine(drugClasses: [.alkylatingAgent, .autologousTransplant])]
        for _ in 3..<lines { prior.append(PriorLine(drugClasses: [Bool.random(using: &rng) ? .proteasomeInhibitor : .other])) }
        if Int.random(in: 0..<9, using: &rng) == 0 { prior.append(PriorLine(drugClasses: [.bcmaCART])) }
        return ScreeningData(
            ageYears: age, diagnosis: .multipleMyeloma, priorLines: prior, lastLineOutcome: .progressiveDisease,
            ecog: Int.random(in: 0...1, using: &rng),
            labs: [.absoluteNeutrophilCount: Double(Int.random(in: 12...45, using: &rng) * 100),
                   .platelets: Double(Int.random(in: 60...250, using: &rng) * 1000),
                   .hemoglobin: Double(Int.random(in: 85...135, using: &rng)) / 10,
                   .creatinineClearance: Double(Int.random(in: 50...110, using: &rng)),
                   .alanineAminotransferaseULN: Double(Int.random(in: 3...15, using: &rng)) / 10,
                   .totalBilirubinULN: Double(Int.random(in: 3...12, using: &rng)) / 10,
                   .leftVentricularEjectionFraction: Double(Int.random(in: 52...68, using: &rng)),
                   .oxygenSaturation: Double(Int.random(in: 94...99, using: &rng))],
            activeInfection: false, extramedullaryDisease: Int.random(in: 0..<8, using: &rng) == 0,
            highRiskCytogenetics: sideDraw(rng, salt: 0xC7_06E7) % 3 == 0)
    }
}
