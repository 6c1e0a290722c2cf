import CartographCore
import Plot

/// The screening form: every value the product's criteria need; blanks stay "unknown".
struct ScreeningPage {
    var viewer: Viewer
    var patientID: String
    var patientCode: String
    var profile: ProductProfile
    var input: FormBody
    var errors: [FieldError]
    var today: CalendarDate
    /// From the patient's identity: the age is computed from it, never typed.
    var dateOfBirth: CalendarDate? = nil

    static let maximumLines = 8

    var ageText: String {
        guard let born = dateOfBirth else { return tr("computed from the date of birth when saved") }
        let on = input["screenedOn"].flatMap { CalendarDate($0) } ?? today
        return tr("\(Enrolment.age(born: born, on: on)) years on \(LocalFormat.date(on)) (born \(LocalFormat.date(born))); computed from the date of birth")
    }

    static func outcomeWords(_ o: LastLineOutcome) -> String { tr(source: o.displayName) }
    /// Read on every render: the labels are in the request's language.
    static var yesNo: [(value: String, label: String)] { [("", tr("unknown")), ("no", tr("no")), ("yes", tr("yes"))] }

    func render() -> String {
        Layout.page(title: tr("Screening \(patientCode)"), viewer: viewer,
            .h1(.text(tr("Screening — \(patientCode)"))),
            .p(.text(tr("Against the \(profile.name) profile: \(tr(source: profile.indication.text))."))),
            .form(.action("/patients/\(patientID)/screening"), .method(.post),
                Layout.csrfField(viewer.csrf),
                FormKit.summary(errors, fields: ["screenedOn", "ageYears", "diagnosis", "priorLines", "lastLineOutcome", "ecog", "labs", "activeInfection", "extramedullaryDisease", "highRiskCytogenetics"]),
                FormKit.field(tr("Screened on"), name: "screenedOn", type: .date, value: input["screenedOn"] ?? today.description, errors: errors, required: true),
                .div(.class("field"), .label(.text(tr("Age"))),
                     .span(.text(ageText)),
                     .unwrap(errors.first { $0.field == "ageYears" }) { .span(.class("error"), .text(tr(source: $0.message))) }),
                FormKit.select(tr("Diagnosis"), name: "diagnosis", options: [("", tr("unknown"))] + Disease.allCases.map { ($0.rawValue, tr(source: $0.displayName)) },
                               selected: input["diagnosis"], errors: errors),
                .fieldset(.element(named: "legend", text: tr("Prior lines of therapy (tick the drug classes of each line)")),
                    .table(.class("lines"),
                        .thead(.tr(.th(.text(tr("Line"))), .forEach(DrugClass.allCases) { .th(.text(tr(source: $0.displayName))) })),
                        .tbody(.forEach(1...Self.maximumLines) { line in
                            .tr(.td(.text(String(line))), .forEach(DrugClass.allCases) { dc in
                                .td(.raw("<input type=\"checkbox\" name=\"line\(line)\" value=\"\(dc.rawValue)\" aria-label=\"\(escapeHTML(tr("line \(line) \(tr(source: dc.displayName))")))\"\(input.all("line\(line)").contains(dc.rawValue) ? " checked" : "")>"))
                            })
                        }))),
                FormKit.select(tr("Outcome of the last line"), name: "lastLineOutcome",
                               options: [("", tr("unknown"))] + LastLineOutcome.allCases.map { ($0.rawValue, Self.outcomeWords($0)) },
                               selected: input["lastLineOutcome"], errors: errors),
                FormKit.field(tr("ECOG performance status"), name: "ecog", value: input["ecog"], errors: errors),
                .fieldset(.element(named: "legend", text: tr("Laboratory and organ function")),
                    .forEach(ScreeningAnalyte.allCases) { a in
                        FormKit.field(tr(source: a.displayName), name: "labs.\(a.rawValue)", value: input["labs.\(a.rawValue)"], errors: errors)
                    }),
                FormKit.select(tr("Active infection"), name: "activeInfection", options: Self.yesNo, selected: input["activeInfection"], errors: errors),
                FormKit.select(tr("Extramedullary disease"), name: "extramedullaryDisease", options: Self.yesNo, selected: input["extramedullaryDisease"], errors: errors),
                FormKit.select(tr("High-risk cytogenetics (del(17p), t(4;14), t(14;16))"), name: "highRiskCytogenetics", options: Self.yesNo,
                               selected: input["highRiskCytogenetics"], errors: errors),
                .button(.type(.submit), .text(tr("Screen")))
            )
        )
    }

    /// Reads the form into screening data, collecting every field problem.
    static func parse(_ form: FormBody) throws -> (ScreeningData, CalendarDate?) {
        var c = FieldErrorCollector()
        func int(_ name: String) -> Int? {
            guard let raw = form[name], !raw.isEmpty else { return nil }
            guard let v = Int(raw) else { c.add(name, tr("\"\(raw)\" is not a whole number")); return nil }
            return v
        }
        func bool(_ name: String) -> Bool? {
            switch form[name] { case "yes": true; case "no": false; default: nil }
        }
        func choice<E: RawRepresentable>(_ name: String, _: E.Type) -> E? where E.RawValue == String {
            guard let raw = form[name], !raw.isEmpty else { return nil }
            guard let v = E(rawValue: raw) else { c.add(name, tr("unknown value \"\(raw)\"")); return nil }
            return v
        }
        var labs: [ScreeningAnalyte: Double] = [:]
        for a in ScreeningAnalyte.allCases {
            guard let raw = form["labs.\(a.rawValue)"], !raw.isEmpty else { continue }
            if let v = Double(raw), v.isFinite { labs[a] = v } else { c.add("labs.\(a.rawValue)", tr("\"\(raw)\" is not a number")) }
        }
        var lines: [PriorLine] = []
        for line in 1...maximumLines {
            let classes = form.all("line\(line)").compactMap(DrugClass.init(rawValue:))
            if !classes.isEmpty { lines.append(PriorLine(drugClasses: classes)) }
        }
        let anyLineAnswered = (1...maximumLines).contains { !form.all("line\($0)").isEmpty }
        var screenedOn: CalendarDate?
        if let raw = form["screenedOn"], !raw.isEmpty {
            if let d = CalendarDate(raw) { screenedOn = d } else { c.add("screenedOn", tr("\"\(raw)\" is not a date (YYYY-MM-DD)")) }
        }
        let data = ScreeningData(ageYears: int("ageYears"), diagnosis: choice("diagnosis", Disease.self),
                                 priorLines: anyLineAnswered ? lines : nil,
                                 lastLineOutcome: choice("lastLineOutcome", LastLineOutcome.self), ecog: int("ecog"), labs: labs,
                                 activeInfection: bool("activeInfection"), extramedullaryDisease: bool("extramedullaryDisease"),
                                 highRiskCytogenetics: bool("highRiskCytogenetics"))
        try c.throwIfAny()
        return (data, screenedOn)
    }
}
