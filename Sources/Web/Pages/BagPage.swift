import CartographCore
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
        Layout.page(title: "Bag \(bag.din)", viewer: viewer,
            .h1(.text("\(bag.kind.displayName) · DIN \(bag.din) "), .span(.class("check-character"), .text(bag.dinCheckCharacter))),
            .p(.class("subtitle"), .text("Chain of identity \(bag.chainOfIdentity) · "),
               .a(.href("/patients/\(patientID)/custody"), .text("the therapy's whole trail")), .text(" · "),
               .a(.href("/bags/\(bag.id)/labels"), .text("labels")),
               .if(bag.kind == .finalProduct, .group(.text(" · "), .a(.href("/bags/\(bag.id)/certificate"), .text("certificate of analysis"))))),
            .if(bag.isQuarantined, .div(.class("alert"), .text("Quarantined: only temperature readings, a further quarantine, "
                + "a discard or QA's closure of the deviation (QA queue) can be recorded until QA closes it."))),
            .if(failedForm != nil && !shownForms.contains(failedForm ?? ""),
                .div(.class("alert"), .text("Not recorded: "), .ul(.forEach(form.errors) { .li(.text($0.description)) }))),
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
            .h2("Record the next event"),
            .if(kinds.isEmpty, .p(.text(bag.phase.isTerminal ? "The log is closed (\(bag.phase.displayName))."
                                                             : "Nothing for the \(viewer.role.displayName) role to record on this bag now."))),
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
            fields.append(FormKit.select("Thermal condition", name: "condition",
                                         options: CustodyThermalCondition.allCases.map { ($0.rawValue, $0.rawValue) },
                                         selected: value(name, "condition") ?? bag.thermalCondition.rawValue, errors: e, id: "\(name)-condition"))
        case .shipped, .shippedToCenter:
            fields.append(FormKit.field("Courier", name: "courier", value: value(name, "courier"), errors: e, required: true, id: "\(name)-courier"))
            fields.append(FormKit.field("Shipper ID (dry shipper or box)", name: "shipperID", value: value(name, "shipperID"), errors: e, required: true, id: "\(name)-shipperID"))
        case .temperatureReading:
            fields.append(FormKit.field("Temperature (°C)", name: "celsius", value: value(name, "celsius"), errors: e,
                                        hint: "limit for \(bag.thermalCondition.rawValue) material: \(bag.rules.limitText(for: bag.thermalCondition))",
                                        required: true, id: "\(name)-celsius"))
        case .manufactured:
            fields.append(FormKit.field("Lot number", name: "lot", value: value(name, "lot"), errors: e,
                                        hint: "unique at this manufacturing site", required: true, id: "\(name)-lot"))
        case .stored:
            fields.append(FormKit.field("Location (freezer, rack, position)", name: "location", value: value(name, "location"), errors: e, required: true, id: "\(name)-location"))
        case .discarded, .quarantined:
            fields.append(FormKit.field("Reason", name: "reason", value: value(name, "reason"), errors: e, required: true, id: "\(name)-reason"))
        default:
            break
        }
        return .form(.action("/bags/\(bag.id)/events"), .method(.post), .class("inline event-form"),
            Layout.csrfField(viewer.csrf),
            .input(.type(.hidden), .name("kind"), .value(name)),
            .div(.class("event-name"), .strong(.text(kind.displayName))),
            .group(fields),
            FormKit.field("When (site time)", name: "at", value: value(name, "at") ?? now, errors: e, hint: "YYYY-MM-DDTHH:MM", id: "\(name)-at"),
            FormKit.summary(e, fields: ["condition", "courier", "shipperID", "celsius", "lot", "location", "reason", "at"]),
            .button(.type(.submit), .text("Record")))
    }

    /// A data logger's readings as CSV (`time,celsius` per line, the time as `YYYY-MM-DDTHH:MM` site
    /// time or ISO 8601 with an offset), stored all or none.
    var loggerForm: Node<HTML.BodyContext> {
        let e = errors("logger")
        return .form(.action("/bags/\(bag.id)/logger"), .method(.post), .class("logger"),
            .attribute(named: "enctype", value: "multipart/form-data"),
            Layout.csrfField(viewer.csrf),
            .div(.class("event-name"), .strong("Data-logger file")),
            .div(.class(e.isEmpty ? "field" : "field invalid"),
                .label(.for("file"), .text("CSV file (time,celsius)")),
                .input(.type(.file), .id("file"), .name("file"), .attribute(named: "accept", value: ".csv,text/csv,text/plain"))),
            .div(.class("field"),
                .label(.for("readings"), .text("or paste the lines")),
                .textarea(.id("readings"), .name("readings"), .attribute(named: "rows", value: "4"), .text(value("logger", "readings") ?? ""))),
            .if(!e.isEmpty, .div(.class("alert"), .ul(.forEach(e) { .li(.text($0.description)) }))),
            .button(.type(.submit), .text("Upload readings")))
    }

    var releaseSection: Node<HTML.BodyContext> {
        guard bag.kind == .finalProduct, bag.lot != nil, bag.qaDisposition == nil, [.manufacturing, .qa].contains(viewer.role),
              !bag.phase.isTerminal else { return .empty }
        let e = errors("release")
        let r = release?.evaluation
        func q(_ label: String, _ name: String, _ options: [ReleaseQualitativeFinding]) -> Node<HTML.FormContext> {
            FormKit.select(label, name: name, options: [("", "pending")] + options.map { ($0.rawValue, CustodyWords.finding($0)) },
                           selected: value("release", name) ?? "", errors: e)
        }
        func n(_ label: String, _ name: String, _ hint: String) -> Node<HTML.FormContext> {
            FormKit.field(label, name: name, value: value("release", name), errors: e, hint: hint)
        }
        return .section(.class("release"),
            .h2("Release testing"),
            .p(.text(r.map { "Latest evaluation: \(CustodyWords.disposition($0.disposition))." } ?? "No results entered yet."),
               .text(" Results are evaluated against the specification on save; QA decides in the "), .a(.href("/release-queue"), .text("release queue")),
               .text(".")),
            .form(.action("/bags/\(bag.id)/release-results"), .method(.post), .class("inline"),
                Layout.csrfField(viewer.csrf),
                FormKit.summary(e, fields: Set(ReleaseResultsForm.fields)),
                q("Sterility", "sterility", [.negative, .positive]),
                q("Mycoplasma", "mycoplasma", [.negative, .positive]),
                n("Endotoxin (EU/mL)", "endotoxinEUPerMilliliter", "≥ 0"),
                n("Viability (%)", "viabilityPercent", "0–100"),
                n("CAR expression (%)", "carExpressionPercent", "0–100"),
                n("Vector copies per transduced cell", "vectorCopyNumberPerTransducedCell", "≥ 0"),
                q("Replication-competent lentivirus", "replicationCompetentLentivirus", [.notDetected, .detected]),
                q("Identity", "identity", [.confirmed, .notConfirmed]),
                n("Viable cells per mL", "viableCellsPerMilliliter", "e.g. 4.2e7"),
                n("Bag volume (mL)", "bagVolumeMilliliters", "> 0"),
                .button(.type(.submit), .text("Save and evaluate"))))
    }
}

/// Custody and release values in words for pages.
enum CustodyWords {
    static func disposition(_ d: ReleaseDisposition?) -> String { d?.displayName ?? "no results yet" }

    static func qa(_ d: CustodyQADisposition?) -> String { d?.displayName ?? "pending" }

    static func finding(_ f: ReleaseQualitativeFinding) -> String {
        switch f {
        case .negative: "negative"
        case .positive: "positive"
        case .notDetected: "not detected"
        case .detected: "detected"
        case .confirmed: "confirmed"
        case .notConfirmed: "not confirmed"
        }
    }
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
            guard let v = Double(raw), v.isFinite else { c.add(name, "\"\(raw)\" is not a number"); return nil }
            return v
        }
        func finding(_ name: String) -> ReleaseQualitativeFinding? {
            guard let raw = form[name], !raw.isEmpty else { return nil }
            guard let v = ReleaseQualitativeFinding(rawValue: raw) else { c.add(name, "unknown value \"\(raw)\""); return nil }
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
