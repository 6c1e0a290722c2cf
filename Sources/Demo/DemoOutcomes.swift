import CartographCore
import Clinical
import Foundation

/// What happens to an infused demo patient after Day 0, written as the raw results and follow-up
/// records a center keeps: M-protein, free light chains, immunofixation, marrow and MRD at the response
/// visits, the CAR transgene series, follow-up visits, registry reports and the events that end or
/// change follow-up. Nothing here is a response category: the IMWG engine derives those from the
/// values, so the demo exercises it.
///
/// The mix is set to look like a FUCASO-treated population (FUMANBA-1, shared/reference/product-and-
/// trial.md: ORR 96.3%, CR/sCR 83.2%, MRD-negative 95.3%, median transgene persistence 307.5 days),
/// not to reproduce it: the generator aims at a depth of response (sCR 55%, CR 20%, VGPR 10%, PR 10%,
/// SD 5%), writes values that reach it by the IMWG 2016 thresholds with margin, and lets the engine
/// find what the values show (a short follow-up confirms less). Progression is more frequent than in
/// the trial because the demo's "follow-up ended: progression" scenario forces it. Transgene: peak on
/// day 10 or 14, then half the patients decline slowly (half-life 150–400 days) and half fall below
/// the LLOD within months.
enum DemoOutcomes {
    /// The deepest level the values are written to reach.
    enum Level: Int, Comparable {
        case stable = 0, partial = 2, veryGoodPartial = 3, complete = 4, stringentComplete = 5
        static func < (a: Level, b: Level) -> Bool { a.rawValue < b.rawValue }
    }

    /// The transgene assay's limits (copies/µg gDNA), one assay for the whole demo.
    static let transgeneLLOD = 5.0
    static let transgeneLLOQ = 25.0

    /// The patient's disease as measured before lymphodepletion.
    struct Disease {
        var lightChainOnly: Bool
        var kappa: Bool
        var serum: Double            // g/dL (0 for light-chain disease)
        var urine: Double            // mg/24 h, below the measurable 200
        var involved: Double         // involved FLC, mg/L
        var uninvolved: Double       // uninvolved FLC, mg/L
        var marrow: Double           // % plasma cells
    }

    /// Steps for one infused patient, dated up to `today`.
    ///
    /// - Parameter progressionBy: when given, the patient progresses and starts a new therapy on or
    ///   before this date (the journey's "follow-up ended: progression" off-ramp).
    static func steps(infusion: CalendarDate, today: CalendarDate, profile: ProductProfile,
                      progressionBy: CalendarDate?, rng: inout SeededRandom) -> [PatientCourse.Step] {
        var labs: [LabResult] = []
        var visits: [CalendarDate] = []
        var events: [FollowUpEventEntry] = []
        func u(_ r: ClosedRange<Double>) -> Double { Double.random(in: r, using: &rng) }
        func chance(_ p: Double) -> Bool { Double.random(in: 0..<1, using: &rng) < p }

        let lightChain = chance(0.2)
        let disease = Disease(lightChainOnly: lightChain, kappa: chance(0.65),
                              serum: lightChain ? 0 : (u(1.5...4.5) * 10).rounded() / 10,
                              urine: (u(lightChain ? 80...180 : 40...150)).rounded(),
                              involved: (u(lightChain ? 600...3000 : 40...180)).rounded(),
                              uninvolved: (u(6...15) * 10).rounded() / 10,
                              marrow: u(20...60).rounded())
        let baselineDay = infusion.adding(days: -6)
        if baselineDay <= today { labs += panel(disease, level: nil, on: baselineDay, marrow: disease.marrow) }

        let roll = u(0...100)
        let best: Level = roll < 55 ? .stringentComplete : roll < 75 ? .complete : roll < 85 ? .veryGoodPartial : roll < 95 ? .partial : .stable
        let progresses = progressionBy != nil || chance(best >= .complete ? 0.12 : best == .stable ? 1 : 0.4)

        // Scheduled visits, attended a few days either side; about one in sixteen missed.
        var attended: [(offset: FollowUpSchedule.Offset, date: CalendarDate)] = []
        for offset in profile.followUp.visits {
            let date = offset.date(from: infusion).adding(days: Int.random(in: -2...3, using: &rng))
            guard date <= today else { break }
            // The first three are always kept, so a progression can be seen and confirmed early.
            if !chance(0.06) || attended.count < 3 { attended.append((offset, date)) }
        }

        // The response deepens to its nadir by Month 2; a patient who will come off for progression
        // early (the journey's off-ramp) reaches it by Day 28.
        let nadirFrom = progressionBy != nil || best <= .partial ? 0 : 1
        // Progression: the first PD visit k, after the nadir was held at two visits (the engine measures
        // from the lowest confirmed value), confirmed by a repeat test two to three weeks later, then a
        // new therapy.
        var pd: (index: Int, confirm: CalendarDate, newTherapy: CalendarDate)?
        if progresses {
            let limit = min(today, progressionBy ?? today)
            let candidates = attended.indices.filter { $0 >= nadirFrom + 2 }.compactMap { k -> (Int, CalendarDate, CalendarDate)? in
                let confirm = attended[k].date.adding(days: 14 + k % 8)
                let next = confirm.adding(days: 7 + k % 8)
                let beforeNextVisit = k + 1 >= attended.count || confirm < attended[k + 1].date
                return next <= limit && beforeNextVisit ? (k, confirm, next) : nil
            }
            if let c = candidates.isEmpty ? nil : candidates[Int.random(in: 0..<(progressionBy == nil ? candidates.count : min(2, candidates.count)), using: &rng)] {
                pd = (c.0, c.1, c.2)
            }
        }

        // Ends of follow-up: death after a progression, loss to follow-up, a second malignancy.
        var death: CalendarDate?
        if let pd, chance(0.35) {
            let d = pd.newTherapy.adding(days: Int.random(in: 60...400, using: &rng))
            if d <= today { death = d }
        }
        var lost: CalendarDate?
        if pd == nil, attended.count > 6, chance(0.04), attended[6].date.adding(days: 45) <= today { lost = attended[6].date.adding(days: 45) }
        let end = [death, lost].compactMap { $0 }.min()
        attended = attended.filter { end == nil || $0.date <= end! }

        // Response assessments at the attended visits, until a confirmed progression.
        let nadirLevel = best
        for (i, visit) in attended.enumerated() {
            if let pd, i > pd.index { break }
            let level: Level = i >= nadirFrom ? nadirLevel : best >= .complete ? .veryGoodPartial : .partial
            if let pd, i == pd.index {
                labs += progressionPanel(disease, from: nadirLevel, step: 0, on: visit.date)
                labs += progressionPanel(disease, from: nadirLevel, step: 1, on: pd.confirm)
                break
            }
            // Marrow at Day 28, at the first assessment with immunofixation negative (the IMWG marrow for
            // CR, which the engine carries forward only from an assessment without M-protein), and yearly.
            let marrowVisit = i == 0 || (best >= .complete && i == nadirFrom) || visit.offset == .months(12) || visit.offset == .months(24)
            var marrowPercent: Double?
            if marrowVisit {
                marrowPercent = best >= .complete ? u(1...3).rounded() : best == .stable ? (disease.marrow * 0.8).rounded() : u(6...15).rounded()
            }
            labs += panel(disease, level: level, on: visit.date, marrow: marrowPercent)
            if marrowVisit {
                labs.append(finding(visit.date, .marrowClonality, best != .stringentComplete))
                let negative = best >= .complete && !chance(0.1)
                labs.append(LabResult(patientCode: "", sampleDate: visit.date, analyte: .mrd, value: .finding(!negative), method: .nextGenerationFlow, sensitivity: 1e-5))
            }
        }

        // CAR transgene: early samples, then at every attended visit.
        let cmax = pow(10, u(4.3...5.5)), tmax = chance(0.5) ? 10.0 : 14.0
        let start = pow(10, u(1.5...2.5)), day28 = cmax / pow(10, u(1.0...1.8))
        // About half persist (slow decline); the others fall below the LLOD within months.
        let halfLife = chance(0.5) ? u(150...400) : u(12...25)
        func transgene(_ t: Double) -> Double {
            if t <= tmax { return start * pow(cmax / start, (t - 1) / (tmax - 1)) }
            if t <= 28 { return cmax * pow(day28 / cmax, (t - tmax) / (28 - tmax)) }
            return day28 * pow(0.5, (t - 28) / halfLife)
        }
        let sampleDays = [1, 4, 7, 10, 14, 21].map { infusion.adding(days: $0) } + attended.map(\.date).filter { studyDay(of: $0, infusion: infusion) > 21 }
        for d in sampleDays where d <= today && (end == nil || d <= end!) {
            let level = transgene(Double(studyDay(of: d, infusion: infusion)))
            labs.append(LabResult(patientCode: "", sampleDate: d, analyte: .transgeneCopies, value: .number(level < transgeneLLOD ? 0 : significant(level)),
                                  unit: "copies/ug", lowerLimitOfDetection: transgeneLLOD, lowerLimitOfQuantification: transgeneLLOQ))
        }

        // Follow-up records.
        visits = attended.map(\.date) + (pd.map { [$0.confirm] } ?? [])
        if let pd {
            events.append(FollowUpEventEntry(kind: .progression, date: attended[pd.index].date))
            let drugs = ["teclistamab", "talquetamab", "carfilzomib, pomalidomide and dexamethasone", "elranatamab"]
            events.append(FollowUpEventEntry(kind: .newTherapy, date: pd.newTherapy, detail: drugs[Int.random(in: 0..<drugs.count, using: &rng)]))
        }
        if let death { events.append(FollowUpEventEntry(kind: .death, date: death, deathCause: .diseaseProgression)) }
        if let lost { events.append(FollowUpEventEntry(kind: .lostToFollowUp, date: lost, detail: "no answer to letters or calls")) }
        if end == nil, attended.count > 3, chance(0.03), attended[3].date.adding(days: 10) <= today {
            let found = attended[3].date.adding(days: 10)
            events.append(FollowUpEventEntry(kind: .secondPrimaryMalignancy, date: found, detail: "cutaneous squamous cell carcinoma"))
            let screened = found.adding(days: 21)
            if screened <= today { events.append(FollowUpEventEntry(kind: .malignancyScreening, date: screened, transgeneInTumour: .notDetected)) }
        }
        // Registry reports, filed within a few weeks of their timepoint; one in twelve still outstanding.
        var deathReported = false
        for offset in profile.followUp.registryReports {
            let timepoint = offset.date(from: infusion)
            if let end, timepoint > end, death == nil || deathReported { break }
            if let death, timepoint >= death { deathReported = true }
            let filed = timepoint.adding(days: Int.random(in: 5...25, using: &rng))
            if filed <= today && !chance(1.0 / 12) {
                events.append(FollowUpEventEntry(kind: .registryReportFiled, date: max(filed, infusion), timepoint: offset))
            }
        }

        labs += hematology(infusion: infusion, today: today, end: progressionBy)
        return labs.map { .lab($0) } + visits.sorted().map { .followUpVisit(on: $0) }
            + events.sorted { $0.date < $1.date }.map { .followUpEvent($0) }
    }

    /// Blood counts and markers for the hematotoxicity scores: a panel before lymphodepletion (feeds
    /// CAR-HEMATOTOX) and the ANC through Day 28, then at Day 60 and 90 (feeds ICAHT). Drawn from its
    /// own generator, seeded by the infusion date, so adding it leaves the other demo values unchanged.
    /// Shape (illustrative): ANC nadir 50–400/µL around Day 5–7, recovery by Day 10–21; about one
    /// patient in seven recovers only around Day 28.
    static func hematology(infusion: CalendarDate, today: CalendarDate, end: CalendarDate?) -> [LabResult] {
        var rng = SeededRandom(seed: UInt64(bitPattern: Int64(infusion.daysSinceEpoch)) &* 0x9E37_79B9 &+ 17)
        func u(_ r: ClosedRange<Double>) -> Double { Double.random(in: r, using: &rng) }
        var labs: [LabResult] = []
        let before = infusion.adding(days: -6)
        if before <= today {
            labs += [(LabAnalyte.absoluteNeutrophilCount, (u(900...4500) / 10).rounded() * 10, "/uL"), (.platelets, (u(40...260)).rounded() * 1000, "/uL"),
                     (.hemoglobin, (u(8.0...13.5) * 10).rounded() / 10, "g/dL"), (.crp, (u(0.2...5.0) * 10).rounded() / 10, "mg/dL"),
                     (.ferritin, u(150...3000).rounded(), "ng/mL"), (.ldh, u(150...480).rounded(), "U/L"),
                     (.creatinine, (u(0.6...1.4) * 100).rounded() / 100, "mg/dL")]
                .map { result(before, $0.0, $0.1, $0.2) }
        }
        let nadir = u(50...400), nadirDay = Double(Int.random(in: 5...7, using: &rng))
        let recoveryDay = Int.random(in: 0..<7, using: &rng) == 0 ? u(25...29) : u(10...21)
        let recovered = u(1500...3500)
        for day in [1, 3, 5, 7, 10, 14, 21, 28, 60, 90] {
            let date = infusion.adding(days: day)
            guard date <= today, end.map({ date <= $0 }) ?? true else { continue }
            let t = Double(day)
            let anc: Double
            if t <= nadirDay { anc = 2000 * pow(nadir / 2000, t / nadirDay) }
            else if t < recoveryDay { anc = nadir * pow(600 / nadir, (t - nadirDay) / (recoveryDay - nadirDay)) }
            else { anc = recovered }
            labs.append(result(date, .absoluteNeutrophilCount, (anc / 10).rounded() * 10, "/uL"))
        }
        return labs
    }

    /// The labs of one assessment written to reach `level` (nil: baseline values).
    static func panel(_ d: Disease, level: Level?, on date: CalendarDate, marrow: Double?) -> [LabResult] {
        var out: [LabResult] = []
        // Fraction of the baseline burden left at each level, with margin from the IMWG cuts (PR ≥ 50%,
        // VGPR ≥ 90% for serum and > 90% for dFLC).
        let fraction: Double = switch level {
        case nil: 1
        case .stable?: 0.85
        case .partial?: 0.4
        case .veryGoodPartial?: 0.05
        case .complete?, .stringentComplete?: 0
        }
        let complete = (level ?? .stable) >= .complete
        if !d.lightChainOnly {
            var serum = (d.serum * fraction * 10).rounded() / 10
            if level == .veryGoodPartial { serum = max(0.1, serum) }
            out.append(result(date, .serumMProtein, serum, "g/dL"))
        } else {
            out.append(result(date, .serumMProtein, 0, "g/dL"))
        }
        out.append(result(date, .urineMProtein, (d.urine * fraction).rounded(), "mg/24h"))
        let involved = complete ? 13.0 : ((d.uninvolved + (d.involved - d.uninvolved) * fraction) * 10).rounded() / 10
        let uninvolved = complete ? 12.0 : d.uninvolved
        out.append(result(date, .kappaFreeLightChain, d.kappa ? involved : uninvolved, "mg/L"))
        out.append(result(date, .lambdaFreeLightChain, d.kappa ? uninvolved : involved, "mg/L"))
        if level != nil, level! >= .veryGoodPartial || d.lightChainOnly {
            out.append(finding(date, .serumImmunofixation, !complete))
            if complete { out.append(finding(date, .urineImmunofixation, false)) }
        }
        if let marrow { out.append(result(date, .marrowPlasmaCells, marrow, "%")) }
        return out
    }

    /// Labs of a progression from the nadir `from`: step 0 is the first PD test, step 1 the confirmation.
    /// The rise clears the IMWG PD row with margin: serum +≥ 0.5 g/dL and +≥ 25% (from 0 in CR), or
    /// dFLC +≥ 25% and > 100 mg/L for light-chain disease.
    static func progressionPanel(_ d: Disease, from nadir: Level, step: Int, on date: CalendarDate) -> [LabResult] {
        let nadirPanel = panel(d, level: nadir, on: date, marrow: nil)
        func value(_ analyte: LabAnalyte) -> Double { nadirPanel.first { $0.analyte == analyte }?.value.number ?? 0 }
        var out: [LabResult] = []
        let serumNadir = value(.serumMProtein)
        let serum = d.lightChainOnly ? 0 : serumNadir + max(0.6, serumNadir * 0.3) + 0.4 * Double(step)
        out.append(result(date, .serumMProtein, (serum * 10).rounded() / 10, "g/dL"))
        out.append(finding(date, .serumImmunofixation, true))
        let involvedNadir = value(d.kappa ? .kappaFreeLightChain : .lambdaFreeLightChain)
        let uninvolved = value(d.kappa ? .lambdaFreeLightChain : .kappaFreeLightChain)
        let dNadir = max(0, involvedNadir - uninvolved)
        let involved = d.lightChainOnly ? uninvolved + dNadir * 1.3 + 150 + 100 * Double(step) : involvedNadir * 1.2
        out.append(result(date, d.kappa ? .kappaFreeLightChain : .lambdaFreeLightChain, (involved * 10).rounded() / 10, "mg/L"))
        out.append(result(date, d.kappa ? .lambdaFreeLightChain : .kappaFreeLightChain, uninvolved, "mg/L"))
        return out
    }

    /// A measured result in `unit`, as the laboratory reports it (the loader sets the patient code).
    static func result(_ date: CalendarDate, _ analyte: LabAnalyte, _ value: Double, _ unit: String) -> LabResult {
        LabResult(patientCode: "", sampleDate: date, analyte: analyte, value: .number(value), unit: unit)
    }

    /// A categorical finding: positive, present (`true`) or negative, absent (`false`).
    static func finding(_ date: CalendarDate, _ analyte: LabAnalyte, _ present: Bool) -> LabResult {
        LabResult(patientCode: "", sampleDate: date, analyte: analyte, value: .finding(present))
    }

    /// Three significant digits, as a qPCR report gives them.
    static func significant(_ v: Double) -> Double {
        guard v > 0 else { return 0 }
        let digits = 3 - Int(log10(v).rounded(.down)) - 1
        let scale = pow(10, Double(digits))
        return (v * scale).rounded() / scale
    }
}
