// trial-calibrate: fits the FUCASO model to the FUMANBA-1 calibration set (FucasoCalibration) and
// writes Sources/Trial/FucasoCalibratedParameters.swift and docs/trial-calibration.md.
//
// Usage: trial-calibrate [--replicates R] [--seed S] [--max-evaluations N] [--gof-replicates G]
//                        [--gof-seed S2] [--from-fitted] [--report-only] [--swift PATH] [--report PATH]
//                        [--set name=value ...] [--safety-only] [--explore-kinetics N] [--explore-peaks N]
// Defaults: R 20, seed 1, N 300, G 50, S2 2, start from the uncalibrated guesses. --report-only skips
// the fit and reports the committed parameters.
import Foundation
import Trial

struct Arguments {
    var replicates = 20
    var seed: UInt64 = 1
    var maxEvaluations = 300
    var gofReplicates = 50
    var gofSeed: UInt64 = 2
    var fromFitted = false
    var reportOnly = false
    /// `--safety-only`: keep the efficacy parameters and solve only the safety thresholds (step 3).
    var safetyOnly = false
    /// `--explore-kinetics N`: print the early course of N patients and stop (development aid).
    var explorePatients = 0
    /// `--explore-peaks N`: print where N patients' CAR-T pools peak and stop (development aid).
    var explorePeakPatients = 0
    var swiftPath = "Sources/Trial/FucasoCalibratedParameters.swift"
    var reportPath = "docs/trial-calibration.md"
    /// `--set name=value` overrides of the starting parameters (exploration).
    var overrides: [(String, Double)] = []

    init(_ args: [String]) throws {
        var i = 1
        func value() throws -> String {
            i += 1
            guard i < args.count else { throw FucasoTrialOptionError(args[i - 1], "needs a value") }
            return args[i]
        }
        func int(_ name: String) throws -> Int {
            guard let v = Int(try value()), v > 0 else { throw FucasoTrialOptionError(name, "must be a positive integer") }
            return v
        }
        while i < args.count {
            switch args[i] {
            case "--replicates": replicates = try int("replicates")
            case "--seed": seed = UInt64(try int("seed"))
            case "--max-evaluations": maxEvaluations = try int("max-evaluations")
            case "--gof-replicates": gofReplicates = try int("gof-replicates")
            case "--gof-seed": gofSeed = UInt64(try int("gof-seed"))
            case "--from-fitted": fromFitted = true
            case "--report-only": reportOnly = true
            case "--safety-only": safetyOnly = true
            case "--explore-kinetics": explorePatients = try int("explore-kinetics")
            case "--explore-peaks": explorePeakPatients = try int("explore-peaks")
            case "--swift": swiftPath = try value()
            case "--report": reportPath = try value()
            case "--set":
                let kv = try value().split(separator: "=").map(String.init)
                guard kv.count == 2, let v = Double(kv[1]) else { throw FucasoTrialOptionError("set", "expected name=value") }
                overrides.append((kv[0], v))
            default: throw FucasoTrialOptionError(args[i], "unknown option")
            }
            i += 1
        }
    }
}

func log(_ s: String) { FileHandle.standardError.write((s + "\n").data(using: .utf8)!) }

do {
    let a = try Arguments(CommandLine.arguments)
    let start = Date()
    var fitted = a.fromFitted || a.reportOnly || a.safetyOnly ? FucasoCalibratedParameters.fitted : FucasoModelParameters.uncalibrated
    if !a.overrides.isEmpty {
        var dict = try JSONSerialization.jsonObject(with: JSONEncoder().encode(fitted)) as! [String: Any]
        for (k, v) in a.overrides {
            guard dict[k] != nil else { throw FucasoTrialOptionError("set", "unknown parameter \(k)") }
            dict[k] = v
        }
        fitted = try JSONDecoder().decode(FucasoModelParameters.self, from: JSONSerialization.data(withJSONObject: dict))
    }
    if a.explorePeakPatients > 0 {
        try explorePeaks(fitted, patients: a.explorePeakPatients)
        exit(0)
    }
    if a.explorePatients > 0 {
        try exploreKinetics(fitted, patients: a.explorePatients)
        exit(0)
    }
    if !a.reportOnly {
        fitted = a.safetyOnly
            ? try FucasoCalibration.solveSafety(fitted, replicates: a.replicates, seed: a.seed, log: log)
            : try FucasoCalibration.calibrate(start: fitted, replicates: a.replicates, seed: a.seed,
                                              maxEvaluations: a.maxEvaluations, log: log)
        let header = a.safetyOnly
            ? ["method \(FucasoCalibration.method), step 3 only (safety thresholds), \(a.replicates) replicate trials × 109, seed \(a.seed)"]
                + FucasoCalibratedParameters.provenance
            : ["method \(FucasoCalibration.method), \(a.replicates) replicate trials × 109, seed \(a.seed), "
               + "at most \(a.maxEvaluations) Nelder–Mead evaluations, started from "
               + (a.fromFitted ? "the previous fit" : "the uncalibrated guesses")
               + (a.overrides.isEmpty ? "" : " with " + a.overrides.map { "\($0.0)=\($0.1)" }.joined(separator: " "))]
        try FucasoCalibration.swiftSource(fitted, header: header).write(toFile: a.swiftPath, atomically: true, encoding: .utf8)
        log("wrote \(a.swiftPath)")
    }
    let gof = try FucasoCalibration.evaluate(fitted, replicates: a.gofReplicates, seed: a.gofSeed)
    var text = FucasoCalibration.report(gof, seed: a.gofSeed, parameters: fitted)
    text += "\nFit: \(a.replicates) replicate trials, seed \(a.seed); goodness of fit on \(a.gofReplicates) fresh replicate trials (seed \(a.gofSeed)). "
    text += String(format: "Wall time %.0f s.\n", Date().timeIntervalSince(start))
    try text.write(toFile: a.reportPath, atomically: true, encoding: .utf8)
    print(text)
} catch {
    log("trial-calibrate: \(error)")
    exit(2)
}
