import Foundation
import Outcomes

/// The model's expectation for a trial of a given size: R independent virtual trials of
/// `patientsPerTrial` patients each, summarised one by one by `CohortReport`.
///
/// Why: a published figure's 95% interval describes the real trial's sampling error. A single
/// virtual trial of the same size carries its own sampling error on top, so "inside the interval"
/// for one virtual trial mixes the model's fit with the luck of 109 draws (a perfectly fitted model
/// puts each figure of a single trial inside about 95% of the time, and all 17 at once far less
/// often). The mean over R replicate trials is the model's own value; it is what the calibration fits
/// and what "reproduces the published figure" is judged on. The share of single trials inside is kept
/// too, so a reader sees both.
///
/// Trial k holds patients k·n … (k+1)·n − 1 of one cohort drawn with the run's seed (patients are
/// independent and identically distributed given the seed, so the blocks are independent trials);
/// trial 0 is therefore the run itself.
public struct FucasoReplicateTrials: Sendable {
    /// Each calibration figure's mean over the trials that give it, by figure id.
    public var means: [String: Double]
    /// Each trial's value of each figure, by figure id (trials that cannot give it are left out).
    public var replicateValues: [String: [Double]]
    public var replicates: Int
    public var patientsPerTrial: Int

    public init(means: [String: Double], replicateValues: [String: [Double]], replicates: Int, patientsPerTrial: Int = 109) {
        self.means = means
        self.replicateValues = replicateValues
        self.replicates = replicates
        self.patientsPerTrial = patientsPerTrial
    }

    /// Share of single trials whose value of `figure` lies in its 95% interval.
    public func shareInside(_ figure: FucasoPublishedFigure) -> Double? {
        guard let list = replicateValues[figure.id], !list.isEmpty else { return nil }
        return Double(list.filter(figure.contains).count) / Double(list.count)
    }

    /// Simulates `replicates` trials of `options.patients` patients with every other option of
    /// `options` (scenario knobs included); records are derived and dropped.
    public static func run(_ options: FucasoTrialOptions, replicates: Int,
                           progress: (@Sendable (Int, Int) -> Void)? = nil) throws -> FucasoReplicateTrials {
        guard replicates >= 1 else { throw FucasoTrialOptionError("replicates", "must be at least 1, got \(replicates)") }
        let n = options.patients
        var all = options
        all.patients = replicates * n
        all.keepRecords = false
        all.replicates = 0
        let cohort = try FucasoTrial.simulate(all, progress: progress)
        var values: [String: [Double]] = [:]
        for k in 0..<replicates {
            let block = Array(cohort.patients[(k * n)..<((k + 1) * n)])
            let report = CohortReport.summarise(block, dataCut: options.dataCut)
            for f in FucasoPublishedFigures.calibrationSet {
                if let v = f.simulated(report) { values[f.id, default: []].append(v) }
            }
        }
        var means: [String: Double] = [:]
        for (id, list) in values where !list.isEmpty { means[id] = list.reduce(0, +) / Double(list.count) }
        return FucasoReplicateTrials(means: means, replicateValues: values, replicates: replicates, patientsPerTrial: n)
    }
}
