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
    /// How far from the center the patient stays during the monitoring window, when the center set it.
    var stayWithinKilometres: Int? = nil
    /// Set during the monitoring window: the rules, the warning signs and the self-check.
    var inMonitoringWindow = false
    var notice: String? = nil

    func render() -> String {
        let f = file
        return Layout.page(title: tr("My journey"), viewer: viewer,
            .h1(.text(isCaregiver ? tr("\(givenName)'s treatment journey") : tr("Your treatment journey"))),
            .unwrap(notice) { .p(.class("notice"), .text($0)) },
            .if(inMonitoringWindow, PatientSafetyWords.whileNearTheCenter(profile: f.product, phone: emergencyPhone, studyDay: f.studyDay ?? 0,
                                                                        kilometres: stayWithinKilometres),
                else: PatientSafetyWords.callNow(emergencyPhone)),
            .p(.class("subtitle"), .text(tr("\(f.product.name) (\(tr(source: f.product.genericName))) · today is \(LocalFormat.date(today))")),
               .unwrap(f.studyDay) { $0 >= 0 ? .text(tr(" · day \($0) after the infusion")) : .text("") }),
            .p(.strong(.text(tr("Now: "))), .text(f.stage.stepNumber.map { tr("step \($0) of 6, ") } ?? ""),
               .text(tr(source: f.stage.displayName)), .text(tr(". ")), .text(PatientWords.meaning(of: f.stage, profile: f.product))),
            .if(!f.plan.upcoming.isEmpty, .section(
                .h2(.text(tr("Coming up"))),
                .ul(.forEach(f.plan.upcoming.prefix(5)) { e in
                    .li(.strong(.text(e.date == e.windowEnd ? LocalFormat.date(e.date) : tr("\(LocalFormat.date(e.date)) to \(LocalFormat.date(e.windowEnd))"))), .text(" · " + tr(source: e.what)))
                }))),
            .section(
                .h2(.text(tr("The six steps"))),
                .ol(.class("journey-steps"), .forEach(f.plan.steps.filter { $0.stage.stepNumber != nil }) { step in
                    .li(.class(step.stage == f.stage ? "current" : ""),
                        .h3(.text(tr(source: step.stage.displayName))),
                        .p(.class("step-status"), .text(PatientWords.status(step.status)), .text(dates(step))),
                        .p(.text(PatientWords.meaning(of: step.stage, profile: f.product))))
                })),
            .if(f.infusionDate != nil, .p(.a(.href("/me/card"), .text(tr("My wallet card (English and 中文)"))))),
            .p(.class("hint"), .text(tr("Questions about a date or how you feel: call your treatment center. In an emergency, call your local emergency number.")))
        )
    }

    private func dates(_ s: JourneyPlan.Step) -> String {
        if let from = s.actualFrom {
            if let to = s.actualTo, to != from { return " · " + tr("\(LocalFormat.date(from)) to \(LocalFormat.date(to))") }
            return " · " + LocalFormat.date(from)
        }
        if let from = s.plannedFrom {
            if let to = s.plannedTo, to != from { return " · " + tr("planned \(LocalFormat.date(from)) to \(LocalFormat.date(to))") }
            return " · " + tr("planned \(LocalFormat.date(from))")
        }
        return ""
    }
}
