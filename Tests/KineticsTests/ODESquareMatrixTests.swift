import Testing
@testable import Kinetics

@Suite("ODE.SquareMatrix LU")
struct ODESquareMatrixTests {
    @Test("LU with pivoting solves a system needing a row swap (hand-checked)")
    func solveWithPivoting() throws {
        // setup: A = [[0, 2, 1], [1, 1, 0], [2, 0, 3]] (zero leading pivot); x = (1, 2, 3)
        // → b = A·x = (0+4+3, 1+2+0, 2+0+9) = (7, 3, 11).
        var a = ODE.SquareMatrix(order: 3)
        let rows: [[Double]] = [[0, 2, 1], [1, 1, 0], [2, 0, 3]]
        for i in 0 ..< 3 { for j in 0 ..< 3 { a[i, j] = rows[i][j] } }
        var b = SIMD4<Double>(7, 3, 11, 99)
        // MUT
        let factored = a.factorize()
        a.solve(&b)
        // validate: the padding lane is untouched.
        #expect(factored)
        #expect(abs(b[0] - 1) < 1e-14 && abs(b[1] - 2) < 1e-14 && abs(b[2] - 3) < 1e-14)
        #expect(b[3] == 99)
    }

    @Test("a singular matrix is reported")
    func singular() {
        // setup: second row = 2 × first.
        var a = ODE.SquareMatrix(order: 2)
        a[0, 0] = 1; a[0, 1] = 2; a[1, 0] = 2; a[1, 1] = 4
        // MUT
        let factored = a.factorize()
        // validate
        #expect(!factored)
    }
}
