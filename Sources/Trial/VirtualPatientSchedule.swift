import Foundation

/// The protocol's visit plan for the in-silico FUMANBA-1 (rule set `FUMANBA-1-VISITS-1`).
///
/// FUMANBA-1's own schedule was not found; this follows issue 7's brief, with two additions that the
/// published figures imply: disease labs on Days 7 and 21 (a median time to first response of
/// 16 days, seed 001, needs assessments between Days 14 and 28) and a marrow with MRD on Day 14
/// (median time to MRD negativity 15 days, seed 004).
///
/// | what | when (study day / month) |
/// |---|---|
/// | bedside vitals, oxygen, ICE | daily Day 0–14, then Day 21 and 28 |
/// | disease labs (SPEP, UPEP, serum/urine IFE, FLC) | D7, D14, D21, D28, monthly to M6, 3-monthly to M24, 6-monthly after |
/// | marrow (plasma cells, clonality) + MRD (NGF, 10⁻⁵) | D14, D28, M3, M6, M12, M18, M24, M36; and at the first visit with negative serum and urine IFE (to document CR) |
/// | transgene (ddPCR) | D4, D7, D10, D14, D21, D28, M2, M3, M6, M9, M12, M18, M24, M30, M36, then 6-monthly |
/// | imaging (plasmacytoma SPD), EMD only | D28, M3, M6, M12, then 6-monthly |
/// | baseline (all of the above but vitals) | Day −6, before lymphodepletion on Days −5 to −3 |
///
/// Visits after Day 28 move within a window (uniform integer jitter: ±3 days monthly, ±7 days
/// 3- or 6-monthly), drawn from the patient's follow-up stream.
public struct VirtualPatientVisit: Sendable, Equatable {
    public var day: Int
    public var diseaseLabs: Bool
    public var marrow: Bool
    public var transgene: Bool
    public var imaging: Bool
}

public enum VirtualPatientSchedule {
    public static let ruleSet = "FUMANBA-1-VISITS-1"
    /// Days per month used to turn protocol months into study days.
    public static let daysPerMonth = 30.4375
    /// Study day of the baseline panel; lymphodepletion runs Days −5 to −3.
    public static let baselineDay = -6
    public static let firstLymphodepletionDay = -5
    /// Bedside assessment days.
    public static let bedsideDays: [Int] = Array(0...14) + [21, 28]

    /// Visits from Day 1 to `lastDay` inclusive, in day order (one entry per distinct day).
    public static func visits(lastDay: Int, extramedullary: Bool, random: inout VirtualPatientRandom) -> [VirtualPatientVisit] {
        var plan: [Int: VirtualPatientVisit] = [:]
        func add(_ day: Int, disease: Bool = false, marrow: Bool = false, transgene: Bool = false, imaging: Bool = false) {
            var v = plan[day] ?? VirtualPatientVisit(day: day, diseaseLabs: false, marrow: false, transgene: false, imaging: false)
            v.diseaseLabs = v.diseaseLabs || disease
            v.marrow = v.marrow || marrow
            v.transgene = v.transgene || transgene
            v.imaging = v.imaging || (imaging && extramedullary)
            plan[day] = v
        }
        // Fixed early days.
        for d in [4, 10] { add(d, transgene: true) }
        add(7, disease: true, transgene: true)
        add(14, disease: true, marrow: true, transgene: true)
        add(21, disease: true, transgene: true)
        add(28, disease: true, marrow: true, transgene: true, imaging: true)
        // Monthly timepoints, each with its window.
        let lastMonth = Int((Double(lastDay) + 10) / daysPerMonth) + 1
        for month in 2...max(2, lastMonth) {
            let monthly = month <= 6
            let quarterly = month <= 24 && month % 3 == 0
            let halfYearly = month > 24 && month % 6 == 0
            let disease = monthly || quarterly || halfYearly
            let marrow = [3, 6, 12, 18, 24, 36].contains(month)
            let transgene = [2, 3, 6, 9, 12, 18, 24, 30].contains(month) || (month >= 36 && month % 6 == 0)
            let imaging = month == 3 || month == 6 || (month >= 12 && month % 6 == 0)
            guard disease || marrow || transgene || imaging else { continue }
            let window = monthly ? 3 : 7
            let jitter = Int((random.uniform() * Double(2 * window + 1)).rounded(.down)) - window
            let day = Int((Double(month) * daysPerMonth).rounded()) + jitter
            guard day <= lastDay else { continue }
            add(day, disease: disease, marrow: marrow, transgene: transgene, imaging: imaging)
        }
        return plan.values.filter { $0.day >= 1 && $0.day <= lastDay }.sorted { $0.day < $1.day }
    }
}
