import Fluent
import FluentPostgresDriver
import FluentSQLiteDriver
import Foundation

/// Runs `work` in a transaction, retrying when a concurrent writer won the race.
///
/// SQLite in WAL mode answers a writer whose snapshot went stale with SQLITE_BUSY; PostgreSQL and
/// SQLite both reject a second record with the same unique sequence. Either way nothing was committed,
/// so the whole transaction is run again from a fresh read, up to `attempts` times.
public func retryingTransaction<T: Sendable>(on db: Database, attempts: Int = 20,
                                             _ work: @escaping @Sendable (Database) async throws -> T) async throws -> T {
    var attempt = 0
    while true {
        do {
            return try await db.transaction { tx in try await work(tx) }
        } catch {
            attempt += 1
            guard attempt < attempts, isContention(error) else { throw error }
            try await Task.sleep(nanoseconds: UInt64.random(in: 1_000_000...(5_000_000 * UInt64(attempt))))
        }
    }
}

/// True for errors that mean "another writer got there first", as opposed to bad data.
func isContention(_ error: Error) -> Bool {
    if let e = error as? SQLiteError {
        switch e.reason {
        case .busy, .locked, .busyTimeout, .busyInRecovery, .busyInSnapshot, .constraintUniqueFailed, .constraintPrimaryKeyFailed:
            return true
        default:
            return false
        }
    }
    if let e = error as? PSQLError, let state = e.serverInfo?[.sqlState] {
        // serialization_failure, deadlock_detected, unique_violation
        return ["40001", "40P01", "23505"].contains(state)
    }
    return false
}
