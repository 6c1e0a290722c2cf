import CartographCore
import Foundation
import Plot
import Store

/// One bag's own page: where it is, its timeline and temperature chart, links to its labels and
/// certificate, and a form for each event the signed-in role may record next. Which forms appear is
/// what the custody state machine would accept now (`CustodyStateMachine.recordableKinds`), so the
/// page never offers a step the rules refuse. Identity-free, like every custody page.
struct BagPage {
    var viewer: Viewer
    var bag: CustodyBagView
    /// The patient the bag belongs to (for the link back to the therapy's trail).
    var patientID: String
    var recordable: [CustodyEventKind]
    /// Release results and QA's decision, for a final product.
    var release: ReleaseFile?
    var now: String
    /// A refused submission: which form, what was typed, and the errors.
    var failedForm: String? = nil
    var form = FormState()

    func render() -> String {
        Layout.page(title: tr("Bag \(bag.din)"), viewer: viewer,
            .h1(.text(tr(source: bag.kind.displayName) + " · DIN \(bag.din) "), .span(.class("check-character"), .text(bag.dinCheckCharacter))),
            .p(.class("subtitle"), .text(tr("Chain of identity \(bag.chainOfIdentity)") + " · "),
               .a(.href("/patients/\(patientID)/custody"), .text(tr("the therapy's whole trail"))), .text(" · "),
               .a(.href("/bags/\(bag.id)/labels"), .text(tr("labels"))),
               .if(bag.kind == .finalProduct, .group(.text(" · "), .a(.href("/bags/\(bag.id)/certificate"), .text(tr("certificate of analysis")))))),
            .if(bag.isQuarantined, .div(.class("alert"), .text(tr("Quarantined: only temperature readings, a further quarantine, a discard or QA's closure of the deviation (QA queue) can be recorded until QA closes it.")))),
            .if(failedForm != nil && !shownForms.contains(failedForm ?? ""),
                .div(.class("alert"), .text(tr("Not recorded:") + " "), .ul(.forEach(form.errors) { .li(.text(FormKit.describe($0))) }))),
            recordSection,
            releaseSection,
            CustodyPage.bagSection(bag, linked: false)
        )
    }

    /// Kinds with a form here; the rest have their own workflow (release results below, QA's
    /// decision in the release queue, the bedside check on the trail page, infusion on the journey).
    static let formKinds: [CustodyEventKind] = [.collected, .packed, .shipped, .temperatureReading, .received, .inManufacturing,
                                                 .manufactured, .shippedToCenter, .receivedAtCenter, .stored, .dispensed, .thawed,
                                                 .quarantined, .discarded]

    /// The forms this page shows, by the name a refusal comes back under.
    var shownForms: Set<String> {
        var names = Set(Self.formKinds.filter(recordable.contains).map(\.rawValue))
        if recordable.contains(.temperatureReading) { names.insert("logger") }
        if bag.kind == .finalProduct, bag.lot != nil, bag.qaDisposition == nil, [.manufacturing, .qa].contains(viewer.role) { names.insert("release") }
        return names
    }

    var recordSection: Node<HTML.BodyContext> {
        let kinds = Self.formKinds.filter(recordable.contains)
        return .section(.class("record"),
            .h2(.text(tr("Record the next event"))),
            .if(kinds.isEmpty, .p(.text(bag.phase.isTerminal ? tr("The log is closed (\(tr(source: bag.phase.displayName))).")
                                                             : tr("Nothing for the \(tr(source: viewer.role.displayName)) role to record on this bag now.")))),
            .forEach(kinds) { eventForm($0) },
            .if(recordable.contains(.temperatureReading), loggerForm))
    }

    func errors(_ name: String) -> [FieldError] { failedForm == name ? form.errors : [] }
    func value(_ name: String, _ field: String) -> String? { failedForm == name ? form.input[field] : nil }

    func eventForm(_ kind: CustodyEventKind) -> Node<HTML.BodyContext> {
        let name = kind.rawValue
        let e = errors(name)
        var fields: [Node<HTML.FormContext>] = []
        switch kind {
        case .packed:
            fields.append(FormKit.select(tr("Thermal condition"), name: "condition",
                                         options: CustodyThermalCondition.allCases.map { ($0.rawValue, tr(source: $0.rawValue)) },
                                         selected: value(name, "condition") ?? bag.thermalCondition.rawValue, errors: e, id: "\(name)-condition"))
        case .shipped, .shippedToCenter:
            fields.append(FormKit.field(tr("Courier"), name: "courier", value: value(name, "courier"), errors: e, required: true, id: "\(name)-courier"))
            fields.append(FormKit.field(tr("Shipper ID (dry shipper or box)"), name: "shipperID", value: value(name, "shipperID"), errors: e, required: true, id: "\(name)-shipperID"))
        case .temperatureReading:
            fields.append(FormKit.field(tr("Temperature (°C)"), name: "celsius", value: value(name, "celsius"), errors: e,
                                        hint: tr("limit for \(tr(source: bag.thermalCondition.rawValue)) material: \(CustodyWords.limit(bag.rules, bag.thermalCondition))"),
                                        required: true, id: "\(name)-celsius"))
        case .manufactured:
            fields.append(FormKit.field(tr("Lot number"), name: "lot", value: value(name, "lot"), errors: e,
                                        hint: tr("unique at this manufacturing site"), required: true, id: "\(name)-lot"))
        case .stored:
            fields.append(FormKit.field(tr("Location (freezer, rack, position)"), name: "location", value: value(name, "location"), errors: e, required: true, id: "\(name)-location"))
        case .discarded, .quarantined:
            fields.append(FormKit.field(tr("Reason"), name: "reason", value: value(name, "reason"), errors: e, required: true, id: "\(name)-reason"))
        default:
            break
        }
        return .form(.action("/bags/\(bag.id)/events"), .method(.post), .class("inline event-form"),
            Layout.csrfField(viewer.csrf),
            .input(.type(.hidden), .name("kind"), .value(name)),
            .div(.class("event-name"), .strong(.text(tr(source: kind.displayName)))),
            .group(fields),
            FormKit.field(tr("When (site time)"), name: "at", value: value(name, "at") ?? now, errors: e, hint: "YYYY-MM-DDTHH:MM", id: "\(name)-at"),
            FormKit.summary(e, fields: ["condition", "courier", "shipperID", "celsius", "lot", "location", "reason", "at"]),
            .button(.type(.submit), .text(tr("Record"))))
    }

    /// A data logger's readings as CSV (`time,celsius` per line, the time as `YYYY-MM-DDTHH:MM` site
    /// time or ISO 8601 with an offset), stored all or none.
    var loggerForm: Node<HTML.BodyContext> {
        let e = errors("logger")
        return .form(.action("/bags/\(bag.id)/logger"), .method(.post), .class("logger"),
            .attribute(named: "enctype", value: "multipart/form-data"),
            Layout.csrfField(viewer.csrf),
            .div(.class("event-name"), .strong(.text(tr("Data-logger file")))),
            .div(.class(e.isEmpty ? "field" : "field invalid"),
                .label(.for("file"), .text(tr("CSV file (time,celsius)"))),
                .input(.type(.file), .id("file"), .name("file"), .attribute(named: "accept", value: ".csv,text/csv,text/plain"))),
            .div(.class("field"),
                .label(.for("readings"), .text(tr("or paste the lines"))),
                .textarea(.id("readings"), .name("readings"), .attribute(named: "rows", value: "4"), .text(value("logger", "readings") ?? ""))),
            .if(!e.isEmpty, .div(.class("alert"), .ul(.forEach(e) { .li(.text(FormKit.describe($0))) }))),
            .button(.type(.submit), .text(tr("Upload readings"))))
    }

    var releaseSection: Node<HTML.BodyContext> {
        guard bag.kind == .finalProduct, bag.lot != nil, bag.qaDisposition == nil, [.manufacturing, .qa].contains(viewer.role),
              !bag.phase.isTerminal else { return .empty }
        let e = errors("release")
        let r = release?.evaluation
        func q(_ label: String, _ name: String, _ options: [ReleaseQualitativeFinding]) -> Node<HTML.FormContext> {
            FormKit.select(label, name: name, options: [("", tr("pending"))] + options.map { ($0.rawValue, CustodyWords.finding($0)) },
                           selected: value("release", name) ?? "", errors: e)
        }
        func n(_ label: String, _ name: String, _ hint: String) -> Node<HTML.FormContext> {
            FormKit.field(label, name: name, value: value("release", name), errors: e, hint: hint)
        }
        return .section(.class("release"),
            .h2(.text(tr("Release testing"))),
            .p(.text(r.map { tr("Latest evaluation: \(CustodyWords.disposition($0.disposition)).") } ?? tr("No results entered yet.")),
               .text(tr(" Results are evaluated against the specification on save; QA decides in the ")),
               .a(.href("/release-queue"), .text(tr("release queue"))),
               .text(tr("."))),
            .form(.action("/bags/\(bag.id)/release-results"), .method(.post), .class("inline"),
                Layout.csrfField(viewer.csrf),
                FormKit.summary(e, fields: Set(ReleaseResultsForm.fields)),
                q(tr("Sterility"), "sterility", [.negative, .positive]),
                q(tr("Mycoplasma"), "mycoplasma", [.negative, .positive]),
                n(tr("Endotoxin (EU/mL)"), "endotoxinEUPerMilliliter", "≥ 0"),
                n(tr("Viability (%)"), "viabilityPercent", "0–100"),
                n(tr("CAR expression (%)"), "carExpressionPercent", "0–100"),
                n(tr("Vector copies per transduced cell"), "vectorCopyNumberPerTransducedCell", "≥ 0"),
                q(tr("Replication-competent lentivirus"), "replicationCompetentLentivirus", [.notDetected, .detected]),
                q(tr("Identity"), "identity", [.confirmed, .notConfirmed]),
                n(tr("Viable cells per mL"), "viableCellsPerMilliliter", tr("e.g. 4.2e7")),
                n(tr("Bag volume (mL)"), "bagVolumeMilliliters", "> 0"),
                .button(.type(.submit), .text(tr("Save and evaluate")))))
    }
}

/// Custody and release values in words for pages, in the request's language.
enum CustodyWords {
    static func disposition(_ d: ReleaseDisposition?) -> String { d.map { tr(source: $0.displayName) } ?? tr("no results yet") }

    static func qa(_ d: CustodyQADisposition?) -> String { d.map { tr(source: $0.displayName) } ?? tr("pending") }

    static func finding(_ f: ReleaseQualitativeFinding) -> String {
        switch f {
        case .negative: tr("negative")
        case .positive: tr("positive")
        case .notDetected: tr("not detected")
        case .detected: tr("detected")
        case .confirmed: tr("confirmed")
        case .notConfirmed: tr("not confirmed")
        }
    }

    /// The temperature limit for a thermal condition (`CustodyRules.limitText`: `≤ −150 °C`, `2 to 8 °C`,
    /// `no temperature limit`) with its words translated; the figures stay as the rules write them.
    static func limit(_ rules: CustodyRules, _ condition: CustodyThermalCondition) -> String {
        limitPhrase(rules.limitText(for: condition))
    }

    /// A limit as `CustodyRules.limitText` writes it: figures alone (`≤ −150 °C`) stay, a range
    /// (`2 to 8 °C`) and words (`no temperature limit`) are translated.
    static func limitPhrase(_ text: String) -> String {
        if !text.contains(where: \.isNumber) { return tr(source: text) }
        let ends = text.components(separatedBy: " to ")
        return ends.count == 2 ? tr("\(ends[0]) to \(ends[1])") : text
    }

    /// A certificate line's limit or result (`ReleaseEvaluation` writes them): the fixed words
    /// (`negative`, `pending`, …) translated whole, and the two counting units inside figures
    /// (`≥ 1.2e8 CAR+ viable cells (…)`, `≤ 5 copies/transduced cell`) replaced by their translation.
    static func certificateText(_ text: String) -> String {
        if certificateWords.contains(text) { return tr(source: text) }
        var out = text
        for unit in ["CAR+ viable cells", "copies/transduced cell"] where out.contains(unit) {
            out = out.replacingOccurrences(of: unit, with: tr(source: unit))
        }
        return out
    }

    /// The whole limits and results `ReleaseEvaluation` writes in words.
    static let certificateWords: Set<String> = [
        "negative", "positive", "not detected", "detected", "confirmed", "not confirmed", "pending",
        "pending (needs viable cells/mL, CAR expression and bag volume)",
    ]

}

/// Reads the release-results form into `ReleaseTestResults`, naming every field it cannot read.
enum ReleaseResultsForm {
    static let fields = ["sterility", "mycoplasma", "endotoxinEUPerMilliliter", "viabilityPercent", "carExpressionPercent",
                         "vectorCopyNumberPerTransducedCell", "replicationCompetentLentivirus", "identity", "viableCellsPerMilliliter",
                         "bagVolumeMilliliters"]

    static func parse(_ form: FormBody, lot: String) throws -> ReleaseTestResults {
        var c = FieldErrorCollector()
        func number(_ name: String) -> Double? {
            guard let raw = form[name], !raw.isEmpty else { return nil }
            guard let v = Double(raw), v.isFinite else { c.add(name, tr("\"\(raw)\" is not a number")); return nil }
            return v
        }
        func finding(_ name: String) -> ReleaseQualitativeFinding? {
            guard let raw = form[name], !raw.isEmpty else { return nil }
            guard let v = ReleaseQualitativeFinding(rawValue: raw) else { c.add(name, tr("unknown value \"\(raw)\"")); return nil }
            return v
        }
        let r = ReleaseTestResults(lot: lot, sterility: finding("sterility"), mycoplasma: finding("mycoplasma"),
                                   endotoxinEUPerMilliliter: number("endotoxinEUPerMilliliter"), viabilityPercent: number("viabilityPercent"),
                                   carExpressionPercent: number("carExpressionPercent"),
                                   vectorCopyNumberPerTransducedCell: number("vectorCopyNumberPerTransducedCell"),
                                   replicationCompetentLentivirus: finding("replicationCompetentLentivirus"), identity: finding("identity"),
                                   viableCellsPerMilliliter: number("viableCellsPerMilliliter"), bagVolumeMilliliters: number("bagVolumeMilliliters"))
        try c.throwIfAny()
        return r
    }
}
