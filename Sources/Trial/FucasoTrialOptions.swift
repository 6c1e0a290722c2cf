import CartographCore
import Foundation

/// Origin of the CAR's antigen-binding scFv (scenario knob `--scfv`).
public enum FucasoScFvOrigin: String, Sendable, Equatable, Codable, CaseIterable {
    /// Fully human (eque-cel).
    case human
    /// Murine (first-generation BCMA CARs); more anti-drug antibodies in the model.
    case murine
}

/// An invalid trial option, naming the field.
public struct FucasoTrialOptionError: Error, Sendable, Equatable, CustomStringConvertible {
    public var field: String
    public var message: String
    public init(_ field: String, _ message: String) { self.field = field; self.message = message }
    public var description: String { "\(field): \(message)" }
}

/// Everything that defines one run of the in-silico FUMANBA-1 trial (preset `fumanba-1`).
///
/// Defaults reproduce the trial as run: 109 infused patients, 1.0 × 10⁶ CAR-T/kg (seed 000), a
/// data cut on 2024-12-31 with a median follow-up of 36 months (seed 000), the fitted parameters.
/// The scenario knobs (issue 7 item 6) change the product or the population for every patient.
public struct FucasoTrialOptions: Sendable, Equatable, Codable {
    public static let preset = "fumanba-1"

    /// Infused patients, 1…1,000,000.
    public var patients: Int
    /// Seed of every random stream (`VirtualPatientRandom`).
    public var seed: UInt64
    /// Median potential follow-up at the data cut, months, 1…120.
    public var followUpMonths: Double
    /// Data cut (default 2024-12-31, the 36-month cut of seed 000).
    public var dataCut: CalendarDate
    /// Accrual period, months (enrolment uniform over it), capped at `followUpMonths` so that the
    /// minimum follow-up stays ≥ half the median. Default 24 (assumption: FUMANBA-1 enrolled for about
    /// two years).
    public var accrualMonths: Double
    /// CAR–BCMA dissociation rate koff, 1/s; `nil` = the model's eque-cel value. Range 1e-6…10.
    public var dissociationRate: Double?
    public var scFv: FucasoScFvOrigin
    /// Dose, ×10⁶ CAR-T cells/kg, 0.01…100 (FUMANBA-1: 1.0).
    public var dose: Double
    /// Every patient's number of prior lines, 3…23; `nil` = drawn from the population (median 4).
    public var priorLines: Int?
    /// Multiplier of every patient's baseline tumour (marrow and extramedullary), 0.01…10.
    public var tumorBurden: Double
    /// Keep every patient's records in the result (set `false` for 10⁵-patient runs: only the
    /// summary is kept).
    public var keepRecords: Bool
    /// Worker threads; `nil` = all active processors.
    public var threads: Int?
    /// Replicate trials of `patients` each behind the model's expectation of every calibration figure
    /// (`FucasoReplicateTrials`); 0 = none. At most 1,000 and `replicates × patients` ≤ 10⁶.
    public var replicates: Int = 0
    /// Model parameters (default: the calibrated set).
    public var parameters: FucasoModelParameters

    public init(patients: Int = 109, seed: UInt64 = 20_241_231, followUpMonths: Double = 36,
                dataCut: CalendarDate = CalendarDate(year: 2024, month: 12, day: 31)!,
                accrualMonths: Double = 24, dissociationRate: Double? = nil, scFv: FucasoScFvOrigin = .human,
                dose: Double = 1.0, priorLines: Int? = nil, tumorBurden: Double = 1, keepRecords: Bool = true,
                threads: Int? = nil, parameters: FucasoModelParameters = FucasoCalibratedParameters.fitted) {
        self.patients = patients
        self.seed = seed
        self.followUpMonths = followUpMonths
        self.dataCut = dataCut
        self.accrualMonths = accrualMonths
        self.dissociationRate = dissociationRate
        self.scFv = scFv
        self.dose = dose
        self.priorLines = priorLines
        self.tumorBurden = tumorBurden
        self.keepRecords = keepRecords
        self.threads = threads
        self.parameters = parameters
    }

    /// The koff actually used.
    public var effectiveDissociationRate: Double { dissociationRate ?? parameters.dissociationRate }

    /// Checks every knob; throws `FucasoTrialOptionError` naming the first bad field.
    public func validate() throws {
        guard (1...1_000_000).contains(patients) else {
            throw FucasoTrialOptionError("patients", "\(patients) is outside 1...1000000")
        }
        guard (0...1000).contains(replicates) else {
            throw FucasoTrialOptionError("replicates", "\(replicates) is outside 0...1000")
        }
        guard replicates * patients <= 1_000_000 else {
            throw FucasoTrialOptionError("replicates",
                                         "\(replicates) replicate trials × \(patients) patients exceeds 1000000 virtual patients")
        }
        guard followUpMonths.isFinite, (1...120).contains(followUpMonths) else {
            throw FucasoTrialOptionError("followUpMonths", "\(followUpMonths) is outside 1...120")
        }
        guard accrualMonths.isFinite, (0...120).contains(accrualMonths) else {
            throw FucasoTrialOptionError("accrualMonths", "\(accrualMonths) is outside 0...120")
        }
        if let k = dissociationRate, !(k.isFinite && k >= 1e-6 && k <= 10) {
            throw FucasoTrialOptionError("dissociationRate", "\(k) is outside 1e-6...10 (1/s)")
        }
        guard dose.isFinite, (0.01...100).contains(dose) else {
            throw FucasoTrialOptionError("dose", "\(dose) is outside 0.01...100 (×10⁶ CAR-T cells/kg)")
        }
        if let l = priorLines, !(3...23).contains(l) {
            throw FucasoTrialOptionError("priorLines", "\(l) is outside 3...23")
        }
        guard tumorBurden.isFinite, (0.01...10).contains(tumorBurden) else {
            throw FucasoTrialOptionError("tumorBurden", "\(tumorBurden) is outside 0.01...10")
        }
        if let t = threads, t < 1 { throw FucasoTrialOptionError("threads", "\(t) must be ≥ 1") }
    }
}
