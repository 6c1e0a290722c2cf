import Foundation
import Numerics
import Testing
@testable import Kinetics

@Suite("Stein 2019 model fit (log10 least squares, Levenberg–Marquardt)")
struct CellularKineticsFitTests {
    typealias P = CellularKinetics.SteinParameters
    let days: [Double] = [1, 2, 4, 7, 9, 11, 14, 21, 28, 42, 56, 90, 120, 180, 270, 365, 545, 730]

    func samples(_ p: P, noise: [Double] = [], limit: Double = 0) -> [CellularKinetics.SteinSample] {
        days.enumerated().map { i, d in
            let v = CellularKinetics.steinTransgene(at: d, p) * pow(10, noise.isEmpty ? 0 : noise[i % noise.count])
            return CellularKinetics.SteinSample(day: d, copiesPerMicrogram: v < limit ? 0 : v)
        }
    }

    func relative(_ a: Double, _ b: Double) -> Double { abs(a - b) / abs(b) }

    @Test("recovers the tisagenlecleucel typical parameters from noise-free synthetic data")
    func recoverTypical() throws {
        // setup: data generated with the closed form (Stein 2019 Table 1 values).
        let truth = P.tisagenlecleucelALL
        // MUT
        let fit = try CellularKinetics.fitStein(samples(truth), settings: .init(limitOfDetection: 1))
        // validate
        let p = fit.parameters
        for (got, want) in [(p.foldExpansion, truth.foldExpansion), (p.tmax, truth.tmax), (p.cmax, truth.cmax),
                            (p.alpha, truth.alpha), (p.beta, truth.beta), (p.memoryFraction, truth.memoryFraction)] {
            #expect(relative(got, want) < 1e-3, "got \(got), want \(want)")
        }
        #expect(fit.sumOfSquares < 1e-10)
        #expect(fit.samplesUsed == days.count && fit.samplesBelowLimit == 0)
    }

    @Test("recovers a FUCASO-like shape (Tmax 14 d, slower decline) from noise-free data")
    func recoverSlowProfile() throws {
        // setup
        let truth = P(foldExpansion: 5000, tmax: 14, cmax: 50000, alpha: 0.1, beta: 0.005, memoryFraction: 0.02)
        // MUT
        let fit = try CellularKinetics.fitStein(samples(truth), settings: .init(limitOfDetection: 1))
        // validate
        #expect(relative(fit.parameters.tmax, 14) < 1e-3)
        #expect(relative(fit.parameters.alpha, 0.1) < 1e-3)
        #expect(relative(fit.parameters.beta, 0.005) < 1e-3)
        #expect(relative(fit.parameters.memoryFraction, 0.02) < 1e-3)
    }

    @Test("with ±0.1–0.2 log10 perturbations the estimates stay near the truth")
    func recoverWithNoise() throws {
        // setup: a fixed, zero-mean pattern of log10 errors (qPCR noise is ~0.2–0.5 log10).
        let truth = P.tisagenlecleucelALL
        let noise = [0.12, -0.15, 0.05, -0.08, 0.18, -0.1, 0.02, -0.04]
        // MUT
        let fit = try CellularKinetics.fitStein(samples(truth, noise: noise), settings: .init(limitOfDetection: 1))
        // validate: RSE close to the noise RMS (≈ 0.11 log10); parameters within a factor ~1.3.
        #expect(fit.residualStandardError > 0.03 && fit.residualStandardError < 0.2)
        #expect(relative(fit.parameters.cmax, truth.cmax) < 0.35)
        #expect(relative(fit.parameters.tmax, truth.tmax) < 0.2)
        #expect(relative(fit.parameters.alpha, truth.alpha) < 0.3)
        #expect(relative(fit.parameters.beta, truth.beta) < 0.5)
        #expect(relative(fit.parameters.memoryFraction, truth.memoryFraction) < 0.5)
    }

    @Test("censoring recovers the terminal slope; LLOD/2 substitution flattens it")
    func censoringVersusHalfLimit() throws {
        // setup: faster terminal decline (β = 0.012/d) so days ≥ 180 fall below LLOD = 50, and
        // so do days 1 and 2 of the expansion (R0·e^{ρt} = 15.0 and 36.4 copies/µg).
        let truth = P(foldExpansion: 3900, tmax: 9.3, cmax: 24000, alpha: 0.16, beta: 0.012, memoryFraction: 0.0079)
        let data = samples(truth, limit: 50)
        let below = data.filter { $0.copiesPerMicrogram < 50 }.count
        // MUT
        let censored = try CellularKinetics.fitStein(data, settings: .init(limitOfDetection: 50, belowLimit: .censored))
        let omitted = try CellularKinetics.fitStein(data, settings: .init(limitOfDetection: 50, belowLimit: .omit))
        let half = try CellularKinetics.fitStein(data, settings: .init(limitOfDetection: 50, belowLimit: .halfLimit))
        // validate: truth fits the censored data exactly, so it is recovered. LLOD/2 = 25 sits
        // above the true levels at 270–730 d (8.3 → 0.03), so the substituted fit declines slower.
        #expect(below == 7)
        #expect(censored.samplesBelowLimit == 7 && censored.samplesUsed == days.count)
        #expect(omitted.samplesUsed == days.count - 7)
        #expect(relative(censored.parameters.beta, 0.012) < 0.02)
        #expect(relative(omitted.parameters.beta, 0.012) < 0.02)
        #expect(half.parameters.beta < 0.8 * 0.012)
    }

    @Test("residuals: observed on log10 scale, censored as a one-sided hinge at the LLOD, or LLOD/2")
    func residualRules() {
        // setup: constant-looking check at Tmax, where the model is exactly Cmax = 24000.
        let p = P.tisagenlecleucelALL
        let observed = CellularKinetics.SteinSample(day: 9.3, copiesPerMicrogram: 2400)
        let blqAbove = CellularKinetics.SteinSample(day: 9.3, copiesPerMicrogram: 0)   // model 24000 > LLOD
        let blqBelow = CellularKinetics.SteinSample(day: 0, copiesPerMicrogram: 0)     // model 6.15 < LLOD
        let settings = CellularKinetics.SteinFitSettings(limitOfDetection: 100)
        // MUT
        let r = CellularKinetics.steinResiduals(p, [observed, blqAbove, blqBelow], settings: settings)
        var half = settings
        half.belowLimit = .halfLimit
        let rh = CellularKinetics.steinResiduals(p, [blqBelow], settings: half)
        var omit = settings
        omit.belowLimit = .omit
        // validate: log10(24000/2400) = 1; log10(24000/100) = 2.380211; hinge 0;
        // LLOD/2: log10(6.153846/50) = −0.909802
        #expect(r.count == 3)
        #expect(abs(r[0] - 1) < 1e-12)
        #expect(abs(r[1] - 2.380211241711606) < 1e-12)
        #expect(r[2] == 0)
        #expect(abs(rh[0] - log10(24000.0 / 3900 / 50)) < 1e-12)
        #expect(CellularKinetics.steinResiduals(p, [observed, blqBelow], settings: omit).count == 1)
    }

    @Test("too few detectable samples and bad settings are refused with the field name")
    func refusals() {
        // setup
        let few = [CellularKinetics.SteinSample(day: 1, copiesPerMicrogram: 10),
                   CellularKinetics.SteinSample(day: 9, copiesPerMicrogram: 10000),
                   CellularKinetics.SteinSample(day: 28, copiesPerMicrogram: 500)]
        // MUT / validate
        #expect(throws: CellularKinetics.Failure.self) {
            _ = try CellularKinetics.fitStein(few, settings: .init(limitOfDetection: 1))
        }
        do {
            _ = try CellularKinetics.fitStein(few, settings: .init(limitOfDetection: 0))
            Issue.record("expected failure")
        } catch {
            #expect("\(error)".contains("limitOfDetection"))
        }
        do {
            _ = try CellularKinetics.fitStein([.init(day: -1, copiesPerMicrogram: 1)] + few, settings: .init(limitOfDetection: 1))
            Issue.record("expected failure")
        } catch {
            #expect("\(error)".contains("samples[0].day"))
        }
        var bounds = CellularKinetics.SteinBounds.standard
        bounds.lower.alpha = 20
        do {
            _ = try CellularKinetics.fitStein(few, settings: .init(limitOfDetection: 1, bounds: bounds))
            Issue.record("expected failure")
        } catch {
            #expect("\(error)".contains("bounds.alpha"))
        }
    }

    @Test("a parameter fixed through equal bounds stays fixed")
    func fixedParameter() throws {
        // setup: Tmax fixed at its true value 9.3.
        let truth = P.tisagenlecleucelALL
        var bounds = CellularKinetics.SteinBounds.standard
        bounds.lower.tmax = 9.3; bounds.upper.tmax = 9.3
        // MUT
        let fit = try CellularKinetics.fitStein(samples(truth), settings: .init(limitOfDetection: 1, bounds: bounds))
        // validate
        #expect(fit.parameters.tmax == 9.3)
        #expect(relative(fit.parameters.alpha, truth.alpha) < 1e-3)
    }
}
