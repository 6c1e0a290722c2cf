import CartographCore
import Clinical
import Fluent
import Foundation

/// What the patient list is asked for: a search, filters, an order and a page.
public struct PatientListQuery: Sendable, Hashable {
    public enum Sort: String, Sendable, CaseIterable {
        case code, enrolled, stage, studyDay
    }
    /// Matches the patient code; for roles that may see identity, also the name and hospital number.
    public var search: String?
    public var stage: JourneyStage?
    public var productID: String?
    /// Only patients with an overdue step.
    public var overdue = false
    /// Only patients with a deviation from the product's process.
    public var deviating = false
    /// Only patients with an alert nobody has acknowledged.
    public var openAlerts = false
    public var sort: Sort = .code
    public var descending = false
    /// Page size, 1...200.
    public var limit = 50
    /// The opaque cursor of the previous page's `nextCursor`.
    public var cursor: String?

    public init() {}

    public static let limits = 1...200
}

/// One patient of the list, everything derived from the records as of today.
public struct PatientListRow: Codable, Sendable, Hashable {
    public var id: UUID
    public var code: String
    public var sex: String
    public var enrolledOn: String
    public var productID: String
    /// `real`, or `virtual` for an in-silico patient.
    public var origin: String
    /// Where the journey state machine puts the patient today.
    public var stage: JourneyStage
    /// Today's study day once infused.
    public var studyDay: Int?
    public var overdue: Int
    public var deviations: Int
    public var openAlerts: Int
    /// `info`, `warning` or `urgent`: the most severe open alert, nil with none open.
    public var highestOpenSeverity: String? = nil
    /// Name, date of birth and hospital number, only for roles that may see them.
    public var identity: IdentityView?
}

/// A page of the list: the rows, how many match in all, and the cursor of the next page (nil on the last).
public struct PatientListPage: Codable, Sendable {
    public var rows: [PatientListRow]
    public var total: Int
    public var nextCursor: String?
}

/// The center's patients, searchable and filtered by what the journey, the plan and the alerts say
/// today. Stage, overdue steps and deviations come from the journey state machine and the planner on
/// every request, never from a stored column, so the list always agrees with the patient page.
public enum PatientDirectory {
    /// Every patient of the actor's center with its derived status; one query per table.
    public static func rows(for actor: ActingUser, today: CalendarDate, on db: Database) async throws -> [PatientListRow] {
        let patients = try await Patient.query(on: db).filter(\.$center.$id == actor.centerID).all()
        let therapies = try await Therapy.query(on: db).filter(\.$centerID == actor.centerID).sort(\.$createdAt).all()
        let events = try await JourneyEventRecord.query(on: db)
            .join(Therapy.self, on: \JourneyEventRecord.$therapy.$id == \Therapy.$id)
            .filter(Therapy.self, \.$centerID == actor.centerID)
            .sort(\.$sequence).all()
        let openAlerts = try await AlertRecord.query(on: db)
            .join(Therapy.self, on: \AlertRecord.$therapy.$id == \Therapy.$id)
            .filter(Therapy.self, \.$centerID == actor.centerID)
            .filter(\.$acknowledgedAt == nil).all()
        var identities: [UUID: IdentityView] = [:]
        if actor.role.seesIdentity {
            let rows = try await PatientIdentity.query(on: db)
                .join(Patient.self, on: \PatientIdentity.$patient.$id == \Patient.$id)
                .filter(Patient.self, \.$center.$id == actor.centerID).all()
            for i in rows { identities[i.$patient.id] = PatientRepository.view(i) }
        }
        // Overdue follow-up work (visits, registry reports, work-ups) counts as overdue too, so the list,
        // the dashboard and the follow-up worklist give one answer.
        let followUpOverdue = Dictionary(grouping: try await FollowUpRepository.worklist(for: actor, today: today, on: db)
            .filter { $0.item.status == .overdue }, by: \.patientID).mapValues(\.count)
        // The latest therapy of each patient, as the patient page shows it.
        var therapyOf: [UUID: Therapy] = [:]
        for t in therapies { therapyOf[t.$patient.id] = t }
        let eventsOf = Dictionary(grouping: events, by: { $0.$therapy.id })
        let alertsOf = Dictionary(grouping: openAlerts, by: { $0.$therapy.id })
        return try patients.map { p in
            let id = try p.requireID()
            var row = PatientListRow(id: id, code: p.code, sex: p.sex, enrolledOn: p.enrolledOn, productID: "", origin: p.origin, stage: .screening,
                                     studyDay: nil, overdue: 0, deviations: 0, openAlerts: 0, identity: identities[id])
            guard let t = therapyOf[id], let profile = ProductCatalogue.profile(id: t.productID) else { return row }
            let tid = try t.requireID()
            let state = try JourneyStateMachine.replay(try (eventsOf[tid] ?? []).map(JourneyRepository.event), profile: profile)
            let plan = JourneyPlanning.plan(state, profile: profile, today: today)
            row.productID = t.productID
            row.stage = plan.stage
            // A study day counts only while the patient is followed.
            row.studyDay = plan.stage.isOffRamp ? nil : state.infusionDate.map { studyDay(of: today, infusion: $0) }
            row.overdue = plan.overdue.count + (followUpOverdue[id] ?? 0)
            row.deviations = plan.deviations.count
            let open = alertsOf[tid] ?? []
            row.openAlerts = open.count
            row.highestOpenSeverity = open.compactMap { SafetyAlertSeverity(rawValue: $0.severity) }.max()?.rawValue
            return row
        }
    }

    /// One page of the list for `query`.
    /// - Throws: `StoreError.invalid` naming `limit` or `cursor` when they are out of range or unreadable.
    public static func page(_ query: PatientListQuery, for actor: ActingUser, today: CalendarDate, on db: Database) async throws -> PatientListPage {
        guard PatientListQuery.limits.contains(query.limit) else {
            throw StoreError.invalid([FieldError("limit", "\(query.limit) is outside \(PatientListQuery.limits.lowerBound)...\(PatientListQuery.limits.upperBound)")])
        }
        let position = try query.cursor.map(Cursor.init(text:))
        // A cursor marks a place in one ordering; read under another it would skip or repeat rows.
        if let p = position, p.ordering != Cursor.ordering(query) {
            throw StoreError.invalid([FieldError("cursor", "belongs to another sort or order; start again from the first page")])
        }
        let all = try await rows(for: actor, today: today, on: db)
        return paged(all, query: query, after: position)
    }

    /// Filters, sorts and pages rows already derived (pure, for tests and callers holding rows).
    static func paged(_ all: [PatientListRow], query: PatientListQuery, after position: Cursor?) -> PatientListPage {
        let needle = query.search?.trimmingCharacters(in: .whitespaces).lowercased() ?? ""
        let matching = all.filter { r in
            if let s = query.stage, r.stage != s { return false }
            if let p = query.productID, r.productID != p { return false }
            if query.overdue, r.overdue == 0 { return false }
            if query.deviating, r.deviations == 0 { return false }
            if query.openAlerts, r.openAlerts == 0 { return false }
            if !needle.isEmpty {
                var haystack = [r.code]
                if let i = r.identity { haystack += [i.familyName, i.givenName, "\(i.familyName), \(i.givenName)", "\(i.givenName) \(i.familyName)", i.hospitalNumber] }
                return haystack.contains { $0.lowercased().contains(needle) }
            }
            return true
        }
        let keyed = matching.map { (key: sortKey($0, query.sort), row: $0) }
            .sorted { query.descending ? ($0.key, $0.row.code) > ($1.key, $1.row.code) : ($0.key, $0.row.code) < ($1.key, $1.row.code) }
        var start = 0
        if let c = position {
            start = keyed.firstIndex { query.descending ? ($0.key, $0.row.code) < (c.key, c.code) : ($0.key, $0.row.code) > (c.key, c.code) } ?? keyed.count
        }
        let slice = keyed[start..<min(keyed.count, start + query.limit)]
        let next = start + query.limit < keyed.count ? slice.last.map { Cursor(key: $0.key, code: $0.row.code, ordering: Cursor.ordering(query)).text } : nil
        return PatientListPage(rows: slice.map(\.row), total: matching.count, nextCursor: next)
    }

    /// A sort key as text that orders as the sort means (numbers zero-padded).
    static func sortKey(_ r: PatientListRow, _ sort: PatientListQuery.Sort) -> String {
        switch sort {
        case .code: return ""
        case .enrolled: return r.enrolledOn
        case .stage: return String(format: "%02d", JourneyStage.allCases.firstIndex(of: r.stage) ?? 99)
        case .studyDay: return r.studyDay.map { String(format: "%+07d", $0) } ?? "~"
        }
    }

    /// Where a page ends: the ordering it belongs to, the last row's sort key and code, as URL-safe
    /// base64 of `ordering␟key␟code`.
    struct Cursor: Hashable {
        var key: String
        var code: String
        /// `sort:asc` or `sort:desc`.
        var ordering: String

        static func ordering(_ q: PatientListQuery) -> String { "\(q.sort.rawValue):\(q.descending ? "desc" : "asc")" }

        var text: String {
            Data([ordering, key, code].joined(separator: "\u{1F}").utf8).base64EncodedString()
                .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
        }

        init(key: String, code: String, ordering: String) { self.key = key; self.code = code; self.ordering = ordering }

        init(text: String) throws {
            var b64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
            while b64.count % 4 != 0 { b64 += "=" }
            let parts = text.count <= 512 ? Data(base64Encoded: b64).flatMap { String(data: $0, encoding: .utf8) }?
                .split(separator: "\u{1F}", omittingEmptySubsequences: false) : nil
            guard let parts, parts.count == 3 else {
                throw StoreError.invalid([FieldError("cursor", "not a cursor this list returned; start again from the first page")])
            }
            ordering = String(parts[0]); key = String(parts[1]); code = String(parts[2])
        }
    }
}
