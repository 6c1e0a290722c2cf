import ArgumentParser
import CartographCore
import Foundation
import Outcomes
import Store
import Trial

/// `cartograph trial --preset fumanba-1`: the in-silico FUMANBA-1 trial. Virtual patients are simulated
/// by the mechanistic model, turned into the records a center keeps, graded by the safety and response
/// engines and summarised by the outcomes engine; the published figures are printed beside the
/// simulated ones with their 95% intervals, and the held-out figures as predictions.
struct TrialCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "trial",
        abstract: "Run the in-silico trial (virtual patients through Cartograph's own records and engines).")

    enum Format: String, ExpressibleByArgument { case table, json }

    @ArgumentParser.Option(help: "Trial preset (only fumanba-1).") var preset: String = FucasoTrialOptions.preset
    @ArgumentParser.Option(help: "Virtual patients infused (default 109).") var patients: Int = 109
    @ArgumentParser.Option(help: "Random seed.") var seed: UInt64 = 20_241_231
    @ArgumentParser.Option(name: .customLong("follow-up-months"), help: "Median follow-up at the data cut, months (default 36).")
    var followUpMonths: Double = 36
    @ArgumentParser.Option(help: "table (default) or json.") var format: Format = .table
    @ArgumentParser.Option(help: "Store the virtual cohort in this SQLite database (created if missing) so the web app shows it (`cartograph serve --database` the same file).")
    var into: String?
    @ArgumentParser.Option(name: .customLong("dissociation-rate"), help: "Scenario: CAR–BCMA koff, 1/s (default: eque-cel's).")
    var dissociationRate: Double?
    @ArgumentParser.Option(help: "Scenario: scFv origin, human (default) or murine.") var scfv: String?
    @ArgumentParser.Option(help: "Scenario: dose, ×10⁶ CAR-T cells/kg (default 1.0).") var dose: Double?
    @ArgumentParser.Option(name: .customLong("prior-lines"), help: "Scenario: every patient's prior lines (3–23).") var priorLines: Int?
    @ArgumentParser.Option(name: .customLong("tumor-burden"), help: "Scenario: multiplier of the baseline tumour (0.01–10).") var tumorBurden: Double?
    @ArgumentParser.Option(help: "Replicate trials of --patients each behind the model's expectation of every calibration figure (default 20 up to 1,000 patients, else 0; 0 for none).")
    var replicates: Int?
    @ArgumentParser.Option(help: "Worker threads (default: all cores).") var threads: Int?
    @ArgumentParser.Flag(help: "No progress bar.") var quiet = false
}

extension TrialCommand {
    func options(keepRecords: Bool) throws -> FucasoTrialOptions {
        guard preset == FucasoTrialOptions.preset else {
            throw ValidationError("--preset: unknown value \"\(preset)\"; expected \(FucasoTrialOptions.preset)")
        }
        var o = FucasoTrialOptions(patients: patients, seed: seed, followUpMonths: followUpMonths, keepRecords: keepRecords,
                                   threads: threads)
        o.replicates = replicates ?? (patients <= 1000 ? Self.defaultReplicates : 0)
        o.dissociationRate = dissociationRate
        if let scfv {
            guard let origin = FucasoScFvOrigin(rawValue: scfv) else {
                throw ValidationError("--scfv: unknown value \"\(scfv)\"; expected one of \(FucasoScFvOrigin.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            o.scFv = origin
        }
        if let dose { o.dose = dose }
        o.priorLines = priorLines
        if let tumorBurden { o.tumorBurden = tumorBurden }
        do { try o.validate() } catch let e as FucasoTrialOptionError {
            throw ValidationError("--\(Self.flag(e.field)): \(e.message)")
        }
        return o
    }

    /// Replicate trials behind the expectation column when `--replicates` is not given (≤ 1,000 patients).
    static let defaultReplicates = 20

    /// The command-line spelling of an option field (`followUpMonths` → `follow-up-months`).
    static func flag(_ field: String) -> String {
        field == "scFv" ? "scfv" : field.reduce(into: "") { s, c in
            if c.isUppercase { s += "-" + c.lowercased() } else { s.append(c) }
        }
    }

    var isScenario: Bool { dissociationRate != nil || scfv != nil || dose != nil || priorLines != nil || tumorBurden != nil }

    func run() async throws {
        let o: FucasoTrialOptions
        do { o = try options(keepRecords: into != nil) } catch let e as ValidationError {
            FileHandle.standardError.write(Data("trial: \(e.message)\n".utf8))
            throw ExitCode(2)
        }
        let bar = TrialProgressBar(enabled: !quiet && isatty(STDERR_FILENO) == 1)
        let result = try FucasoTrial.run(o, progress: bar.update)
        bar.finish()
        // With a scenario, the same virtual patients under the default product, for the comparison.
        var baseline: FucasoTrialResult?
        if isScenario {
            let product = FucasoTrialOptions(patients: o.patients, seed: o.seed, followUpMonths: o.followUpMonths,
                                             keepRecords: false, threads: o.threads)
            baseline = try FucasoTrial.run(product, progress: nil)
        }
        switch format {
        case .json:
            var data = try TrialOutput(result: result, baseline: baseline).json()
            data.append(0x0A)
            FileHandle.standardOutput.write(data)
        case .table:
            print(TrialTable.render(result, baseline: baseline))
        }
        if let into {
            try await TrialStorage.store(result, into: into)
        }
    }
}
