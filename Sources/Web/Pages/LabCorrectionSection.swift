import CartographCore
import Clinical
import Foundation
import Plot
import Store

/// The corrections of a patient's results (what was stored, what replaced it, why, when) and the form
/// to correct one: a new value, date or unit for the same analyte, or withdrawal of a result entered in
/// error. A reason is always asked for; the stored result is kept (`LabCorrectionRepository`).
struct LabCorrectionSection {
    var patientID: UUID
    var canRecord: Bool
    var csrf: String
    /// The current results, which the form offers.
    var labs: [StoredLabResult]
    var corrections: [StoredLabCorrection]
    var form: FormState

    static let fields: Set<String> = ["correction.result", "correction.action", "correction.value", "correction.date",
                                      "correction.unit", "correction.reason", "correction.replacement"]

    static func text(_ r: StoredLabResult) -> String {
        "\(LocalFormat.date(r.date)) \(tr(source: r.analyte.rawValue)) \(labValueWords(r.value, r.analyte))" + (r.unit.isEmpty ? "" : " \(r.unit)")
    }

    var node: Node<HTML.BodyContext> {
        .section(.class("lab-corrections"),
            .if(!corrections.isEmpty,
                .details(.summary(.text(tr("Corrections (\(corrections.count))"))),
                    .table(.class("corrections"),
                        .thead(.tr(.th(.text(tr("Corrected"))), .th(.text(tr("Was"))), .th(.text(tr("Now"))), .th(.text(tr("Reason"))))),
                        .tbody(.forEach(corrections) { c in
                            .tr(.td(.text(c.correctedAt.map { ISO8601DateFormatter().string(from: $0) } ?? "")),
                                .td(.text(Self.text(c.before))),
                                .td(.text(c.after.map(Self.text) ?? tr("withdrawn (entered in error)"))),
                                .td(.text(c.reason)))
                        })))),
            .if(canRecord && !labs.isEmpty,
                .details(.if(!form.errors.isEmpty, .attribute(named: "open", value: "open")),
                    .summary(.text(tr("Correct a result"))),
                    .form(.action("/patients/\(patientID)/labs/correction"), .method(.post), .class("inline"),
                        Layout.csrfField(csrf),
                        FormKit.select(tr("Result"), name: "correction.result",
                                       options: labs.reversed().map { ($0.id.uuidString, Self.text($0)) },
                                       selected: form.input["correction.result"], errors: form.errors),
                        FormKit.select(tr("Correction"), name: "correction.action",
                                       options: [("replace", tr("replace the value (or date, unit)")), ("withdraw", tr("withdraw: entered in error"))],
                                       selected: form.input["correction.action"], errors: form.errors),
                        FormKit.field(tr("Corrected value"), name: "correction.value", value: form.input["correction.value"],
                                      errors: form.errors, hint: tr("as the laboratory reported it; empty keeps the value")),
                        FormKit.field(tr("Corrected date"), name: "correction.date", type: .date, value: form.input["correction.date"],
                                      errors: form.errors, hint: tr("empty keeps the date")),
                        FormKit.field(tr("Unit"), name: "correction.unit", value: form.input["correction.unit"], errors: form.errors,
                                      hint: tr("empty keeps the unit")),
                        FormKit.field(tr("Reason"), name: "correction.reason", value: form.input["correction.reason"], errors: form.errors,
                                      hint: tr("why, e.g. transcription error"), required: true),
                        FormKit.summary(form.errors, fields: Self.fields),
                        .button(.type(.submit), .text(tr("Correct result"))))))
        )
    }

    /// The replacement's cells: the form's value, date and unit over the current result's own cells.
    static func cells(correcting r: StoredLabResult, form: FormBody) -> [LabImportColumn: String] {
        func given(_ name: String) -> String? { form[name].flatMap { $0.trimmingCharacters(in: .whitespaces).isEmpty ? nil : $0 } }
        var cells: [LabImportColumn: String] = [
            .date: given("correction.date") ?? r.date.description,
            .analyte: r.analyte.rawValue,
            .value: given("correction.value") ?? labValueText(r.value, r.analyte),
            .unit: given("correction.unit") ?? r.unit,
        ]
        if let m = r.method { cells[.method] = m.rawValue }
        if let s = r.sensitivity { cells[.sensitivity] = LabImport.cellText(s) }
        if let l = r.llod { cells[.llod] = LabImport.cellText(l) }
        if let q = r.lloq { cells[.lloq] = LabImport.cellText(q) }
        return cells
    }
}
