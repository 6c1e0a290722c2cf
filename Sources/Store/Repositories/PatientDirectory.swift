import CartographCore
import Clinical
import Fluent
import Foundation
import SQLKit

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
/// today. Stage, overdue steps and deviations come from the journey state machine and the planner
/// (`DerivedPatientStatus`), never from a column kept beside the events: `page` reads them from
/// `PatientStatuses`, which recomputes whatever changed since it was stored, so the list always agrees
/// with the patient page.
public enum PatientDirectory {
    /// Every patient of the actor's center with its status derived straight from the records, one
    /// query per table: the reference the stored statuses are checked against.
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
            .filter(\.$acknowledgedAt == nil).filter(\.$lapsedAt == nil).all()
        let visits = try await FollowUpVisitRecord.query(on: db)
            .join(Therapy.self, on: \FollowUpVisitRecord.$therapy.$id == \Therapy.$id)
            .filter(Therapy.self, \.$centerID == actor.centerID).all()
        let followUpEvents = try await FollowUpEventRecord.query(on: db)
            .join(Therapy.self, on: \FollowUpEventRecord.$therapy.$id == \Therapy.$id)
            .filter(Therapy.self, \.$centerID == actor.centerID).all()
        var identities: [UUID: IdentityView] = [:]
        if actor.role.seesIdentity {
            let rows = try await PatientIdentity.query(on: db)
                .join(Patient.self, on: \PatientIdentity.$patient.$id == \Patient.$id)
                .filter(Patient.self, \.$center.$id == actor.centerID).all()
            for i in rows { identities[i.$patient.id] = PatientRepository.view(i) }
        }
        // The latest therapy of each patient, as the patient page shows it.
        var therapyOf: [UUID: Therapy] = [:]
        for t in therapies { therapyOf[t.$patient.id] = t }
        let eventsOf = Dictionary(grouping: events, by: { $0.$therapy.id })
        let alertsOf = Dictionary(grouping: openAlerts, by: { $0.$therapy.id })
        let visitsOf = Dictionary(grouping: visits, by: { $0.$therapy.id })
        let followUpEventsOf = Dictionary(grouping: followUpEvents, by: { $0.$therapy.id })
        return try patients.map { p in
            let id = try p.requireID()
            var row = PatientListRow(id: id, code: p.code, sex: p.sex, enrolledOn: p.enrolledOn, productID: "", origin: p.origin, stage: .screening,
                                     studyDay: nil, overdue: 0, deviations: 0, openAlerts: 0, identity: identities[id])
            guard let t = therapyOf[id], let profile = ProductCatalogue.profile(id: t.productID) else { return row }
            let tid = try t.requireID()
            let derived = try DerivedPatientStatus.derive(
                events: try (eventsOf[tid] ?? []).map(JourneyRepository.event), profile: profile, code: p.code,
                followUp: (try (visitsOf[tid] ?? []).map(FollowUpRepository.visit), try (followUpEventsOf[tid] ?? []).map(FollowUpRepository.event)),
                today: today)
            row.productID = t.productID
            row.stage = derived.stage
            row.studyDay = derived.studyDay
            row.overdue = derived.overdue
            row.deviations = derived.deviations
            let open = alertsOf[tid] ?? []
            row.openAlerts = open.count
            row.highestOpenSeverity = open.compactMap { SafetyAlertSeverity(rawValue: $0.severity) }.max()?.rawValue
            return row
        }
    }

    /// One page of the list for `query`, read from the stored statuses after bringing them up to date:
    /// the filters, the order and the page are one SQL query, so a page costs the same at any center size.
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
        try await PatientStatuses.refresh(center: actor.centerID, today: today, on: db)
        let sql = try PatientStatuses.sql(db)

        var conditions: [SQLQueryString] = ["p.center_id = \(bind: actor.centerID)"]
        if let stage = query.stage { conditions.append("s.stage = \(bind: stage.rawValue)") }
        if let product = query.productID { conditions.append("t.product_id = \(bind: product)") }
        if query.overdue { conditions.append("s.overdue > 0") }
        if query.deviating { conditions.append("s.deviations > 0") }
        if query.openAlerts {
            conditions.append("EXISTS (SELECT 1 FROM alerts a WHERE a.therapy_id = t.id AND a.acknowledged_at IS NULL AND a.lapsed_at IS NULL)")
        }
        let needle = query.search?.trimmingCharacters(in: .whitespaces).lowercased() ?? ""
        let searchesIdentity = !needle.isEmpty && actor.role.seesIdentity
        if !needle.isEmpty {
            // LIKE with its wildcards escaped, so a search for "50%" means those characters.
            let pattern = "%" + needle.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%")
                .replacingOccurrences(of: "_", with: "\\_") + "%"
            var columns: [SQLQueryString] = ["p.code"]
            if searchesIdentity {
                columns += ["i.family_name", "i.given_name", "i.family_name || ', ' || i.given_name",
                            "i.given_name || ' ' || i.family_name", "i.hospital_number"]
            }
            conditions.append("(" + columns.map { "lower(\($0)) LIKE \(bind: pattern) ESCAPE '\\'" as SQLQueryString }.joined(separator: " OR ") + ")")
        }
        let from: SQLQueryString = """
            FROM patients p JOIN therapies t ON t.patient_id = p.id JOIN patient_statuses s ON s.therapy_id = t.id
            """ + (searchesIdentity ? " LEFT JOIN patient_identities i ON i.patient_id = p.id" : "")
        let filtered = conditions.joined(separator: " AND ")

        struct Count: Decodable { let n: Int }
        // Every therapy of the center has its status row (refreshed above), so a count that filters on
        // the status alone reads one index of one table instead of joining three per patient.
        let statusOnly = query.productID == nil && needle.isEmpty && !query.openAlerts
        var statusConditions: [SQLQueryString] = ["s.center_id = \(bind: actor.centerID)"]
        if let stage = query.stage { statusConditions.append("s.stage = \(bind: stage.rawValue)") }
        if query.overdue { statusConditions.append("s.overdue > 0") }
        if query.deviating { statusConditions.append("s.deviations > 0") }
        let counted: SQLQueryString = statusOnly
            ? "SELECT COUNT(*) AS n FROM patient_statuses s WHERE " + statusConditions.joined(separator: " AND ")
            : "SELECT COUNT(*) AS n " + from + " WHERE " + filtered
        let total = try await sql.raw(counted).first(decoding: Count.self)?.n ?? 0

        let key = sortExpression(query.sort, descending: query.descending)
        let direction: SQLQueryString = query.descending ? "DESC" : "ASC"
        var paged = conditions
        if let c = position {
            let bound = try cursorBound(c, sort: query.sort)
            let before: SQLQueryString = query.descending ? "<" : ">"
            paged.append("(\(key) \(before) \(bound) OR (\(key) = \(bound) AND p.code \(before) \(bind: c.code)))")
        }
        struct Row: Decodable {
            let patientID: UUID, therapyID: UUID, code: String, sex: String, enrolledOn: String, origin: String, productID: String
            let stage: String, studyDay: Int?, overdue: Int, deviations: Int
            enum CodingKeys: String, CodingKey {
                case patientID = "patient_id", therapyID = "therapy_id", code, sex, enrolledOn = "enrolled_on", origin
                case productID = "product_id", stage, studyDay = "study_day", overdue, deviations
            }
        }
        let found = try await sql.raw("""
            SELECT p.id AS patient_id, t.id AS therapy_id, p.code, p.sex, p.enrolled_on, p.origin, t.product_id,
                   s.stage, s.study_day, s.overdue, s.deviations
            """ + " " + from + " WHERE " + paged.joined(separator: " AND ")
            + " ORDER BY \(key) \(direction), p.code \(direction) LIMIT \(literal: query.limit + 1)").all(decoding: Row.self)
        let rows = Array(found.prefix(query.limit))

        // The page's open alerts and identities as plain columns: one indexed read each for its rows.
        struct OpenAlert: Decodable { let therapy_id: UUID, severity: String }
        let alerts = rows.isEmpty ? [] : try await sql.select().columns("therapy_id", "severity").from(AlertRecord.schema)
            .where("therapy_id", .in, rows.map(\.therapyID)).where("acknowledged_at", .is, SQLLiteral.null)
            .where("lapsed_at", .is, SQLLiteral.null).all(decoding: OpenAlert.self)
        let alertsOf = Dictionary(grouping: alerts, by: \.therapy_id)
        struct Identity: Decodable { let patient_id: UUID, given_name: String, family_name: String, date_of_birth: String, hospital_number: String }
        var identities: [UUID: IdentityView] = [:]
        if actor.role.seesIdentity, !rows.isEmpty {
            for i in try await sql.select().columns("patient_id", "given_name", "family_name", "date_of_birth", "hospital_number")
                .from(PatientIdentity.schema).where("patient_id", .in, rows.map(\.patientID)).all(decoding: Identity.self) {
                identities[i.patient_id] = IdentityView(givenName: i.given_name, familyName: i.family_name, dateOfBirth: i.date_of_birth,
                                                       hospitalNumber: i.hospital_number)
            }
        }
        let listRows = try rows.map { r in
            guard let stage = JourneyStage(rawValue: r.stage) else { throw StoreError.conflict("stored status of \(r.code) is unreadable") }
            let open = alertsOf[r.therapyID] ?? []
            return PatientListRow(id: r.patientID, code: r.code, sex: r.sex, enrolledOn: r.enrolledOn, productID: r.productID,
                                  origin: r.origin, stage: stage, studyDay: r.studyDay, overdue: r.overdue, deviations: r.deviations,
                                  openAlerts: open.count,
                                  highestOpenSeverity: open.compactMap { SafetyAlertSeverity(rawValue: $0.severity) }.max()?.rawValue,
                                  identity: identities[r.patientID])
        }
        let next = found.count > query.limit ? listRows.last.map {
            Cursor(key: sortKey($0, query.sort, descending: query.descending), code: $0.code, ordering: Cursor.ordering(query)).text
        } : nil
        return PatientListPage(rows: listRows, total: total, nextCursor: next)
    }

    /// The SQL a sort orders by; a patient without a study day sorts after every day.
    static func sortExpression(_ sort: PatientListQuery.Sort, descending: Bool) -> SQLQueryString {
        switch sort {
        case .code: return "p.code"
        case .enrolled: return "p.enrolled_on"
        case .stage: return "s.stage_order"
        case .studyDay: return "COALESCE(s.study_day, \(literal: noStudyDay(descending: descending)))"
        }
    }

    /// The sort key of a study day for a patient who has none: after every real one, in either order.
    static func noStudyDay(descending: Bool) -> Int { descending ? -1_000_000_000 : 1_000_000_000 }

    /// The cursor's key as the value its sort compares.
    static func cursorBound(_ c: Cursor, sort: PatientListQuery.Sort) throws -> SQLQueryString {
        switch sort {
        case .code: return "p.code"
        case .enrolled: return "\(bind: c.key)"
        case .stage, .studyDay:
            guard let n = Int(c.key) else {
                throw StoreError.invalid([FieldError("cursor", "not a cursor this list returned; start again from the first page")])
            }
            return "\(bind: n)"
        }
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
        // The same order as `page`'s SQL: numbers as numbers, then the code.
        func value(_ key: String) -> (Int, String) {
            switch query.sort {
            case .code, .enrolled: return (0, key)
            case .stage, .studyDay: return (Int(key) ?? noStudyDay(descending: query.descending), "")
            }
        }
        let keyed = matching.map { (key: sortKey($0, query.sort, descending: query.descending), row: $0) }
            .sorted { a, b in
                let (x, y) = (value(a.key), value(b.key))
                return query.descending ? (x.0, x.1, a.row.code) > (y.0, y.1, b.row.code) : (x.0, x.1, a.row.code) < (y.0, y.1, b.row.code)
            }
        var start = 0
        if let c = position {
            let b = value(c.key)
            start = keyed.firstIndex {
                let v = value($0.key)
                return query.descending ? (v.0, v.1, $0.row.code) < (b.0, b.1, c.code) : (v.0, v.1, $0.row.code) > (b.0, b.1, c.code)
            } ?? keyed.count
        }
        let slice = keyed[start..<min(keyed.count, start + query.limit)]
        let next = start + query.limit < keyed.count ? slice.last.map { Cursor(key: $0.key, code: $0.row.code, ordering: Cursor.ordering(query)).text } : nil
        return PatientListPage(rows: slice.map(\.row), total: matching.count, nextCursor: next)
    }

    /// A row's sort key as the cursor carries it: the text of the value its sort compares.
    static func sortKey(_ r: PatientListRow, _ sort: PatientListQuery.Sort, descending: Bool) -> String {
        switch sort {
        case .code: return ""
        case .enrolled: return r.enrolledOn
        case .stage: return String(PatientStatuses.stageOrder(r.stage))
        case .studyDay: return String(r.studyDay ?? noStudyDay(descending: descending))
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
