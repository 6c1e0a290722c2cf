// ode-bench: integrates N virtual patients of a representative 10-state CAR-T system over
// 1,100 days with 20 visit observations each, in parallel on all cores, and prints wall time.
//
// Usage: ode-bench [--patients N] [--solver dopri5|rodas3|both] [--rtol R] [--atol A]
//                  [--variant stiff|nonstiff] [--check N]
//   defaults: 100000 patients, rodas3, rtol 1e-4, atol 1e-9, stiff variant.
// --check N compares each solver at the given tolerance with a DOPRI5 reference at rtol 1e-10
// for the first N patients and prints the worst relative error at the visits.
import Dispatch
import Foundation
import Kinetics

struct Arguments {
    var patients = 100_000
    // Defaults: the configuration that meets the 100,000-patients-in-60-s target on the stiff
    // model with < 1 % error at the visits (see --check).
    var solvers = ["rodas3"]
    var rtol = 1e-4
    var atol = 1e-9
    var nonStiff = false
    var check = 0

    init(_ args: [String]) {
        var i = 1
        func value() -> String {
            i += 1
            guard i < args.count else { fatalError("missing value after \(args[i - 1])") }
            return args[i]
        }
        while i < args.count {
            switch args[i] {
            case "--patients": patients = Int(value())!
            case "--solver":
                let s = value()
                solvers = s == "both" ? ["dopri5", "rodas3"] : [s]
            case "--rtol": rtol = Double(value())!
            case "--atol": atol = Double(value())!
            case "--check": check = Int(value())!
            case "--variant":
                let v = value()
                guard v == "stiff" || v == "nonstiff" else { fatalError("--variant stiff|nonstiff") }
                nonStiff = v == "nonstiff"
            default: fatalError("unknown argument \(args[i])")
            }
            i += 1
        }
    }
}

/// Visit schedule (days after infusion): dense in the first month, then quarterly-ish to 36 mo.
let visits: [Double] = [0, 1, 4, 7, 10, 14, 21, 28, 42, 56, 90, 120, 180, 270, 365, 455, 545, 730, 910, 1100]

struct PatientOutcome {
    var tumourAtEnd = 0.0
    var peakCART = 0.0
    var steps = 0
    var evaluations = 0
    var failed = false
    var failure = ""
    var stiff = false
}

final class OutcomeBuffer: @unchecked Sendable {
    // Disjoint index ranges are written by different threads; no two threads touch one slot.
    let pointer: UnsafeMutableBufferPointer<PatientOutcome>
    init(count: Int) {
        pointer = .allocate(capacity: count)
        pointer.initialize(repeating: PatientOutcome())
    }
    deinit { pointer.deallocate() }
}

@inline(never)
func simulate(patient index: Int, solver: String, options: ODE.Options, nonStiff: Bool) -> PatientOutcome {
    var sampler = PatientSampler(seed: UInt64(index))
    var (system, y0) = sampler.patient()
    if nonStiff { system.slowDownFastProcesses() }
    var outcome = PatientOutcome()
    var peak = 0.0
    var lastTumour = 0.0
    let observe: (Int, Double, SIMD16<Double>) -> Void = { _, _, y in
        peak = max(peak, y[0] + y[1] + y[2] + y[4])
        lastTumour = y[3]
    }
    do {
        let summary: ODE.Summary<SIMD16<Double>>
        if solver == "rodas3" {
            summary = try Rodas3(options: options).solve(system, from: 0, y0, to: 1100, observationTimes: visits,
                                                         observe: observe)
        } else {
            summary = try DormandPrince54(options: options).solve(system, from: 0, y0, to: 1100,
                                                                  observationTimes: visits, observe: observe)
        }
        outcome.steps = summary.statistics.acceptedSteps + summary.statistics.rejectedSteps
        outcome.evaluations = summary.statistics.derivativeEvaluations
        outcome.stiff = summary.statistics.stiffnessDetectedAt != nil
    } catch {
        outcome.failed = true
        outcome.failure = "\(error)"
    }
    outcome.peakCART = peak
    outcome.tumourAtEnd = lastTumour
    return outcome
}

let arguments = Arguments(CommandLine.arguments)
if let only = ProcessInfo.processInfo.environment["ODE_BENCH_TRACE"].flatMap(Int.init) {
    // Diagnostic (ODE_BENCH_TRACE=<patient>): print one patient's trajectory every 10 days.
    var sampler = PatientSampler(seed: UInt64(only))
    let (system, y0) = sampler.patient()
    print(system)
    let times = Array(stride(from: 0.0, through: 1100, by: 10))
    do {
        _ = try Rodas3(options: ODE.Options(relativeTolerance: arguments.rtol, absoluteTolerance: arguments.atol))
            .solve(system, from: 0, y0, to: 1100, observationTimes: times,
                   observe: { _, t, y in print(t, (0 ..< 10).map { String(format: "%.3g", y[$0]) }.joined(separator: " ")) })
    } catch { print(error) }
    exit(0)
}
let cores = ProcessInfo.processInfo.activeProcessorCount
print("ode-bench: \(arguments.patients) patients × 1,100 days × \(visits.count) visits, 10 states (\(arguments.nonStiff ? "non-stiff" : "stiff") variant), \(cores) cores, rtol \(arguments.rtol), atol \(arguments.atol)")

/// States at the visits for one patient.
func visitStates(patient index: Int, solver: String, options: ODE.Options, nonStiff: Bool) throws -> [SIMD16<Double>] {
    var sampler = PatientSampler(seed: UInt64(index))
    var (system, y0) = sampler.patient()
    if nonStiff { system.slowDownFastProcesses() }
    if solver == "rodas3" { return try Rodas3(options: options).trajectory(system, from: 0, y0, at: visits).states }
    return try DormandPrince54(options: options).trajectory(system, from: 0, y0, at: visits).states
}

if arguments.check > 0 {
    let reference = ODE.Options(relativeTolerance: 1e-10, absoluteTolerance: 1e-12, maxSteps: 10_000_000, stiffness: .ignore)
    for solver in arguments.solvers {
        let options = ODE.Options(relativeTolerance: arguments.rtol, absoluteTolerance: arguments.atol,
                                  maxSteps: 200_000, stiffness: .ignore)
        var worstCAR = 0.0, worstTumour = 0.0
        for i in 0 ..< arguments.check {
            let exact = try visitStates(patient: i, solver: "dopri5", options: reference, nonStiff: arguments.nonStiff)
            let approx = try visitStates(patient: i, solver: solver, options: options, nonStiff: arguments.nonStiff)
            for (a, b) in zip(approx, exact) {
                let car = b[0] + b[1] + b[2] + b[4]
                if car > 1e-3 { worstCAR = max(worstCAR, abs(a[0] + a[1] + a[2] + a[4] - car) / car) }
                if b[3] > 1e-3 { worstTumour = max(worstTumour, abs(a[3] - b[3]) / b[3]) }
            }
        }
        print(String(format: "%@ check over %d patients: worst relative error at visits — CAR-T %.2e, tumour %.2e (values > 1e-3)",
                     solver, arguments.check, worstCAR, worstTumour))
    }
    exit(0)
}

for solver in arguments.solvers {
    let options = ODE.Options(relativeTolerance: arguments.rtol, absoluteTolerance: arguments.atol,
                              maxSteps: 200_000, stiffness: solver == "dopri5" ? .report : .ignore)
    let buffer = OutcomeBuffer(count: arguments.patients)
    let chunk = 64
    let chunks = (arguments.patients + chunk - 1) / chunk
    let start = DispatchTime.now()
    DispatchQueue.concurrentPerform(iterations: chunks) { c in
        let lo = c * chunk, hi = min(arguments.patients, lo + chunk)
        for i in lo ..< hi {
            buffer.pointer[i] = simulate(patient: i, solver: solver, options: options, nonStiff: arguments.nonStiff)
        }
    }
    let seconds = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
    let outcomes = Array(buffer.pointer)
    let failed = outcomes.filter(\.failed).count
    for (i, o) in outcomes.enumerated().filter({ $0.1.failed }).prefix(3) { print("  patient \(i) failed: \(o.failure)") }
    let stiff = outcomes.filter(\.stiff).count
    let steps = outcomes.map { Double($0.steps) }.reduce(0, +) / Double(outcomes.count)
    let evals = outcomes.map { Double($0.evaluations) }.reduce(0, +) / Double(outcomes.count)
    let cleared = outcomes.filter { !$0.failed && $0.tumourAtEnd < 1 }.count
    print(String(format: "%@: wall %.2f s (%.1f µs/patient/core); mean steps %.0f, mean f-evals %.0f; failed %d; stiff-flagged %d; tumour < 1 at day 1100: %d",
                 solver, seconds, seconds * Double(cores) / Double(arguments.patients) * 1e6, steps, evals,
                 failed, stiff, cleared))
}
