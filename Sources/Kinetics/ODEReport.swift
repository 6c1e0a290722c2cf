extension ODE {
    /// Work counters of one solve.
    public struct Statistics: Sendable, Equatable, Codable {
        public var acceptedSteps = 0
        public var rejectedSteps = 0
        /// Right-hand-side evaluations, including finite-difference Jacobian columns.
        public var derivativeEvaluations = 0
        public var jacobianEvaluations = 0
        public var factorizations = 0
        /// Time at which `DormandPrince54` first diagnosed stiffness (15 accepted steps with
        /// `h·ρ > 3.25`, Hairer II, §IV.2), or `nil`.
        public var stiffnessDetectedAt: Double?
        /// Last accepted step size (a good `initialStep` for a continuation).
        public var lastStep = 0.0
        public init() {}
    }

    /// One located event.
    public struct EventRecord<State: SIMD>: Equatable where State.Scalar == Double {
        /// Index of the event in the `events` array passed to `solve`.
        public var index: Int
        public var time: Double
        public var state: State
        /// `true` for a − to + crossing of the event function.
        public var rising: Bool

        @inlinable public init(index: Int, time: Double, state: State, rising: Bool) {
            self.index = index; self.time = time; self.state = state; self.rising = rising
        }
    }

    /// What a successful solve returns.
    public struct Summary<State: SIMD>: Equatable where State.Scalar == Double {
        /// Time reached: the end time, or the time of a terminal event.
        public var time: Double
        public var state: State
        public var statistics: Statistics
        /// Events in time order.
        public var events: [EventRecord<State>]
        /// Index of the terminal event that stopped the integration, or `nil`.
        public var terminatingEvent: Int?

        @inlinable public init(time: Double, state: State, statistics: ODE.Statistics,
                               events: [ODE.EventRecord<State>], terminatingEvent: Int?) {
            self.time = time; self.state = state; self.statistics = statistics
            self.events = events; self.terminatingEvent = terminatingEvent
        }
    }

    /// States sampled at requested times.
    public struct Trajectory<State: SIMD>: Equatable where State.Scalar == Double {
        public var times: [Double]
        public var states: [State]
        public var summary: Summary<State>

        @inlinable public init(times: [Double], states: [State], summary: ODE.Summary<State>) {
            self.times = times; self.states = states; self.summary = summary
        }
    }
}

extension ODE.EventRecord: Sendable where State: Sendable {}
extension ODE.Summary: Sendable where State: Sendable {}
extension ODE.Trajectory: Sendable where State: Sendable {}
