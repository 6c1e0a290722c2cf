import CartographCore
import Clinical
import Foundation

/// Bedside records for a demo patient's first 28 days, so the board, the toxicity timeline and the
/// incidence tables have something real to compute from. It writes observations only (temperature,
/// pressure, oxygen, ICE items, drugs given); every grade is then computed by the ASTCT engines.
///
/// The course shape is illustrative, loosely matched to FUMANBA-1's published safety (CRS in 93.6%,
/// one patient grade ≥ 3; ICANS in 2 of 109, grade 1–2; seed 000): it is demo material, not a model
/// (the in-silico trial has its own).
public enum SafetyDemoCourse {
    public enum Entry: Sendable {
        case assessment(SafetyAssessment)
        case intervention(SafetyInterventionKind, drug: String, dose: String, at: Date)

        public var time: Date {
            switch self {
            case .assessment(let a): a.recordedAt
            case .intervention(_, _, _, let at): at
            }
        }
    }

    /// The records from Day 0 up to the day before `today` (today's assessment is left pending), or to
    /// the last scheduled day. About one patient in eight misses one scheduled assessment.
    ///
    /// `ongoingCRSGrade` forces a CRS episode still running today that peaked at that grade over the
    /// last two recorded days, so the demo's board always has a patient to act on; the random draws
    /// are made all the same, so nothing else in the demo moves.
    public static func entries(infusion: CalendarDate, today: CalendarDate, timeZone: TimeZone, seed: UInt64,
                               scheduledDays: [Int], lastDay: Int, ongoingCRSGrade: Int? = nil) -> [Entry] {
        var rng = SeededRandom(seed: seed)
        var hasCRS = Double.random(in: 0..<1, using: &rng) < 0.936
        var onset = Int.random(in: 1...6, using: &rng)
        var duration = Int.random(in: 2...6, using: &rng)
        let u = Double.random(in: 0..<1, using: &rng)
        var maxGrade = u < 0.01 ? 3 : u < 0.32 ? 2 : 1
        if let forced = ongoingCRSGrade {
            let yesterday = min(lastDay, studyDay(of: today, infusion: infusion) - 1)
            hasCRS = true
            maxGrade = forced
            onset = max(0, yesterday - 2)
            duration = 6
        }
        let hasICANS = Double.random(in: 0..<1, using: &rng) < 0.03
        let icansDay = onset + Int.random(in: 2...4, using: &rng)
        let missed: Int? = Int.random(in: 0..<8, using: &rng) == 0 ? scheduledDays.randomElement(using: &rng) : nil

        let lastRecorded = min(lastDay, studyDay(of: today, infusion: infusion) - 1)
        guard lastRecorded >= 0 else { return [] }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        func time(_ day: Int, hour: Int) -> Date {
            let p = infusion.adding(days: day).parts
            return calendar.date(from: DateComponents(year: p.year, month: p.month, day: p.day, hour: hour))!
        }
        var entries: [Entry] = []
        var tocilizumabGiven = false
        let days = Set(([0] + scheduledDays + (hasCRS ? Array(onset..<(onset + duration)) : [])).filter { $0 <= lastRecorded })
        for day in days.sorted() where day != missed {
            let inCRS = hasCRS && day >= onset && day < onset + duration
            let peak = inCRS && day >= onset + 1 && day <= onset + 2
            let grade = !inCRS ? 0 : peak ? maxGrade : 1
            for hour in inCRS ? [8, 20] : [8] {
                let at = time(day, hour: hour)
                var a = SafetyAssessment(studyDay: day, recordedAt: at,
                                         temperatureC: round1(Double.random(in: 36.4...37.3, using: &rng)),
                                         systolicMmHg: Double(Int.random(in: 105...135, using: &rng)),
                                         diastolicMmHg: Double(Int.random(in: 60...85, using: &rng)))
                if grade >= 1 { a.temperatureC = round1(Double.random(in: 38.1...39.6, using: &rng)) }
                if grade >= 2 {
                    if Bool.random(using: &rng) {
                        a.hypotension = true
                        a.systolicMmHg = Double(Int.random(in: 78...88, using: &rng))
                        a.diastolicMmHg = Double(Int.random(in: 42...55, using: &rng))
                    } else {
                        a.oxygenDevice = .nasalCannula
                        a.oxygenFlowLitersPerMinute = Double(Int.random(in: 2...4, using: &rng))
                    }
                }
                if grade >= 3 {
                    a.hypotension = true
                    a.systolicMmHg = 76
                    a.diastolicMmHg = 44
                    a.vasopressors = [SafetyVasopressorDose(drug: .norepinephrine, dose: 0.08, unit: .microgramsPerKilogramPerMinute)]
                }
                // After tocilizumab the fever breaks; hypotension can outlast it (still CRS, ASTCT 2019).
                if tocilizumabGiven, grade >= 1 { a.temperatureC = round1(Double.random(in: 36.8...37.6, using: &rng)) }
                if hasICANS, day == icansDay {
                    let score = Int.random(in: 5...8, using: &rng)
                    a.ice = iceItems(total: score)
                } else {
                    a.ice = SafetyICEItems(orientation: 4, naming: 3, followsCommands: 1, writing: 1, attention: 1)
                }
                entries.append(.assessment(a))
                if grade >= 2, !tocilizumabGiven {
                    tocilizumabGiven = true
                    entries.append(.intervention(.tocilizumab, drug: "tocilizumab", dose: "8 mg/kg IV", at: at.addingTimeInterval(3600)))
                }
                if grade == 1, hour == 8, Int.random(in: 0..<3, using: &rng) == 0 {
                    entries.append(.intervention(.antipyretic, drug: "paracetamol", dose: "1 g PO", at: at.addingTimeInterval(1800)))
                }
            }
        }
        return entries.sorted { $0.time < $1.time }
    }

    /// ICE items adding up to `total` (0–10), taking points off writing, attention, naming, orientation.
    static func iceItems(total: Int) -> SafetyICEItems {
        var missing = 10 - max(0, min(10, total))
        func take(_ max: Int) -> Int { let t = min(max, missing); missing -= t; return max - t }
        let writing = take(1), attention = take(1), naming = take(3), orientation = take(4), follows = take(1)
        return SafetyICEItems(orientation: orientation, naming: naming, followsCommands: follows, writing: writing, attention: attention)
    }

    static func round1(_ x: Double) -> Double { (x * 10).rounded() / 10 }
}
