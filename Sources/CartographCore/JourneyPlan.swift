/// The plan of one therapy: for each of the six steps, the planned window computed from the actual
/// dates so far and the profile's windows, the actual date, and whether it is done, due or overdue.
public struct JourneyPlan: Sendable, Hashable, Codable {
    public struct Step: Sendable, Hashable, Codable {
        public enum Status: String, Sendable, Hashable, Codable {
            case done, inProgress, planned, overdue, notReached, cancelled

            public var displayName: String {
                switch self {
                case .done: "done"
                case .inProgress: "in progress"
                case .planned: "planned"
                case .overdue: "overdue"
                case .notReached: "not reached"
                case .cancelled: "cancelled"
                }
            }
        }
        public var stage: JourneyStage
        public var plannedFrom: CalendarDate?
        public var plannedTo: CalendarDate?
        public var actualFrom: CalendarDate?
        public var actualTo: CalendarDate?
        public var status: Status
        /// What the planned dates stand for where the range alone would mislead (the manufacturing
        /// step runs from collection to release; its release window is named here).
        public var plannedNote: String? = nil
    }

    /// A dated item for worklists: a planned event on a day (or the last day of its window).
    public struct PlannedEvent: Sendable, Hashable, Codable {
        public var date: CalendarDate
        public var windowEnd: CalendarDate
        public var what: String
        public var stage: JourneyStage
    }

    public var stage: JourneyStage
    public var steps: [Step]
    public var upcoming: [PlannedEvent]
    public var overdue: [PlannedEvent]
    public var deviations: [Deviation]
}

/// A departure from the product profile's process, found from the recorded dates.
public struct Deviation: Sendable, Hashable, Codable {
    public enum Code: String, Sendable, Hashable, Codable {
        case lymphodepletionNotConsecutive
        case lymphodepletionIncomplete
        case infusionWithoutLymphodepletion
        case infusionOutsideWindow
        case manufacturingBeyondWindow
        case lymphodepletionBeforeRelease
    }
    public var code: Code
    public var date: CalendarDate
    public var message: String

    public init(code: Code, date: CalendarDate, message: String) {
        self.code = code; self.date = date; self.message = message
    }
}

public enum JourneyPlanning {
    /// Plans a journey as of `today` (the center's date).
    ///
    /// Planned dates chain from the latest actual date: collection → release (manufacturing window)
    /// → first lymphodepletion dose (release-to-lymphodepletion window) → consecutive dosing days →
    /// infusion (window after the last dose) → monitoring to Day 28 → follow-up visits. Once an actual
    /// date exists, later steps are re-planned from it.
    public static func plan(_ state: JourneyState, profile: ProductProfile, today: CalendarDate) -> JourneyPlan {
        let w = profile.windows
        let currentStage = state.stage(asOf: today, profile: profile)
        var steps: [JourneyPlan.Step] = []
        var upcoming: [JourneyPlan.PlannedEvent] = []

        func status(done: Bool, started: Bool = false, windowEnd: CalendarDate?, reachable: Bool) -> JourneyPlan.Step.Status {
            if done { return .done }
            if !reachable { return .cancelled }
            // A step past the end of its window is overdue whether or not it has begun.
            if let end = windowEnd, today > end { return .overdue }
            if started { return .inProgress }
            return windowEnd == nil ? .notReached : .planned
        }
        let alive = !currentStage.isOffRamp || currentStage == .followUpEnded

        // 1. Leukapheresis.
        let collected = state.collectionDates.last
        let scheduled = state.scheduledCollection
        steps.append(.init(stage: .collection, plannedFrom: scheduled, plannedTo: scheduled, actualFrom: collected,
                           actualTo: collected,
                           status: status(done: collected != nil && currentStage != .collection, windowEnd: scheduled, reachable: alive)))
        if let s = scheduled, collected == nil || currentStage == .collection {
            upcoming.append(.init(date: s, windowEnd: s, what: "Leukapheresis", stage: .collection))
        }

        // 2. Manufacturing runs from collection to release; release is expected within the
        // manufacturing window after collection. The step is planned from collection to the window's
        // last day, so a lot still in the making inside its window is on time, not "early".
        let releaseFrom = collected.map { $0.adding(days: w.manufacturingDays.earliest) }
        let releaseTo = collected.map { $0.adding(days: w.manufacturingDays.latest) }
        steps.append(.init(stage: .manufacturing, plannedFrom: collected ?? scheduled, plannedTo: releaseTo,
                           actualFrom: state.manufacturingStart ?? collected, actualTo: state.releaseDate,
                           status: status(done: state.releaseDate != nil, started: currentStage == .manufacturing,
                                          windowEnd: releaseTo, reachable: alive),
                           plannedNote: releaseFrom.flatMap { f in releaseTo.map { "planned release \(f) – \($0)" } }))
        if state.releaseDate == nil, currentStage == .manufacturing, let f = releaseFrom, let t = releaseTo {
            upcoming.append(.init(date: f, windowEnd: t, what: "Product release expected", stage: .manufacturing))
        }

        // 3. Lymphodepletion.
        let anchorRelease = state.releaseDate ?? releaseTo
        let ldFirst = state.lymphodepletionDoses.first ?? anchorRelease?.adding(days: w.releaseToLymphodepletionDays.earliest)
        let ldFirstLatest = state.lymphodepletionDoses.first ?? anchorRelease?.adding(days: w.releaseToLymphodepletionDays.latest)
        let ldLastPlanned = ldFirst.map { $0.adding(days: profile.lymphodepletion.days - 1) }
        let ldDone = state.lymphodepletionDoses.count >= profile.lymphodepletion.days || state.infusionDate != nil
        steps.append(.init(stage: .lymphodepletion, plannedFrom: ldFirst, plannedTo: ldLastPlanned,
                           actualFrom: state.lymphodepletionDoses.first, actualTo: state.lymphodepletionDoses.last,
                           status: status(done: ldDone, started: !state.lymphodepletionDoses.isEmpty,
                                          windowEnd: ldFirstLatest.map { $0.adding(days: profile.lymphodepletion.days - 1) },
                                          reachable: alive)))
        if !ldDone, currentStage == .lymphodepletion, let first = ldFirst {
            let given = state.lymphodepletionDoses.count
            for day in given..<profile.lymphodepletion.days {
                let base = state.lymphodepletionDoses.last.map { $0.adding(days: day - given + 1) } ?? first.adding(days: day)
                upcoming.append(.init(date: base, windowEnd: base,
                                      what: "Lymphodepletion day \(day + 1) of \(profile.lymphodepletion.days)", stage: .lymphodepletion))
            }
        }

        // 4. Infusion: a window after the last dose actually given (or planned).
        let lastDose = state.lymphodepletionDoses.count >= profile.lymphodepletion.days ? state.lymphodepletionDoses.last : ldLastPlanned
        let infFrom = lastDose?.adding(days: w.infusionAfterLastLymphodepletionDays.earliest)
        let infTo = lastDose?.adding(days: w.infusionAfterLastLymphodepletionDays.latest)
        steps.append(.init(stage: .infusion, plannedFrom: infFrom, plannedTo: infTo, actualFrom: state.infusionDate,
                           actualTo: state.infusionDate,
                           status: status(done: state.infusionDate != nil, windowEnd: infTo, reachable: alive)))
        if state.infusionDate == nil, [.lymphodepletion, .infusion].contains(currentStage), let f = infFrom, let t = infTo {
            upcoming.append(.init(date: f, windowEnd: t, what: "Infusion window", stage: .infusion))
        }

        // 5. Short-term monitoring, Day 0 to the profile's last monitoring day.
        let monEnd = state.infusionDate?.adding(days: w.monitoringEndDay)
        let monEndPlanned = infFrom?.adding(days: w.monitoringEndDay)
        // Follow-up that ended inside the monitoring window (death, withdrawal) ends monitoring with it.
        let ended = currentStage == .followUpEnded ? state.offRampDate : nil
        let monitoringOver = monEnd.map { $0 < today } ?? false
        steps.append(.init(stage: .shortTermMonitoring, plannedFrom: state.infusionDate ?? infFrom,
                           plannedTo: monEnd ?? monEndPlanned, actualFrom: state.infusionDate,
                           actualTo: monEnd.flatMap { end in ended.map { min($0, end) } ?? (today >= end ? end : nil) },
                           status: state.infusionDate == nil ? status(done: false, windowEnd: nil, reachable: alive)
                               : (monitoringOver || ended != nil ? .done : .inProgress)))
        if let infusion = state.infusionDate, currentStage == .shortTermMonitoring {
            for d in w.monitoringAssessmentDays {
                let date = infusion.adding(days: d)
                if date >= today {
                    upcoming.append(.init(date: date, windowEnd: date, what: "Day \(d) assessment", stage: .shortTermMonitoring))
                }
            }
        }

        // 6. Long-term follow-up visits.
        let visits = state.infusionDate.map { inf in profile.followUp.visits.map { ($0, $0.date(from: inf)) } } ?? []
        // Long-term follow-up is reached only if follow-up outlasted the monitoring window.
        let endedInMonitoring = ended.flatMap { e in monEnd.map { e <= $0 } } ?? false
        steps.append(.init(stage: .longTermFollowUp, plannedFrom: monEnd?.adding(days: 1) ?? monEndPlanned?.adding(days: 1),
                           plannedTo: visits.last?.1,
                           actualFrom: currentStage == .longTermFollowUp || (currentStage == .followUpEnded && !endedInMonitoring) ? monEnd?.adding(days: 1) : nil,
                           actualTo: currentStage == .followUpEnded && !endedInMonitoring ? state.offRampDate : nil,
                           status: currentStage == .followUpEnded ? (endedInMonitoring ? .cancelled : .done)
                               : currentStage == .longTermFollowUp ? .inProgress
                               : status(done: false, windowEnd: nil, reachable: alive)))
        if currentStage == .shortTermMonitoring || currentStage == .longTermFollowUp {
            for (offset, date) in visits where date >= today {
                upcoming.append(.init(date: date, windowEnd: date.adding(days: profile.followUp.visitToleranceDays),
                                      what: "Follow-up visit, \(offset.label)", stage: .longTermFollowUp))
            }
        }

        let overdue = steps.compactMap { s -> JourneyPlan.PlannedEvent? in
            guard s.status == .overdue, let end = s.plannedTo else { return nil }
            return .init(date: s.plannedFrom ?? end, windowEnd: end, what: "\(s.stage.displayName) overdue", stage: s.stage)
        }
        // Off the pathway nothing is planned and nothing is due, whatever the dates say.
        if currentStage.isOffRamp { upcoming = [] }
        return JourneyPlan(stage: currentStage, steps: steps, upcoming: upcoming.sorted { $0.date < $1.date },
                           overdue: currentStage.isOffRamp ? [] : overdue, deviations: deviations(state, profile: profile))
    }

    /// Departures from the profile's process, each with the date it happened.
    public static func deviations(_ s: JourneyState, profile: ProductProfile) -> [Deviation] {
        var found: [Deviation] = []
        let doses = s.lymphodepletionDoses
        if profile.lymphodepletion.consecutive {
            for (a, b) in zip(doses, doses.dropFirst()) where a.days(to: b) != 1 {
                found.append(.init(code: .lymphodepletionNotConsecutive, date: b,
                                   message: "lymphodepletion doses on \(a) and \(b) are \(a.days(to: b)) days apart; the regimen requires consecutive days"))
            }
        }
        if let release = s.releaseDate, let first = doses.first, first < release {
            found.append(.init(code: .lymphodepletionBeforeRelease, date: first,
                               message: "lymphodepletion started on \(first), before the product was released on \(release)"))
        }
        if let collected = s.collectionDates.last, let release = s.releaseDate,
           collected.days(to: release) > profile.windows.manufacturingDays.latest {
            found.append(.init(code: .manufacturingBeyondWindow, date: release,
                               message: "release \(collected.days(to: release)) days after collection; the window is \(profile.windows.manufacturingDays) days"))
        }
        if let infusion = s.infusionDate {
            if doses.isEmpty {
                found.append(.init(code: .infusionWithoutLymphodepletion, date: infusion,
                                   message: "infused on \(infusion) without lymphodepleting chemotherapy"))
            } else {
                if doses.count < profile.lymphodepletion.days {
                    found.append(.init(code: .lymphodepletionIncomplete, date: infusion,
                                       message: "\(doses.count) of \(profile.lymphodepletion.days) lymphodepletion doses given before infusion"))
                }
                let gap = doses.last!.days(to: infusion)
                let window = profile.windows.infusionAfterLastLymphodepletionDays
                if !window.contains(gap) {
                    found.append(.init(code: .infusionOutsideWindow, date: infusion,
                                       message: "infused \(gap) days after the last lymphodepletion dose; the window is \(window) days"))
                }
            }
        }
        return found
    }
}
