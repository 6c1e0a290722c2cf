import Foundation
import CartographCore

/// Laboratory analytes the hematotoxicity scores read, each in the one unit the engines expect (a
/// result entered in another unit is converted on the way in: `SafetyLabValue.init(result:infusion:)`).
public enum SafetyLabAnalyte: String, Sendable, Equatable, Hashable, Codable, CaseIterable {
    /// Platelets per µL (150,000/µL = 150 × 10⁹/L).
    case platelets
    /// Absolute neutrophil count per µL (500/µL = 0.5 × 10⁹/L).
    case anc
    /// Hemoglobin, g/dL.
    case hemoglobin
    /// C-reactive protein, mg/dL (10 mg/L = 1 mg/dL).
    case crp
    /// Ferritin, ng/mL (= µg/L).
    case ferritin
    /// Lactate dehydrogenase, U/L.
    case ldh
    /// Serum creatinine, mg/dL.
    case creatinine

    public var unit: String {
        switch self {
        case .platelets, .anc: "/µL"
        case .hemoglobin: "g/dL"
        case .crp, .creatinine: "mg/dL"
        case .ferritin: "ng/mL"
        case .ldh: "U/L"
        }
    }

    /// Accepted values: the CAR-HEMATOTOX/ICAHT engines' domains, and for LDH and creatinine wide
    /// physiological bounds that catch unit mistakes (creatinine in µmol/L is ~88× mg/dL).
    public var domain: ClosedRange<Double> {
        switch self {
        case .platelets: 0...2_000_000
        case .anc: 0...100_000
        case .hemoglobin: 0...25
        case .crp: 0...100
        case .ferritin: 0...1_000_000
        case .ldh: 0...100_000
        case .creatinine: 0...30
        }
    }
}

/// One laboratory result on a study day. Several results of one analyte on one day are kept in
/// input (drawing) order.
public struct SafetyLabValue: Sendable, Equatable, Hashable, Codable {
    /// Study day, -365...3650 (Day 0 = infusion; baseline labs are negative).
    public var studyDay: Int
    public var analyte: SafetyLabAnalyte
    /// In `analyte.unit`.
    public var value: Double

    public init(studyDay: Int, analyte: SafetyLabAnalyte, value: Double) {
        self.studyDay = studyDay
        self.analyte = analyte
        self.value = value
    }
}

/// A lab value chosen for a score, with the day it came from so staleness is visible.
public struct SafetyLabPick: Sendable, Equatable, Hashable, Codable {
    public var analyte: SafetyLabAnalyte
    public var studyDay: Int
    public var value: Double

    public init(analyte: SafetyLabAnalyte, studyDay: Int, value: Double) {
        self.analyte = analyte
        self.studyDay = studyDay
        self.value = value
    }
}

enum SafetyLabSeries {
    static let studyDayDomain = -365...3650

    /// Checks every value's day and domain, reporting all problems as `labs[i].studyDay` /
    /// `labs[i].value`.
    static func validate(_ labs: [SafetyLabValue]) throws {
        var check = FieldErrorCollector()
        for (i, lab) in labs.enumerated() {
            check.require(studyDayDomain.contains(lab.studyDay), "labs[\(i)].studyDay",
                          "\(lab.studyDay) is out of range -365...3650")
            let d = lab.analyte.domain
            check.require(lab.value.isFinite && d.contains(lab.value), "labs[\(i)].value",
                          "\(lab.analyte.rawValue) \(lab.value.safetyText) is out of range \(d.lowerBound.safetyText)...\(d.upperBound.safetyText) \(lab.analyte.unit)")
        }
        try check.throwIfAny()
    }

    /// The latest value of `analyte` on or before `day` (the last listed on the latest day).
    static func latest(_ analyte: SafetyLabAnalyte, onOrBefore day: Int, in labs: [SafetyLabValue]) -> SafetyLabPick? {
        var best: SafetyLabValue?
        for lab in labs where lab.analyte == analyte && lab.studyDay <= day {
            if best == nil || lab.studyDay >= best!.studyDay { best = lab }
        }
        return best.map { SafetyLabPick(analyte: analyte, studyDay: $0.studyDay, value: $0.value) }
    }
}
