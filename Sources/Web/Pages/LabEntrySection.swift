import CartographCore
import Clinical
import Foundation
import Plot
import Store

/// The patient's laboratory results and the form to enter one (read by the lab CSV's rules).
struct LabEntrySection {
    var patientID: UUID
    var today: CalendarDate
    var canRecord: Bool
    var csrf: String
    var labs: [StoredLabResult]
    var infusion: CalendarDate?
    var form: FormState

    /// Form field names: the CSV column names under `lab.`, so ids never clash with the page's other forms.
    static func field(_ c: LabImportColumn) -> String { "lab.\(c.rawValue)" }
    static let formFields: Set<String> = Set(LabImportColumn.allCases.map(field))

    var node: Node<HTML.BodyContext> {
        let newest = labs.reversed()
        return .section(.class("labs"),
            .h2(.text(tr("Laboratory results"))),
            .if(labs.isEmpty, .p(.text(tr("None recorded yet."))),
                else: .details(.summary(.text(tr("All results (\(labs.count))"))),
                    .table(.class("labs"),
                        .thead(.tr(.th(.text(tr("Date"))), .th(.text(tr("Day"))), .th(.text(tr("Analyte"))), .th(.text(tr("Value"))), .th(.text(tr("Unit"))),
                                   .th(.text(tr("Assay"))), .th(.text(tr("Source"))))),
                        .tbody(.forEach(newest) { r in
                            .tr(.td(.text(LocalFormat.date(r.date))),
                                .td(.text(infusion.map { String(studyDay(of: r.date, infusion: $0)) } ?? "")),
                                .td(.text(tr(source: r.analyte.displayName))),
                                .td(.text(labValueWords(r.value, r.analyte))),
                                .td(.text(r.unit)),
                                .td(.text(assay(r))),
                                .td(.text(tr(source: r.source.rawValue))))
                        })))),
            .if(canRecord,
                .form(.action("/patients/\(patientID)/labs"), .method(.post), .class("inline"),
                    Layout.csrfField(csrf),
                    FormKit.field(tr("Sample date"), name: Self.field(.date), type: .date, value: form.input[Self.field(.date)] ?? today.description,
                                  errors: form.errors, required: true),
                    FormKit.select(tr("Analyte"), name: Self.field(.analyte), options: LabAnalyte.allCases.map { ($0.rawValue, tr(source: $0.displayName)) },
                                   selected: form.input[Self.field(.analyte)], errors: form.errors),
                    FormKit.field(tr("Value"), name: Self.field(.value), value: form.input[Self.field(.value)], errors: form.errors,
                                  hint: tr("a number, positive/negative or true/false"), required: true),
                    FormKit.field(tr("Unit"), name: Self.field(.unit), value: form.input[Self.field(.unit)], errors: form.errors,
                                  hint: tr("g/dL, mg/24h, mg/L, %, cm2, copies/ug; empty for findings")),
                    FormKit.select(tr("MRD method"), name: Self.field(.method), options: [("", "—"), ("NGF", "NGF"), ("NGS", "NGS")],
                                   selected: form.input[Self.field(.method)], errors: form.errors),
                    FormKit.field(tr("MRD sensitivity"), name: Self.field(.sensitivity), value: form.input[Self.field(.sensitivity)],
                                  errors: form.errors, hint: tr("e.g. 1e-5")),
                    FormKit.field("LLOD", name: Self.field(.llod), value: form.input[Self.field(.llod)], errors: form.errors, hint: tr("transgene only")),
                    FormKit.field("LLOQ", name: Self.field(.lloq), value: form.input[Self.field(.lloq)], errors: form.errors, hint: tr("transgene only")),
                    FormKit.summary(form.errors, fields: Self.formFields),
                    .button(.type(.submit), .text(tr("Record result"))))),
            .if(canRecord, .p(.a(.href("/labs/import"), .text(tr("Import a laboratory file (CSV)")))))
        )
    }

    func assay(_ r: StoredLabResult) -> String {
        var parts: [String] = []
        if let m = r.method { parts.append(m.rawValue) }
        if let s = r.sensitivity { parts.append(tr("sensitivity \(s)")) }
        if let l = r.llod { parts.append("LLOD \(labValueText(.number(l), r.analyte))") }
        if let q = r.lloq { parts.append("LLOQ \(labValueText(.number(q), r.analyte))") }
        return parts.joined(separator: ", ")
    }

    /// The form's cells, as `LabImport.readEntry` takes them (empty optional cells left out).
    static func cells(_ form: FormBody) -> [LabImportColumn: String] {
        var cells: [LabImportColumn: String] = [:]
        for c in LabImportColumn.allCases where c != .patient {
            let text = form[field(c)] ?? ""
            if c.isRequired || !text.isEmpty { cells[c] = text }
        }
        return cells
    }
}
