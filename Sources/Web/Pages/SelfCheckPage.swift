import CartographCore
import Foundation
import Plot
import Store

/// `/me/check`: the daily self-check during the monitoring window, for a phone.
struct SelfCheckPage {
    var viewer: Viewer
    /// Day after the infusion today; nil outside the window (the form is then not offered).
    var studyDay: Int?
    var lastDay: Int
    var emergencyPhone: String?
    /// `YYYY-MM-DDTHH:MM` now, in the center's time zone.
    var now: String
    var input: [String: String] = [:]
    var errors: [FieldError] = []

    static let symptoms: [(name: String, label: String)] = [
        ("chills", "Chills or shivering"),
        ("dizziness", "Dizzy or light-headed"),
        ("shortOfBreath", "Short of breath"),
        ("confusion", "Confused, very sleepy, or not making sense"),
        ("troubleSpeakingOrWriting", "Trouble speaking, finding words or writing"),
    ]

    var noteError: FieldError? { errors.first { $0.field == "note" } }
    var photoError: FieldError? { errors.first { $0.field == "handwriting" } }

    func render() -> String {
        Layout.page(title: tr("Daily self-check"), viewer: viewer,
            .h1(.text(tr("Daily self-check"))),
            PatientSafetyWords.callNow(emergencyPhone),
            .if(studyDay == nil,
                .p(.text(tr("The self-check is for the days from your infusion to day \(lastDay) after it.")))),
            .unwrap(studyDay) { day in
                .form(.action("/me/check"), .method(.post), .enctype(.multipartData),
                    Layout.csrfField(viewer.csrf),
                    .p(.text(tr("Day \(day) after the infusion. Do it once or twice a day, and whenever you feel different."))),
                    // The boxes have no error line of their own: their problems are listed above the form.
                    FormKit.summary(errors, fields: ["recordedAt", "temperatureC", "note", "handwriting"]),
                    FormKit.field(tr("When (date and time)"), name: "recordedAt", type: .text, value: input["recordedAt"] ?? now, errors: errors,
                                  hint: tr("as YYYY-MM-DDTHH:MM, for example \(now)"), required: true),
                    FormKit.field(tr("Temperature (°C)"), name: "temperatureC", type: .text, value: input["temperatureC"], errors: errors,
                                  hint: tr("as the thermometer shows it, for example 37.4")),
                    .div(.class("symptoms"),
                        .p(.strong(.text(tr("Since the last check, have you had:")))),
                        .forEach(Self.symptoms) { s in
                            .div(.class("field check"),
                                .label(.input(.type(.checkbox), .name(s.name), .value("true"),
                                              .attribute(named: "checked", value: input[s.name] == "true" ? "checked" : nil)),
                                       .text(" " + tr(source: s.label))))
                        }),
                    .p(.class("hint"), .text(tr("Handwriting check: write \"Today is a good day\" on paper. If it is harder than usual, tick trouble writing."))),
                    .div(.class(photoError == nil ? "field" : "field invalid"),
                        .label(.for("handwriting"), .text(tr("Photo of what you wrote (optional)"))),
                        .input(.type(.file), .id("handwriting"), .name("handwriting"), .attribute(named: "accept", value: "image/jpeg,image/png"),
                               .attribute(named: "capture", value: "environment"),
                               .attribute(named: "aria-invalid", value: photoError == nil ? nil : "true")),
                        .small(.class("hint"), .text(tr("JPEG or PNG, at most 5 MB. Where and when it was taken is removed before it is stored."))),
                        .unwrap(photoError) { .span(.class("error"), .text(tr(source: $0.message))) }),
                    .div(.class(noteError == nil ? "field" : "field invalid"),
                        .label(.for("note"), .text(tr("Anything else (optional)"))),
                        .textarea(.id("note"), .name("note"), .attribute(named: "maxlength", value: String(SelfChecks.noteLimit)),
                                  .text(input["note"] ?? "")),
                        .unwrap(noteError) { .span(.class("error"), .text(tr(source: $0.message))) }),
                    .button(.type(.submit), .text(tr("Send to my care team"))))
            })
    }
}

/// The plain-language safety words of the patient's pages, shared by `/me` and the self-check.
enum PatientSafetyWords {
    /// The number as a link a phone dials with one tap (`tel:` keeps only the digits and a leading +).
    static func call(_ phone: String) -> Node<HTML.BodyContext> {
        .a(.href("tel:" + phone.filter { $0.isNumber || $0 == "+" }), .text(phone))
    }

    static func callNow(_ phone: String?) -> Node<HTML.BodyContext> {
        .div(.class("call-now"),
            .unwrap(phone, { p in
                .p(.strong(.text(tr("Feeling unwell? Call your treatment center, day or night: "))),
                   call(p))
            }, else: .p(.strong(.text(tr("Feeling unwell? Call your treatment center's 24-hour number at once."))))))
    }

    /// The rules and warning signs of the weeks after the infusion (seed 003: close monitoring, four
    /// weeks near the certified center; the signs of CRS and ICANS as ASTCT 2019 describes them,
    /// in a patient's words).
    static func whileNearTheCenter(profile: ProductProfile, phone: String?, studyDay: Int, kilometres: Int? = nil) -> Node<HTML.BodyContext> {
        .section(.id("near-the-center"),
            .h2(.text(tr("While you stay near the center"))),
            callNow(phone),
            .p(.a(.class("button"), .href("/me/check"), .text(tr("Do today's self-check")))),
            .ul(
                .li(.text(kilometres.map { tr("Stay within \($0) km of the treatment center until day \(profile.windows.stayNearCenterDays) after the infusion (today is day \(studyDay)).") }
                          ?? tr("Stay within reach of the treatment center until day \(profile.windows.stayNearCenterDays) after the infusion (today is day \(studyDay))."))),
                .li(.text(tr("Have a caregiver with you day and night during this time."))),
                .li(.text(tr("Do not drive or use machines until your care team says you may.")))),
            .h3(.text(tr("Call at once if you have"))),
            .ul(
                .li(.text(tr("a temperature of 38.0 °C or more, chills or shivering"))),
                .li(.text(tr("dizziness, a fast heartbeat, or trouble breathing"))),
                .li(.text(tr("confusion, unusual sleepiness, trouble speaking, finding words or writing"))),
                .li(.text(tr("shaking, or a seizure (call the emergency number)")))))
    }
}
