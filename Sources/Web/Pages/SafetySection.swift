import CartographCore
import Charts
import Clinical
import Foundation
import Plot
import Store

/// The Day 0–28 part of the patient page: the toxicity timeline, open alerts, every assessment with
/// the grades the engines computed and why, interventions, and the forms to add to them.
struct SafetySection {
    var viewer: Viewer
    var patientID: UUID
    var safety: SafetyFile

    var node: Node<HTML.BodyContext> {
        guard safety.infusionDate != nil else { return .empty }
        return .section(.id("safety"),
            .h2(.text(tr("Safety: CRS and ICANS (ASTCT 2019)"))),
            .p(.text(summary)),
            .div(.class("chart"), .raw(chart)),
            alerts,
            hematotoxicity,
            .if(viewer.role.recordsJourney,
                .p(.a(.href("/patients/\(patientID)/assessments/new"), .text(tr("Record an assessment"))))),
            assessments,
            interventions
        )
    }

    var summary: String {
        func text(_ name: String, _ s: ToxicitySummary?) -> String {
            guard let s, s.anyGrade else { return tr("\(name): none") }
            switch (s.onsetDay, s.ongoing) {
            case let (onset?, true): return tr("\(name): maximum grade \(s.maxGrade), onset day \(onset), ongoing")
            case let (onset?, false): return tr("\(name): maximum grade \(s.maxGrade), onset day \(onset), \(s.totalDurationDays) days")
            case (nil, true): return tr("\(name): maximum grade \(s.maxGrade), ongoing")
            case (nil, false): return tr("\(name): maximum grade \(s.maxGrade), \(s.totalDurationDays) days")
            }
        }
        return text("CRS", safety.crs) + " · " + text("ICANS", safety.icans)
    }

    /// Study day with the time of day as a fraction, in the center's time zone.
    func fractionalDay(_ at: Date) -> Double {
        guard let infusion = safety.infusionDate else { return 0 }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: safety.timeZone) ?? .gmt
        let p = infusion.parts
        let midnight = calendar.date(from: DateComponents(year: p.year, month: p.month, day: p.day))!
        return at.timeIntervalSince(midnight) / 86_400
    }

    var chart: String {
        let a = safety.assessments
        let chart = ToxicityTimelineChart(
            frame: .init(id: "toxicity", title: tr("CRS and ICANS grades by study day"), width: 900),
            crs: a.map { .init(day: fractionalDay($0.assessedAt), grade: $0.crsGrade) },
            icans: a.compactMap { r in r.icansGrade.map { .init(day: fractionalDay(r.assessedAt), grade: $0) } },
            temperatures: a.compactMap { r in r.observations.temperatureC.map { .init(day: fractionalDay(r.assessedAt), celsius: $0) } },
            interventions: safety.interventions.map { .init(day: fractionalDay($0.givenAt), name: $0.drug) })
        // A grade holds until the next record: end the axis just after the latest record so an ongoing
        // course is not drawn as lasting to Day 28.
        var shown = chart
        let latest = (a.map { fractionalDay($0.assessedAt) } + safety.interventions.map { fractionalDay($0.givenAt) }).max() ?? 0
        shown.lastDay = min(28, max(7, (latest + 1).rounded(.up)))
        return shown.svg(words: .init(
            grade: { tr("Grade \($0)") }, studyDay: tr("Study day"),
            maxGrade: { tr("\($0) max grade \($1)") }, intervention: { tr("\($0) day \($1)") },
            summary: { first, last, grades, fevers, threshold, given in
                tr("Toxicity timeline, days \(first)–\(last): \(grades.joined(separator: tr(", "))); \(fevers) temperature readings at or above \(threshold) °C; interventions: \(given.isEmpty ? tr("none") : given.joined(separator: tr(", "))).") }))
    }

    var alerts: Node<HTML.BodyContext> {
        let open = safety.alerts.filter(\.isOpen)
        return .if(!safety.alerts.isEmpty, .div(.class("alerts"),
            .h3(.text(tr("Alerts (\(open.count) open)"))),
            .ul(.forEach(safety.alerts.prefix(20)) { alert in
                SeverityMarks.alert(alert, viewer: viewer, back: "/patients/\(patientID)#safety",
                                    timeZone: TimeZone(identifier: safety.timeZone) ?? .gmt)
            })))
    }

    /// CAR-HEMATOTOX before lymphodepletion and ICAHT after infusion, computed from the lab series.
    var hematotoxicity: Node<HTML.BodyContext> {
        .if(safety.hematotox != nil || safety.icaht != nil, .div(.class("hematotox"),
            .h3(.text(tr("Hematotoxicity"))),
            .dl(
                .unwrap(safety.hematotox) { h in
                    .group(.dt(.text(tr("CAR-HEMATOTOX (before lymphodepletion)"))),
                           .dd(.text(tr("\(h.result.score) — \(tr(source: h.result.risk.rawValue)) risk")),
                               .small(.text(" (" + ClinicalWords.reasons(h.result.reasons) + ")"))))
                },
                .unwrap(safety.icaht) { r in
                    .group(
                        .unwrap(r.early) { e in
                            .group(.dt(.text(tr("Early ICAHT (Day 0–30)"))),
                                   .dd(.text(tr("grade \(e.grade): \(e.daysAtOrBelow500) days with ANC ≤ 500/µL, \(e.daysAtOrBelow100) ≤ 100/µL"))))
                        },
                        .unwrap(r.late) { l in
                            .group(.dt(.text(tr("Late ICAHT (after Day 30)"))),
                                   .dd(.text(tr("grade \(l.grade): nadir \(Int(l.nadir))/µL on Day \(l.nadirDay)"))))
                        })
                })))
    }

    var assessments: Node<HTML.BodyContext> {
        .if(!safety.assessments.isEmpty, .details(
            .summary(.text(tr("Assessments (\(safety.assessments.count))"))),
            .table(.class("assessments"),
                .thead(.tr(.th(.text(tr("Day"))), .th(.text(tr("Date"))), .th(.text(tr("T °C"))), .th("CRS"), .th("ICANS"), .th(.text(tr("Why"))))),
                .tbody(.forEach(safety.assessments.reversed()) { r in
                    .tr(.class("grade-\(max(r.crsGrade, r.icansGrade ?? 0))"),
                        .td(.text(String(r.studyDay))), .td(.text(PatientPage.dateText(r.assessedOn))),
                        .td(.text(r.observations.temperatureC.map { String(format: "%.1f", $0) } ?? "—")),
                        .td(.text(String(r.crsGrade))), .td(.text(r.icansGrade.map(String.init) ?? "—")),
                        .td(.small(.text(ClinicalWords.reasons(r.crsReasons + r.icansReasons)))))
                }))))
    }

    var interventions: Node<HTML.BodyContext> {
        .group(
            .if(!safety.interventions.isEmpty, .group(
                .h3(.text(tr("Interventions"))),
                .ul(.forEach(safety.interventions) { i in
                    .li(.text(i.dose.map { tr("Day \(i.studyDay), \(PatientPage.dateText(i.givenOn)): \(i.drug) \($0) (\(tr(source: i.kind.displayName)))") }
                              ?? tr("Day \(i.studyDay), \(PatientPage.dateText(i.givenOn)): \(i.drug) (\(tr(source: i.kind.displayName)))")))
                }))),
            .if(viewer.role.recordsJourney,
                .form(.action("/patients/\(patientID)/interventions"), .method(.post), .class("inline"),
                      Layout.csrfField(viewer.csrf),
                      FormKit.select(tr("Intervention"), name: "kind", options: SafetyInterventionKind.allCases.map { ($0.rawValue, tr(source: $0.displayName)) },
                                     selected: nil, errors: []),
                      FormKit.field(tr("Drug"), name: "drug", value: nil, errors: [], hint: tr("e.g. tocilizumab, dexamethasone")),
                      FormKit.field(tr("Dose"), name: "dose", value: nil, errors: [], hint: tr("e.g. 8 mg/kg IV")),
                      .button(.type(.submit), .text(tr("Record intervention (now)")))))
        )
    }
}
