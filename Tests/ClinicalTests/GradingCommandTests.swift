import Foundation
import Testing
@testable import Clinical

/// The `grade crs|ice|icans|hematotox|icaht` JSON contracts: defaults, array order, and errors that
/// name the field. Expected grades are the ASTCT 2019 / CAR-HEMATOTOX table rows cited in the
/// engine tests.
@Suite struct GradingCommandTests {
    private func json(_ text: String) -> Data { Data(text.utf8) }
    private func object(_ data: Data) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }
    private func array(_ data: Data) throws -> [[String: Any]] {
        try #require(try JSONSerialization.jsonObject(with: data) as? [[String: Any]])
    }
    /// The error's description, or a failure when none was thrown.
    private func failure(_ body: () throws -> Data) -> String {
        do { _ = try body(); Issue.record("expected an error"); return "" } catch { return "\(error)" }
    }

    @Test func crsDefaultsMakeFeverAloneGrade1() throws {
        // setup: only a temperature: every other field takes its default (no hypotension, no O2).
        // MUT
        let out = try object(GradingCommand.crs(json(#"{"temperatureC": 38.0}"#)))
        // validate
        #expect(out["grade"] as? Int == 1)
        #expect((out["reasons"] as? [String])?.isEmpty == false)
        #expect(Set(out.keys) == ["grade", "reasons"])
    }

    @Test func crsArrayKeepsOrder() throws {
        // setup: grades 4, 0, 3, 2 in that order (two pressors; 37.9 °C; vasopressin alone; 6 L/min).
        let input = json("""
        [{"temperatureC": 39, "vasopressors": ["norepinephrine", "epinephrine"]},
         {"temperatureC": 37.9, "hypotension": true},
         {"temperatureC": 39, "vasopressors": ["vasopressin"]},
         {"temperatureC": 39, "oxygenDevice": "nasalCannula", "oxygenFlowLitersPerMinute": 6}]
        """)
        // MUT
        let out = try array(GradingCommand.crs(input))
        // validate
        #expect(out.map { $0["grade"] as? Int } == [4, 0, 3, 2])
    }

    @Test func outputKeysAreSorted() throws {
        // setup
        let input = json(#"{"plateletsPerMicroliter": 100000, "ancPerMicroliter": 2000, "hemoglobinGramsPerDeciliter": 10, "crpMilligramsPerDeciliter": 1, "ferritinNanogramsPerMilliliter": 100}"#)
        // MUT
        let text = String(decoding: try GradingCommand.hematotox(input), as: UTF8.self)
        // validate: reasons < risk < score; platelets 100k → 1 point → low.
        #expect(text.hasPrefix(#"{"reasons":"#))
        #expect(text.hasSuffix(#""risk":"low","score":1}"#))
    }

    @Test func badEnumNamesTheField() {
        // setup / MUT
        let message = failure { try GradingCommand.crs(json(#"{"temperatureC": 39, "oxygenDevice": "tent"}"#)) }
        // validate
        #expect(message.hasPrefix("oxygenDevice: unknown value \"tent\""))
        #expect(message.contains("nasalCannula"))
    }

    @Test func unknownVasopressorNamesTheField() {
        // setup / MUT
        let message = failure { try GradingCommand.crs(json(#"{"temperatureC": 39, "vasopressors": ["dobutamine"]}"#)) }
        // validate
        #expect(message.hasPrefix("vasopressors[0]: unknown value \"dobutamine\""))
    }

    @Test func outOfRangeNumberNamesTheField() {
        // setup / MUT
        let ice = failure { try GradingCommand.ice(json(#"{"orientation": 5, "naming": 3, "followsCommands": 1, "writing": 1, "attention": 1}"#)) }
        let fahrenheit = failure { try GradingCommand.crs(json(#"{"temperatureC": 101.3}"#)) }
        let iceScore = failure { try GradingCommand.icans(json(#"{"iceScore": 11}"#)) }
        // validate
        #expect(ice.hasPrefix("orientation:") && ice.contains("out of range"))
        #expect(fahrenheit.hasPrefix("temperatureC:") && fahrenheit.contains("out of range"))
        #expect(iceScore.hasPrefix("iceScore:"))
    }

    @Test func wrongTypeNamesTheField() {
        // setup / MUT
        let bool = failure { try GradingCommand.crs(json(#"{"temperatureC": 39, "hypotension": "yes"}"#)) }
        let number = failure { try GradingCommand.hematotox(json(#"{"plateletsPerMicroliter": "lots", "ancPerMicroliter": 1, "hemoglobinGramsPerDeciliter": 1, "crpMilligramsPerDeciliter": 1, "ferritinNanogramsPerMilliliter": 1}"#)) }
        let boolAsNumber = failure { try GradingCommand.icans(json(#"{"iceScore": 9, "papilledema": 1}"#)) }
        let fraction = failure { try GradingCommand.ice(json(#"{"orientation": 2.5, "naming": 3, "followsCommands": 1, "writing": 1, "attention": 1}"#)) }
        // validate
        #expect(bool.hasPrefix("hypotension:"))
        #expect(number.hasPrefix("plateletsPerMicroliter:"))
        #expect(boolAsNumber.hasPrefix("papilledema:"))
        #expect(fraction.hasPrefix("orientation:"))
    }

    @Test func errorsInsideArraysCarryTheIndex() {
        // setup / MUT
        let message = failure { try GradingCommand.crs(json(#"[{"temperatureC": 39}, {"temperatureC": 39, "seizure": "none"}]"#)) }
        let series = failure { try GradingCommand.icaht(json(#"{"ancSeries": [{"day": 0, "ancPerMicroliter": 100}, {"day": 1.5, "ancPerMicroliter": 100}]}"#)) }
        // validate
        #expect(message.hasPrefix("[1].seizure: unknown field"))
        #expect(series.hasPrefix("ancSeries[1].day:"))
    }

    @Test func everyUnknownOrDuplicatedKeyIsNamedAtOnce() {
        // setup / MUT
        let unknown = failure { try GradingCommand.crs(json(#"[{"temperatureC": 39, "hypotention": true}, {"temperatureC": 39, "seizure": "none"}]"#)) }
        let duplicate = failure { try GradingCommand.crs(json(#"{"temperatureC": 39, "hypotension": false, "hypotension": true}"#)) }
        let nested = failure { try GradingCommand.icaht(json(#"{"ancSeries": [{"day": 0, "anc": 100}], "censor": 5}"#)) }
        // validate
        #expect(unknown.hasPrefix("[0].hypotention: unknown field"))
        #expect(unknown.contains("; [1].seizure: unknown field"))
        #expect(duplicate.hasPrefix("hypotension: given more than once"))
        #expect(nested.hasPrefix("censor: unknown field"))
        #expect(nested.contains("; ancSeries[0].anc: unknown field"))
    }

    @Test func missingRequiredAndMalformedInput() {
        // setup / MUT
        let ice = failure { try GradingCommand.ice(json(#"{"orientation": 4}"#)) }
        let icans = failure { try GradingCommand.icans(json(#"{"consciousness": "awake"}"#)) }
        let temperature = failure { try GradingCommand.crs(json(#"{"hypotension": true}"#)) }
        let malformed = failure { try GradingCommand.crs(json(#"{"temperatureC": 39"#)) }
        let scalar = failure { try GradingCommand.crs(json("42")) }
        // validate
        #expect(ice.hasPrefix("naming: required"))
        #expect(icans.hasPrefix("iceScore: required"))
        #expect(temperature.hasPrefix("temperatureC: required"))
        #expect(malformed.hasPrefix("input:"))
        #expect(scalar.hasPrefix("input:"))
    }

    @Test func iceAndIcansContracts() throws {
        // setup: ICE 2+2+1+0+1 = 6 → ICANS grade 2; null ICE + unarousable → 4.
        // MUT
        let ice = try object(GradingCommand.ice(json(#"{"orientation": 2, "naming": 2, "followsCommands": 1, "writing": 0, "attention": 1}"#)))
        let icans = try array(GradingCommand.icans(json(#"[{"iceScore": 6}, {"iceScore": null, "consciousness": "unarousable"}]"#)))
        // validate
        #expect(ice["score"] as? Int == 6)
        #expect(Set(ice.keys) == ["score"])
        #expect(icans.map { $0["grade"] as? Int } == [2, 4])
    }

    @Test func icahtContractShape() throws {
        // setup: day 0 2500; day 2-9 at 300 (8 days → early 2); late counts 800 (day 40) and 1400 (day 60) → late 2.
        var samples = [#"{"day": 0, "ancPerMicroliter": 2500}"#, #"{"day": 1, "ancPerMicroliter": 900}"#]
        samples += (2...9).map { #"{"day": \#($0), "ancPerMicroliter": 300}"# }
        samples += [#"{"day": 10, "ancPerMicroliter": 1600}"#, #"{"day": 30, "ancPerMicroliter": 2000}"#,
                    #"{"day": 40, "ancPerMicroliter": 800}"#, #"{"day": 60, "ancPerMicroliter": 1400}"#]
        // MUT
        let out = try object(GradingCommand.icaht(json(#"{"ancSeries": [\#(samples.joined(separator: ","))]}"#)))
        // validate
        let early = try #require(out["early"] as? [String: Any])
        let late = try #require(out["late"] as? [String: Any])
        #expect(early["grade"] as? Int == 2)
        #expect(early["daysAtOrBelow500"] as? Int == 8)
        #expect(early["daysAtOrBelow100"] as? Int == 0)
        #expect(late["grade"] as? Int == 2)
        #expect(late["nadir"] as? Double == 800)
        #expect(out["ruleSet"] as? String == "EHA-EBMT-ICAHT-2023")
    }

    @Test func icahtLateIsExplicitNull() throws {
        // setup: no sample after day 30.
        // MUT
        let text = String(decoding: try GradingCommand.icaht(json(#"{"ancSeries": [{"day": 0, "ancPerMicroliter": 3000}]}"#)), as: UTF8.self)
        // validate
        #expect(text.contains(#""late":null"#))
    }

    @Test func runDispatchesAndRejectsUnknownCommand() throws {
        // setup / MUT
        let out = try object(GradingCommand.run("ice", json(#"{"orientation": 4, "naming": 3, "followsCommands": 1, "writing": 1, "attention": 1}"#)))
        let message = failure { try GradingCommand.run("gvhd", json("{}")) }
        // validate
        #expect(out["score"] as? Int == 10)
        #expect(message.hasPrefix("command:"))
    }

    @Test func assessmentsRoundTripThroughJSON() throws {
        // setup: the web app stores assessments as JSON and reads them back.
        let crs = CRSAssessment(temperatureC: 38.6, vasopressors: [.vasopressin], oxygenDevice: .faceMask)
        let icans = ICANSAssessment(iceScore: nil, consciousness: .awakensToVoice)
        // MUT
        let crsBack = try JSONDecoder().decode(CRSAssessment.self, from: JSONEncoder().encode(crs))
        let icansBack = try JSONDecoder().decode(ICANSAssessment.self, from: JSONEncoder().encode(icans))
        // validate
        #expect(crsBack == crs)
        #expect(icansBack == icans)
    }
}
