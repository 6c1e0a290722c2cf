import Foundation
import Kinetics
import Testing

func ncaClose(_ a: Double?, _ b: Double, relative: Double = 1e-12) -> Bool {
    guard let a else { return false }
    return abs(a - b) <= relative * max(abs(a), abs(b), 1)
}

/// The linear-up log-down trapezoid, checked against closed forms.
@Suite("NCA trapezoid")
struct NCATrapezoidTests {
    @Test("rising segment: linear trapezoid")
    func risingLinear() {
        // setup: (7, 1000) → (14, 8000): (1000 + 8000) / 2 × 7 = 31500
        // MUT
        let area = NCATrapezoid.area(t1: 7, c1: 1000, t2: 14, c2: 8000)
        // validate
        #expect(ncaClose(area, 31500))
    }

    @Test("falling segment: log trapezoid, exact for an exponential decline")
    func fallingLog() {
        // setup: (14, 8000) → (21, 4000): (8000 − 4000) × 7 / ln 2 = 28000 / ln 2
        // For C(t) = 8000·2^(−(t−14)/7), ∫ = 8000·7/ln2·(1 − 1/2) = 28000/ln 2 as well.
        // MUT
        let area = NCATrapezoid.area(t1: 14, c1: 8000, t2: 21, c2: 4000)
        // validate
        #expect(ncaClose(area, 28000 / log(2.0)))
    }

    @Test("falling to zero: linear (log of 0 undefined); flat: linear")
    func fallbacks() {
        // setup: (0, 100) → (10, 0): 100/2 × 10 = 500; (0, 50) → (4, 50): 200
        // MUT / validate
        #expect(ncaClose(NCATrapezoid.area(t1: 0, c1: 100, t2: 10, c2: 0), 500))
        #expect(ncaClose(NCATrapezoid.area(t1: 0, c1: 50, t2: 4, c2: 50), 200))
    }

    @Test("interpolation: log-linear on a decline, linear on a rise")
    func interpolation() {
        // setup: 4000 → 1000 over days 21–35; at day 28 (halfway) 4000·(1/4)^(1/2) = 2000.
        //        100 → 300 over days 10–30; at day 28: 100 + 200 × 18/20 = 280.
        // MUT
        let falling = NCATrapezoid.interpolate(at: 28, t1: 21, c1: 4000, t2: 35, c2: 1000)
        let rising = NCATrapezoid.interpolate(at: 28, t1: 10, c1: 100, t2: 30, c2: 300)
        // validate
        #expect(ncaClose(falling, 2000))
        #expect(ncaClose(rising, 280))
    }

    @Test("a profile ending before the end time has no area")
    func noExtrapolation() {
        // setup
        let points: [(t: Double, c: Double)] = [(0, 0), (7, 10), (21, 5)]
        // MUT / validate
        #expect(NCATrapezoid.area(of: points, to: 28) == nil)
    }
}
