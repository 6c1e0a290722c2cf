import CartographCore
import Fluent
import Foundation
import Store
import Testing
import TestSupport

@Suite("Journey, screening and dose storage")
struct JourneyStorageTests {
    let today = CalendarDate("2026-03-15")!

    func eligible() -> ScreeningData {
        ScreeningData(ageYears: 60, diagnosis: .multipleMyeloma,
                      priorLines: [PriorLine(drugClasses: [.proteasomeInhibitor]), PriorLine(drugClasses: [.immunomodulatoryDrug]),
                                   PriorLine(drugClasses: [.antiCD38Antibody])],
                      lastLineOutcome: .progressiveDisease, ecog: 1,
                      labs: [.absoluteNeutrophilCount: 1500, .platelets: 120_000, .hemoglobin: 10, .creatinineClearance: 70,
                             .alanineAminotransferaseULN: 1, .totalBilirubinULN: 1, .leftVentricularEjectionFraction: 60, .oxygenSaturation: 97],
                      activeInfection: false, extramedullaryDisease: false)
    }

    @Test("an eligible screening moves the journey to collection by itself; events persist in order")
    func screeningAndEvents() async throws {
        try await withTestApp { app in
            let f = try await Fixtures.make(on: app)
            let (p, t) = try await PatientRepository.enrol(Fixtures.enrolment(), by: f.coordinatorA, today: today, on: app.db)
            let tid = try t.requireID()
            // MUT
            let verdict = try await ScreeningRepository.save(eligible(), screenedOn: CalendarDate("2026-01-12")!, therapyID: tid,
                                                             by: f.coordinatorA, today: today, on: app.db)
            _ = try await JourneyRepository.record(JourneyEvent(.collectionScheduled, on: CalendarDate("2026-01-20")!), therapyID: tid,
                                                   by: f.coordinatorA, today: today, on: app.db)
            let state = try await JourneyRepository.record(JourneyEvent(.collected, on: CalendarDate("2026-01-20")!), therapyID: tid,
                                                           by: f.coordinatorA, today: today, on: app.db)
            // validate
            #expect(verdict.overall == .eligible)
            #expect(state.stage == .manufacturing)
            let events = try await JourneyRepository.events(of: tid, on: app.db)
            #expect(events.map(\.kind) == [.screenedEligible, .collectionScheduled, .collected])
            let file = try await PatientFile.load(patientID: try p.requireID(), for: f.coordinatorA, today: today, on: app.db)
            #expect(file.stage == .manufacturing)
            #expect(file.eligibility?.overall == .eligible)
            // Release window: 2026-01-20 + 28 = 2026-02-17, + 35 = 2026-02-24; by 2026-03-15 it is overdue.
            let manufacturing = file.plan.steps.first { $0.stage == .manufacturing }
            #expect(manufacturing?.plannedFrom == CalendarDate("2026-01-20"))
            #expect(manufacturing?.plannedNote == "planned release 2026-02-17 – 2026-02-24")
            #expect(manufacturing?.plannedTo == CalendarDate("2026-02-24"))
            #expect(manufacturing?.status == .overdue)
        }
    }

    @Test("an event the state machine refuses is a field error and writes nothing")
    func refusedEventWritesNothing() async throws {
        try await withTestApp { app in
            let f = try await Fixtures.make(on: app)
            let (_, t) = try await PatientRepository.enrol(Fixtures.enrolment(), by: f.coordinatorA, today: today, on: app.db)
            let tid = try t.requireID()
            _ = try await ScreeningRepository.save(eligible(), screenedOn: CalendarDate("2026-01-12")!, therapyID: tid, by: f.coordinatorA, today: today, on: app.db)
            let before = try await TableCounts.read(app.db)
            // Infusion before any collection.
            await #expect(throws: StoreError.self) {
                _ = try await JourneyRepository.record(JourneyEvent(.infused, on: CalendarDate("2026-02-01")!), therapyID: tid, by: f.coordinatorA, today: today, on: app.db)
            }
            // A date before the previous event.
            await #expect(throws: StoreError.self) {
                _ = try await JourneyRepository.record(JourneyEvent(.collected, on: CalendarDate("2026-01-02")!), therapyID: tid, by: f.coordinatorA, today: today, on: app.db)
            }
            // A date in the future.
            await #expect(throws: StoreError.self) {
                _ = try await JourneyRepository.record(JourneyEvent(.collected, on: CalendarDate("2026-03-16")!), therapyID: tid, by: f.coordinatorA, today: today, on: app.db)
            }
            #expect(try await TableCounts.read(app.db) == before)
        }
    }

    @Test("the dose is computed and stored; impossible weight is refused without a write")
    func dose() async throws {
        try await withTestApp { app in
            let f = try await Fixtures.make(on: app)
            let (_, t) = try await PatientRepository.enrol(Fixtures.enrolment(), by: f.coordinatorA, today: today, on: app.db)
            let tid = try t.requireID()
            // 80 kg × 1.0e6/kg = 8.0e7 cells; 5.0e7 viable/mL × 0.4 CAR+ = 2.0e7 CAR-T/mL → 4.0 mL.
            let d = try await DoseRepository.record(weightKilograms: 80,
                                                    product: ProductCharacterisation(viableCellsPerMilliliter: 5e7, carPositiveFraction: 0.4, bagVolumeMilliliters: 50),
                                                    therapyID: tid, by: f.coordinatorA, on: app.db)
            #expect(d.targetCells == 8.0e7)
            #expect(abs(d.volumeMilliliters! - 4.0) < 1e-12)
            #expect(try await DoseRepository.latest(of: tid, on: app.db) == d)
            let before = try await TableCounts.read(app.db)
            do {
                _ = try await DoseRepository.record(weightKilograms: 0, product: nil, therapyID: tid, by: f.coordinatorA, on: app.db)
                Issue.record("weight 0 accepted")
            } catch StoreError.invalid(let errors) {
                #expect(errors.map(\.field) == ["weightKg"])
            }
            #expect(try await TableCounts.read(app.db) == before)
        }
    }
}

@Suite("Journey: every infusion needs the bedside check")
struct InfusionGateTests {
    @Test("a therapy without any registered product bag cannot be infused, and the refusal says why")
    func noBagNoInfusion() async throws {
        try await withTestApp { app in
            // setup: screened, dosed, collected, manufactured, released, lymphodepleted — but no custody record
            let f = try await Fixtures.make(on: app)
            let today = CalendarDate("2026-03-15")!
            let (_, t) = try await PatientRepository.enrol(Fixtures.enrolment(), by: f.coordinatorA, today: today, on: app.db)
            let tid = try t.requireID()
            _ = try await ScreeningRepository.save(Fixtures.eligibleScreening(), screenedOn: CalendarDate("2026-01-12")!, therapyID: tid,
                                                   by: f.coordinatorA, today: today, on: app.db)
            for (kind, date) in [(JourneyEventKind.collectionScheduled, "2026-01-20"), (.collected, "2026-01-20"), (.manufacturingStarted, "2026-01-21"),
                                 (.released, "2026-02-20"), (.lymphodepletionDose, "2026-03-03"), (.lymphodepletionDose, "2026-03-04"),
                                 (.lymphodepletionDose, "2026-03-05")] {
                _ = try await JourneyRepository.record(JourneyEvent(kind, on: CalendarDate(date)!), therapyID: tid, by: f.coordinatorA, today: today, on: app.db)
            }
            let before = try await TableCounts.read(app.db)
            // MUT
            do {
                _ = try await JourneyRepository.record(JourneyEvent(.infused, on: CalendarDate("2026-03-08")!), therapyID: tid,
                                                       by: f.coordinatorA, today: today, on: app.db)
                Issue.record("infused without any product bag")
            } catch StoreError.invalid(let fields) {
                // validate
                #expect(fields.first?.message.contains("no product bag is registered") == true)
            }
            #expect(try await TableCounts.read(app.db) == before)
        }
    }
}
