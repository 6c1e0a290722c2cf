import CartographCore
import Clinical
import Foundation
import Outcomes
import SnapshotTesting
import Testing
@testable import Web

/// The outcomes report rendered from fixed records (engines run on hand-written results), compared with
/// the HTML recorded in `__Snapshots__`.
@Suite("Report page snapshots")
struct ReportPageSnapshotTests {
    static let day0 = CalendarDate("2025-06-02")!

    static func records() -> [OutcomeRecords] {
        func lab(_ code: String, _ day: Int, _ a: LabAnalyte, _ v: LabResultValue, llod: Double? = nil,
                 method: MRDMethod? = nil, sensitivity: Double? = nil) -> LabResult {
            LabResult(patientCode: code, sampleDate: day0.adding(days: day), analyte: a, value: v, method: method,
                      sensitivity: sensitivity, lowerLimitOfDetection: llod)
        }
        func graded(_ crs: [Int]) -> [SafetyGradedAssessment] {
            crs.enumerated().map { i, g in
                SafetyGradedAssessment(id: "a\(i)", studyDay: i + 1, recordedAt: Date(timeIntervalSince1970: 1_748_822_400 + Double(i + 1) * 86_400),
                                       crsGrade: g, icansGrade: 0)
            }
        }
        let a = OutcomeRecords(
            patientCode: "C01-0001", infusionDate: day0,
            labs: [lab("C01-0001", -5, .serumMProtein, .number(2.5)), lab("C01-0001", 14, .serumMProtein, .number(0.4)),
                   lab("C01-0001", 28, .serumMProtein, .number(0)), lab("C01-0001", 28, .serumImmunofixation, .finding(false)),
                   lab("C01-0001", 28, .marrowPlasmaCells, .number(1)),
                   lab("C01-0001", 28, .mrd, .finding(false), method: .nextGenerationFlow, sensitivity: 1e-5),
                   lab("C01-0001", 60, .serumMProtein, .number(0)), lab("C01-0001", 60, .serumImmunofixation, .finding(false)),
                   lab("C01-0001", 10, .transgeneCopies, .number(80_000), llod: 5),
                   lab("C01-0001", 90, .transgeneCopies, .number(900), llod: 5)],
            safety: graded([0, 1, 2, 1, 0]), contactDates: [day0.adding(days: 200)])
        let b = OutcomeRecords(
            patientCode: "C01-0002", infusionDate: day0.adding(days: 20),
            labs: [lab("C01-0002", 15, .serumMProtein, .number(1.8)), lab("C01-0002", 34, .serumMProtein, .number(0.8)),
                   lab("C01-0002", 48, .serumMProtein, .number(0.7)), lab("C01-0002", 120, .serumMProtein, .number(1.5)),
                   lab("C01-0002", 150, .serumMProtein, .number(1.9))],
            safety: graded([1, 1, 0]),
            events: [FollowUpEndingEvent(.death, on: day0.adding(days: 190))],
            subgroups: OutcomeSubgroups(priorBCMACART: true, highRiskCytogenetics: true))
        return [a, b, OutcomeRecords(patientCode: "C01-0003", infusionDate: nil)]
    }

    @Test func reportPage() {
        let records = Self.records()
        let report = CohortReport.compute(records: records, dataCut: CalendarDate("2026-01-15")!)
        let page = CohortReportPage(productID: "fucaso", productName: "FUCASO", centerName: "Center C01", report: report,
                                    charts: CohortReportCharts(report: report, records: records))
        let html = page.render(viewer: PageSnapshotTests.viewer)
        #expect(html.contains("Headline results"))
        assertSnapshot(of: html, as: .lines)
    }
}
