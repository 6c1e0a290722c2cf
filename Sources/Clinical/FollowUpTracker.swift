import CartographCore

/// Long-term follow-up status of one patient (rule set `FOLLOW-UP-1`; events: `FollowUpEndingKind`).
///
/// Visits:
/// - Each scheduled offset gives a planned date (`FollowUpSchedule.Offset.date(from:)`: month offsets
///   clamp to the month's last day) and a window planned ± `visitToleranceDays`, both edges included.
/// - Recorded visits are matched one-to-one to planned visits whose window contains them, closest pair
///   first (ties: earlier recorded visit, then earlier planned visit). So each visit goes to its nearest
///   planned visit, and two visits in one window complete it once; the other is unscheduled.
/// - A planned visit not matched is, in this order: `missed` if documented so; `cancelled` if an event
///   ending all follow-up falls on or before its window's last day; else `upcoming` before its window,
///   `due` inside it, `overdue` after it.
///
/// Registry reports: timepoint = infusion + offset, submit by timepoint + `registryReportGraceDays`;
/// `completed` when filed, `upcoming` before the timepoint, `due` up to the submit-by date inclusive,
/// `overdue` after it; cancellation after death, loss or withdrawal as `FollowUpEndingKind` says.
///
/// Second-primary-malignancy work-ups: one per event, due by event + `malignancyWorkupDays`; completed
/// by the earliest unused work-up date on or after the event.
public enum FollowUpTracker {
    public static let ruleSet = "FOLLOW-UP-1"

    /// The follow-up status of `record` on `today`.
    ///
    /// - Parameters:
    ///   - schedule: the product profile's `followUp`; a negative tolerance acts as 0, a negative grace
    ///     or work-up period as 0.
    ///   - today: the center's today (`CalendarDate.today(in:)`), passed in so results are reproducible.
    /// - Complexity: O(v·p log(v·p)) for v recorded and p planned visits (tens each).
    public static func status(of record: FollowUpPatientRecord, schedule: FollowUpSchedule, today: CalendarDate,
                              policy: FollowUpPolicy = .standard) -> FollowUpPatientStatus {
        let infusion = record.infusionDate
        let tolerance = max(0, schedule.visitToleranceDays)
        let ended = record.events.filter(\.kind.endsAllFollowUp).min { $0.date < $1.date }
        let responseEnded = record.events.filter(\.kind.endsResponseAssessment).min { $0.date < $1.date }
        var notes: [String] = []

        let recorded = Set(record.visitDates).sorted()
        for d in recorded where d < infusion {
            notes.append("visit on \(d) is before the infusion (\(infusion)) and is not a follow-up visit")
        }
        if let ended {
            for d in recorded where d > ended.date {
                notes.append("visit on \(d) is after \(ended.kind.displayName) on \(ended.date): "
                             + (ended.kind == .lostToFollowUp ? "if the patient has returned, remove the loss-to-follow-up event"
                                                               : "check the dates"))
            }
        }
        let visits = recorded.filter { $0 >= infusion }
        let planned = schedule.visits.map { (offset: $0, date: $0.date(from: infusion)) }
            .enumerated().sorted { ($0.element.date, $0.offset) < ($1.element.date, $1.offset) }.map(\.element)

        // Closest pairs first.
        var pairs: [(distance: Int, visit: Int, plan: Int)] = []
        for (v, d) in visits.enumerated() {
            for (p, plan) in planned.enumerated() {
                let distance = abs(plan.date.days(to: d))
                if distance <= tolerance { pairs.append((distance, v, p)) }
            }
        }
        pairs.sort { ($0.distance, $0.visit, $0.plan) < ($1.distance, $1.visit, $1.plan) }
        var visitOfPlan: [Int: Int] = [:], planOfVisit: [Int: Int] = [:]
        for pair in pairs where visitOfPlan[pair.plan] == nil && planOfVisit[pair.visit] == nil {
            visitOfPlan[pair.plan] = pair.visit
            planOfVisit[pair.visit] = pair.plan
        }

        let missed = Set(record.documentedMissedVisits)
        let visitStatuses = planned.enumerated().map { p, plan -> FollowUpVisitStatus in
            let start = plan.date.adding(days: -tolerance), end = plan.date.adding(days: tolerance)
            let purpose: FollowUpVisitPurpose = responseEnded.map { plan.date > $0.date } == true ? .survival : .responseAssessment
            var status: FollowUpItemStatus
            var visitDate: CalendarDate?
            let reason: String
            if let v = visitOfPlan[p] {
                visitDate = visits[v]
                status = .completed
                reason = "seen on \(visits[v]) (Day \(studyDay(of: visits[v], infusion: infusion))), inside \(start)…\(end)"
            } else if missed.contains(plan.offset) {
                status = .missed
                reason = "documented as missed"
            } else if let ended, ended.date <= end {
                status = .cancelled
                reason = "follow-up ended by \(ended.kind.displayName) on \(ended.date) before the window closed"
            } else if today < start {
                status = .upcoming
                reason = "window opens \(start)"
            } else if today <= end {
                status = .due
                reason = "window \(start)…\(end) is open"
            } else {
                status = .overdue
                reason = "no visit recorded in \(start)…\(end)"
            }
            return FollowUpVisitStatus(offset: plan.offset, label: plan.offset.label, plannedDate: plan.date,
                                       windowStart: start, windowEnd: end, purpose: purpose, status: status,
                                       visitDate: visitDate, reason: reason)
        }

        return FollowUpPatientStatus(
            patientCode: record.patientCode, infusionDate: infusion, today: today, visits: visitStatuses,
            registryReports: registryReports(record, schedule: schedule, ended: ended, today: today, policy: policy),
            malignancyWorkups: malignancyWorkups(record, today: today, policy: policy),
            unscheduledVisitDates: visits.indices.filter { planOfVisit[$0] == nil }.map { visits[$0] },
            followUpEnded: ended, responseAssessmentEnded: responseEnded, notes: notes)
    }

    static func registryReports(_ record: FollowUpPatientRecord, schedule: FollowUpSchedule, ended: FollowUpEndingEvent?,
                                today: CalendarDate, policy: FollowUpPolicy) -> [FollowUpRegistryReportStatus] {
        let filed = Set(record.filedRegistryReports)
        let grace = max(0, policy.registryReportGraceDays)
        let points = schedule.registryReports.map { (offset: $0, date: $0.date(from: record.infusionDate)) }
            .enumerated().sorted { ($0.element.date, $0.offset) < ($1.element.date, $1.offset) }.map(\.element)
        let deathReportIndex = ended.flatMap { e in e.kind == .death ? points.firstIndex { $0.date >= e.date } : nil }
        return points.enumerated().map { i, point in
            let submitBy = point.date.adding(days: grace)
            let reportsDeath = i == deathReportIndex
            let status: FollowUpItemStatus
            var reason: String
            if filed.contains(point.offset) {
                status = .completed; reason = "filed"
            } else if let ended, point.date > ended.date, !reportsDeath {
                status = .cancelled
                reason = "follow-up ended by \(ended.kind.displayName) on \(ended.date)"
            } else if today < point.date {
                status = .upcoming; reason = "timepoint \(point.date)"
            } else if today <= submitBy {
                status = .due; reason = "submit by \(submitBy)"
            } else {
                status = .overdue; reason = "not filed by \(submitBy)"
            }
            if reportsDeath, let ended { reason += "; reports the death on \(ended.date)" }
            return FollowUpRegistryReportStatus(offset: point.offset, label: point.offset.label, timepoint: point.date,
                                                submitBy: submitBy, status: status, reportsDeath: reportsDeath, reason: reason)
        }
    }

    static func malignancyWorkups(_ record: FollowUpPatientRecord, today: CalendarDate,
                                  policy: FollowUpPolicy) -> [FollowUpMalignancyWorkup] {
        var unused = record.malignancyWorkupDates.sorted()
        return record.events.filter(\.kind.opensMalignancyWorkup).map(\.date).sorted().map { event in
            let dueBy = event.adding(days: max(0, policy.malignancyWorkupDays))
            if let k = unused.firstIndex(where: { $0 >= event }) {
                let done = unused.remove(at: k)
                return FollowUpMalignancyWorkup(eventDate: event, dueBy: dueBy, status: .completed, completedOn: done)
            }
            return FollowUpMalignancyWorkup(eventDate: event, dueBy: dueBy, status: today <= dueBy ? .due : .overdue,
                                            completedOn: nil)
        }
    }
}
