import Clinical
import Foundation

/// Shorthands for building assessments in tests; every field not named is "not measured".
func imwgVisit(
    _ day: Int, serum: Double? = nil, urine: Double? = nil, kappa: Double? = nil, lambda: Double? = nil,
    marrow: Double? = nil, spd: Double? = nil, serumIFE: IMWGImmunofixation? = nil,
    urineIFE: IMWGImmunofixation? = nil, clonal: Bool? = nil, newLesion: Bool? = nil, mrd: MRDTest? = nil,
    petCT: IMWGPETCT? = nil, circulatingPlasmaCells: Double? = nil
) -> IMWGAssessment {
    IMWGAssessment(day: day, serumMProteinGramsPerDeciliter: serum, urineMProteinMilligramsPer24h: urine,
                   kappaFreeLightChainMilligramsPerLiter: kappa, lambdaFreeLightChainMilligramsPerLiter: lambda,
                   boneMarrowPlasmaCellPercent: marrow, plasmacytomaSPDSquareCentimeters: spd,
                   serumImmunofixation: serumIFE, urineImmunofixation: urineIFE,
                   clonalPlasmaCellsInMarrow: clonal, newLesion: newLesion, mrd: mrd,
                   petCT: petCT, circulatingPlasmaCellsPerMicroliter: circulatingPlasmaCells)
}

/// A complete-response assessment: M-protein gone by electrophoresis and immunofixation, marrow given.
func imwgCR(_ day: Int, marrow: Double? = 2, clonal: Bool? = nil, kappa: Double? = nil,
                      lambda: Double? = nil, mrd: MRDTest? = nil, petCT: IMWGPETCT? = nil) -> IMWGAssessment {
    imwgVisit(day, serum: 0, urine: 0, kappa: kappa, lambda: lambda, marrow: marrow,
               serumIFE: .negative, urineIFE: .negative, clonal: clonal, mrd: mrd, petCT: petCT)
}

/// Categories of a course, in order.
func imwgCategories(_ course: IMWGResponseCourse) -> [IMWGCategory] { course.assessments.map(\.category) }

/// Runs the JSON command on a string and returns the output as a string.
func imwgRunResponse(_ json: String) throws -> String {
    String(decoding: try ResponseCommand.run(Data(json.utf8)), as: UTF8.self)
}
