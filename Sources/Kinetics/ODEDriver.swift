import RealModule

extension ODE {
    /// The adaptive driver shared by `DormandPrince54` and `Rodas3`: step-size control,
    /// stop times, observations on the dense output, event location, failure detection.
    @inlinable
    static func integrate<M: _ODEStepper>(
        _ method: inout M, system initialSystem: M.System,
        from t0: Double, _ y0: M.State, to t1: Double,
        observationTimes obs: [Double], stopTimes stops: [Double], events: [Event<M.State>],
        options: Options,
        onStop: (Int, Double, inout M.State, inout M.System) -> Void,
        observe: (Int, Double, M.State) -> Void
    ) throws(Failure) -> Summary<M.State> {
        typealias State = M.State
        var system = initialSystem
        let n = system.dimension
        guard n >= 1, n <= State.scalarCount else {
            throw .invalidArgument("dimension: must lie in 1...\(State.scalarCount), got \(n)")
        }
        try options.validate(dimension: n)
        try validateTimes(from: t0, to: t1, observations: obs, stops: stops)
        let tol = Tolerances<State>(options, dimension: n)
        guard tol.isFinite(y0) else { throw .nonFiniteState(time: t0) }

        var stats = Statistics()
        var t = t0, y = y0
        var f0 = system.derivative(at: t, y)
        stats.derivativeEvaluations += 1
        guard tol.isFinite(f0) else { throw .nonFiniteState(time: t) }

        var obsIndex = 0
        while obsIndex < obs.count, obs[obsIndex] <= t {
            observe(obsIndex, obs[obsIndex], y); obsIndex += 1
        }
        var records: [EventRecord<State>] = []
        var eventValues = events.map { $0.function(t, y) }

        func finish(_ t: Double, _ y: State, terminating: Int?) -> Summary<State> {
            stats.derivativeEvaluations += method.evaluations
            stats.jacobianEvaluations = method.jacobians
            stats.factorizations = method.factorizations
            return Summary(time: t, state: y, statistics: stats, events: records, terminatingEvent: terminating)
        }
        if t1 == t0 { return finish(t, y, terminating: nil) }

        let hmax = min(options.maxStep, t1 - t0)
        let q = method.errorOrder, beta = options.piBeta
        let exponent = 1 / q - 0.75 * beta
        let shrinkLimit = 1 / options.minScaleFactor, growLimit = 1 / options.maxScaleFactor
        let safety = options.safetyFactor
        let detectStiffness = method.detectsStiffness && options.stiffness != .ignore

        var h = min(options.initialStep ?? initialStep(system, t: t, y: y, f0: f0, order: q, hmax: hmax,
                                                       tolerances: tol, evaluations: &stats.derivativeEvaluations),
                    hmax)
        var errOld = 1e-4
        var lastRejected = false
        var nonFiniteStreak = 0
        var lastFailureNonFinite = false
        var stiffCount = 0, nonStiffCount = 0
        var attempts = 0
        var stopIndex = 0

        while true {
            var target = stopIndex < stops.count ? stops[stopIndex] : t1
            if method.landsOnObservations, obsIndex < obs.count, obs[obsIndex] > t, obs[obsIndex] < target {
                target = obs[obsIndex]
            }
            guard attempts < options.maxSteps else { throw .tooManySteps(time: t, limit: options.maxSteps) }
            guard 0.1 * h > abs(t) * Double.ulpOfOne else {
                // Shrinking towards a point where f is NaN/∞ ends here too: report the cause.
                throw lastFailureNonFinite ? .nonFiniteState(time: t) : .stepSizeUnderflow(time: t, step: h)
            }
            var landing = false
            let planned = h
            if t + 1.01 * h >= target { h = target - t; landing = true }
            attempts += 1

            let err = method.attempt(system, t: t, y: y, f0: f0, h: h, tolerances: tol)
            guard err.isFinite else {
                // Non-finite values often mean the step left the model's domain: retry smaller.
                lastFailureNonFinite = true
                nonFiniteStreak += 1
                stats.rejectedSteps += 1
                if nonFiniteStreak > 12 {
                    throw method.lastAttemptSingular ? .singularMatrix(time: t) : .nonFiniteState(time: t)
                }
                h *= 0.25; lastRejected = true
                continue
            }
            nonFiniteStreak = 0
            let fac11 = Double.pow(max(err, 1e-300), exponent)

            guard err <= 1 else {
                lastFailureNonFinite = false
                h /= min(shrinkLimit, fac11 / safety)
                lastRejected = true
                stats.rejectedSteps += 1
                continue
            }

            // Accepted.
            var fac = fac11 / Double.pow(errOld, beta)
            fac = max(growLimit, min(shrinkLimit, fac / safety))
            var hNew = h / fac
            errOld = max(err, 1e-4)
            stats.acceptedSteps += 1
            let y1 = method.proposal
            let tNew = landing ? target : t + h
            let f1 = method.endDerivative(system, t: t, h: h)

            if detectStiffness, stats.stiffnessDetectedAt == nil {
                if method.stiffnessEstimate(h: h, tolerances: tol) > 3.25 {
                    nonStiffCount = 0; stiffCount += 1
                    if stiffCount == 15 {
                        stats.stiffnessDetectedAt = tNew
                        if options.stiffness == .fail { throw .stiffnessDetected(time: tNew) }
                    }
                } else {
                    nonStiffCount += 1
                    if nonStiffCount == 6 { stiffCount = 0 }
                }
            }

            var interpolationReady = false
            var terminal: EventRecord<State>? = nil
            if !events.isEmpty {
                method.prepareInterpolation(y0: y, f0: f0, f1: f1, h: h)
                interpolationReady = true
                let firstNew = records.count
                for (i, event) in events.enumerated() {
                    let ga = eventValues[i]
                    let gb = event.function(tNew, y1)
                    eventValues[i] = gb
                    let rising = ga < 0 && gb >= 0, falling = ga > 0 && gb <= 0
                    guard rising || falling else { continue }
                    if event.direction == .rising && !rising { continue }
                    if event.direction == .falling && !falling { continue }
                    let theta = locateRoot(event, method, t: t, h: h, ga: ga, gb: gb, y1: y1,
                                           tolerance: options.eventTimeTolerance)
                    let tr = theta >= 1 ? tNew : t + theta * h
                    let yr = theta >= 1 ? y1 : method.interpolate(theta)
                    records.append(EventRecord(index: i, time: tr, state: yr, rising: rising))
                }
                if records.count > firstNew {
                    records[firstNew...].sort { $0.time < $1.time }
                    if let k = records[firstNew...].firstIndex(where: { events[$0.index].terminal }) {
                        terminal = records[k]
                        records.removeSubrange((k + 1)...)
                    }
                }
            }

            let tEnd = terminal?.time ?? tNew
            while obsIndex < obs.count, obs[obsIndex] <= tEnd {
                let to = obs[obsIndex]
                if to == tNew {
                    observe(obsIndex, to, y1)
                } else {
                    if !interpolationReady {
                        method.prepareInterpolation(y0: y, f0: f0, f1: f1, h: h)
                        interpolationReady = true
                    }
                    observe(obsIndex, to, method.interpolate((to - t) / h))
                }
                obsIndex += 1
            }
            if let terminal {
                stats.lastStep = h
                return finish(terminal.time, terminal.state, terminating: terminal.index)
            }

            method.moved()
            t = tNew; y = y1; f0 = f1
            stats.lastStep = h

            if landing {
                if stopIndex < stops.count && target == stops[stopIndex] {
                    onStop(stopIndex, t, &y, &system)
                    stopIndex += 1
                    guard tol.isFinite(y) else { throw .nonFiniteState(time: t) }
                    if t >= t1 { return finish(t, y, terminating: nil) }
                    // A stop may change the state or the regime: restart as a new problem.
                    f0 = system.derivative(at: t, y)
                    stats.derivativeEvaluations += 1
                    guard tol.isFinite(f0) else { throw .nonFiniteState(time: t) }
                    for (i, event) in events.enumerated() { eventValues[i] = event.function(t, y) }
                    errOld = 1e-4; lastRejected = false; stiffCount = 0; nonStiffCount = 0
                    h = min(options.initialStep ?? initialStep(system, t: t, y: y, f0: f0, order: q, hmax: hmax,
                                                               tolerances: tol,
                                                               evaluations: &stats.derivativeEvaluations),
                            hmax)
                    continue
                }
                if t >= t1 { return finish(t, y, terminating: nil) }
            }
            // A step shortened only to land on a target says nothing against the planned size.
            if landing { hNew = max(hNew, min(planned, hmax)) }
            hNew = min(hNew, hmax)
            if lastRejected { hNew = min(hNew, h) }
            lastRejected = false
            h = hNew
        }
    }

    /// Illinois (modified regula falsi) on the dense output, returning θ ∈ (0, 1] at or just
    /// after the crossing, so the reported state has crossed.
    @inlinable
    static func locateRoot<M: _ODEStepper>(_ event: Event<M.State>, _ method: M, t: Double, h: Double,
                                           ga: Double, gb: Double, y1: M.State,
                                           tolerance: Double) -> Double {
        if gb == 0 { return 1 }
        var a = 0.0, fa = ga, b = 1.0, fb = gb
        var side = 0
        for _ in 0 ..< 200 {
            if (b - a) * h <= tolerance { break }
            var s = (a * fb - b * fa) / (fb - fa)
            if !(s > a && s < b) { s = 0.5 * (a + b) }
            let fs = event.function(t + s * h, method.interpolate(s))
            if fs == 0 { return s }
            if (fs > 0) == (fb > 0) {
                b = s; fb = fs
                if side == -1 { fa *= 0.5 }
                side = -1
            } else {
                a = s; fa = fs
                if side == 1 { fb *= 0.5 }
                side = 1
            }
        }
        return b
    }

    /// Checks the time span and the observation and stop grids.
    @inlinable
    static func validateTimes(from t0: Double, to t1: Double, observations: [Double], stops: [Double]) throws(Failure) {
        guard t0.isFinite else { throw .invalidArgument("t0: must be finite, got \(t0)") }
        guard t1.isFinite else { throw .invalidArgument("t1: must be finite, got \(t1)") }
        guard t1 >= t0 else { throw .invalidArgument("t1: must be ≥ t0 (forward integration only), got \(t1) < \(t0)") }
        var previous = t0
        for (i, o) in observations.enumerated() {
            guard o >= previous, o <= t1 else {
                throw .invalidArgument("observationTimes[\(i)]: must be non-decreasing within [t0, t1], got \(o)")
            }
            previous = o
        }
        previous = t0
        for (i, s) in stops.enumerated() {
            guard s > previous, s <= t1 else {
                throw .invalidArgument("stopTimes[\(i)]: must be strictly increasing within (t0, t1], got \(s)")
            }
            previous = s
        }
    }
}
