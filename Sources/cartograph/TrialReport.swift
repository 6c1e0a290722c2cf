import Foundation
import Outcomes
import Trial

/// A progress bar on standard error while the virtual patients are simulated (only on a terminal).
final class TrialProgressBar: @unchecked Sendable {
    let enabled: Bool
    private let lock = NSLock()
    private var shown = -1

    init(enabled: Bool) { self.enabled = enabled }

    func update(_ done: Int, _ total: Int) {
        guard enabled, total > 0 else { return }
        let percent = done * 100 / total
        lock.lock(); defer { lock.unlock() }
        guard percent != shown else { return }
        shown = percent
        let width = 40
        let filled = width * done / total
        let bar = String(repeating: "█", count: filled) + String(repeating: "·", count: width - filled)
        FileHandle.standardError.write(Data("\r  \(bar) \(percent)%  \(done)/\(total) virtual patients".utf8))
    }

    func finish() {
        guard enabled else { return }
        FileHandle.standardError.write(Data("\n".utf8))
    }
}

/// `--format json`: the issue's summary fields at top level, the published-versus-simulated rows, the
/// held-out predictions, the scenario, and with a scenario the same figures for the default product.
struct TrialOutput: Encodable {
    var result: FucasoTrialResult
    var baseline: FucasoTrialResult?

    func encode(to encoder: Encoder) throws {
        try FucasoTrialCommand.Output(result).encode(to: encoder)
        if let baseline {
            var c = encoder.container(keyedBy: Keys.self)
            try c.encode(baseline.summary, forKey: .baseline)
        }
    }
    enum Keys: String, CodingKey { case baseline }

    func json() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return try encoder.encode(self)
    }
}

/// `--format table`: published against simulated, side by side with the 95% intervals.
enum TrialTable {
    static func pad(_ s: String, _ n: Int) -> String { s.count >= n ? s : s + String(repeating: " ", count: n - s.count) }
    static func pct(_ v: Double?) -> String { v.map { String(format: "%.1f%%", $0 * 100) } ?? "—" }
    static func months(_ v: Double?) -> String { v.map { String(format: "%.1f mo", $0) } ?? "not reached" }
    static func days(_ v: Double?) -> String { v.map { String(format: "%.0f d", $0) } ?? "not reached" }

    static func render(_ r: FucasoTrialResult, baseline: FucasoTrialResult?) -> String {
        let s = r.summary
        let o = r.options
        var lines: [String] = []
        lines.append("In-silico FUMANBA-1 (preset \(FucasoTrialOptions.preset)): \(s.patients) virtual patients infused, \(s.evaluable) evaluable, data cut \(o.dataCut), median follow-up \(months(s.medianFollowUpMonths)); seed \(o.seed).")
        lines.append("Every figure below comes from the virtual patients' records through the IMWG, ASTCT and outcomes engines.")
        lines.append("")
        let expectation = r.replicates
        var header = pad("Calibration figure", 40) + pad("published", 18) + pad("95% interval", 16) + pad("this trial", 26) + pad("inside", 8)
        if let e = expectation { header += pad("model (\(e.replicates) trials)", 20) + pad("inside", 8) + "trials inside" }
        lines.append(header)
        for row in r.comparison {
            var line = pad(row.figure, 40) + pad(row.published, 18)
                + pad(String(format: "%.1f–%.1f%%", row.lower * 100, row.upper * 100), 16)
                + pad(row.simulatedText, 26) + pad(row.inside ? "yes" : "NO", 8)
            if expectation != nil {
                line += pad(pct(row.expected), 20) + pad(row.expectedInside.map { $0 ? "yes" : "NO" } ?? "—", 8) + pct(row.trialsInside)
            }
            lines.append(line)
        }
        let inside = r.comparison.filter(\.inside).count
        lines.append("This trial (seed \(o.seed), \(s.patients) patients): \(inside) of \(r.comparison.count) calibration figures inside their 95% interval.")
        if let e = expectation {
            let expectedInside = r.comparison.filter { $0.expectedInside == true }.count
            lines.append("Model expectation (mean of \(e.replicates) trials of \(e.patientsPerTrial), trial 1 being this one): "
                         + "\(expectedInside) of \(r.comparison.count) inside. A single trial adds its own sampling error to the "
                         + "published interval's, so the expectation is the calibration verdict; \"trials inside\" is how often one trial lands inside.")
        }
        lines.append("")
        lines.append("Held-out figures (not used in calibration) — predictions, median (95% CI):")
        for p in r.predictions {
            let ci = p.medianMonths == nil ? "" : " (\(p.lowerMonths.map { String(format: "%.1f", $0) } ?? "NR")–\(p.upperMonths.map { String(format: "%.1f", $0) } ?? "NR"))"
            lines.append("  " + pad(p.figure, 46) + months(p.medianMonths) + ci)
        }
        lines.append("  " + pad("12-month OS", 46) + pct(s.os.at12Months))
        if let b = baseline {
            lines.append("")
            lines.append("Scenario against the default product, same virtual patients (seed \(o.seed)):")
            lines.append("  koff \(o.effectiveDissociationRate) /s, scFv \(o.scFv.rawValue), dose \(o.dose) ×10⁶/kg, prior lines \(o.priorLines.map(String.init) ?? "as drawn"), tumour burden ×\(o.tumorBurden)")
            lines.append("  " + pad("", 34) + pad("default", 16) + "scenario")
            func row(_ name: String, _ a: String, _ c: String) { lines.append("  " + pad(name, 34) + pad(a, 16) + c) }
            row("Transgene persistence, median", days(b.summary.persistenceMedianDays), days(s.persistenceMedianDays))
            row("Transgene detectable at 12 months", pct(b.summary.vcnDetectableAt12Months), pct(s.vcnDetectableAt12Months))
            row("CR or better", pct(b.summary.crOrBetter), pct(s.crOrBetter))
            row("ORR", pct(b.summary.orr), pct(s.orr))
            row("PFS, median", months(b.summary.pfs.medianMonths), months(s.pfs.medianMonths))
            row("PFS at 12 months", pct(b.summary.pfs.at12Months), pct(s.pfs.at12Months))
        }
        lines.append("")
        lines.append(String(format: "Simulated in %.1f s (%d solver steps).", r.wallSeconds, r.solverSteps))
        return lines.joined(separator: "\n")
    }
}
