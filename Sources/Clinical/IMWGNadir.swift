/// The reference value ("nadir") a progression rule measures an increase from.
///
/// Source: Kumar 2016, PD row: "increase of 25% from lowest confirmed response value". The engine reads
/// a *confirmed* value as a level the marker held at two consecutive measurements, so a single low
/// value (a lab error, a dilution) cannot set a nadir from which an ordinary value then looks like
/// progression. The baseline is the starting reference and needs no confirmation.
public enum IMWGNadir {
    /// The nadir of one marker before the assessment being judged.
    ///
    /// - Parameters:
    ///   - baseline: the baseline value, if measured.
    ///   - prior: values of the same marker at earlier assessments, in day order, unmeasured ones left
    ///     out (so "consecutive" means consecutive measurements of this marker).
    ///   - rule: `.lowestConfirmed` takes the minimum of the baseline and of `max(prior[k], prior[k+1])`
    ///     over consecutive pairs, i.e. the lowest level held twice running; `.lowestObserved` takes the
    ///     minimum of all values.
    /// - Returns: `nil` when there is nothing to compare with. Without a baseline and with a single
    ///   earlier value under `.lowestConfirmed`, that value is the reference (it plays the baseline's part).
    ///
    /// Example (`.lowestConfirmed`): baseline 3.0, then 1.0, 0.4, 0.9 → candidates 3.0, max(1.0, 0.4) = 1.0,
    /// max(0.4, 0.9) = 0.9 → nadir 0.9; `.lowestObserved` gives 0.4.
    public static func value(baseline: Double?, prior: [Double], rule: IMWGRuleSet.NadirRule) -> Double? {
        switch rule {
        case .lowestObserved:
            return ([baseline].compactMap { $0 } + prior).min()
        case .lowestConfirmed:
            var candidates: [Double] = baseline.map { [$0] } ?? []
            if prior.count >= 2 {
                for k in 0..<(prior.count - 1) { candidates.append(max(prior[k], prior[k + 1])) }
            }
            if candidates.isEmpty, let first = prior.first { return first }
            return candidates.min()
        }
    }
}
