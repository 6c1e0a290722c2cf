import Foundation
import Testing
@testable import Kinetics

@Suite("Levenberg–Marquardt")
struct LevenbergMarquardtTests {
    @Test("Rosenbrock's banana r = (10(x2 − x1²), 1 − x1) from (−1.2, 1) reaches (1, 1)")
    func rosenbrock() throws {
        // MUT
        let out = try #require(LevenbergMarquardt.minimize(from: [-1.2, 1]) { x in [10 * (x[1] - x[0] * x[0]), 1 - x[0]] })
        // validate: the unique minimum is (1, 1) with zero cost.
        #expect(abs(out.x[0] - 1) < 1e-8 && abs(out.x[1] - 1) < 1e-8)
        #expect(out.sumOfSquares < 1e-16)
        #expect(out.converged)
    }

    @Test("exponential fit y = A·e^{−kx} recovers A = 3, k = 0.7 from exact data")
    func exponentialFit() throws {
        // setup
        let xs = (0 ..< 12).map { Double($0) * 0.5 }
        let ys = xs.map { 3 * exp(-0.7 * $0) }
        // MUT
        let out = try #require(LevenbergMarquardt.minimize(from: [1, 0.1]) { p in zip(xs, ys).map { p[0] * exp(-p[1] * $0) - $1 } })
        // validate
        #expect(abs(out.x[0] - 3) < 1e-8 && abs(out.x[1] - 0.7) < 1e-8)
    }

    @Test("an infeasible start returns nil; infeasible trial points are avoided")
    func infeasible() {
        // MUT / validate
        #expect(LevenbergMarquardt.minimize(from: [1]) { _ in nil } == nil)
        // r = x − 2 is only defined for x ≥ 0 here; start at 5 → 2.
        let out = LevenbergMarquardt.minimize(from: [5]) { x in x[0] < 0 ? nil : [x[0] - 2] }
        #expect(out.map { abs($0.x[0] - 2) < 1e-10 } == true)
    }

    @Test("Cholesky solve of a 3×3 SPD system (hand-checked)")
    func cholesky() throws {
        // setup: M = [[4,2,0],[2,5,1],[0,1,3]], x = (1, −1, 2) → b = M·x = (2, −1, 5).
        let m: [Double] = [4, 2, 0, 2, 5, 1, 0, 1, 3]
        // MUT
        let x = try #require(LevenbergMarquardt.choleskySolve(m, [2, -1, 5], order: 3))
        // validate
        #expect(abs(x[0] - 1) < 1e-14 && abs(x[1] + 1) < 1e-14 && abs(x[2] - 2) < 1e-14)
        #expect(LevenbergMarquardt.choleskySolve([1, 2, 2, 1], [1, 1], order: 2) == nil)   // indefinite
    }
}
