import CartographCore
import Store
import Vapor

/// The patient list's URL query, read the same way for the page and for `GET /api/patients`:
/// `search`, `stage`, `product`, `overdue`, `deviating`, `openAlerts` (`true`/`false`), `sort`
/// (`code`, `enrolled`, `stage`, `studyDay`), `order` (`asc`/`desc`), `limit` (1–200, default 50)
/// and `cursor`. Every unreadable value is named in one answer.
enum PatientListParameters {
    static let names: Set<String> = ["search", "stage", "product", "overdue", "deviating", "openAlerts", "sort", "order", "limit", "cursor"]

    static func parse(_ req: Request) throws -> PatientListQuery {
        try parse(req.url.query.map(decode) ?? [:])
    }

    /// Reads decoded `name=value` pairs; throws `StoreError.invalid` naming each bad parameter.
    static func parse(_ items: [String: String]) throws -> PatientListQuery {
        var q = PatientListQuery()
        var problems: [FieldError] = []
        for name in items.keys.sorted() where !names.contains(name) {
            problems.append(FieldError(name, "unknown parameter; the list takes \(names.sorted().joined(separator: ", "))"))
        }
        func flag(_ name: String) -> Bool {
            guard let v = items[name], !v.isEmpty else { return false }
            switch v.lowercased() { case "true", "1", "on", "yes": return true
            case "false", "0", "off", "no": return false
            default: problems.append(FieldError(name, "\"\(v)\" is not true or false")); return false }
        }
        if let s = items["search"], !s.isEmpty {
            if s.count > 100 { problems.append(FieldError("search", "at most 100 characters")) } else { q.search = s }
        }
        if let s = items["stage"], !s.isEmpty {
            if let stage = JourneyStage(rawValue: s) { q.stage = stage }
            else { problems.append(FieldError("stage", "\"\(s)\" is not a journey step; one of \(JourneyStage.allCases.map(\.rawValue).joined(separator: ", "))")) }
        }
        if let p = items["product"], !p.isEmpty {
            if ProductCatalogue.profile(id: p) != nil { q.productID = p }
            else { problems.append(FieldError("product", "\"\(p)\" is not a product; one of \(ProductCatalogue.all.map(\.id).joined(separator: ", "))")) }
        }
        q.overdue = flag("overdue")
        q.deviating = flag("deviating")
        q.openAlerts = flag("openAlerts")
        if let s = items["sort"], !s.isEmpty {
            if let sort = PatientListQuery.Sort(rawValue: s) { q.sort = sort }
            else { problems.append(FieldError("sort", "\"\(s)\" is not a sort; one of \(PatientListQuery.Sort.allCases.map(\.rawValue).joined(separator: ", "))")) }
        }
        if let o = items["order"], !o.isEmpty {
            switch o { case "asc": q.descending = false
            case "desc": q.descending = true
            default: problems.append(FieldError("order", "\"\(o)\" is not asc or desc")) }
        }
        if let l = items["limit"], !l.isEmpty {
            if let n = Int(l), PatientListQuery.limits.contains(n) { q.limit = n }
            else { problems.append(FieldError("limit", "\"\(l)\" is not a whole number from 1 to 200")) }
        }
        if let c = items["cursor"], !c.isEmpty { q.cursor = c }
        if !problems.isEmpty { throw StoreError.invalid(problems) }
        return q
    }

    /// `a=1&b=2` → a dictionary (the last value of a repeated name wins; `+` is a space).
    static func decode(_ query: String) -> [String: String] {
        var out: [String: String] = [:]
        for pair in query.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func clean(_ s: Substring) -> String { String(s).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String(s) }
            out[clean(parts[0])] = parts.count > 1 ? clean(parts[1]) : ""
        }
        return out
    }

    /// The query string for `q` (without the cursor unless given), for links that keep the filters.
    static func encode(_ q: PatientListQuery, cursor: String? = nil, sort: PatientListQuery.Sort? = nil, descending: Bool? = nil) -> String {
        var items: [(String, String)] = []
        if let s = q.search { items.append(("search", s)) }
        if let s = q.stage { items.append(("stage", s.rawValue)) }
        if let p = q.productID { items.append(("product", p)) }
        if q.overdue { items.append(("overdue", "true")) }
        if q.deviating { items.append(("deviating", "true")) }
        if q.openAlerts { items.append(("openAlerts", "true")) }
        items.append(("sort", (sort ?? q.sort).rawValue))
        items.append(("order", (descending ?? q.descending) ? "desc" : "asc"))
        if q.limit != 50 { items.append(("limit", String(q.limit))) }
        if let c = cursor { items.append(("cursor", c)) }
        return items.map { "\($0.0)=\(percent($0.1))" }.joined(separator: "&")
    }

    /// Percent-encodes everything but unreserved characters, so the value is safe in a URL and in an
    /// HTML attribute alike.
    static func percent(_ s: String) -> String {
        let allowed = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
        return s.addingPercentEncoding(withAllowedCharacters: allowed) ?? ""
    }
}
