import Foundation
import CartographCore

/// A patient as the Day 0–28 board receives them from the store.
public struct SafetyBoardPatient: Sendable, Equatable, Codable {
    public var patientID: String
    public var infusionDate: CalendarDate
    public var assessments: [SafetyGradedAssessment]
    /// Alerts raised so far (duplicates by key are counted once).
    public var alerts: [SafetyAlert]
    /// Keys of alerts someone has acknowledged.
    public var acknowledgedAlertKeys: Set<String>

    public init(patientID: String, infusionDate: CalendarDate, assessments: [SafetyGradedAssessment],
                alerts: [SafetyAlert] = [], acknowledgedAlertKeys: Set<String> = []) {
        self.patientID = patientID
        self.infusionDate = infusionDate
        self.assessments = assessments
        self.alerts = alerts
        self.acknowledgedAlertKeys = acknowledgedAlertKeys
    }
}

/// One study day of a board row's trend.
public struct SafetyBoardTrendDay: Sendable, Equatable, Codable {
    public var studyDay: Int
    /// Highest CRS grade recorded that day; `nil` when none was graded.
    public var maxCRSGrade: Int?
    /// Highest ICANS grade recorded that day; `nil` when none was graded.
    public var maxICANSGrade: Int?

    public init(studyDay: Int, maxCRSGrade: Int?, maxICANSGrade: Int?) {
        self.studyDay = studyDay
        self.maxCRSGrade = maxCRSGrade
        self.maxICANSGrade = maxICANSGrade
    }
}

/// One line of the board.
public struct SafetyBoardRow: Sendable, Equatable, Codable {
    public var patientID: String
    public var infusionDate: CalendarDate
    /// Today's study day (0...monitoringEndDay).
    public var studyDay: Int
    /// Grade of the latest assessment that graded CRS, at or before today; `nil` if none.
    public var latestCRSGrade: Int?
    /// Grade of the latest assessment that graded ICANS, at or before today; `nil` if none.
    public var latestICANSGrade: Int?
    /// Study day and time of the latest assessment of any kind (shows how stale the grades are).
    public var latestAssessmentDay: Int?
    public var latestAssessmentAt: Date?
    /// Oldest day first, ending today; starts no earlier than Day 0.
    public var trend: [SafetyBoardTrendDay]
    /// Today is a scheduled monitoring day.
    public var assessmentScheduledToday: Bool
    /// Today is scheduled and nothing is recorded yet today.
    public var assessmentPending: Bool
    /// Distinct alert keys not acknowledged.
    public var openAlerts: Int
    /// Highest severity among the open alerts; `nil` with none open.
    public var highestOpenSeverity: SafetyAlertSeverity?

    public init(patientID: String, infusionDate: CalendarDate, studyDay: Int, latestCRSGrade: Int?,
                latestICANSGrade: Int?, latestAssessmentDay: Int?, latestAssessmentAt: Date?,
                trend: [SafetyBoardTrendDay], assessmentScheduledToday: Bool, assessmentPending: Bool,
                openAlerts: Int, highestOpenSeverity: SafetyAlertSeverity?) {
        self.patientID = patientID; self.infusionDate = infusionDate; self.studyDay = studyDay
        self.latestCRSGrade = latestCRSGrade; self.latestICANSGrade = latestICANSGrade
        self.latestAssessmentDay = latestAssessmentDay; self.latestAssessmentAt = latestAssessmentAt
        self.trend = trend; self.assessmentScheduledToday = assessmentScheduledToday
        self.assessmentPending = assessmentPending; self.openAlerts = openAlerts
        self.highestOpenSeverity = highestOpenSeverity
    }
}

/// The Day 0–28 monitoring board: who is in short-term monitoring today and how they are doing.
public enum SafetyBoard {
    /// Rows for the patients whose study day today is within 0...`windows.monitoringEndDay`
    /// (Day 0–28 for FUCASO, seed 003), in the order given. A patient on Day −1 (not yet infused)
    /// or Day 29 (short-term monitoring over) has no row.
    ///
    /// `today` is the center's calendar date (`CalendarDate.today(in:)`): study days are whole
    /// calendar days from the infusion, never UTC timestamps. Assessments recorded on a study day
    /// after today are ignored. The trend covers the last `trendDays` study days ending today,
    /// clipped at Day 0, with the highest grade of each day. "Pending" means today is one of
    /// `windows.monitoringAssessmentDays` and no assessment is recorded today yet.
    ///
    /// - Throws: `ValidationFailure` for `trendDays` < 1, or (named `patients[i].assessments[j]…`)
    ///   a grade outside 0...5 or study days running backwards in time.
    public static func rows(
        patients: [SafetyBoardPatient], today: CalendarDate, windows: TreatmentWindows, trendDays: Int = 7
    ) throws -> [SafetyBoardRow] {
        guard trendDays >= 1 else { throw ValidationFailure("trendDays", "\(trendDays) must be at least 1") }
        var rows: [SafetyBoardRow] = []
        for (index, patient) in patients.enumerated() {
            let day = studyDay(of: today, infusion: patient.infusionDate)
            guard (0...max(0, windows.monitoringEndDay)).contains(day) else { continue }
            let ordered: [SafetyGradedAssessment]
            do {
                ordered = try ToxicitySeries.ordered(patient.assessments)
            } catch let failure as ValidationFailure {
                throw ValidationFailure(failure.errors.map { FieldError("patients[\(index)].\($0.field)", $0.message) })
            }
            rows.append(row(patient, ordered: ordered.filter { $0.studyDay <= day }, day: day,
                            windows: windows, trendDays: trendDays))
        }
        return rows
    }

    private static func row(
        _ patient: SafetyBoardPatient, ordered: [SafetyGradedAssessment], day: Int, windows: TreatmentWindows,
        trendDays: Int
    ) -> SafetyBoardRow {
        let latest = ordered.last
        let trend = (max(0, day - trendDays + 1)...day).map { d in
            let that = ordered.filter { $0.studyDay == d }
            return SafetyBoardTrendDay(studyDay: d, maxCRSGrade: that.compactMap(\.crsGrade).max(),
                                       maxICANSGrade: that.compactMap(\.icansGrade).max())
        }
        let scheduled = day <= windows.monitoringEndDay && windows.monitoringAssessmentDays.contains(day)
        var open: [String: SafetyAlertSeverity] = [:]
        for alert in patient.alerts where !patient.acknowledgedAlertKeys.contains(alert.key) {
            open[alert.key] = max(open[alert.key] ?? alert.severity, alert.severity)
        }
        return SafetyBoardRow(
            patientID: patient.patientID, infusionDate: patient.infusionDate, studyDay: day,
            latestCRSGrade: ordered.last { $0.crsGrade != nil }?.crsGrade,
            latestICANSGrade: ordered.last { $0.icansGrade != nil }?.icansGrade,
            latestAssessmentDay: latest?.studyDay, latestAssessmentAt: latest?.recordedAt, trend: trend,
            assessmentScheduledToday: scheduled,
            assessmentPending: scheduled && !ordered.contains { $0.studyDay == day },
            openAlerts: open.count, highestOpenSeverity: open.values.max())
    }
}
