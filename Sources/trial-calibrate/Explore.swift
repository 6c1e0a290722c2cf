import Foundation
import Trial
func explore(_ index: Int) throws {
    var params = FucasoModelParameters()
    params.adaProbabilityHuman = 0; params.antigenNegativeFractionPrior = params.antigenNegativeFractionNaive; params.priorCARTBCMAFactor = 1
    for koff in [2e-3, 5e-3, 2e-2] {
        let o = FucasoTrialOptions(seed: 11, dissociationRate: koff, parameters: params)
        let v = FucasoVirtualPatient.make(index: index, options: o)
        let days = [35, 60, 90, 180, 270, 365, 545, 730, 1095, 1460]
        let c = try FucasoPatientSimulation.simulate(v, lastDay: 1460, laterDays: days)
        print(String(format: "koff %.0e sigma %.3f xi %.3f dM %.4f g %.4f", koff, v.model.stimulationPositive, v.model.exhaustionPositive, v.model.memoryDeath, v.model.growth))
        for d in [7, 10, 14, 21, 28] + days {
            let y = c.state(day: d)
            print(String(format: "  d%4d Tp %.2e Tn %.2e E %.2e M %.2e X %.2e VCN %.0f", d, y[0], y[1], y[3], y[4], y[5], v.transgeneCopies(y, day: Double(d))))
        }
    }
}
