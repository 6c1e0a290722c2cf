import CartographCore
import Foundation
import Outcomes
import Store
import Synchronization

/// Cohort reports already computed, per center, product, cohort and data cut, kept while the
/// database's records version (`PatientStatuses.recordsVersion`) stands still. Every writer of a
/// record the report reads (journey, results and corrections, bedside assessments, follow-up,
/// screening) moves a therapy's revision, and an enrolment adds a therapy, so a kept report is served
/// only while it is exactly what computing it again would give.
///
/// A kept entry holds the report and, for the charts, each patient's Day 0 and the transgene results
/// of the patients the kinetics chart draws; the rest of the raw records is let go.
final class ComputedReports: Sendable {
    struct Key: Hashable, Sendable {
        var center: UUID
        var product: String
        var origin: String
        var cut: CalendarDate
    }

    struct Entry: Sendable {
        var version: String
        var chartRecords: [OutcomeRecords]
        var report: CohortReport
        var origins: [String]
        var comparison: CohortComparison?
    }

    private let entries = Mutex<[Key: (entry: Entry, used: UInt64)]>([:])
    private let clock = Atomic<UInt64>(0)
    let capacity: Int

    init(capacity: Int) { self.capacity = capacity }

    /// The kept entry for `key` at `version`, or `compute()`'s, which is then kept.
    func entry(_ key: Key, version: String, compute: () async throws -> Entry) async throws -> Entry {
        let now = clock.add(1, ordering: .relaxed).newValue
        let kept: Entry? = entries.withLock { all in
            guard let e = all[key], e.entry.version == version else { return nil }
            all[key] = (e.entry, now)
            return e.entry
        }
        if let kept { return kept }
        let fresh = try await compute()
        entries.withLock { all in
            all[key] = (fresh, now)
            while all.count > capacity, let oldest = all.min(by: { $0.value.used < $1.value.used })?.key { all[oldest] = nil }
        }
        return fresh
    }

    /// The records the charts read: every patient's code and Day 0, and the transgene results of those
    /// the kinetics chart shows (`CohortReportCharts.shownPatients` most recently infused).
    static func chartRecords(_ records: [OutcomeRecords]) -> [OutcomeRecords] {
        let sampled = records.filter { r in r.infusionDate != nil && r.labs.contains { $0.analyte == .transgeneCopies } }
        let shown = CohortReportCharts.mostRecent(
            sampled.map(\.patientCode),
            infused: Dictionary(sampled.map { ($0.patientCode, $0.infusionDate!) }, uniquingKeysWith: { a, _ in a }),
            limit: CohortReportCharts.shownPatients)
        return records.map { r in
            OutcomeRecords(patientCode: r.patientCode, infusionDate: r.infusionDate, firstLymphodepletionDate: r.firstLymphodepletionDate,
                           labs: shown.contains(r.patientCode) ? r.labs.filter { $0.analyte == .transgeneCopies } : [],
                           subgroups: r.subgroups)
        }
    }
}
