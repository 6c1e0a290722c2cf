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
        Layout.page(title: "Import laboratory results", viewer: viewer,
            .h1("Import laboratory results"),
            .p(.text("One result per row, columns "), .code(.text(LabImport.headerLine)),
               .text(" (rule set \(LabImport.ruleSet)). A file with any bad row imports nothing; fix the rows named and send it again.")),
            .unwrap(imported) { done in
                .p(.class("done"), .text("Imported \(done.results) result\(done.results == 1 ? "" : "s") for \(done.patients.joined(separator: ", "))."))
            },
            .div(.class("import"),
                .form(.action("/labs/import"), .method(.post), .enctype(.multipartData),
                    Layout.csrfField(viewer.csrf),
                    .div(.class(report == nil ? "field" : "field invalid"),
                        .label(.for("file"), .text("Laboratory file (CSV, UTF-8)")),
                        .input(.type(.file), .id("file"), .name("file"), .attribute(named: "accept", value: ".csv,text/csv"),
                               .attribute(named: "aria-describedby", value: report == nil ? nil : "import-report"),
                               .attribute(named: "aria-invalid", value: report == nil ? nil : "true")),
                        .small(.class("hint"), .text("or paste the rows below"))),
                    .div(.class("field"),
                        .label(.for("csv"), .text("CSV text")),
                        .textarea(.id("csv"), .name("csv"), .attribute(named: "rows", value: "6"), .attribute(named: "cols", value: "60"))),
                    .button(.type(.submit), .text("Import"))),
                .unwrap(report) { r in
                    .div(.id("import-report"), .class("report alert"),
                        .p(.text("\(fileName.map { "\($0): " } ?? "")\(r.problems.count) problem\(r.problems.count == 1 ? "" : "s") in \(r.dataRows) row\(r.dataRows == 1 ? "" : "s"); nothing was imported.")),
                        .table(
                            .thead(.tr(.th("Row"), .th("Column"), .th("Problem"))),
                            .tbody(.forEach(r.problems) { p in
                                .tr(.td(.text(String(p.row))), .td(.text(p.column ?? "—")), .td(.text(p.message)))
                            })))
                })
        )
    }
}
