import Foundation
import Synchronization

/// Results derived only from one therapy's stored records (its response course, its kinetics, its
/// toxicity episodes and hematotoxicity scores), computed once per records revision and kept in this
/// process.
///
/// The key is the therapy's records revision (`Therapy.revision`), which every writer of the records
/// these results read moves on inside its own transaction (`PatientStatuses.recordsChanged`): journey
/// events, laboratory results and their corrections, bedside assessments and interventions, follow-up
/// visits and events. A caller reads the revision *before* it reads the records, so a value is stored
/// under a revision no newer than the records it came from: a value computed while a writer commits is
/// kept under the older revision and never served once the newer one is visible. Several app instances
/// sharing one database each keep their own copy and each compares the stored revision on every read,
/// so none serves a value another instance's write has made stale.
///
/// At most `capacity` therapies are kept; past it, the eighth used longest ago is dropped.
public final class DerivedResultCache<Value: Sendable>: Sendable {
    private struct Entry {
        var revision: Int
        var value: Value
        var used: UInt64
    }

    private struct State {
        var entries: [UUID: Entry] = [:]
        var clock: UInt64 = 0
        var hits = 0
        var misses = 0
    }

    private let state = Mutex(State())
    public let capacity: Int

    public init(capacity: Int) {
        precondition(capacity > 0, "a cache holds at least one therapy")
        self.capacity = capacity
    }

    /// The value for `therapyID` at `revision`: the kept one when it was computed at that revision,
    /// otherwise `compute()`'s, which is then kept. Two readers missing together both compute; the
    /// results are the same, so either may be kept.
    public func value(therapyID: UUID, revision: Int, compute: () async throws -> Value) async throws -> Value {
        let kept: Value? = state.withLock { s in
            s.clock += 1
            guard var e = s.entries[therapyID], e.revision == revision else { s.misses += 1; return nil }
            s.hits += 1
            e.used = s.clock
            s.entries[therapyID] = e
            return e.value
        }
        if let kept { return kept }
        let fresh = try await compute()
        state.withLock { s in
            // A reader of a newer revision may have stored first; never put an older value over it.
            if let e = s.entries[therapyID], e.revision > revision { return }
            s.clock += 1
            s.entries[therapyID] = Entry(revision: revision, value: fresh, used: s.clock)
            if s.entries.count > capacity {
                let drop = s.entries.sorted { $0.value.used < $1.value.used }.prefix(max(1, capacity / 8)).map(\.key)
                for k in drop { s.entries[k] = nil }
            }
        }
        return fresh
    }

    /// Reads answered from the cache and reads that computed, since the process started.
    public var counts: (hits: Int, misses: Int) { state.withLock { ($0.hits, $0.misses) } }

    /// The revision `therapyID`'s kept value was computed at; `nil` when none is kept.
    public func keptRevision(of therapyID: UUID) -> Int? { state.withLock { $0.entries[therapyID]?.revision } }

    /// How many therapies are kept.
    public var count: Int { state.withLock { $0.entries.count } }
}
