import CartographCore
import Foundation

/// Staggered enrolment and the data cut of the in-silico trial (rule set `VIRTUAL-ENROLMENT-1`).
///
/// Infusions are uniform over an accrual period of A = min(`accrualMonths`, `followUpMonths`) months
/// that ends F − A/2 months before the cut, F = `followUpMonths`. The potential follow-up (cut minus
/// infusion) is then uniform on [F − A/2, F + A/2] with median F; the reported median follow-up
/// (reverse Kaplan–Meier on overall survival, `CohortReport`) comes out close to F, a little lower when
/// patients are lost to follow-up. Each patient's date depends only on `(seed, index)`.
public enum FucasoEnrolment {
    public static let ruleSet = "VIRTUAL-ENROLMENT-1"

    /// Infusion date of patient `index`.
    public static func infusionDate(index: Int, options: FucasoTrialOptions) -> CalendarDate {
        let months = VirtualPatientSchedule.daysPerMonth
        let accrual = min(options.accrualMonths, options.followUpMonths)
        var r = VirtualPatientRandom(seed: options.seed, index: index, stream: .enrolment)
        let potentialFollowUp = options.followUpMonths - accrual / 2 + accrual * r.uniform()
        return options.dataCut.adding(days: -Int((potentialFollowUp * months).rounded()))
    }
}
