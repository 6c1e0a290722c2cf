extension ODE {
    /// Why an integration stopped before reaching the end time.
    ///
    /// Every case carries the time reached, so a virtual-trial runner can log which patient
    /// failed where and decide whether to retry with `Rodas3` or tighter limits.
    public enum Failure: Error, Sendable, Equatable, CustomStringConvertible {
        /// An argument (time span, initial state, observation/stop times, option) is invalid;
        /// the message names the field.
        case invalidArgument(String)
        /// The step size fell below the resolution of `t` (`0.1·|h| ≤ |t|·ε`): the solution
        /// likely has a singularity or a discontinuity not declared as a stop time.
        case stepSizeUnderflow(time: Double, step: Double)
        /// `Options.maxSteps` step attempts were used before reaching the end.
        case tooManySteps(time: Double, limit: Int)
        /// The right-hand side returned NaN or ±∞ (at the initial point, or repeatedly after
        /// the step was cut 12 times by 4) — the model left its domain or blew up.
        case nonFiniteState(time: Double)
        /// Stiffness was detected and `Options.stiffness == .fail`.
        case stiffnessDetected(time: Double)
        /// The Rosenbrock iteration matrix was singular for every step size tried.
        case singularMatrix(time: Double)

        public var description: String {
            switch self {
            case .invalidArgument(let why): return "invalid argument: \(why)"
            case .stepSizeUnderflow(let t, let h): return "step size underflow at t = \(t) (h = \(h))"
            case .tooManySteps(let t, let n): return "more than \(n) steps needed; stopped at t = \(t)"
            case .nonFiniteState(let t): return "non-finite state or derivative at t = \(t)"
            case .stiffnessDetected(let t): return "problem became stiff at t = \(t); use Rodas3"
            case .singularMatrix(let t): return "singular Rosenbrock matrix at t = \(t)"
            }
        }
    }
}
