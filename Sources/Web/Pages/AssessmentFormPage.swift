import CartographCore
import Clinical
import Foundation
import Plot

/// The bedside assessment form. The nurse records what was observed; the grade is computed on save.
struct AssessmentFormPage {
    var viewer: Viewer
    var patientID: String
    var patientCode: String
    var input: FormBody
    var errors: [FieldError]
    var now: String

    /// Read on every render: the labels are in the request's language.
    static var yesNo: [(value: String, label: String)] { [("no", tr("no")), ("yes", tr("yes"))] }

    func render() -> String {
        // Engine field paths (`ice.orientation`, `vasopressors[0].dose`) named as this form's fields,
        // so every problem stands beside the field that caused it.
        let errors = self.errors.map(AssessmentForm.formError)
        func flag(_ label: String, _ name: String) -> Node<HTML.FormContext> {
            FormKit.select(label, name: name, options: Self.yesNo, selected: input[name] ?? "no", errors: errors)
        }
        func choice<E: RawRepresentable & CaseIterable>(_ label: String, _ name: String, _: E.Type, default d: E,
                                                          words: (E) -> String) -> Node<HTML.FormContext>
            where E.RawValue == String {
            FormKit.select(label, name: name, options: E.allCases.map { ($0.rawValue, words($0)) }, selected: input[name] ?? d.rawValue, errors: errors)
        }
        return Layout.page(title: tr("Assessment \(patientCode)"), viewer: viewer,
            .h1(.text(tr("Bedside assessment — \(patientCode)"))),
            .p(.class("hint"), .text(tr("Record what you observe. The CRS and ICANS grades are computed from it (ASTCT 2019) and shown with their reasons; they cannot be typed."))),
            .form(.action("/patients/\(patientID)/assessments/new"), .method(.post),
                Layout.csrfField(viewer.csrf),
                FormKit.summary(errors, fields: Set(AssessmentForm.fields)),
                FormKit.field(tr("Time (center's time zone)"), name: "assessedAt", type: .text, value: input["assessedAt"] ?? now, errors: errors,
                              hint: "YYYY-MM-DDTHH:MM", required: true),
                .fieldset(.element(named: "legend", text: "CRS"),
                    FormKit.field(tr("Temperature (°C)"), name: "temperatureC", value: input["temperatureC"], errors: errors,
                                  hint: "\(bounds(SafetyAssessment.Limits.temperatureC)) °C"),
                    flag(tr("Fever attributed to another cause (e.g. infection)"), "feverAttributableToOtherCause"),
                    FormKit.field(tr("Systolic (mmHg)"), name: "systolicMmHg", value: input["systolicMmHg"], errors: errors,
                                  hint: "\(bounds(SafetyAssessment.Limits.systolicMmHg)) mmHg"),
                    FormKit.field(tr("Diastolic (mmHg)"), name: "diastolicMmHg", value: input["diastolicMmHg"], errors: errors,
                                  hint: tr("\(bounds(SafetyAssessment.Limits.diastolicMmHg)) mmHg, below the systolic")),
                    flag(tr("Hypotension (yes whenever a vasopressor runs)"), "hypotension"),
                    .forEach([1, 2]) { n in
                        .group(
                            FormKit.select(tr("Vasopressor \(n)"), name: "vasopressor\(n)",
                                           options: [("", tr("none"))] + CRSVasopressor.allCases.map { ($0.rawValue, ClinicalWords.vasopressor($0)) },
                                           selected: input["vasopressor\(n)"], errors: errors),
                            FormKit.field(tr("Dose"), name: "vasopressor\(n)Dose", value: input["vasopressor\(n)Dose"], errors: errors),
                            choice(tr("Unit"), "vasopressor\(n)Unit", SafetyVasopressorDoseUnit.self, default: .microgramsPerKilogramPerMinute,
                                   words: ClinicalWords.unit))
                    },
                    choice(tr("Oxygen"), "oxygenDevice", CRSOxygenDevice.self, default: .none, words: ClinicalWords.oxygen),
                    FormKit.field(tr("Oxygen flow (L/min)"), name: "oxygenFlowLitersPerMinute", value: input["oxygenFlowLitersPerMinute"], errors: errors,
                                  hint: tr("needs an oxygen device; ≤ 6 L/min is low flow")),
                    flag(tr("Death due to CRS"), "deathDueToCRS")),
                .fieldset(.element(named: "legend", text: tr("ICANS (leave the ICE items empty if not assessed)")),
                    .unwrap(errors.first { $0.field == "ice" }) { .p(.class("error"), .text($0.message)) },
                    FormKit.field(tr("ICE orientation (0–4)"), name: "iceOrientation", value: input["iceOrientation"], errors: errors),
                    FormKit.field(tr("ICE naming (0–3)"), name: "iceNaming", value: input["iceNaming"], errors: errors),
                    FormKit.field(tr("ICE follows commands (0–1)"), name: "iceFollowsCommands", value: input["iceFollowsCommands"], errors: errors),
                    FormKit.field(tr("ICE writing (0–1)"), name: "iceWriting", value: input["iceWriting"], errors: errors),
                    FormKit.field(tr("ICE attention (0–1)"), name: "iceAttention", value: input["iceAttention"], errors: errors),
                    choice(tr("Consciousness"), "consciousness", ICANSConsciousness.self, default: .awake, words: ClinicalWords.consciousness),
                    choice(tr("Seizure"), "seizure", ICANSSeizure.self, default: .none, words: ClinicalWords.seizure),
                    flag(tr("Deep focal motor weakness"), "deepFocalMotorWeakness"),
                    choice(tr("Cerebral edema on imaging"), "cerebralEdema", ICANSCerebralEdema.self, default: .none, words: ClinicalWords.edema),
                    flag(tr("Decerebrate or decorticate posturing"), "posturing"),
                    flag(tr("Cranial nerve VI palsy"), "cranialNerveVIPalsy"),
                    flag(tr("Papilledema"), "papilledema"),
                    flag(tr("Cushing's triad"), "cushingsTriad"),
                    flag(tr("Neurological findings attributed to another cause"), "neurologicFindingsAttributableToOtherCause"),
                    flag(tr("Death due to ICANS"), "deathDueToICANS")),
                .button(.type(.submit), .text(tr("Save and grade")))
            )
        )
    }
}

/// Reads the assessment form into observations, naming every field that cannot be read.
enum AssessmentForm {
    /// Every field the form shows an error beside (the rest go to the summary at the top).
    static let fields = ["assessedAt", "temperatureC", "systolicMmHg", "diastolicMmHg", "hypotension", "oxygenDevice",
                         "oxygenFlowLitersPerMinute", "vasopressor1", "vasopressor1Dose", "vasopressor1Unit", "vasopressor2",
                         "vasopressor2Dose", "vasopressor2Unit", "iceOrientation", "iceNaming", "iceFollowsCommands", "iceWriting",
                         "iceAttention", "ice", "consciousness", "seizure", "cerebralEdema"]

    /// The form field an engine's field path belongs to: `ice.orientation` → `iceOrientation`,
    /// `vasopressors[0].dose` → `vasopressor1Dose`; other names are already the form's.
    static func formError(_ e: FieldError) -> FieldError {
        var field = e.field
        if field.hasPrefix("ice."), let first = field.dropFirst(4).first {
            field = "ice" + String(first).uppercased() + field.dropFirst(5)
        } else if field.hasPrefix("vasopressors["), let close = field.firstIndex(of: "]"),
                  let i = Int(field[field.index(field.startIndex, offsetBy: 13)..<close]) {
            let rest = field[field.index(after: close)...]
            let suffix = rest == ".dose" ? "Dose" : rest == ".unit" ? "Unit" : ""
            field = "vasopressor\(i + 1)" + suffix
        }
        return FieldError(field, e.message)
    }

    static func parse(_ form: FormBody, timeZone: TimeZone) throws -> (SafetyAssessment, Date) {
        var c = FieldErrorCollector()
        func number(_ name: String) -> Double? {
            guard let raw = form[name], !raw.isEmpty else { return nil }
            guard let v = Double(raw), v.isFinite else { c.add(name, tr("\"\(raw)\" is not a number")); return nil }
            return v
        }
        func int(_ name: String) -> Int? {
            guard let raw = form[name], !raw.isEmpty else { return nil }
            guard let v = Int(raw) else { c.add(name, tr("\"\(raw)\" is not a whole number")); return nil }
            return v
        }
        func yes(_ name: String) -> Bool { form[name] == "yes" }
        func choice<E: RawRepresentable>(_ name: String, _ d: E) -> E where E.RawValue == String {
            guard let raw = form[name], !raw.isEmpty else { return d }
            guard let v = E(rawValue: raw) else { c.add(name, tr("unknown value \"\(raw)\"")); return d }
            return v
        }
        let at = parseLocal(form["assessedAt"] ?? "", timeZone: timeZone)
        if at == nil { c.add("assessedAt", tr("enter a time as YYYY-MM-DDTHH:MM")) }
        var pressors: [SafetyVasopressorDose] = []
        for n in [1, 2] {
            guard let raw = form["vasopressor\(n)"], !raw.isEmpty else { continue }
            guard let drug = CRSVasopressor(rawValue: raw) else { c.add("vasopressor\(n)", tr("unknown vasopressor \"\(raw)\"")); continue }
            guard let dose = number("vasopressor\(n)Dose") else { c.add("vasopressor\(n)Dose", tr("enter the dose")); continue }
            pressors.append(SafetyVasopressorDose(drug: drug, dose: dose, unit: choice("vasopressor\(n)Unit", SafetyVasopressorDoseUnit.microgramsPerKilogramPerMinute)))
        }
        let iceValues = ["iceOrientation", "iceNaming", "iceFollowsCommands", "iceWriting", "iceAttention"].map(int)
        var ice: SafetyICEItems?
        if iceValues.allSatisfy({ $0 != nil }) {
            ice = SafetyICEItems(orientation: iceValues[0]!, naming: iceValues[1]!, followsCommands: iceValues[2]!,
                                 writing: iceValues[3]!, attention: iceValues[4]!)
        } else if iceValues.contains(where: { $0 != nil }) {
            c.add("ice", tr("give all five ICE items, or none when the ICE could not be assessed"))
        }
        let a = SafetyAssessment(
            studyDay: 0, recordedAt: at ?? Date(), temperatureC: number("temperatureC"), systolicMmHg: number("systolicMmHg"),
            diastolicMmHg: number("diastolicMmHg"), hypotension: yes("hypotension"), vasopressors: pressors,
            oxygenDevice: choice("oxygenDevice", CRSOxygenDevice.none), oxygenFlowLitersPerMinute: number("oxygenFlowLitersPerMinute"),
            feverAttributableToOtherCause: yes("feverAttributableToOtherCause"), deathDueToCRS: yes("deathDueToCRS"), ice: ice,
            consciousness: choice("consciousness", ICANSConsciousness.awake), seizure: choice("seizure", ICANSSeizure.none),
            deepFocalMotorWeakness: yes("deepFocalMotorWeakness"), cerebralEdema: choice("cerebralEdema", ICANSCerebralEdema.none),
            posturing: yes("posturing"), cranialNerveVIPalsy: yes("cranialNerveVIPalsy"), papilledema: yes("papilledema"),
            cushingsTriad: yes("cushingsTriad"), neurologicFindingsAttributableToOtherCause: yes("neurologicFindingsAttributableToOtherCause"),
            deathDueToICANS: yes("deathDueToICANS"))
        // Every problem at once: what could not be read, and what the engines' rules refuse in the rest.
        if !c.errors.isEmpty {
            do { try a.validate() } catch let v as ValidationFailure {
                for e in v.errors where !c.errors.contains(where: { $0.field == e.field }) { c.add(e.field, e.message) }
            } catch {}
        }
        try c.throwIfAny()
        return (a, at!)
    }

    /// `YYYY-MM-DDTHH:MM` read as a wall-clock time in the center's time zone.
    static func parseLocal(_ text: String, timeZone: TimeZone) -> Date? {
        let parts = text.split(separator: "T")
        guard parts.count == 2, let date = CalendarDate(String(parts[0])) else { return nil }
        let hm = parts[1].split(separator: ":")
        guard hm.count == 2, let h = Int(hm[0]), let m = Int(hm[1]), (0...23).contains(h), (0...59).contains(m) else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let p = date.parts
        return calendar.date(from: DateComponents(year: p.year, month: p.month, day: p.day, hour: h, minute: m))
    }

    static func formatLocal(_ date: Date, timeZone: TimeZone) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        return String(format: "%04d-%02d-%02dT%02d:%02d", c.year!, c.month!, c.day!, c.hour!, c.minute!)
    }
}

/// `30–43` for a published bound.
func bounds(_ r: ClosedRange<Double>) -> String {
    func t(_ v: Double) -> String { v.rounded() == v ? String(Int(v)) : String(v) }
    return "\(t(r.lowerBound))–\(t(r.upperBound))"
}
