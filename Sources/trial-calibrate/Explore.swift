import Foundation
import Trial

/// Development aid (`trial-calibrate --explore-kinetics N [--set …]`): prints the early course of N
/// virtual patients (tumour, CAR-T pools, programme, crowding, M-protein, blood transgene).
func exploreKinetics(_ params: FucasoModelParameters, patients: Int) throws {
    let o = FucasoTrialOptions(seed: 20241231, parameters: params)
    for index in 0..<patients {
        let v = FucasoVirtualPatient.make(index: index, options: o)
        let c = try FucasoPatientSimulation.simulate(v, lastDay: 60, laterDays: [35, 42, 60])
        print(String(format: "patient %d  T0 %.1f  rho %.2f  sigma %.3f  infused %.3f", index, v.baselineTumour,
                     v.model.expansionRate, v.model.stimulationPositive, v.infusedCells))
        for d in [0, 1, 2, 3, 4, 5, 6, 7, 8, 10, 12, 14, 17, 21, 28, 35, 42] {
            let y = c.state(day: d)
            typealias Lane = FucasoPatientModel
            let car = carT(y)
            print(String(format: "  d%3d Tp %9.3e E %9.3e M %9.3e X %9.3e L %.3f room %.2f P %.2f VCN %9.0f",
                         d, y[Lane.tp], y[Lane.effector], y[Lane.memory], y[Lane.exhausted], y[Lane.programme],
                         1 / (1 + car / v.model.carCapacity), y[Lane.paraprotein], v.transgeneCopies(y, day: Double(d))))
        }
    }
}

/// Development aid (`trial-calibrate --explore-peaks N [--set …]`): the day each of N patients' whole-body
/// CAR-T pool peaks (quarter-day states to Day 28), against the share of blood-transgene Tmax by Day 14.
func explorePeaks(_ params: FucasoModelParameters, patients: Int) throws {
    let o = FucasoTrialOptions(seed: 20241231, parameters: params)
    var peaks: [Double] = []
    var peakCells: [Double] = []
    for index in 0..<patients {
        let v = FucasoVirtualPatient.make(index: index, options: o)
        let c = try FucasoPatientSimulation.simulate(v, lastDay: 28, laterDays: [])
        let pools = c.early.map(carT)
        let best = pools.indices.max { pools[$0] < pools[$1] }!
        peaks.append(Double(best) / 4)
        peakCells.append(pools[best])
    }
    peaks.sort(); peakCells.sort()
    let by14 = Double(peaks.filter { $0 <= 14 }.count) / Double(patients)
    print(String(format: "pool peak day: median %.2f (10th %.2f, 90th %.2f); %.1f%% by day 14; peak pool median %.0f Gcells (10th %.0f, 90th %.0f)",
                 peaks[patients / 2], peaks[patients / 10], peaks[patients * 9 / 10], by14 * 100,
                 peakCells[patients / 2], peakCells[patients / 10], peakCells[patients * 9 / 10]))
}

/// All CAR-T cells of a state (effector + memory + exhausted), Gcells.
private func carT(_ y: FucasoPatientModel.State) -> Double {
    y[FucasoPatientModel.effector] + y[FucasoPatientModel.memory] + y[FucasoPatientModel.exhausted]
}
