import CartographCore
import Fluent
import Outcomes
import Store
import Vapor

/// `/reports/{product}`: the cohort report of the user's center, its standalone export and the CSV of
/// each table; `GET /api/reports/{product}` gives the same figures as JSON. The data cut is `?cut=`
/// (YYYY-MM-DD, default today); records dated after it are left out. `?origin=virtual` reports the
/// stored in-silico cohort instead of the center's real patients (never pooled); `?origin=compare`
/// shows the two side by side, each computed from its own records.
enum ReportRoutes {
    static func register(pages: RoutesBuilder, api: RoutesBuilder) {
        pages.get("reports", ":productID", use: page)
        pages.get("reports", ":productID", "export.html", use: export)
        pages.get("reports", ":productID", "tables", ":table", use: csv)
        api.get("reports", ":productID", use: json)
    }

    struct Loaded {
        var profile: ProductProfile
        /// What the charts read (`ComputedReports.chartRecords`), not every raw record.
        var records: [OutcomeRecords]
        var report: CohortReport
        var origin: String
        var origins: [String]
        /// Both cohorts, when `origin` is `compare`.
        var comparison: CohortComparison? = nil
    }

    /// `onPage`: refusals in the request's language for the pages; the API's JSON keeps them in English.
    static func load(_ req: Request, usingDefaults: Bool = false, onPage: Bool = false) async throws -> Loaded {
        func say(_ text: LocalizedText) -> String { onPage ? tr(text) : StringCatalogue.fill(text.key, with: text.arguments) }
        func date(_ d: CalendarDate) -> String { onPage ? LocalFormat.date(d) : d.description }
        let id = req.parameters.get("productID") ?? ""
        guard let profile = ProductCatalogue.profile(id: id) else {
            throw Abort(.notFound, reason: say("no product profile \"\(id)\"; known: \(ProductCatalogue.all.map(\.id).joined(separator: ", "))"))
        }
        let today = try await req.today()
        var cut = today
        if !usingDefaults, let text = req.query[String.self, at: "cut"], !text.isEmpty {
            guard let d = CalendarDate(text) else {
                throw StoreError.invalid([FieldError("cut", say("\"\(text)\" is not a date (YYYY-MM-DD)"))])
            }
            guard d <= today else { throw StoreError.invalid([FieldError("cut", say("the data cut \(date(d)) is after today (\(date(today)))"))]) }
            cut = d
        }
        var origin = "real"
        if !usingDefaults, let text = req.query[String.self, at: "origin"], !text.isEmpty {
            guard originNames.contains(text) else {
                throw StoreError.invalid([FieldError("origin", say("\"\(text)\" is not a cohort; use \(originNames.joined(separator: onPage ? tr(" or ") : " or "))"))])
            }
            origin = text
        }
        let actor = try req.actor
        let key = ComputedReports.Key(center: actor.centerID, product: profile.id, origin: origin, cut: cut)
        // Read before the records, so a kept report is never newer than the version it is kept under.
        let version = try await PatientStatuses.recordsVersion(on: req.db)
        let entry = try await computed.entry(key, version: version) {
            if origin == "compare" {
                let (real, origins) = try await CohortRepository.cohort(productID: profile.id, origin: "real", for: actor, on: req.db)
                let (virtual, _) = try await CohortRepository.cohort(productID: profile.id, origin: "virtual", for: actor, on: req.db)
                let report = CohortReport.compute(records: real, dataCut: cut)
                return ComputedReports.Entry(version: version, chartRecords: ComputedReports.chartRecords(real), report: report,
                                             origins: origins,
                                             comparison: CohortComparison(real: report, inSilico: CohortReport.compute(records: virtual, dataCut: cut)))
            }
            let (records, origins) = try await CohortRepository.cohort(productID: profile.id, origin: origin, for: actor, on: req.db)
            return ComputedReports.Entry(version: version, chartRecords: ComputedReports.chartRecords(records),
                                         report: CohortReport.compute(records: records, dataCut: cut), origins: origins)
        }
        return Loaded(profile: profile, records: entry.chartRecords, report: entry.report, origin: origin, origins: entry.origins,
                      comparison: entry.comparison)
    }

    /// Reports of the cuts and cohorts read most recently. A 10,000-patient report is some megabytes
    /// once its raw records are let go, so a handful stays far below the process's memory.
    static let computed = ComputedReports(capacity: 8)

    /// `?origin=`: real patients (the default), a stored in-silico cohort, or the two side by side;
    /// the cohorts are never pooled.
    static let originNames = ["real", "virtual", "compare"]

    static func page(for loaded: Loaded, center: String) -> CohortReportPage {
        CohortReportPage(productID: loaded.profile.id, productName: loaded.profile.name, centerName: center,
                         report: loaded.report, charts: CohortReportCharts(report: loaded.report, records: loaded.records),
                         origin: loaded.origin, origins: switchable(loaded.origins + [loaded.origin]))
    }

    /// The cohorts the report's switch offers: each origin present, then both side by side when there are two.
    static func switchable(_ origins: [String]) -> [String] {
        let present = Array(Set(origins)).sorted()
        return present.count > 1 ? present + ["compare"] : present
    }

    /// A refused data cut comes back as the report at today's date with the problem above it (422).
    @Sendable static func page(_ req: Request) async throws -> Response {
        let viewer = try await PageRoutes.viewer(req)
        do {
            let loaded = try await load(req, onPage: true)
            if let comparison = loaded.comparison {
                return PageRoutes.html(CohortComparisonPage(productID: loaded.profile.id, productName: loaded.profile.name,
                                                            comparison: comparison).render(viewer: viewer))
            }
            return PageRoutes.html(page(for: loaded, center: viewer.centerName).render(viewer: viewer))
        } catch StoreError.invalid(let errors) {
            let loaded = try await load(req, usingDefaults: true, onPage: true)
            var view = page(for: loaded, center: viewer.centerName)
            view.errors = errors
            return PageRoutes.html(view.render(viewer: viewer), status: .unprocessableEntity)
        }
    }

    @Sendable static func export(_ req: Request) async throws -> Response {
        let loaded = try await load(req, onPage: true)
        if loaded.comparison != nil {
            throw StoreError.invalid([FieldError("origin", tr("the standalone report is of one cohort; use origin=real or origin=virtual"))])
        }
        let viewer = try await PageRoutes.viewer(req)
        let response = PageRoutes.html(page(for: loaded, center: viewer.centerName).renderStandalone())
        response.headers.replaceOrAdd(name: .contentDisposition,
                                      value: "attachment; filename=\"\(loaded.profile.id)\(loaded.origin == "real" ? "" : "-" + loaded.origin)-report-\(loaded.report.dataCut).html\"")
        return response
    }

    @Sendable static func csv(_ req: Request) async throws -> Response {
        let loaded = try await load(req, onPage: true)
        let name = req.parameters.get("table") ?? ""
        let tables = loaded.comparison.map { [$0.headlineTable, $0.logRankTable] } ?? loaded.report.tables
        let slugs = tables.map(\.slug)
        guard name.hasSuffix(".csv"), let table = tables.first(where: { "\($0.slug).csv" == name }) else {
            throw Abort(.notFound, reason: tr("no table \"\(name)\"; known: \(slugs.map { "\($0).csv" }.joined(separator: ", "))"))
        }
        return Response(status: .ok, headers: [
            "Content-Type": "text/csv; charset=utf-8",
            "Content-Disposition": "attachment; filename=\"\(loaded.profile.id)\(loaded.origin == "real" ? "" : "-" + loaded.origin)-\(table.slug)-\(loaded.report.dataCut).csv\"",
        ], body: .init(string: table.csv))
    }

    @Sendable static func json(_ req: Request) async throws -> Response {
        let loaded = try await load(req)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.dateEncodingStrategy = .iso8601
        encoder.nonConformingFloatEncodingStrategy = .throw
        let body = try loaded.comparison.map { try encoder.encode($0) } ?? encoder.encode(loaded.report)
        return Response(status: .ok, headers: ["Content-Type": "application/json"], body: .init(data: body))
    }
}
