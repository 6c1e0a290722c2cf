import Foundation
import Kinetics
import Testing

/// The `cartograph kinetics nca` JSON contract.
@Suite("NCA command contract")
struct NCACommandTests {
    static func run(_ json: String) throws -> Any {
        try JSONSerialization.jsonObject(with: try NCACommand.run(Data(json.utf8)))
    }

    @Test("output fields for the worked example (see NCATransgeneTests.workedExample for the arithmetic)")
    func workedExample() throws {
        // setup
        let input = """
        {"samples": [{"day": 0, "copiesPerMicrogram": 0}, {"day": 7, "copiesPerMicrogram": 1000},
                     {"day": 14, "copiesPerMicrogram": 8000}, {"day": 21, "copiesPerMicrogram": 4000},
                     {"day": 35, "copiesPerMicrogram": 1000}, {"day": 360, "copiesPerMicrogram": 60}],
         "lowerLimitOfDetection": 50}
        """
        // MUT
        let data = try NCACommand.run(Data(input.utf8))
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        // validate: AUC = 35000 + 42000/ln 2; day 360 sample is 5 days from 365 → detectable at 12 months
        #expect(ncaClose(object["auc0to28"] as? Double, 35000 + 42000 / log(2.0)))
        #expect(object["cmax"] as? Double == 8000)
        #expect(object["tmax"] as? Double == 14)
        #expect(object["tlast"] as? Double == 360)
        #expect(object["persistenceDays"] as? Double == 360)
        #expect(object["detectableAt12Months"] as? Bool == true)
        #expect(object["detectableAt24Months"] is NSNull)
        #expect(Set(object.keys) == ["auc0to28", "auc0to28Interpolated", "cmax", "detectableAt12Months",
                                     "detectableAt24Months", "persistenceDays", "persistenceOngoing",
                                     "ruleSet", "tlast", "tmax"])
        // keys sorted in the text
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.hasPrefix(#"{"auc0to28":"#))
        #expect(text.contains(#""tlast":360,"tmax":14}"#))
    }

    @Test("array in, array out")
    func arrayInput() throws {
        // setup
        let one = #"{"samples": [{"day": 0, "copiesPerMicrogram": 0}, {"day": 28, "copiesPerMicrogram": 100}], "lowerLimitOfDetection": 10}"#
        // MUT
        let result = try #require(try Self.run("[\(one), \(one)]") as? [[String: Any]])
        // validate: 100/2 × 28 = 1400
        #expect(result.count == 2)
        #expect(result.allSatisfy { ncaClose($0["auc0to28"] as? Double, 1400) })
    }

    static let invalid: [(String, String)] = [
        (#"{"samples": [{"day": 0, "copiesPerMicrogram": 1}], "lowerLimitOfDetection": 0}"#, "lowerLimitOfDetection"),
        (#"{"samples": [{"day": 0, "copiesPerMicrogram": 1}]}"#, "lowerLimitOfDetection"),
        (#"{"samples": [], "lowerLimitOfDetection": 5}"#, "samples"),
        (#"{"lowerLimitOfDetection": 5}"#, "samples"),
        (#"{"samples": [{"day": 7, "copiesPerMicrogram": 1}, {"day": 7, "copiesPerMicrogram": 2}], "lowerLimitOfDetection": 5}"#, "samples[1].day"),
        (#"{"samples": [{"day": -1, "copiesPerMicrogram": 1}], "lowerLimitOfDetection": 5}"#, "samples[0].day"),
        (#"{"samples": [{"day": 0, "copiesPerMicrogram": -3}], "lowerLimitOfDetection": 5}"#, "samples[0].copiesPerMicrogram"),
        (#"{"samples": [{"day": 0, "copies": 3}], "lowerLimitOfDetection": 5}"#, "samples[0].copies"),
        (#"{"samples": [{"day": "0", "copiesPerMicrogram": 3}], "lowerLimitOfDetection": 5}"#, "samples[0].day"),
        (#"{"samples": [{"day": 0, "copiesPerMicrogram": 3}], "lowerLimitOfDetection": 5, "units": "x"}"#, "units"),
        (#"{"samples": [{"day": 0, "copiesPerMicrogram": 3}], "lowerLimitOfDetection": true}"#, "lowerLimitOfDetection"),
        (#"{"samples": "#, "input"),
        (#"[{"samples": [{"day": 0, "copiesPerMicrogram": 3}], "lowerLimitOfDetection": 5}, {"samples": [{"day": 0}], "lowerLimitOfDetection": 5}]"#, "[1].samples[0].copiesPerMicrogram"),
    ]

    @Test("invalid input names the field", arguments: invalid)
    func invalidInput(json: String, field: String) {
        // setup / MUT
        let error = #expect(throws: NCAInputError.self) { try NCACommand.run(Data(json.utf8)) }
        // validate
        #expect(error?.field == field)
    }
}
