import Demo
import CartographCore
import Fluent
import Foundation
import Store
import Vapor

extension Fixtures {
    /// A screening that meets every FUCASO criterion.
    public static func eligibleScreening() -> ScreeningData {
        ScreeningData(ageYears: 60, diagnosis: .multipleMyeloma,
                      priorLines: [PriorLine(drugClasses: [.proteasomeInhibitor]), PriorLine(drugClasses: [.immunomodulatoryDrug]),
                                   PriorLine(drugClasses: [.antiCD38Antibody])],
                      lastLineOutcome: .progressiveDisease, ecog: 1,
                      labs: [.absoluteNeutrophilCount: 1500, .platelets: 120_000, .hemoglobin: 10, .creatinineClearance: 70,
                             .alanineAminotransferaseULN: 1, .totalBilirubinULN: 1, .leftVentricularEjectionFraction: 60, .oxygenSaturation: 97],
                      activeInfection: false, extramedullaryDisease: false)
    }

    /// Enrols a patient for `actor` and records the journey through the repositories up to an infusion
    /// on `infusion`: screened 50 days before, collected 45 days before, released 12 days before,
    /// lymphodepletion on days −5, −4, −3.
    public static func infusedPatient(by actor: ActingUser, infusion: CalendarDate, today: CalendarDate, given: String = "Alex",
                                      family: String = "Testperson", on db: Database) async throws -> (patient: Patient, therapyID: UUID) {
        let screened = infusion.adding(days: -50)
        let (p, t) = try await PatientRepository.enrol(enrolment(given: given, family: family, enrolled: screened.adding(days: -3).description),
                                                       by: actor, today: today, on: db)
        let tid = try t.requireID()
        _ = try await ScreeningRepository.save(eligibleScreening(), screenedOn: screened, therapyID: tid, by: actor, today: today, on: db)
        // Release testing checks that the dose can be met for the patient's weight.
        _ = try await DoseRepository.record(weightKilograms: 70, product: nil, therapyID: tid, by: actor, on: db)
        let steps: [(JourneyEventKind, Int)] = [(.collectionScheduled, -45), (.collected, -45), (.manufacturingStarted, -44), (.released, -12),
                                                (.lymphodepletionDose, -5), (.lymphodepletionDose, -4), (.lymphodepletionDose, -3), (.infused, 0)]
        for (kind, day) in steps {
            if kind == .infused { try await custodyTrail(therapyID: tid, infusion: infusion, center: actor.centerID, on: db) }
            _ = try await JourneyRepository.record(JourneyEvent(kind, on: infusion.adding(days: day)), therapyID: tid, by: actor, today: today, on: db)
        }
        return (p, tid)
    }

    /// The product's whole chain of custody up to a signed bedside match, by the center's nurse,
    /// manufacturing and QA accounts (`DemoCustody`), so that the journey's infusion may be recorded:
    /// every infusion needs that check (`CustodyGate`).
    public static func custodyTrail(therapyID: UUID, infusion: CalendarDate, center: UUID, on db: Database) async throws {
        guard let zone = try await Center.find(center, on: db)?.zone else { throw StoreError.notFound("center") }
        try await DemoCustody.record(therapyID: therapyID, journey: try await JourneyRepository.events(of: therapyID, on: db),
                                     infusion: infusion, zone: zone, site: "M01", facility: .placeholder,
                                     staff: try await DemoCustody.Staff.of(center: center, on: db), on: db)
    }
}
