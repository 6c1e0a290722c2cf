import CartographCore
import Clinical
import Dispatch
import Foundation
import Outcomes

/// One row of the published-versus-simulated table.
public struct FucasoComparisonRow: Sendable, Equatable, Codable {
    public var id: String
    public var figure: String
    public var published: String
    /// 95% interval on the comparison scale (fractions).
    public var lower: Double
    public var upper: Double
    public var intervalSource: String
    public var source: String
    /// Simulated value on the comparison scale (`nil` when the cohort cannot give it).
    public var simulated: Double?
    public var simulatedText: String
    /// Whether this trial's value lies in the interval.
    public var inside: Bool
    /// The model's expectation: the mean over replicate trials of this size (`FucasoReplicateTrials`);
    /// absent when the run asked for none.
    public var expected: Double?
    /// Whether the expectation lies in the interval (the calibration verdict).
    public var expectedInside: Bool?
    /// Share of the replicate trials whose own value lies in the interval.
    public var trialsInside: Double?
}

/// A held-out figure's prediction (printed, never compared).
public struct FucasoPrediction: Sendable, Equatable, Codable {
    public var id: String
    public var figure: String
    /// Predicted median, months; `nil` when not reached by the data cut.
    public var medianMonths: Double?
    public var lowerMonths: Double?
    public var upperMonths: Double?
}

/// The outcome of one in-silico trial run.
public struct FucasoTrialResult: Sendable {
    public var options: FucasoTrialOptions
    public var summary: FucasoTrialSummary
    /// The lead's cohort report (its `patients` are emptied when records are dropped).
    public var report: CohortReport
    public var comparison: [FucasoComparisonRow]
    public var predictions: [FucasoPrediction]
    /// The replicate trials behind the rows' expectations (`options.replicates` > 0).
    public var replicates: FucasoReplicateTrials?
    /// Every patient's records (`nil` when `options.keepRecords` is false).
    public var records: [OutcomeRecords]?
    /// Per-patient simulation facts (kept with the records).
    public var truths: [VirtualPatientTruth]?
    /// Per-patient bedside observations behind `records[i].safety` (kept with the records, for storage).
    public var bedside: [[SafetyAssessment]]?
    public var solverSteps: Int
    public var wallSeconds: Double
}

/// The in-silico FUMANBA-1: simulates every patient in parallel, writes their records, derives their
/// outcomes through the engines and summarises the cohort with `CohortReport`.
public enum FucasoTrial {
    /// A per-patient failure (the solver or the grading engine), naming the patient.
    public struct PatientFailure: Error, CustomStringConvertible {
        public var patientCode: String
        public var message: String
        public var description: String { "\(patientCode): \(message)" }
    }

    /// Runs the trial.
    ///
    /// Patients are independent and deterministic in `(seed, index)`, so they are simulated in chunks
    /// of 32 with `DispatchQueue.concurrentPerform` on `options.threads` workers (all cores by default);
    /// the result does not depend on the thread count. With `keepRecords` false each patient's records
    /// are derived (`OutcomePatient.derive`) and dropped at once, so memory stays small for 10⁵ patients.
    ///
    /// - Parameter progress: called from worker threads with (patients done, total) after each chunk.
    /// - Throws: `FucasoTrialOptionError` for invalid options; `PatientFailure` if a patient fails.
    public static func run(_ options: FucasoTrialOptions,
                           progress: (@Sendable (Int, Int) -> Void)? = nil) throws -> FucasoTrialResult {
        let start = Date()
        let cohort = try simulate(options, progress: progress)
        var report = CohortReport.summarise(cohort.patients, dataCut: options.dataCut)
        let summary = FucasoTrialSummary(report)
        let replicates = options.replicates > 0
            ? try FucasoReplicateTrials.run(options, replicates: options.replicates) : nil
        let comparison = compare(report, expectation: replicates)
        let predictions = predict(report)
        if !options.keepRecords { report.patients = [] }
        return FucasoTrialResult(
            options: options, summary: summary, report: report, comparison: comparison, predictions: predictions,
            replicates: replicates,
            records: cohort.records, truths: cohort.truths, bedside: cohort.bedside, solverSteps: cohort.solverSteps,
            wallSeconds: Date().timeIntervalSince(start))
    }

    /// Every patient of a run, derived through the engines, before the cohort summary.
    public struct Cohort: Sendable {
        /// `OutcomePatient.derive` of each patient's records, in index order.
        public var patients: [OutcomePatient]
        /// The records and truths, when `keepRecords`.
        public var records: [OutcomeRecords]?
        public var truths: [VirtualPatientTruth]?
        /// The bedside observations behind each patient's graded assessments, when `keepRecords`.
        public var bedside: [[SafetyAssessment]]?
        public var solverSteps: Int
    }

    /// Simulates, records and derives every patient of `options` in parallel (see `run`).
    public static func simulate(_ options: FucasoTrialOptions,
                                progress: (@Sendable (Int, Int) -> Void)? = nil) throws -> Cohort {
        try options.validate()
        let n = options.patients
        let chunk = 32
        let chunks = (n + chunk - 1) / chunk
        let store = PatientStore(count: n, keepRecords: options.keepRecords)
        let workers = options.threads ?? ProcessInfo.processInfo.activeProcessorCount
        let queue = ChunkQueue(chunks: chunks)
        DispatchQueue.concurrentPerform(iterations: max(1, min(workers, chunks))) { _ in
            while let c = queue.next() {
                for i in (c * chunk)..<min(n, (c + 1) * chunk) {
                    do {
                        let infusion = FucasoEnrolment.infusionDate(index: i, options: options)
                        let outcome = try VirtualPatientRecords.build(index: i, infusion: infusion, cut: options.dataCut,
                                                                      options: options)
                        store.set(i, outcome)
                    } catch {
                        store.fail(PatientFailure(patientCode: VirtualPatientRecords.patientCode(index: i), message: "\(error)"))
                    }
                }
                let done = queue.finished(patients: min(n, (c + 1) * chunk) - c * chunk)
                progress?(done, n)
            }
        }
        if let failure = store.failure { throw failure }
        return Cohort(patients: store.patients, records: options.keepRecords ? store.records : nil,
                      truths: options.keepRecords ? store.truths : nil, bedside: options.keepRecords ? store.bedside : nil,
                      solverSteps: store.steps)
    }

    /// The calibration-set rows for a report, with the model's expectation when replicate trials were run.
    public static func compare(_ report: CohortReport, expectation: FucasoReplicateTrials? = nil) -> [FucasoComparisonRow] {
        FucasoPublishedFigures.calibrationSet.map { f in
            let v = f.simulated(report)
            let expected = expectation?.means[f.id]
            return FucasoComparisonRow(id: f.id, figure: f.name, published: f.publishedText, lower: f.lower, upper: f.upper,
                                       intervalSource: f.intervalSource, source: f.source, simulated: v,
                                       simulatedText: f.simulatedDisplay(report), inside: v.map(f.contains) ?? false,
                                       expected: expected, expectedInside: expected.map(f.contains),
                                       trialsInside: expectation?.shareInside(f))
        }
    }

    /// The held-out predictions for a report.
    public static func predict(_ report: CohortReport) -> [FucasoPrediction] {
        let sources: [String: CohortSurvival?] = [
            "pfsMedian": report.pfs, "pfsNaiveMedian": report.pfsNaive, "osMedian": report.os,
            "mrdDurationMedian": report.durationOfMRDNegativity,
        ]
        return FucasoPublishedFigures.heldOut.map { h in
            let s = sources[h.id] ?? nil
            return FucasoPrediction(id: h.id, figure: h.name, medianMonths: s?.medianMonths,
                                    lowerMonths: s?.medianLowerMonths, upperMonths: s?.medianUpperMonths)
        }
    }
}

/// Hands out chunk numbers to workers and counts finished patients.
final class ChunkQueue: @unchecked Sendable {
    private let lock = NSLock()
    private var nextChunk = 0
    private var done = 0
    let chunks: Int
    init(chunks: Int) { self.chunks = chunks }
    func next() -> Int? {
        lock.lock(); defer { lock.unlock() }
        guard nextChunk < chunks else { return nil }
        nextChunk += 1
        return nextChunk - 1
    }
    func finished(patients: Int) -> Int {
        lock.lock(); defer { lock.unlock() }
        done += patients
        return done
    }
}

/// Per-index results written by the workers (each index by exactly one worker, under a lock).
final class PatientStore: @unchecked Sendable {
    private let lock = NSLock()
    private(set) var patients: [OutcomePatient]
    private(set) var records: [OutcomeRecords]
    private(set) var truths: [VirtualPatientTruth]
    private(set) var bedside: [[SafetyAssessment]]
    private(set) var steps = 0
    private(set) var failure: FucasoTrial.PatientFailure?
    let keepRecords: Bool

    init(count: Int, keepRecords: Bool) {
        self.keepRecords = keepRecords
        let empty = OutcomePatient.derive(OutcomeRecords(patientCode: "", infusionDate: nil))
        patients = Array(repeating: empty, count: count)
        records = keepRecords ? Array(repeating: OutcomeRecords(patientCode: "", infusionDate: nil), count: count) : []
        truths = keepRecords ? Array(repeating: VirtualPatientTruth(
            patientCode: "", priorBCMACART: false, extramedullaryDisease: false, adaResponder: false, exhaustionDrive: 0,
            stimulation: 0, peakCARTCells: 0, cartCellsAtOneYear: nil, progressionDay: nil, deathDay: nil,
            deathCause: nil, solverSteps: 0), count: count) : []
        bedside = keepRecords ? Array(repeating: [], count: count) : []
    }

    func set(_ i: Int, _ outcome: VirtualPatientOutcome) {
        let derived = OutcomePatient.derive(outcome.records)
        lock.lock(); defer { lock.unlock() }
        patients[i] = derived
        steps += outcome.truth.solverSteps
        if keepRecords {
            records[i] = outcome.records
            truths[i] = outcome.truth
            bedside[i] = outcome.bedside
        }
    }

    func fail(_ f: FucasoTrial.PatientFailure) {
        lock.lock(); defer { lock.unlock() }
        if failure == nil { failure = f }
    }
}
