import CartographCore
import Clinical
import Fluent
import Foundation
import Outcomes
import PropertyBased
import SQLKit
@testable import Store
import Testing
import TestSupport
import Vapor
import VaporTesting
@testable import Web

/// The report at any size: charts draw a stated, reproducible selection while the tables count every
/// patient, and computed reports are kept only while no record they read has changed.
@Suite("Cohort report at scale")
struct ReportScaleTests {
    @Test("an even spread keeps both ends, rises strictly and has the size asked for")
    func evenSpread() async {
        await propertyCheck(input: Gen.int(in: 0...5_000), Gen.int(in: 2...400)) { n, count in
            let picked = CohortReportCharts.evenlySpaced(n, count: count)
            #expect(picked.count == min(n, count))
            #expect(zip(picked, picked.dropFirst()).allSatisfy { $0 < $1 })
            if n > 0 {
                #expect(picked.first == 0)
                #expect(picked.last == n - 1)
            }
        }
    }

    @Test("the most recent selection takes the latest Day 0s, then codes in order, and no more than asked")
    func mostRecent() async {
        await propertyCheck(input: Gen.int(in: 0...40).array(of: 0...120), Gen.int(in: 1...80)) { days, limit in
            let codes = days.indices.map { String(format: "P%03d", $0) }
            let infused = Dictionary(uniqueKeysWithValues: zip(codes, days.map { CalendarDate("2025-01-01")!.adding(days: $0) }))
            let chosen = CohortReportCharts.mostRecent(codes, infused: infused, limit: limit)
            #expect(chosen.count == min(limit, codes.count))
            for c in chosen {
                for o in codes where !chosen.contains(o) {
                    #expect(infused[c]! > infused[o]! || (infused[c]! == infused[o]! && c < o), "\(c) chosen over \(o)")
                }
            }
        }
    }

    @Test("a swimmer plot of 75 infused patients draws the 60 infused last and says so; the tables count all 75")
    func swimmerSelection() throws {
        let start = CalendarDate("2024-01-01")!
        let records = (0..<75).map { i in
            OutcomeRecords(patientCode: String(format: "C01-%04d", i + 1), infusionDate: start.adding(days: i * 3),
                           contactDates: [start.adding(days: i * 3 + 60)])
        }
        let report = CohortReport.compute(records: records, dataCut: CalendarDate("2025-06-30")!)
        let charts = CohortReportCharts(report: report, records: records)
        let svg = try #require(charts.swimmer)
        let drawn = svg.matches(of: /data-patient="(C01-\d{4})"/).map { String($0.1) }
        #expect(drawn.count == 60)
        #expect(Set(drawn) == Set((15..<75).map { String(format: "C01-%04d", $0 + 1) }))
        #expect(svg.contains("the 60 most recently infused of 75"))
        #expect(report.patients.filter(\.infused).count == 75)
        #expect(report.patientTable.rows.count == 75)
    }

    @Test("a kept report is served until a record it reads changes, through the writers; another cut is its own")
    func keptUntilChanged() async throws {
        try await withTestApp(today: "2026-03-15") { app in
            let f = try await Fixtures.make(on: app)
            let today = CalendarDate("2026-03-15")!
            let infusion = CalendarDate("2025-12-01")!
            let (p, tid) = try await Fixtures.infusedPatient(by: f.coordinatorA, infusion: infusion, today: today, on: app.db)
            let token = try await app.token(Fixtures.email(.coordinator, center: "C01"))
            func report(_ cut: String = "2026-03-15") async throws -> CohortReport {
                let r = try await app.json(.GET, "/api/reports/fucaso?cut=\(cut)", token: token)
                #expect(r.status == .ok, "\(r.body.string)")
                let decoder = JSONDecoder()
                decoder.dateDecodingStrategy = .iso8601
                return try decoder.decode(CohortReport.self, from: Data(r.body.readableBytesView))
            }
            _ = try await LabRepository.record([
                LabResult(patientCode: p.code, sampleDate: infusion.adding(days: -6), analyte: .serumMProtein, value: .number(3.0)),
                LabResult(patientCode: p.code, sampleDate: infusion.adding(days: 28), analyte: .serumMProtein, value: .number(1.2)),
            ], source: .form, by: f.coordinatorA, today: today, on: app.db)
            let first = try await report()
            let unconfirmed = try #require(first.patients.first { $0.patientCode == p.code })
            #expect(unconfirmed.bestResponse == nil)
            // Around the writers: the kept report is served (so it is kept).
            try await (app.db as! any SQLDatabase).raw("""
                UPDATE lab_results SET value_number = 1.1 WHERE therapy_id = \(bind: tid) AND sampled_on = \(bind: infusion.adding(days: 28).description)
                """).run()
            #expect(try await report() == first)
            // Through the writer: a second PR-level value confirms the PR, and the report says so.
            _ = try await LabRepository.record([LabResult(patientCode: p.code, sampleDate: infusion.adding(days: 56),
                                                          analyte: .serumMProtein, value: .number(1.0))],
                                               source: .form, by: f.coordinatorA, today: today, on: app.db)
            let confirmed = try await report()
            #expect(confirmed.patients.first { $0.patientCode == p.code }?.bestResponse == .partialResponse)
            // An earlier cut is computed for itself: on 2026-01-15 only the Day 28 value was there.
            let earlier = try await report("2026-01-15")
            #expect(earlier.dataCut == CalendarDate("2026-01-15")!)
            #expect(earlier.patients.first { $0.patientCode == p.code }?.bestResponse == nil)
        }
    }
}
