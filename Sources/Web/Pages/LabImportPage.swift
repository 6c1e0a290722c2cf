import CartographCore
import Clinical
import Plot

/// Import a laboratory CSV file: the whole file or nothing, with the report of every bad row and
/// column beside the file field.
struct LabImportPage {
    var viewer: Viewer
    /// The problems of the refused file, if one was sent.
    var report: LabImportReport?
    /// The name of the refused or imported file.
    var fileName: String?
    /// What an accepted file stored.
    var imported: (results: Int, patients: [String])?

    func render() -> String {
        Layout.page(title: tr("Import laboratory results"), viewer: viewer,
            .h1(.text(tr("Import laboratory results"))),
            .p(.text(tr("One result per row, columns ")), .code(.text(LabImport.headerLine)),
               .text(tr(" (rule set \(LabImport.ruleSet)). A file with any bad row imports nothing; fix the rows named and send it again."))),
            .unwrap(imported) { done in
                .p(.class("done"), .text(done.results == 1
                    ? tr("Imported \(done.results) result for \(done.patients.joined(separator: ", ")).")
                    : tr("Imported \(done.results) results for \(done.patients.joined(separator: ", ")).")))
            },
            .div(.class("import"),
                .form(.action("/labs/import"), .method(.post), .enctype(.multipartData),
                    Layout.csrfField(viewer.csrf),
                    .div(.class(report == nil ? "field" : "field invalid"),
                        .label(.for("file"), .text(tr("Laboratory file (CSV, UTF-8)"))),
                        .input(.type(.file), .id("file"), .name("file"), .attribute(named: "accept", value: ".csv,text/csv"),
                               .attribute(named: "aria-describedby", value: report == nil ? nil : "import-report"),
                               .attribute(named: "aria-invalid", value: report == nil ? nil : "true")),
                        .small(.class("hint"), .text(tr("or paste the rows below")))),
                    .div(.class("field"),
                        .label(.for("csv"), .text(tr("CSV text"))),
                        .textarea(.id("csv"), .name("csv"), .attribute(named: "rows", value: "6"), .attribute(named: "cols", value: "60"))),
                    .button(.type(.submit), .text(tr("Import")))),
                .unwrap(report) { r in
                    .div(.id("import-report"), .class("report alert"),
                        .p(.text((fileName.map { tr("\($0): ") } ?? "") + Self.refusal(problems: r.problems.count, rows: r.dataRows))),
                        .table(
                            .thead(.tr(.th(.text(tr("Row"))), .th(.text(tr("Column"))), .th(.text(tr("Problem"))))),
                            .tbody(.forEach(r.problems) { p in
                                .tr(.td(.text(String(p.row))), .td(.text(p.column ?? "—")), .td(.text(p.message)))
                            })))
                })
        )
    }

    /// `3 problems in 12 rows; nothing was imported.`, singular or plural as the counts ask.
    static func refusal(problems: Int, rows: Int) -> String {
        switch (problems == 1, rows == 1) {
        case (true, true): tr("\(problems) problem in \(rows) row; nothing was imported.")
        case (true, false): tr("\(problems) problem in \(rows) rows; nothing was imported.")
        case (false, true): tr("\(problems) problems in \(rows) row; nothing was imported.")
        case (false, false): tr("\(problems) problems in \(rows) rows; nothing was imported.")
        }
    }
}
