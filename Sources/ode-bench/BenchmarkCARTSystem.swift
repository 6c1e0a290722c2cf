import Foundation
import Kinetics

/// A representative 10-state CAR-T / myeloma system for throughput measurement only.
///
/// Its structure is what the FUCASO in-silico model will need (conjugate formation with fast
/// dissociation — "serial engagement" —, effector/memory/exhausted CAR-T, tumour, soluble BCMA,
/// IL-6, anti-drug antibodies, endogenous lymphocytes after lymphodepletion, normal plasma
/// cells); its parameter values are round illustrative numbers, NOT calibrated to FUMANBA-1.
/// Time in days; cells in arbitrary blood-equivalent units.
///
/// Fast processes (CAR–BCMA dissociation `koff` 5/d, kill 2/d, IL-6 clearance 8/d) next to
/// memory decline over years make the system mildly stiff: an explicit method is limited to
/// steps of ≈ 3.3/8 d by stability, which is exactly what the benchmark measures.
struct BenchmarkCARTSystem: ODESystem {
    typealias State = SIMD16<Double>
    // Lanes.
    static let e = 0, m = 1, x = 2, tumour = 3, conjugate = 4, sBCMA = 5, il6 = 6, ada = 7, lymph = 8, plasma = 9

    var dimension: Int { 10 }
    var isAutonomous: Bool { true }

    var kOn = 2e-3        // 1/(cell·d) conjugate formation
    var kOff = 5.0        // 1/d dissociation (fast: serial engagement)
    var kKill = 2.0       // 1/d lysis of the engaged tumour cell
    var rhoMax = 1.2      // 1/d antigen-driven proliferation
    var kC = 5.0          // conjugates for half-maximal stimulation
    var homeostatic = 0.15 // 1/d cytokine-driven (IL-7/15) expansion into lymphodepleted space
    var space = 5000.0    // lymphocyte space (bounds antigen-driven and homeostatic expansion)
    var deathE = 0.12, deathM = 0.004, deathX = 0.3
    var toMemory = 0.02, toEffector = 0.05, kM = 50.0
    var exhaustion = 0.03
    var growth = 0.012, capacity = 5e4          // tumour
    var sProduction = 0.01, sPlasma = 0.002, sClearance = 0.7
    var il6FromKill = 0.5, il6FromActivation = 0.2, il6Clearance = 8.0
    var adaRate = 0.02, adaHalf = 10.0, adaDecay = 0.01, adaKill = 0.05
    var lymphInflux = 2.0, lymphDeath = 0.05
    var plasmaGrowth = 0.05, plasmaCapacity = 100.0, plasmaKill = 0.01

    @inline(__always)
    func derivative(at t: Double, _ y: State) -> State {
        // Rates use max(0, ·): error control lets a vanishing population (a cleared tumour) dip
        // to −atol, and the unstable dynamics of a negative tumour must not take over.
        let e = max(y[0], 0), m = max(y[1], 0), x = max(y[2], 0), tu = max(y[3], 0), c = max(y[4], 0)
        let s = y[5], il6 = y[6], a = max(y[7], 0), l = max(y[8], 0), p = max(y[9], 0)
        let bind = kOn * e * tu
        let stimulus = c / (c + kC)
        let h = 1 / (1 + (e + m + x + l) / space)
        let reactivation = toEffector * m * tu / (tu + kM)
        let adaLoss = adaKill * a
        var d = State()
        d[0] = -bind + (kOff + kKill) * c + rhoMax * e * stimulus * h + homeostatic * e * h
            - (deathE + toMemory + exhaustion * stimulus + adaLoss) * e + reactivation
        d[1] = toMemory * e - reactivation - deathM * m + 0.5 * homeostatic * m * h - adaLoss * m
        d[2] = exhaustion * stimulus * e - deathX * x
        d[3] = growth * tu * (1 - tu / capacity) - bind + kOff * c
        d[4] = bind - (kOff + kKill) * c
        d[5] = sProduction * (tu + c) + sPlasma * p - sClearance * s
        d[6] = il6FromKill * kKill * c + il6FromActivation * e * stimulus - il6Clearance * il6
        d[7] = adaRate * (e + m) / (e + m + adaHalf) - adaDecay * a
        d[8] = lymphInflux + homeostatic * l * h - lymphDeath * l
        d[9] = plasmaGrowth * p * (1 - p / plasmaCapacity) - plasmaKill * e * p
        return d
    }

    /// The non-stiff variant: binding, kill and IL-6 clearance 10× slower (as if conjugates and
    /// cytokine were slow compartments), so an explicit method is no longer stability-bound.
    mutating func slowDownFastProcesses() {
        kOn *= 0.1; kOff *= 0.1; kKill *= 0.1; il6Clearance *= 0.1; sClearance *= 0.1
    }

    /// Day-0 state: infused CAR-T effectors, tumour burden, lymphodepleted host.
    func initialState(dose: Double, tumour: Double) -> State {
        var y = State()
        y[0] = dose; y[3] = tumour
        y[5] = sProduction * tumour / sClearance
        y[8] = 5; y[9] = 20
        return y
    }
}

/// Deterministic per-patient variability (SplitMix64 + Box–Muller), so runs are reproducible.
struct PatientSampler {
    var state: UInt64
    init(seed: UInt64) { state = seed &* 0x9E37_79B9_7F4A_7C15 &+ 0x1234_5678 }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func uniform() -> Double { (Double(next() >> 11) + 0.5) * 0x1p-53 }
    mutating func normal() -> Double {
        let u1 = uniform(), u2 = uniform()
        return (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
    }
    mutating func logNormal(cv: Double) -> Double {
        let sigma = (log(1 + cv * cv)).squareRoot()
        return exp(sigma * normal() - 0.5 * sigma * sigma)
    }

    mutating func patient() -> (BenchmarkCARTSystem, BenchmarkCARTSystem.State) {
        var s = BenchmarkCARTSystem()
        s.rhoMax *= logNormal(cv: 0.3)
        s.kKill *= logNormal(cv: 0.3)
        s.growth *= logNormal(cv: 0.5)
        s.deathM *= logNormal(cv: 0.5)
        s.exhaustion *= logNormal(cv: 0.5)
        s.adaRate *= logNormal(cv: 1.0)
        let y0 = s.initialState(dose: 0.5 * logNormal(cv: 0.3), tumour: 1000 * logNormal(cv: 1.0))
        return (s, y0)
    }
}
