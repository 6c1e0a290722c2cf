import Foundation
import Kinetics

/// A virtual patient's simulated model states at the times the records need: every quarter day from
/// Day 0 to Day 28 (bedside safety) and each later requested study day.
public struct FucasoPatientCourse: Sendable {
    /// Quarter-day states, index `4·day + k` for Day 0…28.
    public var early: [FucasoPatientModel.State]
    /// States at the requested integer days after Day 28, by day.
    public var later: [Int: FucasoPatientModel.State]
    /// Solver work (for the benchmark).
    public var steps: Int

    public init(early: [FucasoPatientModel.State], later: [Int: FucasoPatientModel.State], steps: Int) {
        self.early = early
        self.later = later
        self.steps = steps
    }

    /// The state on integer study day `day` (0 ≤ day; days after 28 must have been requested).
    public func state(day: Int) -> FucasoPatientModel.State {
        if day <= 28 { return early[4 * max(day, 0)] }
        return later[day]!
    }

    /// Highest cytokine between the previous bedside day and `day` (both ends included), pg/mL.
    public func peakCytokine(sinceDay start: Int, toDay day: Int) -> Double {
        var peak = 0.0
        for i in (4 * max(start, 0))...(4 * min(day, 28)) { peak = max(peak, early[i][FucasoPatientModel.cytokine]) }
        return peak
    }
}

/// Integration of one patient (`FucasoPatientModel`) with `DormandPrince54`.
public enum FucasoPatientSimulation {
    /// Error control: rtol 10⁻⁵ with the per-lane absolute tolerances of `FucasoPatientModel` —
    /// far below assay noise (CV ≥ 8%); the tests check a tighter solve agrees to < 1% at the visits.
    public static let options: ODE.Options = {
        var o = ODE.Options(relativeTolerance: 1e-5, absoluteTolerance: 1e-8)
        o.componentAbsoluteTolerance = FucasoPatientModel.absoluteTolerances
        o.maxSteps = 50_000
        o.stiffness = .ignore
        return o
    }()

    /// Multiple of the baseline tumour at which the course stops (after Day 28).
    public static let progressionCeiling = 2.0

    /// Days at which compartments below one cell are set to zero (`FucasoPatientModel.extinguish`).
    public static let extinctionCheckInterval = 14

    /// Simulates `patient` from Day 0 to `lastDay` (≥ 28 is extended to 28).
    ///
    /// - Parameter laterDays: integer study days > 28 whose states the records need.
    /// Dormand–Prince first; if it fails (50,000 steps: a stiff patient), `Rodas3` redoes the patient.
    ///
    /// - Throws: `ODE.Failure` if both solvers fail (not expected with these tolerances).
    public static func simulate(_ patient: FucasoVirtualPatient, lastDay: Int, laterDays: [Int],
                                options: ODE.Options = FucasoPatientSimulation.options) throws -> FucasoPatientCourse {
        let end = max(lastDay, 28)
        let later = Array(Set(laterDays.filter { $0 > 28 && $0 <= end })).sorted()
        var times = (0...(4 * 28)).map { Double($0) / 4 }
        times += later.map(Double.init)
        var stops: [Double] = []
        var s = extinctionCheckInterval
        while s < end { stops.append(Double(s)); s += extinctionCheckInterval }
        do {
            return try integrate(patient, end: end, times: times, later: later, stops: stops, stiff: false, options: options)
        } catch {
            // An unforeseen stiff patient (a very fast clearance next to years of memory decline):
            // the Rosenbrock method takes over with the same tolerances.
            return try integrate(patient, end: end, times: times, later: later, stops: stops, stiff: true, options: options)
        }
    }

    static func integrate(_ patient: FucasoVirtualPatient, end: Int, times: [Double], later: [Int], stops: [Double],
                          stiff: Bool, options: ODE.Options) throws -> FucasoPatientCourse {
        var early: [FucasoPatientModel.State] = []
        early.reserveCapacity(113)
        var laterStates: [Int: FucasoPatientModel.State] = [:]
        laterStates.reserveCapacity(later.count)
        // Past twice the baseline tumour (after Day 28) progression is certain and the patient is off
        // response assessment, so the course stops; later visits see the last state.
        let limit = progressionCeiling * patient.baselineTumour
        let ceiling = ODE.Event<FucasoPatientModel.State>(direction: .rising, terminal: true) { t, y in
            t <= 28 ? -1 : y[0] + y[1] + y[2] - limit
        }
        let onStop: (Int, Double, inout FucasoPatientModel.State, inout FucasoPatientModel) -> Void = { _, _, y, _ in
            FucasoPatientModel.extinguish(&y)
        }
        let observe: (Int, Double, FucasoPatientModel.State) -> Void = { i, t, y in
            if i < 113 { early.append(y) } else { laterStates[Int(t)] = y }
        }
        let summary = stiff
            ? try Rodas3(options: options).solve(patient.model, from: 0, patient.initialState, to: Double(end),
                                                 observationTimes: times, stopTimes: stops, events: [ceiling],
                                                 onStop: onStop, observe: observe)
            : try DormandPrince54(options: options).solve(patient.model, from: 0, patient.initialState, to: Double(end),
                                                          observationTimes: times, stopTimes: stops, events: [ceiling],
                                                          onStop: onStop, observe: observe)
        while early.count < 113 { early.append(summary.state) }
        for d in later where laterStates[d] == nil { laterStates[d] = summary.state }
        return FucasoPatientCourse(early: early, later: laterStates, steps: summary.statistics.acceptedSteps)
    }
}
