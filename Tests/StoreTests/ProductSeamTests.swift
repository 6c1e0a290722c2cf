import CartographCore
import Fluent
import Foundation
import Store
import Testing
import TestSupport
import Vapor

/// Custody limits, release specification and the bedside rule come from the therapy's product profile:
/// the illustrative CD19/CD22 profile's own values apply to its bags and lots, FUCASO's to FUCASO's.
@Suite("The product is the seam: custody, release and bedside rules per profile", .serialized)
struct ProductSeamTests {
    static let today = CalendarDate("2026-03-15")!

    func enrol(_ app: Application, _ f: Fixtures, given: String, product: String) async throws -> UUID {
        let (_, t) = try await PatientRepository.enrol(Fixtures.enrolment(given: given, product: product), by: f.coordinatorA, today: Self.today, on: app.db)
        let tid = try t.requireID()
        _ = try await DoseRepository.record(weightKilograms: 70, product: nil, therapyID: tid, by: f.coordinatorA, on: app.db)
        return tid
    }

    /// An apheresis bag shipped frozen, then read at `celsius` by the manufacturing site's logger.
    func shippedAndRead(_ app: Application, _ f: Fixtures, therapy: UUID, celsius: Double) async throws -> CustodyBagView {
        let nurse = f.usersA[.nurse]!, mfg = f.usersA[.manufacturing]!
        let bag = try await CustodyRepository.createBag(.apheresis, therapyID: therapy, facility: CustodyScenario.facility, by: nurse,
                                                        now: CustodyScenario.base, on: app.db)
        try await CustodyRepository.record(.collected, bagID: bag.id, by: nurse, at: CustodyScenario.at(0), on: app.db)
        try await CustodyRepository.record(.packed(condition: .cryopreserved), bagID: bag.id, by: nurse, at: CustodyScenario.at(10), on: app.db)
        try await CustodyRepository.record(.shipped(courier: "C", shipperID: "S"), bagID: bag.id, by: nurse, at: CustodyScenario.at(20), on: app.db)
        return try await CustodyRepository.record(.temperatureReading(celsius: celsius, fromDataLogger: true), bagID: bag.id, by: mfg,
                                                  at: CustodyScenario.at(30), site: "M01", on: app.db)
    }

    @Test("−140 °C is within the CD19/CD22 limit (≤ −135 °C) and outside FUCASO's (≤ −150 °C)")
    func custodyLimits() async throws {
        try await withTestApp { app in
            let f = try await Fixtures.make(on: app)
            let dual = try await shippedAndRead(app, f, therapy: try await enrol(app, f, given: "Dee", product: "cd19-cd22-ball"), celsius: -140)
            let fucaso = try await shippedAndRead(app, f, therapy: try await enrol(app, f, given: "Fay", product: "fucaso"), celsius: -140)
            #expect(!dual.isQuarantined)
            #expect(dual.rules.version == ProductCatalogue.dualCD19CD22.custodyRules.version)
            #expect(fucaso.isQuarantined)
            #expect(fucaso.rules.version == "FUCASO-custody-1")
        }
    }

    @Test("viability 75 % passes FUCASO's specification (≥ 70 %) and fails the CD19/CD22 one (≥ 80 %)")
    func releaseSpecification() async throws {
        try await withTestApp { app in
            let f = try await Fixtures.make(on: app)
            let mfg = f.usersA[.manufacturing]!
            var dispositions: [String: ReleaseDisposition] = [:]
            for (given, product) in [("Dee", "cd19-cd22-ball"), ("Fay", "fucaso")] {
                let tid = try await enrol(app, f, given: given, product: product)
                let bag = try await CustodyRepository.createBag(.finalProduct, therapyID: tid, facility: CustodyScenario.facility, by: mfg,
                                                                now: CustodyScenario.base, on: app.db)
                try await CustodyRepository.record(.manufactured(lot: "LOT-\(given)"), bagID: bag.id, by: mfg, at: CustodyScenario.at(0), site: "M01", on: app.db)
                let results = ReleaseTestResults(lot: "LOT-\(given)", sterility: .negative, mycoplasma: .negative, endotoxinEUPerMilliliter: 0.5,
                                                 viabilityPercent: 75, carExpressionPercent: 40, vectorCopyNumberPerTransducedCell: 2,
                                                 replicationCompetentLentivirus: .notDetected, identity: .confirmed,
                                                 viableCellsPerMilliliter: 2e7, bagVolumeMilliliters: 70)
                let file = try await ReleaseRepository.recordResults(results, bagID: bag.id, by: mfg, at: CustodyScenario.at(10), on: app.db)
                dispositions[product] = file.evaluation?.disposition
                #expect(file.certificate?.specificationVersion == ProductCatalogue.profile(id: product)?.releaseSpecification.version)
            }
            #expect(dispositions["fucaso"] == .conforming)
            #expect(dispositions["cd19-cd22-ball"] == .outOfSpecification)
        }
    }

    @Test("every catalogued product that says so needs the bedside check before infusion")
    func bedsideRuleIsProductData() {
        let everyProductChecks = ProductCatalogue.all.allSatisfy { $0.requiresBedsideVerification }
        #expect(everyProductChecks)
        #expect(ProductCatalogue.dualCD19CD22.custodyRules != ProductCatalogue.fucaso.custodyRules)
        #expect(ProductCatalogue.dualCD19CD22.releaseSpecification != ProductCatalogue.fucaso.releaseSpecification)
    }
}
