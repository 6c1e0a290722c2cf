import Foundation
import Outcomes

/// A time-to-event endpoint as issue 7's JSON contract prints it.
public struct FucasoSurvivalFigure: Sendable, Equatable, Codable {
    /// Kaplan–Meier median, months; `nil` (JSON `null`) when not reached.
    public var medianMonths: Double?
    /// Kaplan–Meier rate at 12 months, 0–1; `nil` when follow-up ends before.
    public var at12Months: Double?

    public init(medianMonths: Double?, at12Months: Double?) {
        self.medianMonths = medianMonths
        self.at12Months = at12Months
    }

    init(_ s: CohortSurvival?) {
        medianMonths = s?.medianMonths
        at12Months = s?.rate(atMonths: 12)?.survival
    }

    enum CodingKeys: String, CodingKey { case medianMonths, at12Months }

    /// Writes `null` for a missing value (the contract says "median null when not reached").
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(medianMonths, forKey: .medianMonths)
        try c.encode(at12Months, forKey: .at12Months)
    }
}

/// The JSON summary of one run (issue 7 item 5), every figure read from the lead's `CohortReport`,
/// which the engines derived from the virtual patients' records. Proportions are fractions 0–1;
/// `null` marks a figure the data cannot give (no denominator, median not reached).
public struct FucasoTrialSummary: Sendable, Equatable, Codable {
    public struct Naive: Sendable, Equatable, Codable {
        public var orr: Double?
        public var crOrBetter: Double?
        public func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(orr, forKey: .orr); try c.encode(crOrBetter, forKey: .crOrBetter)
        }
    }
    public struct CRS: Sendable, Equatable, Codable {
        public var anyGrade: Double?
        public var grade3OrHigher: Double?
        public func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(anyGrade, forKey: .anyGrade); try c.encode(grade3OrHigher, forKey: .grade3OrHigher)
        }
    }
    public struct ICANS: Sendable, Equatable, Codable {
        public var anyGrade: Double?
        public func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(anyGrade, forKey: .anyGrade)
        }
    }

    // Required by issue 7.
    public var patients: Int
    public var evaluable: Int
    public var orr: Double?
    public var crOrBetter: Double?
    public var mrdNegative: Double?
    public var naive: Naive
    public var pfs: FucasoSurvivalFigure
    public var pfsNaive: FucasoSurvivalFigure
    public var os: FucasoSurvivalFigure
    public var mrdNegativityDurationMedianMonths: Double?
    public var crs: CRS
    public var icans: ICANS
    public var persistenceMedianDays: Double?
    public var vcnDetectableAt12Months: Double?
    public var vcnDetectableAt24Months: Double?
    public var medianFollowUpMonths: Double?
    // Extra figures of the calibration set.
    /// Median day of first confirmed PR or better, among responders.
    public var timeToFirstResponseMedianDays: Double?
    /// Median day of the first MRD-negative marrow, among MRD-negative patients.
    public var timeToMRDNegativityMedianDays: Double?
    /// Median transgene Tmax (NCA), days.
    public var transgeneTmaxMedianDays: Double?
    /// Kaplan–Meier rate of continued MRD negativity 12 months after the first negative test.
    public var mrdNegativeAt12Months: Double?

    /// Reads the figures off a cohort report.
    public init(_ r: CohortReport) {
        patients = r.infused
        evaluable = r.evaluable
        orr = r.orr.estimate
        crOrBetter = r.crOrBetter.estimate
        mrdNegative = r.mrdNegative.estimate
        naive = Naive(orr: r.naiveORR.estimate, crOrBetter: r.naiveCROrBetter.estimate)
        pfs = FucasoSurvivalFigure(r.pfs)
        pfsNaive = FucasoSurvivalFigure(r.pfsNaive)
        os = FucasoSurvivalFigure(r.os)
        mrdNegativityDurationMedianMonths = r.durationOfMRDNegativity?.medianMonths
        crs = CRS(anyGrade: r.crs.anyGrade.estimate, grade3OrHigher: r.crs.grade3OrHigher.estimate)
        icans = ICANS(anyGrade: r.icans.anyGrade.estimate)
        persistenceMedianDays = r.persistenceMedianDays
        vcnDetectableAt12Months = r.vcnDetectableAt12Months.estimate
        vcnDetectableAt24Months = r.vcnDetectableAt24Months.estimate
        medianFollowUpMonths = r.medianFollowUpMonths
        timeToFirstResponseMedianDays = r.timeToFirstResponseDays.median
        timeToMRDNegativityMedianDays = r.timeToMRDNegativityDays.median
        let tmax = r.patients.filter(\.infused).compactMap { $0.persistence?.tmax }.map { Int($0) }
        transgeneTmaxMedianDays = CohortDayDistribution(tmax).median
        mrdNegativeAt12Months = r.durationOfMRDNegativity?.rate(atMonths: 12)?.survival
    }

    enum CodingKeys: String, CodingKey {
        case patients, evaluable, orr, crOrBetter, mrdNegative, naive, pfs, pfsNaive, os
        case mrdNegativityDurationMedianMonths, crs, icans, persistenceMedianDays
        case vcnDetectableAt12Months, vcnDetectableAt24Months, medianFollowUpMonths
        case timeToFirstResponseMedianDays, timeToMRDNegativityMedianDays, transgeneTmaxMedianDays
        case mrdNegativeAt12Months
    }

    /// Every key is written, missing values as `null`.
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(patients, forKey: .patients)
        try c.encode(evaluable, forKey: .evaluable)
        try c.encode(orr, forKey: .orr)
        try c.encode(crOrBetter, forKey: .crOrBetter)
        try c.encode(mrdNegative, forKey: .mrdNegative)
        try c.encode(naive, forKey: .naive)
        try c.encode(pfs, forKey: .pfs)
        try c.encode(pfsNaive, forKey: .pfsNaive)
        try c.encode(os, forKey: .os)
        try c.encode(mrdNegativityDurationMedianMonths, forKey: .mrdNegativityDurationMedianMonths)
        try c.encode(crs, forKey: .crs)
        try c.encode(icans, forKey: .icans)
        try c.encode(persistenceMedianDays, forKey: .persistenceMedianDays)
        try c.encode(vcnDetectableAt12Months, forKey: .vcnDetectableAt12Months)
        try c.encode(vcnDetectableAt24Months, forKey: .vcnDetectableAt24Months)
        try c.encode(medianFollowUpMonths, forKey: .medianFollowUpMonths)
        try c.encode(timeToFirstResponseMedianDays, forKey: .timeToFirstResponseMedianDays)
        try c.encode(timeToMRDNegativityMedianDays, forKey: .timeToMRDNegativityMedianDays)
        try c.encode(transgeneTmaxMedianDays, forKey: .transgeneTmaxMedianDays)
        try c.encode(mrdNegativeAt12Months, forKey: .mrdNegativeAt12Months)
    }
}
