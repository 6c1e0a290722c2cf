import CartographCore
import Foundation
import Plot
import Store

/// `/me`: the patient's or caregiver's own view of the journey — where they are among the six steps,
/// what is done, what comes next with its dates, and what each step means in plain words.
struct MyJourneyPage {
    var viewer: Viewer
    /// The patient's given name, as the center recorded it.
    var givenName: String
    /// `caregiver` when the account belongs to someone the patient named.
    var isCaregiver: Bool
    var file: PatientFile
    var today: CalendarDate
    /// The center's 24-hour number, when it has set one.
    var emergencyPhone: String? = nil
    /// Set during the monitoring window: the rules, the warning signs and the self-check.
    var inMonitoringWindow = false
    var notice: String? = nil

    func render() -> String {
        let f = file
        let whose = isCaregiver ? "\(givenName)'s" : "Your"
        return Layout.page(title: "My journey", viewer: viewer,
            .h1(.text("\(whose) treatment journey")),
            .unwrap(notice) { .p(.class("notice"), .text($0)) },
            .if(inMonitoringWindow, PatientSafetyWords.whileNearTheCenter(profile: f.product, phone: emergencyPhone, studyDay: f.studyDay ?? 0),
                else: PatientSafetyWords.callNow(emergencyPhone)),
            .p(.class("subtitle"), .text("\(f.product.name) (\(f.product.genericName)) · today is \(today)"),
               .unwrap(f.studyDay) { $0 >= 0 ? .text(" · day \($0) after the infusion") : .text("") }),
            .p(.strong(.text("Now: ")), .text(f.stage.stepNumber.map { "step \($0) of 6, " } ?? ""),
               .text(f.stage.displayName), .text(". "), .text(PatientWords.meaning(of: f.stage, profile: f.product))),
            .if(!f.plan.upcoming.isEmpty, .section(
                .h2("Coming up"),
                .ul(.forEach(f.plan.upcoming.prefix(5)) { e in
                    .li(.strong(.text(e.date == e.windowEnd ? "\(e.date)" : "\(e.date) to \(e.windowEnd)")), .text(" · \(e.what)"))
                }))),
            .section(
                .h2("The six steps"),
                .ol(.class("journey-steps"), .forEach(f.plan.steps.filter { $0.stage.stepNumber != nil }) { step in
                    .li(.class(step.stage == f.stage ? "current" : ""),
                        .h3(.text(step.stage.displayName)),
                        .p(.class("step-status"), .text(PatientWords.status(step.status)), .text(dates(step))),
                        .p(.text(PatientWords.meaning(of: step.stage, profile: f.product))))
                })),
            .if(f.infusionDate != nil, .p(.a(.href("/me/card"), .text("My wallet card (English and 中文)")))),
            .p(.class("hint"), .text("Questions about a date or how you feel: call your treatment center. In an emergency, call your local emergency number."))
        )
    }

    private func dates(_ s: JourneyPlan.Step) -> String {
        if let from = s.actualFrom {
            if let to = s.actualTo, to != from { return " · \(from) to \(to)" }
            return " · \(from)"
        }
        if let from = s.plannedFrom {
            if let to = s.plannedTo, to != from { return " · planned \(from) to \(to)" }
            return " · planned \(from)"
        }
        return ""
    }
}
