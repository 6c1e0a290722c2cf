import CartographCore
import Clinical
import Foundation
import SnapshotTesting
@testable import Store
import Testing
@testable import Web

/// The outcome pages rendered from fixed models (engines run on hand-written results), compared with
/// the HTML recorded in `__Snapshots__`.
@Suite("Outcome page snapshots")
struct OutcomePageSnapshotTests {
    static let today = CalendarDate("2026-03-15")!
    static let infusion = CalendarDate("2025-12-01")!
    static let viewer = PageSnapshotTests.viewer
    static let patientID = UUID(uuidString: "11111111-2222-3333-4444-555555555555")!

    static func results() -> [LabResult] {
        func r(_ d: String, _ a: LabAnalyte, _ v: LabResultValue, method: MRDMethod? = nil, sensitivity: Double? = nil,
               llod: Double? = nil) -> LabResult {
            LabResult(patientCode: "C01-0007", sampleDate: CalendarDate(d)!, analyte: a, value: v, method: method, sensitivity: sensitivity,
                      lowerLimitOfDetection: llod)
        }
        return [
            r("2025-11-25", .serumMProtein, .number(3.0)),
            r("2025-12-08", .transgeneCopies, .number(900), llod: 5),
            r("2025-12-15", .transgeneCopies, .number(41_000), llod: 5),
            r("2025-12-29", .serumMProtein, .number(1.2)),
            r("2025-12-29", .transgeneCopies, .number(2_300), llod: 5),
            r("2025-12-29", .mrd, .finding(true), method: .nextGenerationFlow, sensitivity: 1e-5),
            r("2026-01-26", .serumMProtein, .number(0.2)),
            r("2026-01-26", .serumImmunofixation, .finding(true)),
            r("2026-02-23", .serumMProtein, .number(0.2)),
            r("2026-02-23", .serumImmunofixation, .finding(true)),
            r("2026-02-23", .transgeneCopies, .number(0), llod: 5),
        ]
    }

    static func sections(canRecord: Bool = true) throws -> PatientOutcomeSections {
        let results = results()
        let stored = results.enumerated().map { i, r in
            StoredLabResult(id: UUID(uuidString: String(format: "00000000-0000-0000-0000-%012d", i))!, date: r.sampleDate, analyte: r.analyte,
                            value: r.value, unit: r.unit, method: r.method, sensitivity: r.sensitivity, llod: r.lowerLimitOfDetection,
                            lloq: nil, source: .csv, recordedAt: nil)
        }
        let visits = [StoredFollowUpVisit(id: UUID(uuidString: "00000000-0000-0000-0001-000000000001")!, date: CalendarDate("2025-12-29")!,
                                          contact: .clinic, note: nil, recordedAt: nil)]
        let events = [StoredFollowUpEvent(id: UUID(uuidString: "00000000-0000-0000-0002-000000000001")!,
                                          entry: FollowUpEventEntry(kind: .newTherapy, date: CalendarDate("2026-03-01")!, detail: "teclistamab"),
                                          recordedAt: nil)]
        // One corrected result: the Day-14 serum M-protein was first typed as 12 g/dL.
        let corrected = stored.first { $0.analyte == .serumMProtein && $0.date > infusion }!
        var typed = corrected
        typed.value = .number(12)
        let corrections = [StoredLabCorrection(id: UUID(uuidString: "00000000-0000-0000-0003-000000000001")!, resultID: corrected.id,
                                               sequence: 1, before: typed, after: corrected, reason: "transcription: 12 for the reported value",
                                               correctedBy: UUID(uuidString: "00000000-0000-0000-0004-000000000001")!, correctedAt: nil)]
        let schedule = ProductCatalogue.fucaso.followUp
        let status = FollowUpTracker.status(of: FollowUpRepository.trackerRecord(code: "C01-0007", infusion: infusion, visits: visits, events: events),
                                            schedule: schedule, today: today)
        return PatientOutcomeSections(
            patientID: patientID, today: today, canRecord: canRecord, csrf: "CSRF-TOKEN",
            response: try PatientOutcomes.response(patientID: patientID, code: "C01-0007", infusion: infusion,
                                                   firstLymphodepletion: infusion.adding(days: -5), results: results),
            persistence: PatientOutcomes.persistence(patientID: patientID, code: "C01-0007", infusion: infusion, results: results),
            labs: stored, corrections: corrections, followUp: status, visits: visits, events: events, schedule: schedule)
    }

    @Test func patientPageWithOutcomes() throws {
        let file = try PageSnapshotTests.monitoredFile()
        let html = PatientPage(viewer: Self.viewer, file: file, today: Self.today, outcomes: try Self.sections()).render()
        #expect(html.contains("Best confirmed response"))
        assertSnapshot(of: html, as: .lines)
    }

    @Test func patientPageWithLabErrors() throws {
        var sections = try Self.sections()
        sections.labForm = FormState(input: ["lab.date": "2026-03-01", "lab.analyte": "serumMProtein", "lab.value": "12", "lab.unit": "g/L\" onfocus=\"x"],
                                     errors: [FieldError("lab.unit", "\"g/L\" is not a unit of serumMProtein; expected g/dL")])
        let html = LabEntrySection(patientID: Self.patientID, today: Self.today, canRecord: true, csrf: "CSRF-TOKEN", labs: [],
                                   infusion: Self.infusion, form: sections.labForm).node.render(indentedBy: .spaces(1))
        #expect(!html.contains(#"onfocus="x"#))
        assertSnapshot(of: html, as: .lines)
    }

    @Test func labImportPageWithReport() {
        let text = """
        patient,date,analyte,value,unit
        C01-0007,2026-01-05,serumMProtein,2.4,mmol/L
        C01-0007,2026-02-30,mrd,negative,
        """
        let report = LabImport.importCSV(text: text, latestDate: Self.today).report
        #expect(report?.problems.count == 3)
        assertSnapshot(of: LabImportPage(viewer: Self.viewer, report: report, fileName: "labs<march>.csv").render(), as: .lines)
    }

    @Test func followUpWorklistPage() throws {
        let sections = try Self.sections()
        let items = FollowUpWorklist.items(for: sections.followUp!).map { CenterFollowUpItem(patientID: Self.patientID, item: $0) }
        #expect(!items.isEmpty)
        assertSnapshot(of: FollowUpWorklistPage(viewer: Self.viewer, today: Self.today, items: items).render(), as: .lines)
    }
}
