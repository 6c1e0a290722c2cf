import Foundation

/// How tied event times enter the Cox partial likelihood.
public enum CoxTieMethod: String, Sendable, Codable, CaseIterable, Equatable {
    /// Efron (1977) JASA 72:557 — R `coxph` default.
    case efron
    /// Breslow (1974) Biometrics 30:89.
    case breslow
}

/// The log partial likelihood of a Cox model with its gradient and information matrix,
/// accumulated over risk sets in one backward pass over (stratum, time)-sorted data.
///
/// For a death time with tied deaths D (|D| = d), R = risk set excluding D (subjects with a
/// later time or censored at that time), r = exp(xᵀβ):
/// - Breslow: ℓ += Σ_D xᵀβ − d·log(Σ_R r + Σ_D r), with mean x̄ = (Σ r x)/(Σ r) over R ∪ D.
/// - Efron: for k = 1…d the denominator is Σ_R r + (k/d) Σ_D r (the same terms as the usual
///   Σ_{R∪D} r − ((k−1)/d) Σ_D r, summed in reverse), each with its own weighted mean and
///   covariance.
/// Score U = Σ (x_death − x̄), information I = Σ (weighted covariance of x).
/// Cost O(n·p²) per evaluation: every subject adds once to Σr, Σrx, Σrxxᵀ.
struct CoxPartialLikelihood {
    let n: Int
    let p: Int
    /// Sorted by stratum, then time ascending.
    let time: [Double]
    let status: [Bool]
    let stratum: [Int]
    /// Row-major n×p, centered and scaled.
    let x: [Double]
    let ties: CoxTieMethod

    struct Evaluation {
        var logLikelihood: Double
        var score: [Double]
        /// Row-major p×p, symmetric.
        var information: [Double]
    }

    func evaluate(_ beta: [Double]) -> Evaluation {
        var loglik = 0.0
        var u = [Double](repeating: 0, count: p)
        var imat = [Double](repeating: 0, count: p * p)
        // Scratch accumulators as raw buffers: this loop runs n·p² times per Newton step and
        // array copy-on-write checks would dominate it.
        let scratch = UnsafeMutablePointer<Double>.allocate(capacity: 3 * p + 2 * p * p)
        defer { scratch.deallocate() }
        scratch.initialize(repeating: 0, count: 3 * p + 2 * p * p)
        let a = scratch, a2 = scratch + p, mean = scratch + 2 * p
        let cmat = scratch + 3 * p, cmat2 = scratch + 3 * p + p * p
        var denom = 0.0
        u.withUnsafeMutableBufferPointer { u in
        imat.withUnsafeMutableBufferPointer { imat in
        x.withUnsafeBufferPointer { x in
        time.withUnsafeBufferPointer { time in
        status.withUnsafeBufferPointer { status in
        stratum.withUnsafeBufferPointer { stratum in
        beta.withUnsafeBufferPointer { beta in
            var person = n - 1
            while person >= 0 {
                if person == n - 1 || stratum[person] != stratum[person + 1] {
                    denom = 0
                    for i in 0..<p { a[i] = 0 }
                    for i in 0..<(p * p) { cmat[i] = 0 }
                }
                let t = time[person]
                let s = stratum[person]
                var deaths = 0
                var denom2 = 0.0
                while person >= 0, time[person] == t, stratum[person] == s {
                    let row = x.baseAddress! + person * p
                    var eta = 0.0
                    for i in 0..<p { eta += beta[i] * row[i] }
                    let risk = Foundation.exp(eta)
                    if status[person] {
                        deaths += 1
                        denom2 += risk
                        loglik += eta
                        for i in 0..<p {
                            let xi = row[i]
                            u[i] += xi
                            let rxi = risk * xi
                            a2[i] += rxi
                            let c = cmat2 + i * p
                            for j in 0...i { c[j] += rxi * row[j] }
                        }
                    } else {
                        denom += risk
                        for i in 0..<p {
                            let rxi = risk * row[i]
                            a[i] += rxi
                            let c = cmat + i * p
                            for j in 0...i { c[j] += rxi * row[j] }
                        }
                    }
                    person -= 1
                }
                guard deaths > 0 else { continue }
                switch ties {
                case .breslow:
                    denom += denom2
                    let dd = Double(deaths)
                    loglik -= dd * Foundation.log(denom)
                    for i in 0..<p {
                        a[i] += a2[i]
                        mean[i] = a[i] / denom
                        u[i] -= dd * mean[i]
                    }
                    for i in 0..<p {
                        for j in 0...i {
                            cmat[i * p + j] += cmat2[i * p + j]
                            imat[i * p + j] += dd * (cmat[i * p + j] / denom - mean[i] * mean[j])
                        }
                    }
                case .efron:
                    let dd = Double(deaths)
                    for k in 1...deaths {
                        let frac = Double(k) / dd
                        let d = denom + frac * denom2
                        loglik -= Foundation.log(d)
                        for i in 0..<p {
                            mean[i] = (a[i] + frac * a2[i]) / d
                            u[i] -= mean[i]
                        }
                        for i in 0..<p {
                            for j in 0...i {
                                let c = cmat[i * p + j] + frac * cmat2[i * p + j]
                                imat[i * p + j] += c / d - mean[i] * mean[j]
                            }
                        }
                    }
                    // The deaths join the risk set of earlier times.
                    denom += denom2
                    for i in 0..<p {
                        a[i] += a2[i]
                        for j in 0...i { cmat[i * p + j] += cmat2[i * p + j] }
                    }
                }
                for i in 0..<p {
                    a2[i] = 0
                    for j in 0...i { cmat2[i * p + j] = 0 }
                }
            }
        }}}}}}}
        for i in 0..<p { for j in 0..<i { imat[j * p + i] = imat[i * p + j] } }
        return Evaluation(logLikelihood: loglik, score: u, information: imat)
    }
}
