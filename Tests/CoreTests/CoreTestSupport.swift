import Foundation
import Testing
@testable import CartographCore

// Small helpers shared by the CoreTests files. They only build inputs and read results; none of them
// computes an expected value.

/// A date from its ISO text; traps on a typo in a test, which is what we want.
func day(_ text: String) -> CalendarDate {
    guard let d = CalendarDate(text) else { fatalError("bad test date \(text)") }
    return d
}

/// `a` and `b` agree to a relative tolerance (Foundation only; CoreTests does not link Numerics).
func approximatelyEqual(_ a: Double, _ b: Double, relativeTolerance: Double = 1e-12) -> Bool {
    a == b || abs(a - b) <= relativeTolerance * max(abs(a), abs(b))
}

/// The fields a throwing validation names, or nil when it did not throw.
func failingFields(_ body: () throws -> Void) -> [String]? {
    do {
        try body()
        return nil
    } catch let failure as ValidationFailure {
        return failure.errors.map(\.field)
    } catch {
        return ["unexpected error: \(error)"]
    }
}

/// Applies `event` to a copy of `state`; returns the new state or the error.
func applying(_ event: JourneyEvent, to state: JourneyState,
              profile: ProductProfile = ProductCatalogue.fucaso) -> Result<JourneyState, JourneyTransitionError> {
    var s = state
    do {
        try JourneyStateMachine.apply(event, to: &s, profile: profile)
        return .success(s)
    } catch {
        return .failure(error)
    }
}

/// Replays events that a test expects to be valid; records an issue and returns nil when they are not.
func replayed(_ events: [JourneyEvent], profile: ProductProfile = ProductCatalogue.fucaso,
              sourceLocation: SourceLocation = #_sourceLocation) -> JourneyState? {
    do {
        return try JourneyStateMachine.replay(events, profile: profile)
    } catch {
        Issue.record("replay failed: \(error)", sourceLocation: sourceLocation)
        return nil
    }
}

/// A FUCASO journey used by several files, every date chosen by hand:
/// screened 2025-01-02; collection booked 2025-01-05 for 2025-01-10; collected 2025-01-10;
/// manufacturing from 2025-01-11; released 2025-02-10 (collection + 31 days, inside 28…35);
/// lymphodepletion 2025-02-14, -15, -16 (3 consecutive days, release + 4, inside 2…14);
/// infused 2025-02-19 (last dose + 3, inside 2…4).
enum FucasoJourney {
    static let screened = JourneyEvent(.screenedEligible, on: day("2025-01-02"))
    static let booked = JourneyEvent(.collectionScheduled, on: day("2025-01-10"))
    static let collected = JourneyEvent(.collected, on: day("2025-01-10"))
    static let started = JourneyEvent(.manufacturingStarted, on: day("2025-01-11"))
    static let released = JourneyEvent(.released, on: day("2025-02-10"))
    static let doses = ["2025-02-14", "2025-02-15", "2025-02-16"].map { JourneyEvent(.lymphodepletionDose, on: day($0)) }
    static let infused = JourneyEvent(.infused, on: day("2025-02-19"))

    static let untilManufacturing = [screened, booked, collected, started]
    static let untilRelease = untilManufacturing + [released]
    static let untilLastDose = untilRelease + doses
    static let untilInfusion = untilLastDose + [infused]
}
