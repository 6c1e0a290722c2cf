import CartographCore
import Foundation

/// `cartograph response`: IMWG response of one patient (a JSON object) or several (an array).
///
/// Input object:
/// ```
/// {"baseline": {…}, "assessments": [{"day": 28, …}, …]}
/// ```
/// Both keys are required (`assessments` may be empty). Baseline and assessments may carry
/// `serumMProteinGramsPerDeciliter`, `urineMProteinMilligramsPer24h`,
/// `kappaFreeLightChainMilligramsPerLiter`, `lambdaFreeLightChainMilligramsPerLiter` (mg/L; the IMWG's
/// 10 mg/dL is 100 mg/L), `boneMarrowPlasmaCellPercent`, `plasmacytomaSPDSquareCentimeters`,
/// `circulatingPlasmaCellsPerMicroliter`, `hemoglobinGramsPerDeciliter`,
/// `creatinineMilligramsPerDeciliter`; the baseline also `involvedFreeLightChain` ("kappa" | "lambda");
/// an assessment also `day` (required, whole number), `serumImmunofixation`, `urineImmunofixation`
/// ("positive" | "negative"), `clonalPlasmaCellsInMarrow`, `newLesion` (booleans), `mrd`
/// (`{"result": "negative"|"positive", "method": "NGF"|"NGS", "sensitivity": number}`; result and method
/// required), `petCT` ("negative" | "positive"), and the clinical-relapse inputs
/// `calciumMilligramsPerDeciliter` (number), `hyperviscosity`, `anaemiaAttributedToMyeloma`,
/// `renalDysfunctionAttributedToMyeloma` (booleans). Absent or null means not measured. Numbers must
/// be finite and ≥ 0 (percentages ≤ 100); every error names its field, e.g. `assessments[2].petCT`.
///
/// Output object (keys sorted):
/// ```
/// {"assessments": [{"confirmed": bool, "day": int, "mrdCategory": string|null,
///                   "response": "sCR"|"CR"|"VGPR"|"PR"|"MR"|"SD"|"PD"|"NE"}],
///  "bestConfirmedResponse": string|null, "bestConfirmedResponseDay": int|null,
///  "clinicalRelapseDay": int|null, "firstMRDNegativeDay": int|null,
///  "measurableDisease": ["serum"|"urine"|"flc"], "progressionDay": int|null,
///  "sustainedMRDNegativeDay": int|null, "sustainedMarrowMRDNegativeDay": int|null}
/// ```
/// - `measurableDisease`: the IMWG measurable markers at baseline, in the order serum, urine, flc.
/// - `bestConfirmedResponseDay`: day of the first of the two assessments confirming the best response;
///   for marrow- or imaging-only evidence the day of that assessment; for "PD" the progression day.
/// - `progressionDay`: first assessment of a confirmed progression (imaging and marrow: no confirmation).
/// - `firstMRDNegativeDay`: first MRD test negative at sensitivity ≤ 1e-5 (1e-5 or 1e-6 count, 1e-4 and
///   a missing sensitivity do not), regardless of the response category at the time.
/// - `mrdCategory`: "flow MRD-negative" | "sequencing MRD-negative" | "imaging-plus MRD-negative" |
///   "sustained MRD-negative" (only in CR or sCR), else null.
/// - `sustainedMRDNegativeDay`: Kumar 2016's sustained MRD negativity (marrow and PET/CT negative at both
///   ends, ≥ 1 year apart); `sustainedMarrowMRDNegativeDay`: the marrow-only version trials report.
/// - `clinicalRelapseDay`: first assessment meeting a clinical-relapse criterion; reported only, it
///   never sets `progressionDay`.
/// The keys of earlier versions keep their names and meaning; later versions only add keys.
/// Rule set: `IMWGRuleSet.imwg2016` (see `IMWGResponse` for the engine's rules on missing data).
public enum ResponseCommand {
    /// Runs the command on the bytes of standard input.
    ///
    /// - Returns: UTF-8 JSON, an object or an array in the input's order.
    /// - Throws: `ResponseInputError` naming the field (malformed JSON is reported against `input`;
    ///   array elements are prefixed `[n].`).
    public static func run(_ input: Data) throws -> Data {
        let document = try StrictJSONValue.parse(input)
        try document.requireShape(shape)
        if case .array(let patients) = document {
            let outputs = try patients.enumerated().map { i, patient in
                do { return try evaluate(patient) } catch let e as ResponseInputError { throw e.prefixed("[\(i)]") }
            }
            return try StrictJSONValue.array(outputs).serialized()
        }
        return try evaluate(document).serialized()
    }

    static func evaluate(_ value: StrictJSONValue) throws -> StrictJSONValue {
        let (baseline, assessments) = try parsePatient(value)
        let course = try IMWGResponse.assess(baseline: baseline, assessments: assessments)
        func int(_ v: Int?) -> StrictJSONValue { v.map { .number(Double($0)) } ?? .null }
        return .object([
            "measurableDisease": .array(course.measurableDisease.map { .string($0.rawValue) }),
            "assessments": .array(course.assessments.map {
                .object(["day": .number(Double($0.day)), "response": .string($0.category.rawValue),
                         "confirmed": .bool($0.confirmed),
                         "mrdCategory": $0.mrdCategory.map { .string($0.rawValue) } ?? .null])
            }),
            "bestConfirmedResponse": course.bestConfirmedResponse.map { .string($0.rawValue) } ?? .null,
            "bestConfirmedResponseDay": int(course.bestConfirmedResponseDay),
            "progressionDay": int(course.progressionDay),
            "firstMRDNegativeDay": int(course.firstMRDNegativeDay),
            "sustainedMRDNegativeDay": int(course.sustainedMRDNegativeDay),
            "sustainedMarrowMRDNegativeDay": int(course.sustainedMarrowMRDNegativeDay),
            "clinicalRelapseDay": int(course.clinicalRelapseDay),
        ])
    }

    static let labKeys = [
        "serumMProteinGramsPerDeciliter", "urineMProteinMilligramsPer24h",
        "kappaFreeLightChainMilligramsPerLiter", "lambdaFreeLightChainMilligramsPerLiter",
        "boneMarrowPlasmaCellPercent", "plasmacytomaSPDSquareCentimeters",
        "circulatingPlasmaCellsPerMicroliter", "hemoglobinGramsPerDeciliter", "creatinineMilligramsPerDeciliter",
    ]

    static let mrdShape = StrictJSONShape(allowed: ["result", "method", "sensitivity"])
    static let assessmentShape = StrictJSONShape(allowed: ["day"] + labKeys + [
        "serumImmunofixation", "urineImmunofixation", "clonalPlasmaCellsInMarrow", "newLesion", "mrd",
        "petCT", "calciumMilligramsPerDeciliter", "hyperviscosity", "anaemiaAttributedToMyeloma",
        "renalDysfunctionAttributedToMyeloma",
    ], nested: ["mrd": mrdShape])
    static let baselineShape = StrictJSONShape(allowed: labKeys + ["involvedFreeLightChain"])
    /// One patient's input: every key allowed at every level, checked before any value is read.
    static let shape = StrictJSONShape(allowed: ["baseline", "assessments"],
                                       nested: ["baseline": baselineShape, "assessments": assessmentShape])

    static func parsePatient(_ value: StrictJSONValue) throws -> (IMWGBaseline, [IMWGAssessment]) {
        let root = try ContractJSONObject(value, path: "", shape: shape)
        let b = try ContractJSONObject(try root.required("baseline"), path: "baseline", shape: baselineShape)
        let baseline = IMWGBaseline(
            serumMProteinGramsPerDeciliter: try b.number("serumMProteinGramsPerDeciliter"),
            urineMProteinMilligramsPer24h: try b.number("urineMProteinMilligramsPer24h"),
            kappaFreeLightChainMilligramsPerLiter: try b.number("kappaFreeLightChainMilligramsPerLiter"),
            lambdaFreeLightChainMilligramsPerLiter: try b.number("lambdaFreeLightChainMilligramsPerLiter"),
            boneMarrowPlasmaCellPercent: try b.number("boneMarrowPlasmaCellPercent"),
            plasmacytomaSPDSquareCentimeters: try b.number("plasmacytomaSPDSquareCentimeters"),
            involvedFreeLightChain: try b.enumeration("involvedFreeLightChain", IMWGLightChain.self),
            circulatingPlasmaCellsPerMicroliter: try b.number("circulatingPlasmaCellsPerMicroliter"),
            hemoglobinGramsPerDeciliter: try b.number("hemoglobinGramsPerDeciliter"),
            creatinineMilligramsPerDeciliter: try b.number("creatinineMilligramsPerDeciliter"))
        guard let list = try root.array("assessments") else {
            throw ResponseInputError(field: "assessments", message: "required (may be an empty array)")
        }
        let assessments = try list.enumerated().map { i, item in
            let o = try ContractJSONObject(item, path: "assessments[\(i)]", shape: assessmentShape)
            guard let day = try o.integer("day") else {
                throw ResponseInputError(field: o.field("day"), message: "required")
            }
            var mrd: MRDTest?
            if let m = o.value("mrd") {
                let mo = try ContractJSONObject(m, path: o.field("mrd"), shape: mrdShape)
                guard let result = try mo.enumeration("result", MRDTestResult.self) else {
                    throw ResponseInputError(field: mo.field("result"), message: "required")
                }
                guard let method = try mo.enumeration("method", MRDMethod.self) else {
                    throw ResponseInputError(field: mo.field("method"), message: "required")
                }
                mrd = MRDTest(result: result, method: method, sensitivity: try mo.number("sensitivity"))
            }
            return IMWGAssessment(
                day: day,
                serumMProteinGramsPerDeciliter: try o.number("serumMProteinGramsPerDeciliter"),
                urineMProteinMilligramsPer24h: try o.number("urineMProteinMilligramsPer24h"),
                kappaFreeLightChainMilligramsPerLiter: try o.number("kappaFreeLightChainMilligramsPerLiter"),
                lambdaFreeLightChainMilligramsPerLiter: try o.number("lambdaFreeLightChainMilligramsPerLiter"),
                boneMarrowPlasmaCellPercent: try o.number("boneMarrowPlasmaCellPercent"),
                plasmacytomaSPDSquareCentimeters: try o.number("plasmacytomaSPDSquareCentimeters"),
                serumImmunofixation: try o.enumeration("serumImmunofixation", IMWGImmunofixation.self),
                urineImmunofixation: try o.enumeration("urineImmunofixation", IMWGImmunofixation.self),
                clonalPlasmaCellsInMarrow: try o.bool("clonalPlasmaCellsInMarrow"),
                newLesion: try o.bool("newLesion"),
                mrd: mrd,
                petCT: try o.enumeration("petCT", IMWGPETCT.self),
                circulatingPlasmaCellsPerMicroliter: try o.number("circulatingPlasmaCellsPerMicroliter"),
                calciumMilligramsPerDeciliter: try o.number("calciumMilligramsPerDeciliter"),
                hemoglobinGramsPerDeciliter: try o.number("hemoglobinGramsPerDeciliter"),
                creatinineMilligramsPerDeciliter: try o.number("creatinineMilligramsPerDeciliter"),
                hyperviscosity: try o.bool("hyperviscosity"),
                anaemiaAttributedToMyeloma: try o.bool("anaemiaAttributedToMyeloma"),
                renalDysfunctionAttributedToMyeloma: try o.bool("renalDysfunctionAttributedToMyeloma"))
        }
        return (baseline, assessments)
    }
}
