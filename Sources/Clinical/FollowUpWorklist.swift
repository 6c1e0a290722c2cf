import CartographCore

/// One line of a center's follow-up worklist: something due or overdue for one patient.
public struct FollowUpWorklistItem: Sendable, Equatable, Codable {
    public enum Kind: String, Sendable, Equatable, Hashable, Codable, CaseIterable {
        case visit
        case survivalVisit
        case registryReport
        case malignancyWorkup
    }
    public var patientCode: String
    public var kind: Kind
    /// What to do, in words (`Follow-up visit, Month 6`).
    public var what: String
    /// The date the item is about: planned visit date, registry timepoint or malignancy date.
    public var date: CalendarDate
    /// First day it can be done on time.
    public var windowStart: CalendarDate
    /// Last day it is on time (visit window end, report submit-by, work-up due-by).
    public var windowEnd: CalendarDate
    /// `.due` or `.overdue`.
    public var status: FollowUpItemStatus
}

/// The center's worklist: every patient's due and overdue items.
public enum FollowUpWorklist {
    /// One patient's due and overdue items, in `date` order.
    public static func items(for patient: FollowUpPatientStatus) -> [FollowUpWorklistItem] {
        var out: [FollowUpWorklistItem] = []
        let open: Set<FollowUpItemStatus> = [.due, .overdue]
        for v in patient.visits where open.contains(v.status) {
            let survival = v.purpose == .survival
            out.append(FollowUpWorklistItem(
                patientCode: patient.patientCode, kind: survival ? .survivalVisit : .visit,
                what: (survival ? "Survival follow-up, " : "Follow-up visit, ") + v.label,
                date: v.plannedDate, windowStart: v.windowStart, windowEnd: v.windowEnd, status: v.status))
        }
        for r in patient.registryReports where open.contains(r.status) {
            out.append(FollowUpWorklistItem(
                patientCode: patient.patientCode, kind: .registryReport,
                what: "Registry report, \(r.label)" + (r.reportsDeath ? " (reports the death)" : ""),
                date: r.timepoint, windowStart: r.timepoint, windowEnd: r.submitBy, status: r.status))
        }
        for w in patient.malignancyWorkups where open.contains(w.status) {
            out.append(FollowUpWorklistItem(
                patientCode: patient.patientCode, kind: .malignancyWorkup,
                what: "Second primary malignancy of \(w.eventDate): report to the manufacturer, test tumour for the CAR transgene",
                date: w.eventDate, windowStart: w.eventDate, windowEnd: w.dueBy, status: w.status))
        }
        return sorted(out)
    }

    /// All patients' due and overdue items, sorted by `date`, then patient code, then kind (visits
    /// before reports before work-ups), then text.
    public static func center(_ patients: [FollowUpPatientStatus]) -> [FollowUpWorklistItem] {
        sorted(patients.flatMap(items(for:)))
    }

    /// Convenience for a center whose patients all follow one schedule.
    public static func center(_ records: [FollowUpPatientRecord], schedule: FollowUpSchedule, today: CalendarDate,
                              policy: FollowUpPolicy = .standard) -> [FollowUpWorklistItem] {
        center(records.map { FollowUpTracker.status(of: $0, schedule: schedule, today: today, policy: policy) })
    }

    static func sorted(_ items: [FollowUpWorklistItem]) -> [FollowUpWorklistItem] {
        items.sorted(by: precedes)
    }

    /// The worklist's order: by date, then patient code, then kind (visits before reports before
    /// work-ups), then text.
    public static func precedes(_ a: FollowUpWorklistItem, _ b: FollowUpWorklistItem) -> Bool {
        let order = { (k: FollowUpWorklistItem.Kind) in FollowUpWorklistItem.Kind.allCases.firstIndex(of: k) ?? 0 }
        return (a.date, a.patientCode, order(a.kind), a.what) < (b.date, b.patientCode, order(b.kind), b.what)
    }
}
