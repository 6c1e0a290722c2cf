import Clinical
import Foundation
import Testing

/// The `cartograph response` JSON contract.
@Suite("IMWG response command contract")
struct IMWGCommandTests {
    /// Worked example. Baseline serum 3.0 g/dL (measurable), urine 50 mg (not), κ 300 / λ 10 mg/L
    /// (involved 300 ≥ 100, ratio 30 > 1.65: measurable) → ["serum", "flc"].
    /// Day 14: 1.2 g/dL = 60% below → PR; MRD NGF negative at 1e-5 → firstMRDNegativeDay 14.
    /// Day 28: 0.2 = 93.3% → VGPR. Day 56: IFE negative ×2, marrow 1%, no clonal cells, κ/λ 15/12 = 1.25
    /// → sCR. Day 84: IFE negative ×2, κ/λ 14/12 = 1.17, marrow of day 56 stands → sCR.
    /// Each is followed by one at least as deep → all confirmed; best sCR from day 56.
    static let example = """
    {"baseline": {"serumMProteinGramsPerDeciliter": 3.0, "urineMProteinMilligramsPer24h": 50,
                  "kappaFreeLightChainMilligramsPerLiter": 300, "lambdaFreeLightChainMilligramsPerLiter": 10},
     "assessments": [
       {"day": 14, "serumMProteinGramsPerDeciliter": 1.2, "mrd": {"result": "negative", "method": "NGF", "sensitivity": 1e-5}},
       {"day": 28, "serumMProteinGramsPerDeciliter": 0.2, "urineMProteinMilligramsPer24h": null},
       {"day": 56, "serumMProteinGramsPerDeciliter": 0, "serumImmunofixation": "negative", "urineImmunofixation": "negative",
        "boneMarrowPlasmaCellPercent": 1, "clonalPlasmaCellsInMarrow": false,
        "kappaFreeLightChainMilligramsPerLiter": 15, "lambdaFreeLightChainMilligramsPerLiter": 12},
       {"day": 84, "serumImmunofixation": "negative", "urineImmunofixation": "negative",
        "kappaFreeLightChainMilligramsPerLiter": 14, "lambdaFreeLightChainMilligramsPerLiter": 12}]}
    """
    /// No MRD category (the day-14 negative is at PR; no test at sCR), no clinical relapse: the keys
    /// added later (`mrdCategory`, `clinicalRelapseDay`, the two sustained days) are null.
    static let exampleOutput = #"{"assessments":[{"confirmed":true,"day":14,"mrdCategory":null,"response":"PR"},{"confirmed":true,"day":28,"mrdCategory":null,"response":"VGPR"},{"confirmed":true,"day":56,"mrdCategory":null,"response":"sCR"},{"confirmed":true,"day":84,"mrdCategory":null,"response":"sCR"}],"bestConfirmedResponse":"sCR","bestConfirmedResponseDay":56,"clinicalRelapseDay":null,"firstMRDNegativeDay":14,"measurableDisease":["serum","flc"],"progressionDay":null,"sustainedMRDNegativeDay":null,"sustainedMarrowMRDNegativeDay":null}"#

    @Test("worked example: sorted keys, nulls written out")
    func workedExample() throws {
        // setup / MUT
        let output = try imwgRunResponse(Self.example)
        // validate
        #expect(output == Self.exampleOutput)
    }

    @Test("an array in gives an array out, in the same order")
    func arrayInput() throws {
        // setup: second patient has nothing measurable and no assessments
        let input = "[\(Self.example), {\"baseline\": {}, \"assessments\": []}]"
        // MUT
        let output = try imwgRunResponse(input)
        // validate
        let empty = #"{"assessments":[],"bestConfirmedResponse":null,"bestConfirmedResponseDay":null,"clinicalRelapseDay":null,"firstMRDNegativeDay":null,"measurableDisease":[],"progressionDay":null,"sustainedMRDNegativeDay":null,"sustainedMarrowMRDNegativeDay":null}"#
        #expect(output == "[\(Self.exampleOutput),\(empty)]")
    }

    @Test("progression and NE in the output")
    func progressionOutput() throws {
        // setup: 2.0 → 2.6 (+0.6, +30%) → nothing measured → 2.7: PD confirmed across the NE visit
        let input = """
        {"baseline": {"serumMProteinGramsPerDeciliter": 2.0},
         "assessments": [{"day": 28, "serumMProteinGramsPerDeciliter": 2.6}, {"day": 42},
                         {"day": 56, "serumMProteinGramsPerDeciliter": 2.7}]}
        """
        // MUT
        let output = try imwgRunResponse(input)
        // validate
        #expect(output == #"{"assessments":[{"confirmed":true,"day":28,"mrdCategory":null,"response":"PD"},{"confirmed":false,"day":42,"mrdCategory":null,"response":"NE"},{"confirmed":true,"day":56,"mrdCategory":null,"response":"PD"}],"bestConfirmedResponse":"PD","bestConfirmedResponseDay":28,"clinicalRelapseDay":null,"firstMRDNegativeDay":null,"measurableDisease":["serum"],"progressionDay":28,"sustainedMRDNegativeDay":null,"sustainedMarrowMRDNegativeDay":null}"#)
    }

    static let invalid: [(String, String)] = [
        (#"{"baseline": {}, "assessments": [{"day": 1}, {"day": 2}, {"day": 3, "serumImmunofixation": "equivocal"}]}"#,
         "assessments[2].serumImmunofixation"),
        (#"{"baseline": {"serumMProteinGramsPerDeciliter": "3.1"}, "assessments": []}"#, "baseline.serumMProteinGramsPerDeciliter"),
        (#"{"baseline": {}, "assessments": [{"day": 1, "serumMprotein": 1}]}"#, "assessments[0].serumMprotein"),
        (#"{"baseline": {}, "assessments": [], "notes": "x"}"#, "notes"),
        (#"{"baseline": {}, "assessments": [{"day": 28}, {"day": 14}]}"#, "assessments[1].day"),
        (#"{"baseline": {}, "assessments": [{"day": 28}, {"day": 28}]}"#, "assessments[1].day"),
        (#"{"baseline": {}, "assessments": [{"day": 28.5}]}"#, "assessments[0].day"),
        (#"{"baseline": {}, "assessments": [{"serumMProteinGramsPerDeciliter": 1}]}"#, "assessments[0].day"),
        (#"{"baseline": {"urineMProteinMilligramsPer24h": -5}, "assessments": []}"#, "baseline.urineMProteinMilligramsPer24h"),
        (#"{"baseline": {"boneMarrowPlasmaCellPercent": 101}, "assessments": []}"#, "baseline.boneMarrowPlasmaCellPercent"),
        (#"{"baseline": {"involvedFreeLightChain": "mu"}, "assessments": []}"#, "baseline.involvedFreeLightChain"),
        (#"{"baseline": {}, "assessments": [{"day": 1, "newLesion": "yes"}]}"#, "assessments[0].newLesion"),
        (#"{"baseline": {}, "assessments": [{"day": 1, "clonalPlasmaCellsInMarrow": 0}]}"#, "assessments[0].clonalPlasmaCellsInMarrow"),
        (#"{"baseline": {}, "assessments": [{"day": 1, "mrd": {"result": "negative", "method": "PCR"}}]}"#, "assessments[0].mrd.method"),
        (#"{"baseline": {}, "assessments": [{"day": 1, "mrd": {"method": "NGS"}}]}"#, "assessments[0].mrd.result"),
        (#"{"baseline": {}, "assessments": [{"day": 1, "mrd": {"result": "negative", "method": "NGS", "sensitivity": 0}}]}"#, "assessments[0].mrd.sensitivity"),
        (#"{"assessments": []}"#, "baseline"),
        (#"{"baseline": {}}"#, "assessments"),
        (#"{"baseline": [], "assessments": []}"#, "baseline"),
        (#"{"baseline": {}, "assessments": [5]}"#, "assessments[0]"),
        (#"{"baseline": {}, "assessments": [}"#, "input"),
        ("", "input"),
        (#""patient""#, "input"),
        (#"[{"baseline": {}, "assessments": []}, {"baseline": {}, "assessments": [{"day": "x"}]}]"#, "[1].assessments[0].day"),
    ]

    @Test("invalid input names the field", arguments: invalid)
    func invalidInput(json: String, field: String) {
        // setup / MUT
        let error = #expect(throws: ResponseInputError.self) { try imwgRunResponse(json) }
        // validate
        #expect(error?.field == field)
        #expect(error?.description.hasPrefix(field + ": ") == true)
    }

    @Test("unknown enum value message lists the allowed spellings")
    func enumMessage() {
        // setup
        let json = #"{"baseline": {}, "assessments": [{"day": 1, "urineImmunofixation": "weak"}]}"#
        // MUT
        let error = #expect(throws: ResponseInputError.self) { try imwgRunResponse(json) }
        // validate
        #expect(error?.description == #"assessments[0].urineImmunofixation: unknown value "weak"; expected one of "positive", "negative""#)
    }
}
