import Foundation
import Testing
import CartographCore
@testable import Clinical

private func date(_ s: String) -> CalendarDate { CalendarDate(s)! }
private let header = "patient,date,analyte,value,unit,method,sensitivity,llod,lloq"

@Suite("Laboratory CSV import")
struct LabImportTests {
    @Test("a clean file is accepted with every field read")
    func happyPath() {
        // setup
        let csv = """
        \(header)
        C01-0007,2026-01-05,serumMProtein,2.4,g/dL,,,,
        C01-0007,2026-01-05,serumImmunofixation,positive,,,,,
        C01-0007,2026-03-02,mrd,negative,,NGF,1e-5,,
        C01-0007,2026-01-19,transgeneCopies,48000,copies/µg,,,5,25
        C01-0008,2026-01-19,newLesion,false,,,,,
        C01-0008,2026-01-19,absoluteNeutrophilCount,1500,/uL,,,,

        """
        // MUT
        let outcome = LabImport.importCSV(text: csv, knownPatientCodes: ["C01-0007", "C01-0008"])
        // validate
        let expected = [
            LabResult(patientCode: "C01-0007", sampleDate: date("2026-01-05"), analyte: .serumMProtein, value: .number(2.4)),
            LabResult(patientCode: "C01-0007", sampleDate: date("2026-01-05"), analyte: .serumImmunofixation, value: .finding(true)),
            LabResult(patientCode: "C01-0007", sampleDate: date("2026-03-02"), analyte: .mrd, value: .finding(false),
                      method: .nextGenerationFlow, sensitivity: 1e-5),
            // copies/µg is a typographic variant; stored as the canonical copies/ug.
            LabResult(patientCode: "C01-0007", sampleDate: date("2026-01-19"), analyte: .transgeneCopies, value: .number(48000),
                      unit: "copies/ug", lowerLimitOfDetection: 5, lowerLimitOfQuantification: 25),
            LabResult(patientCode: "C01-0008", sampleDate: date("2026-01-19"), analyte: .newLesion, value: .finding(false)),
            LabResult(patientCode: "C01-0008", sampleDate: date("2026-01-19"), analyte: .absoluteNeutrophilCount, value: .number(1500)),
        ]
        #expect(outcome == .accepted(expected))
        #expect(expected[2].mrdTest == MRDTest(result: .negative, method: .nextGenerationFlow, sensitivity: 1e-5))
    }

    @Test("every kind of bad row is reported with its row and column, and nothing is accepted")
    func badRows() {
        // setup: row numbers are file lines, header = row 1.
        let csv = """
        \(header)
        C01-0007,2026-02-30,serumMProtein,2.4,g/dL,,,,
        C01-0007,2026-03-01,spep,2.4,g/dL,,,,
        C01-0007,2026-03-01,kappaFreeLightChain,abc,mg/L,,,,
        C01-0007,2026-03-01,serumMProtein,2.4,mmol/L,,,,
        C01-0007,2026-03-02,lambdaFreeLightChain,-3,mg/L,,,,
        C01-0099,2026-03-01,hemoglobin,11.2,g/dL,,,,
        C01-0007,2026-03-01,serumMProtein,2.5,g/dL,,,,
        C01-0007,2026-03-03,platelets
        C01-0007,2026-03-04,hemoglobin,10.9,g/dL,,,,
        """
        // MUT
        let outcome = LabImport.importCSV(text: csv, knownPatientCodes: ["C01-0007"])
        // validate
        guard case .rejected(let report) = outcome else { Issue.record("a bad file was accepted"); return }
        #expect(report.dataRows == 9)
        let lines = report.problems.map(\.description)
        #expect(lines.count == 9)
        #expect(lines[0] == "row 2, column date: \"2026-02-30\" is not a date: 2026-02 has 28 days, not 30")
        #expect(lines[1].hasPrefix("row 3, column analyte: unknown analyte \"spep\"; expected one of serumMProtein, urineMProtein,"))
        #expect(lines[2] == "row 4, column value: \"abc\" is not a number (write 1.25 or 3e-5, with a point)")
        // mmol/L is a real unit, but not of serum M-protein: the message names the units that are.
        #expect(lines[3] == "row 5, column unit: \"mmol/L\" is not a unit of serumMProtein; expected g/dL or g/L")
        #expect(lines[4] == "row 6, column value: -3 is negative; lambdaFreeLightChain cannot be below 0")
        #expect(lines[5] == "row 7, column patient: unknown patient code \"C01-0099\"; no patient of this center has it")
        // Row 5 had a bad unit but a readable patient, date and analyte: it still claims the key.
        #expect(lines[6] == "row 8: duplicate of row 5: same patient, date and analyte (C01-0007, 2026-03-01, serumMProtein)")
        #expect(lines[7] == "row 9, column value: missing: the row has 3 fields, the header 9")
        #expect(lines[8] == "row 9, column unit: missing: the row has 3 fields, the header 9")
        #expect(report.problems[3] == LabImportProblem(row: 5, column: "unit",
                                                       message: "\"mmol/L\" is not a unit of serumMProtein; expected g/dL or g/L"))
    }

    @Test("a required column missing from the header is reported once; a short row may omit optional columns")
    func missingHeaderColumn() {
        // setup
        let noUnit = "patient,date,analyte,value\nC01-0007,2026-01-05,serumMProtein,2.4\n"
        let shortOptional = "\(header)\nC01-0007,2026-01-05,serumMProtein,2.4,g/dL\n"
        // MUT
        let a = LabImport.importCSV(text: noUnit)
        let b = LabImport.importCSV(text: shortOptional)
        // validate
        #expect(a.report?.problems == [LabImportProblem(row: 1, column: "unit",
                                                        message: "missing from the header; the header must name \(header)")])
        #expect(b.results?.count == 1)
    }

    @Test("unknown and repeated header names, and a row longer than the header")
    func headerProblems() {
        // setup
        let csv = "patient,date,analyte,value,unit,comment,Date\nC01-0007,2026-01-05,serumMProtein,2.4,g/dL,ok,x,extra\n"
        // MUT
        let problems = LabImport.importCSV(text: csv).report?.problems.map(\.description) ?? []
        // validate
        #expect(problems == [
            "row 1, column column 6: unknown column \"comment\"; expected one of \(header)",
            "row 1, column date: appears twice in the header",
            "row 2: has 8 fields; the header has 7",
        ])
    }

    @Test("quoted fields keep their commas and doubled quotes; BOM, CRLF and trailing blank lines are fine")
    func quotingAndLineEndings() {
        // setup
        let quoted = "\u{FEFF}\(header)\r\n\"C01-0007\",\"2026-01-05\",\"serumMProtein\",\" 2.4 \",\"g/dL\",,,,\r\n,,,,,,,,\r\n\r\n\r\n"
        let commaInside = "\(header)\nC01-0007,2026-01-05,platelets,\"150,000\",/uL,,,,\n"
        let doubledQuote = "\(header)\nC01-0007,2026-01-05,serumMProtein,\"2.4\"\"\",g/dL,,,,\n"
        // MUT
        let a = LabImport.importCSV(Data(quoted.utf8))
        let b = LabImport.importCSV(text: commaInside)
        let c = LabImport.importCSV(text: doubledQuote)
        // validate
        #expect(a == .accepted([LabResult(patientCode: "C01-0007", sampleDate: date("2026-01-05"),
                                          analyte: .serumMProtein, value: .number(2.4))]))
        // One field "150,000", not two: no field-count problem, only the value (a thousands separator).
        #expect(b.report?.problems.map(\.description) ==
                ["row 2, column value: \"150,000\" is not a number (write 1.25 or 3e-5, with a point)"])
        #expect(c.report?.problems.map(\.description) ==
                ["row 2, column value: \"2.4\"\" is not a number (write 1.25 or 3e-5, with a point)"])
    }

    @Test("broken quoting is reported at its row and column")
    func brokenQuotes() {
        // setup
        let stray = "\(header)\nC01-0007,2026-01-05,serumMProtein,2\"4,g/dL,,,,\n"
        let unterminated = "\(header)\nC01-0007,2026-01-05,serumMProtein,2.4,g/dL,,,,\nC01-0007,\"2026-01-06,hemoglobin,9,g/dL,,,,\n"
        // MUT
        let a = LabImport.importCSV(text: stray).report?.problems ?? []
        let b = LabImport.importCSV(text: unterminated).report?.problems ?? []
        // validate
        #expect(a.first == LabImportProblem(row: 2, column: "value",
                                            message: "a quote inside an unquoted field; quote the whole field and double inner quotes"))
        #expect(b == [LabImportProblem(row: 3, column: "date", message: "a quoted field opened here is never closed")])
    }

    @Test("categorical values, MRD method, transgene limits and misplaced extras")
    func analyteSpecificRules() {
        // setup
        let csv = """
        \(header)
        C01-0007,2026-01-05,serumImmunofixation,pos,,,,,
        C01-0007,2026-01-06,mrd,negative,,,,,
        C01-0007,2026-01-07,mrd,negative,,PCR,0,,
        C01-0007,2026-01-08,transgeneCopies,300,copies/ug,,,,
        C01-0007,2026-01-09,transgeneCopies,300,copies/ug,,,10,5
        C01-0007,2026-01-10,hemoglobin,9.1,g/dL,NGF,,3,
        C01-0007,2026-01-11,newLesion,true,cm2,,,,
        C01-0007,2026-01-12,marrowPlasmaCells,100.5,%,,,,
        """
        // MUT
        let lines = LabImport.importCSV(text: csv).report?.problems.map(\.description) ?? []
        // validate
        #expect(lines == [
            "row 2, column value: \"pos\" is not positive or negative",
            "row 3, column method: empty; an MRD result needs its method, NGF or NGS",
            "row 4, column method: \"PCR\" is not an MRD method; expected NGF or NGS",
            "row 4, column sensitivity: 0 is outside (0, 1]; write 1 in 100,000 as 1e-5",
            "row 5, column llod: empty; a transgene level needs the assay's lower limit of detection (copies/ug)",
            "row 6, column lloq: 5 is below the LLOD 10; an LLOQ is never below the LLOD",
            "row 7, column method: a method applies only to mrd, not to hemoglobin",
            "row 7, column llod: an LLOD applies only to transgeneCopies, not to hemoglobin",
            "row 8, column unit: \"cm2\" is not a unit of newLesion; expected no unit (leave it empty)",
            "row 9, column value: 100.5 % is outside the plausible range 0–100 % for marrowPlasmaCells",
        ])
    }

    @Test("plausible-range edges: 100 % is accepted, a date after today is not")
    func edges() {
        // setup
        let csv = "\(header)\nC01-0007,2026-01-12,marrowPlasmaCells,100,%,,,,\nC01-0007,2026-01-13,marrowPlasmaCells,0,%,,,,\n"
        let future = "\(header)\nC01-0007,2026-01-13,hemoglobin,9,g/dL,,,,\n"
        // MUT
        let a = LabImport.importCSV(text: csv)
        let onToday = LabImport.importCSV(text: future, latestDate: date("2026-01-13"))
        let afterToday = LabImport.importCSV(text: future, latestDate: date("2026-01-12"))
        // validate
        #expect(a.results?.map(\.value) == [.number(100), .number(0)])
        #expect(onToday.results?.count == 1)
        #expect(afterToday.report?.problems.map(\.description) == ["row 2, column date: 2026-01-13 is after today (2026-01-12)"])
    }

    @Test("an empty file is rejected; a header alone imports nothing")
    func emptyFiles() {
        // MUT
        let empty = LabImport.importCSV(text: "\n\n")
        let headerOnly = LabImport.importCSV(text: header + "\r\n")
        // validate
        #expect(empty.report?.problems.first?.message.hasPrefix("the file is empty") == true)
        #expect(headerOnly == .accepted([]))
    }

    @Test("LabResult.problems checks values built in code")
    func problemsOfBuiltResult() {
        // setup: g/L is a unit of serum M-protein now (LabUnitTable); mg/mL is not one any laboratory uses.
        let wrongUnit = LabResult(patientCode: "C01-0007", sampleDate: date("2026-01-05"), analyte: .serumMProtein,
                                  value: .number(2.4), unit: "mg/mL")
        let otherUnit = LabResult(patientCode: "C01-0007", sampleDate: date("2026-01-05"), analyte: .serumMProtein,
                                  value: .number(24), unit: "g/L")
        let ok = LabResult(patientCode: "C01-0007", sampleDate: date("2026-01-05"), analyte: .ferritin, value: .number(812),
                           unit: "µg/L")
        // MUT / validate
        #expect(wrongUnit.problems.map(\.description) == [
            "unit: \"mg/mL\" is not a unit of serumMProtein; expected g/dL or g/L",
        ])
        #expect(otherUnit.problems.isEmpty)
        #expect(ok.problems.isEmpty)
    }

    @Test("a file with hundreds of bad rows lists the first 200 problems and counts the rest; a long value is quoted only in part")
    func cappedReport() {
        // setup: 300 rows with an unknown analyte, and one whose value is 5,000 characters long
        let bad = (1...300).map { "C01-0007,2026-03-01,nothing\($0),1,g/dL,,,," }
        let huge = "C01-0007,2026-03-01,hemoglobin,\(String(repeating: "9x", count: 2_500)),g/dL,,,,"
        let csv = ([LabImport.headerLine, huge] + bad).joined(separator: "\n")
        // MUT
        guard case .rejected(let report) = LabImport.importCSV(text: csv) else { Issue.record("accepted"); return }
        // validate
        #expect(report.dataRows == 301)
        #expect(report.problems.count == LabImport.listedProblems + 1)
        #expect(report.problems.last?.message == "and 101 more problems from this row on; correct the rows listed and send the file again")
        #expect(report.problems.last?.row == 202)
        #expect(report.problems.allSatisfy { $0.message.count <= LabImport.longestMessage + 1 })
        #expect(report.problems[0].row == 2 && report.problems[0].message.hasSuffix("…"))
        // Before the cap, a report of 100,000 bad rows ran to 62 MB of HTML; now it is bounded.
        #expect(report.description.utf8.count <= (LabImport.listedProblems + 1) * (LabImport.longestMessage + 40))
    }
}
