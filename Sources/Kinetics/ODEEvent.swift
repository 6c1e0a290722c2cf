extension ODE {
    /// A state-dependent event `g(t, y) = 0`, located on the dense output.
    ///
    /// Crossings are detected by a sign change of `g` between the ends of an accepted step, so
    /// two roots inside one step (touch and return) are missed; bound `Options.maxStep` if
    /// that matters. Roots are refined by the Illinois variant of regula falsi to
    /// `Options.eventTimeTolerance`.
    public struct Event<State: SIMD>: Sendable where State.Scalar == Double {
        public enum Direction: String, Sendable, Equatable, Codable { case rising, falling, either }
        public var direction: Direction
        /// Stop the integration at this event.
        public var terminal: Bool
        public var function: @Sendable (Double, State) -> Double

        public init(direction: Direction = .either, terminal: Bool = false,
                    _ function: @escaping @Sendable (Double, State) -> Double) {
            self.direction = direction
            self.terminal = terminal
            self.function = function
        }
    }
}
