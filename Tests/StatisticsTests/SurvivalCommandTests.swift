import Foundation
import Testing
@testable import Statistics

/// The JSON contract details: skipped rows, errors naming row and column, nulls, key order.
@Suite struct SurvivalCommandTests {
    func columns(_ t: [String], _ e: [String], _ g: [String]? = nil) throws -> SurvivalColumns {
        var c = ["time": t, "event": e]
        if let g { c["arm"] = g }
        return try SurvivalColumns(names: ["time", "event"] + (g == nil ? [] : ["arm"]), columns: c)
    }

    @Test func rowsWithEmptyUsedCellsAreSkippedAndCounted() throws {
        // setup: lung has 1 row without ph.ecog
        let table = try RFixture.table("lung")
        // MUT
        let km = try SurvivalCommands.kaplanMeier(columns: table, time: "time", event: "event", group: "ph.ecog")
        let all = try SurvivalCommands.kaplanMeier(columns: table, time: "time", event: "event")
        // validate
        #expect(km.skippedRows == 1)
        #expect(all.skippedRows == 0)
        #expect(all.groups.map(\.group) == ["all"])
        #expect(km.groups.map(\.group) == ["0", "1", "2", "3"])
    }

    @Test("km --logrank gives exactly what km and logrank give separately, from one parse")
    func kaplanMeierAndLogRankTogether() throws {
        // setup: lung by ph.ecog (4 groups, one skipped row)
        let table = try RFixture.table("lung")
        // MUT
        let both = try SurvivalCommands.kaplanMeierAndLogRank(columns: table, time: "time", event: "event", group: "ph.ecog")
        // validate
        #expect(both.km == (try SurvivalCommands.kaplanMeier(columns: table, time: "time", event: "event", group: "ph.ecog")))
        #expect(both.logRank == (try SurvivalCommands.logRank(columns: table, time: "time", event: "event", group: "ph.ecog")))
        #expect(both.km.skippedRows == 1 && both.logRank.skippedRows == 1)
    }

    @Test func badEventValueNamesRowAndColumn() throws {
        // setup
        let table = try columns(["1", "2", "3"], ["1", "2", "0"])
        // MUT / validate
        #expect(throws: SurvivalStatisticsError.invalidCell(row: 2, column: "event", value: "2", expected: "1 (event) or 0 (censored)")) {
            try SurvivalCommands.kaplanMeier(columns: table, time: "time", event: "event")
        }
        let error = SurvivalStatisticsError.invalidCell(row: 2, column: "event", value: "2", expected: "1 (event) or 0 (censored)")
        #expect(error.description.contains("row 2") && error.description.contains("\"event\""))
    }

    @Test func negativeOrTextTimesAreRejected() throws {
        // setup: inputs inline; MUT / validate
        #expect(throws: SurvivalStatisticsError.self) {
            try SurvivalCommands.kaplanMeier(columns: try columns(["1", "-2"], ["1", "0"]), time: "time", event: "event")
        }
        #expect(throws: SurvivalStatisticsError.self) {
            try SurvivalCommands.kaplanMeier(columns: try columns(["1", "two"], ["1", "0"]), time: "time", event: "event")
        }
    }

    @Test func unknownColumnListsAvailableOnes() throws {
        // setup
        let table = try columns(["1"], ["1"])
        // MUT / validate
        #expect(throws: SurvivalStatisticsError.unknownColumn("status", available: ["time", "event"])) {
            try SurvivalCommands.kaplanMeier(columns: table, time: "time", event: "status")
        }
    }

    @Test func confLevelBoundaries() throws {
        // setup
        let table = try columns(["1", "2"], ["1", "1"])
        // MUT / validate
        #expect(throws: SurvivalStatisticsError.self) {
            try SurvivalCommands.kaplanMeier(columns: table, time: "time", event: "event", confLevel: 1)
        }
        #expect(throws: SurvivalStatisticsError.self) {
            try SurvivalCommands.kaplanMeier(columns: table, time: "time", event: "event", confLevel: 0)
        }
        _ = try SurvivalCommands.kaplanMeier(columns: table, time: "time", event: "event", confLevel: 0.999)
    }

    @Test func jsonHasSortedKeysAndExplicitNulls() throws {
        // setup: every subject dies → last step S = 0 with undefined SE and limits; median 1.5?
        // Hand: times 1,2 events → S = 0.5 on [1,2) exactly → median (1+2)/2 = 1.5;
        // lower curve undefined at S = 0 and never ≤ 0.5 before → nil.
        let table = try columns(["1", "2"], ["1", "1"])
        // MUT
        let data = try SurvivalCommands.encode(try SurvivalCommands.kaplanMeier(columns: table, time: "time", event: "event"))
        let text = String(decoding: data, as: UTF8.self)
        // validate
        #expect(text.hasPrefix("{\"groups\":[{\"events\":2,\"group\":\"all\",\"median\":1.5,"))
        #expect(text.contains("\"stdErr\":null"))
        #expect(text.contains("\"lower\":null"))
        #expect(text.hasSuffix("\"skippedRows\":0}"))
    }

    @Test func numericGroupsSortNumerically() throws {
        // setup: R orders a numeric factor 2 < 10
        let table = try columns(["1", "2", "3", "4"], ["1", "0", "1", "1"], ["10", "2", "10", "2"])
        // MUT
        let report = try SurvivalCommands.logRank(columns: table, time: "time", event: "event", group: "arm")
        // validate
        #expect(report.groups.map(\.group) == ["2", "10"])
    }

    @Test func coxNeedsCovariates() throws {
        // setup
        let table = try columns(["1", "2"], ["1", "1"])
        // MUT / validate
        #expect(throws: SurvivalStatisticsError.self) {
            try SurvivalCommands.cox(columns: table, time: "time", event: "event", covariates: [])
        }
    }
}
