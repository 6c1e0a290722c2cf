import Fluent
import Logging
import Synchronization

/// The audit records of one bulk load (a virtual cohort, the demo program), held back in memory while
/// the load writes its records and appended, in the order they were made, from one read of the chain's
/// tail each time `appendEvery` are waiting and at the end of the load's transaction
/// (`appending(on:_:)`).
///
/// The chain is the same as when each repository appends its own records: the same entries, in the same
/// order, linked the same way, committed in the same transaction as the records they describe. What
/// changes is the cost: a repository call no longer reads the chain's tail and inserts its records on
/// its own (two statements per call, about a fifth of a virtual patient's statements), and the records
/// go in multi-row inserts of `AuditTrail.rowsPerInsert`.
///
/// A load attaches the batch to the logger of the database it writes through (the same carrier as the
/// request's idempotency key, `RequestKey`: Fluent hands a database's logger to every transaction on it)
/// and runs its body through `appending(on:_:)` inside that transaction. Nothing in a load reads
/// the audit trail back, so holding the records changes no decision the repositories make.
public final class HeldBackAudit: Sendable, CustomStringConvertible {
    static let metadataKey = "audit-held-back"
    private let held = Mutex<[AuditTrail.Entry]>([])

    public init() {}

    public var description: String { "audit records held back: \(count)" }

    /// How many records are waiting to be appended.
    public var count: Int { held.withLock { $0.count } }

    /// `logger` carrying this batch: a database made with it holds its audit records here.
    public func attached(to logger: Logger) -> Logger {
        var logger = logger
        logger[metadataKey: Self.metadataKey] = .stringConvertible(self)
        return logger
    }

    /// The batch `db`'s logger carries, if any.
    static func current(on db: Database) -> HeldBackAudit? {
        if case .stringConvertible(let value)? = db.logger[metadataKey: metadataKey] { return value as? HeldBackAudit }
        return nil
    }

    /// Records held before they are appended mid-load: a 10,000-patient cohort makes about two million,
    /// too many to keep in memory, and appending every few thousand still reads the tail once per
    /// `AuditTrail.rowsPerInsert`-row statements rather than once per repository call.
    static let appendEvery = 5_000

    /// Holds `entries`; returns every held record (emptying the batch) once `appendEvery` are waiting,
    /// for the caller to append at once, in order, on the load's transaction.
    func hold(_ entries: [AuditTrail.Entry]) -> [AuditTrail.Entry]? {
        held.withLock { held in
            held.append(contentsOf: entries)
            guard held.count >= Self.appendEvery else { return nil }
            defer { held.removeAll(keepingCapacity: true) }
            return held
        }
    }

    /// Every held record, in order, leaving the batch empty.
    private func take() -> [AuditTrail.Entry] {
        held.withLock { held in
            defer { held.removeAll() }
            return held
        }
    }

    /// Runs a load's body on its transaction `tx`, then appends the records `tx`'s batch held back
    /// meanwhile (when it carries one). Records held by an earlier attempt that failed are dropped first,
    /// and a failing body leaves nothing held, so a retried load never appends another attempt's records.
    public static func appending<T>(on tx: Database, _ body: () async throws -> T) async throws -> T {
        let batch = current(on: tx)
        _ = batch?.take()
        do {
            let result = try await body()
            if let batch { try await AuditTrail.appendNow(batch.take(), on: tx) }
            return result
        } catch {
            _ = batch?.take()
            throw error
        }
    }
}
