import Foundation

/// Small dense linear algebra for symmetric positive-definite systems (log-rank variance,
/// Cox information matrix). Cholesky factorisation LLᵀ (Golub & Van Loan 2013, alg. 4.2.1).
enum SymmetricSolver {
    /// Lower-triangular Cholesky factor of a row-major p×p matrix; throws when a pivot is not
    /// positive beyond a relative tolerance (the matrix is singular or indefinite).
    static func cholesky(_ a: [Double], dimension p: Int, context: String) throws -> [Double] {
        var l = [Double](repeating: 0, count: p * p)
        let scale = (0..<p).map { abs(a[$0 * p + $0]) }.max() ?? 0
        for j in 0..<p {
            var diag = a[j * p + j]
            for m in 0..<j { diag -= l[j * p + m] * l[j * p + m] }
            guard diag > 1e-12 * max(scale, .leastNormalMagnitude), diag.isFinite else {
                throw SurvivalStatisticsError.singularInformation(context)
            }
            let root = diag.squareRoot()
            l[j * p + j] = root
            for i in (j + 1)..<max(p, j + 1) {
                var s = a[i * p + j]
                for m in 0..<j { s -= l[i * p + m] * l[j * p + m] }
                l[i * p + j] = s / root
            }
        }
        return l
    }

    /// Solves LLᵀx = b given the Cholesky factor L.
    static func solve(factor l: [Double], dimension p: Int, rhs b: [Double]) -> [Double] {
        var y = b
        for i in 0..<p {
            var s = y[i]
            for m in 0..<i { s -= l[i * p + m] * y[m] }
            y[i] = s / l[i * p + i]
        }
        for i in stride(from: p - 1, through: 0, by: -1) {
            var s = y[i]
            for m in (i + 1)..<max(p, i + 1) { s -= l[m * p + i] * y[m] }
            y[i] = s / l[i * p + i]
        }
        return y
    }

    /// Solves Ax = b for symmetric positive-definite A.
    static func solve(_ a: [Double], dimension p: Int, rhs b: [Double], context: String) throws -> [Double] {
        solve(factor: try cholesky(a, dimension: p, context: context), dimension: p, rhs: b)
    }

    /// A⁻¹ for symmetric positive-definite A (row-major).
    static func inverse(_ a: [Double], dimension p: Int, context: String) throws -> [Double] {
        let l = try cholesky(a, dimension: p, context: context)
        var inv = [Double](repeating: 0, count: p * p)
        for c in 0..<p {
            var e = [Double](repeating: 0, count: p)
            e[c] = 1
            let col = solve(factor: l, dimension: p, rhs: e)
            for r in 0..<p { inv[r * p + c] = col[r] }
        }
        return inv
    }
}
