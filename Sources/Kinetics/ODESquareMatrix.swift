extension ODE {
    /// A small dense `n × n` matrix of `Double`, row-major, used for Jacobians and the
    /// Rosenbrock iteration matrix.
    ///
    /// Allocated once per solve and reused for every step. `factorize()` performs an in-place
    /// LU decomposition with partial pivoting (Golub & Van Loan, Matrix Computations, 4th ed.,
    /// Algorithm 3.4.1); `solve(_:)` then applies it. Sized for ODE states (`n ≤ 64`): the cost
    /// is `n³/3` multiply–adds per factorisation and `n²` per solve.
    public struct SquareMatrix: Sendable, Equatable {
        public let order: Int
        @usableFromInline var storage: ContiguousArray<Double>
        @usableFromInline var pivots: ContiguousArray<Int>
        /// Reciprocals of U's diagonal, so back substitution multiplies instead of dividing.
        @usableFromInline var inversePivots: ContiguousArray<Double>

        /// A zero matrix of the given order (`order ≥ 1`).
        public init(order: Int) {
            precondition(order >= 1, "SquareMatrix order must be at least 1")
            self.order = order
            storage = ContiguousArray(repeating: 0, count: order * order)
            pivots = ContiguousArray(0 ..< order)
            inversePivots = ContiguousArray(repeating: 1, count: order)
        }

        /// Element in row `i`, column `j` (both zero-based).
        @inlinable public subscript(i: Int, j: Int) -> Double {
            get { storage[i * order + j] }
            set { storage[i * order + j] = newValue }
        }

        /// Replaces `self` by its LU factors (unit lower `L` below the diagonal, `U` on and above)
        /// with row pivoting.
        ///
        /// - Returns: `false` if a pivot is exactly zero or not finite (the matrix is singular to
        ///   working precision); the contents are then unspecified.
        @inlinable public mutating func factorize() -> Bool {
            let n = order
            return storage.withUnsafeMutableBufferPointer { a in
                pivots.withUnsafeMutableBufferPointer { piv in
                    for k in 0 ..< n {
                        var p = k
                        var big = abs(a[k * n + k])
                        for i in (k + 1) ..< max(k + 1, n) where abs(a[i * n + k]) > big {
                            big = abs(a[i * n + k]); p = i
                        }
                        piv[k] = p
                        guard big > 0, big.isFinite else { return false }
                        if p != k {
                            for j in 0 ..< n { a.swapAt(k * n + j, p * n + j) }
                        }
                        let inv = 1 / a[k * n + k]
                        inversePivots[k] = inv
                        for i in (k + 1) ..< max(k + 1, n) {
                            let m = a[i * n + k] * inv
                            a[i * n + k] = m
                            if m != 0 {
                                for j in (k + 1) ..< n { a[i * n + j] -= m * a[k * n + j] }
                            }
                        }
                    }
                    return true
                }
            }
        }

        /// Solves `A x = b` in place using the factors from `factorize()`; only the first
        /// `order` lanes of `b` are used and changed.
        @inlinable public func solve<V: SIMD>(_ b: inout V) where V.Scalar == Double {
            let n = order
            withUnsafeMutableBytes(of: &b) { raw in
                let x = raw.baseAddress!.assumingMemoryBound(to: Double.self)
                storage.withUnsafeBufferPointer { a in
                    pivots.withUnsafeBufferPointer { piv in
                        for k in 0 ..< n where piv[k] != k {
                            let t = x[k]; x[k] = x[piv[k]]; x[piv[k]] = t
                        }
                        for i in 0 ..< n {
                            var s = x[i]
                            for j in 0 ..< i { s -= a[i * n + j] * x[j] }
                            x[i] = s
                        }
                        for i in stride(from: n - 1, through: 0, by: -1) {
                            var s = x[i]
                            for j in (i + 1) ..< max(i + 1, n) { s -= a[i * n + j] * x[j] }
                            x[i] = s * inversePivots[i]
                        }
                    }
                }
            }
        }

        /// Sets column `j` to `(f − f0)·scale` (a forward-difference Jacobian column).
        @inlinable public mutating func setDifferenceColumn<V: SIMD>(_ j: Int, _ f: V, _ f0: V, scale: Double)
        where V.Scalar == Double {
            let n = order
            storage.withUnsafeMutableBufferPointer { a in
                ODE.withLanes(f, f0) { f, f0 in
                    for i in 0 ..< n { a[i * n + j] = (f[i] - f0[i]) * scale }
                }
            }
        }

        /// Sets `self = d·I − other` (the Rosenbrock iteration matrix `I/(hγ) − J`).
        @inlinable public mutating func setShiftedNegation(of other: SquareMatrix, diagonal d: Double) {
            precondition(other.order == order, "SquareMatrix orders differ")
            let n = order
            storage.withUnsafeMutableBufferPointer { a in
                other.storage.withUnsafeBufferPointer { j in
                    for k in 0 ..< n * n { a[k] = -j[k] }
                    for i in 0 ..< n { a[i * n + i] += d }
                }
            }
        }
    }
}
