import CartographCore
import Foundation
import Testing
@testable import Clinical

/// The `cartograph response` contract for the keys added with imaging-plus MRD, circulating plasma
/// cells and clinical relapse: strictly typed input, errors naming the field, and the added output keys
/// (`mrdCategory`, `clinicalRelapseDay`, `sustainedMRDNegativeDay`, `sustainedMarrowMRDNegativeDay`).
@Suite("IMWG response command: imaging, circulating plasma cells, clinical relapse")
struct IMWGCommandAdditionsTests {
    @Test("every new input key is read into the engine's input")
    func newKeysParsed() throws {
        // setup
        let json = """
        {"baseline": {"serumMProteinGramsPerDeciliter": 2.0, "circulatingPlasmaCellsPerMicroliter": 150,
                      "hemoglobinGramsPerDeciliter": 11.5, "creatinineMilligramsPerDeciliter": 0.9},
         "assessments": [{"day": 28, "petCT": "negative", "circulatingPlasmaCellsPerMicroliter": 30,
                          "calciumMilligramsPerDeciliter": 9.5, "hemoglobinGramsPerDeciliter": 10,
                          "creatinineMilligramsPerDeciliter": 1.1, "hyperviscosity": false,
                          "anaemiaAttributedToMyeloma": true, "renalDysfunctionAttributedToMyeloma": false},
                         {"day": 56, "petCT": "positive", "hyperviscosity": null}]}
        """
        // MUT
        let (baseline, assessments) = try ResponseCommand.parsePatient(try StrictJSONValue.parse(Data(json.utf8)))
        // validate
        #expect(baseline == IMWGBaseline(serumMProteinGramsPerDeciliter: 2.0, circulatingPlasmaCellsPerMicroliter: 150,
                                         hemoglobinGramsPerDeciliter: 11.5, creatinineMilligramsPerDeciliter: 0.9))
        #expect(assessments == [
            IMWGAssessment(day: 28, petCT: .negative, circulatingPlasmaCellsPerMicroliter: 30, calciumMilligramsPerDeciliter: 9.5,
                           hemoglobinGramsPerDeciliter: 10, creatinineMilligramsPerDeciliter: 1.1, hyperviscosity: false,
                           anaemiaAttributedToMyeloma: true, renalDysfunctionAttributedToMyeloma: false),
            IMWGAssessment(day: 56, petCT: .positive),
        ])
    }

    static let invalid: [(String, String)] = [
        (#"{"baseline": {}, "assessments": [{"day": 1}, {"day": 2}, {"day": 3, "petCT": "equivocal"}]}"#, "assessments[2].petCT"),
        (#"{"baseline": {}, "assessments": [{"day": 1, "petCT": true}]}"#, "assessments[0].petCT"),
        (#"{"baseline": {"circulatingPlasmaCellsPerMicroliter": "150"}, "assessments": []}"#, "baseline.circulatingPlasmaCellsPerMicroliter"),
        (#"{"baseline": {"hemoglobinGramsPerDeciliter": true}, "assessments": []}"#, "baseline.hemoglobinGramsPerDeciliter"),
        (#"{"baseline": {"creatinineMilligramsPerDeciliter": -1}, "assessments": []}"#, "baseline.creatinineMilligramsPerDeciliter"),
        (#"{"baseline": {"petCT": "negative"}, "assessments": []}"#, "baseline.petCT"),
        (#"{"baseline": {"calciumMilligramsPerDeciliter": 9}, "assessments": []}"#, "baseline.calciumMilligramsPerDeciliter"),
        (#"{"baseline": {}, "assessments": [{"day": 1, "circulatingPlasmaCellsPerMicroliter": "x"}]}"#, "assessments[0].circulatingPlasmaCellsPerMicroliter"),
        (#"{"baseline": {}, "assessments": [{"day": 1, "circulatingPlasmaCellsPerMicroliter": -5}]}"#, "assessments[0].circulatingPlasmaCellsPerMicroliter"),
        (#"{"baseline": {}, "assessments": [{"day": 1, "calciumMilligramsPerDeciliter": "11"}]}"#, "assessments[0].calciumMilligramsPerDeciliter"),
        (#"{"baseline": {}, "assessments": [{"day": 1, "hemoglobinGramsPerDeciliter": -3}]}"#, "assessments[0].hemoglobinGramsPerDeciliter"),
        (#"{"baseline": {}, "assessments": [{"day": 1, "creatinineMilligramsPerDeciliter": [1]}]}"#, "assessments[0].creatinineMilligramsPerDeciliter"),
        (#"{"baseline": {}, "assessments": [{"day": 1, "hyperviscosity": "yes"}]}"#, "assessments[0].hyperviscosity"),
        (#"{"baseline": {}, "assessments": [{"day": 1, "anaemiaAttributedToMyeloma": 1}]}"#, "assessments[0].anaemiaAttributedToMyeloma"),
        (#"{"baseline": {}, "assessments": [{"day": 1, "renalDysfunctionAttributedToMyeloma": "true"}]}"#, "assessments[0].renalDysfunctionAttributedToMyeloma"),
    ]

    @Test("a new key with a wrong type or value names the field", arguments: invalid)
    func invalidInput(json: String, field: String) {
        // setup / MUT
        let error = #expect(throws: ResponseInputError.self) { try imwgRunResponse(json) }
        // validate
        #expect(error?.field == field)
        #expect(error?.description.hasPrefix(field + ": ") == true)
    }

    @Test("unknown PET/CT value message lists the allowed spellings")
    func petMessage() {
        // setup
        let json = #"{"baseline": {}, "assessments": [{"day": 1, "petCT": "equivocal"}]}"#
        // MUT
        let error = #expect(throws: ResponseInputError.self) { try imwgRunResponse(json) }
        // validate
        #expect(error?.description == #"assessments[0].petCT: unknown value "equivocal"; expected one of "negative", "positive""#)
    }

    /// Baseline serum 2.0 g/dL (measurable). Day 28: 0.8 = 60% below → PR. Day 56: serum 0, both IFE
    /// negative, marrow 1%, NGF negative at 1e-5, PET/CT negative → CR (no FLC ratio: not sCR), imaging-plus.
    /// Day 84: serum 0, both IFE negative, marrow of day 56 stands → CR, no MRD test; calcium 11.4 > 11 →
    /// clinical relapse, which leaves progression null. Confirmed: PR by CR, CR by CR; best CR from 56.
    @Test("output: mrdCategory per assessment and clinicalRelapseDay")
    func outputWithImagingPlusAndClinicalRelapse() throws {
        // setup
        let json = """
        {"baseline": {"serumMProteinGramsPerDeciliter": 2.0, "hemoglobinGramsPerDeciliter": 12, "creatinineMilligramsPerDeciliter": 1.0},
         "assessments": [
           {"day": 28, "serumMProteinGramsPerDeciliter": 0.8},
           {"day": 56, "serumMProteinGramsPerDeciliter": 0, "serumImmunofixation": "negative", "urineImmunofixation": "negative",
            "boneMarrowPlasmaCellPercent": 1, "mrd": {"result": "negative", "method": "NGF", "sensitivity": 1e-5}, "petCT": "negative"},
           {"day": 84, "serumMProteinGramsPerDeciliter": 0, "serumImmunofixation": "negative", "urineImmunofixation": "negative",
            "calciumMilligramsPerDeciliter": 11.4}]}
        """
        // MUT
        let output = try imwgRunResponse(json)
        // validate
        #expect(output == #"{"assessments":[{"confirmed":true,"day":28,"mrdCategory":null,"response":"PR"},{"confirmed":true,"day":56,"mrdCategory":"imaging-plus MRD-negative","response":"CR"},{"confirmed":true,"day":84,"mrdCategory":null,"response":"CR"}],"bestConfirmedResponse":"CR","bestConfirmedResponseDay":56,"clinicalRelapseDay":84,"firstMRDNegativeDay":56,"measurableDisease":["serum"],"progressionDay":null,"sustainedMRDNegativeDay":null,"sustainedMarrowMRDNegativeDay":null}"#)
    }

    /// Two patients, baseline serum 2.0 g/dL, CR on days 56 and 421 (marrow 1% on day 56 stands), NGF
    /// negative at 1e-5 on both days, 365 days apart. With a negative PET/CT on both days: imaging-plus,
    /// then sustained on 421 (both sustained days 421). Without PET/CT: flow on both days, Kumar 2016
    /// sustained not met (null), marrow-only sustained 421.
    @Test("output: sustainedMRDNegativeDay needs imaging, sustainedMarrowMRDNegativeDay does not")
    func outputSustained() throws {
        // setup
        func patient(pet: String) -> String {
            """
            {"baseline": {"serumMProteinGramsPerDeciliter": 2.0}, "assessments": [
              {"day": 56, "serumMProteinGramsPerDeciliter": 0, "serumImmunofixation": "negative", "urineImmunofixation": "negative",
               "boneMarrowPlasmaCellPercent": 1, "mrd": {"result": "negative", "method": "NGF", "sensitivity": 1e-5}\(pet)},
              {"day": 421, "serumMProteinGramsPerDeciliter": 0, "serumImmunofixation": "negative", "urineImmunofixation": "negative",
               "mrd": {"result": "negative", "method": "NGF", "sensitivity": 1e-5}\(pet)}]}
            """
        }
        // MUT
        let output = try imwgRunResponse("[\(patient(pet: #", "petCT": "negative""#)), \(patient(pet: ""))]")
        // validate
        let withPET = #"{"assessments":[{"confirmed":true,"day":56,"mrdCategory":"imaging-plus MRD-negative","response":"CR"},{"confirmed":true,"day":421,"mrdCategory":"sustained MRD-negative","response":"CR"}],"bestConfirmedResponse":"CR","bestConfirmedResponseDay":56,"clinicalRelapseDay":null,"firstMRDNegativeDay":56,"measurableDisease":["serum"],"progressionDay":null,"sustainedMRDNegativeDay":421,"sustainedMarrowMRDNegativeDay":421}"#
        let marrowOnly = #"{"assessments":[{"confirmed":true,"day":56,"mrdCategory":"flow MRD-negative","response":"CR"},{"confirmed":true,"day":421,"mrdCategory":"flow MRD-negative","response":"CR"}],"bestConfirmedResponse":"CR","bestConfirmedResponseDay":56,"clinicalRelapseDay":null,"firstMRDNegativeDay":56,"measurableDisease":["serum"],"progressionDay":null,"sustainedMRDNegativeDay":null,"sustainedMarrowMRDNegativeDay":421}"#
        #expect(output == "[\(withPET),\(marrowOnly)]")
    }
}
