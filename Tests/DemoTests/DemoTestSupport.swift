import CartographCore
import Testing

// Helpers for the DemoTests files. They only build inputs and read results; none of them computes an
// expected value.

/// A date from its ISO text; traps on a typo in a test, which is what we want.
func day(_ text: String) -> CalendarDate {
    guard let d = CalendarDate(text) else { fatalError("bad test date \(text)") }
    return d
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
