import CartographCore
import Fluent
import Outcomes
import Store
import Vapor

/// `/reports/{product}`: the cohort report of the user's center, its standalone export and the CSV of
/// each table; `GET /api/reports/{product}` gives the same figures as JSON. The data cut is `?cut=`
/// (YYYY-MM-DD, default today); records dated after it are left out. `?origin=virtual` reports the
/// center's stored in-silico cohort instead of its real patients (never both together).
enum ReportRoutes {
    static func register(pages: RoutesBuilder, api: RoutesBuilder) {
        pages.get("reports", ":productID", use: page)
        pages.get("reports", ":productID", "export.html", use: export)
        pages.get("reports", ":productID", "tables", ":table", use: csv)
        api.get("reports", ":productID", use: json)
    }

    struct Loaded {
        var profile: ProductProfile
        var records: [OutcomeRecords]
        var report: CohortReport
        var origin: String
        var origins: [String]
    }

    static func load(_ req: Request, usingDefaults: Bool = false) async throws -> Loaded {
        let id = req.parameters.get("productID") ?? ""
        guard let profile = ProductCatalogue.profile(id: id) else {
            throw Abort(.notFound, reason: "no product profile \"\(id)\"; known: \(ProductCatalogue.all.map(\.id).joined(separator: ", "))")
        }
        let today = try await req.today()
        var cut = today
        if !usingDefaults, let text = req.query[String.self, at: "cut"], !text.isEmpty {
            guard let d = CalendarDate(text) else {
                throw StoreError.invalid([FieldError("cut", "\"\(text)\" is not a date (YYYY-MM-DD)")])
            }
            guard d <= today else { throw StoreError.invalid([FieldError("cut", "the data cut \(d) is after today (\(today))")]) }
            cut = d
        }
        var origin = "real"
        if !usingDefaults, let text = req.query[String.self, at: "origin"], !text.isEmpty {
            guard originNames.contains(text) else {
                throw StoreError.invalid([FieldError("origin", "\"\(text)\" is not a cohort; use \(originNames.joined(separator: " or "))")])
            }
            origin = text
        }
        let (records, origins) = try await CohortRepository.cohort(productID: profile.id, origin: origin, for: try req.actor, on: req.db)
        return Loaded(profile: profile, records: records, report: CohortReport.compute(records: records, dataCut: cut),
                      origin: origin, origins: origins)
    }

    /// `?origin=`: real patients (the default) or a stored in-silico cohort; the two are never pooled.
    static let originNames = ["real", "virtual"]

    static func page(for loaded: Loaded, center: String) -> CohortReportPage {
        CohortReportPage(productID: loaded.profile.id, productName: loaded.profile.name, centerName: center,
                         report: loaded.report, charts: CohortReportCharts(report: loaded.report, records: loaded.records),
                         origin: loaded.origin, origins: Array(Set(loaded.origins + [loaded.origin])).sorted())
    }

    /// A refused data cut comes back as the report at today's date with the problem above it (422).
    @Sendable static func page(_ req: Request) async throws -> Response {
        let viewer = try await PageRoutes.viewer(req)
        do {
            let loaded = try await load(req)
            return PageRoutes.html(page(for: loaded, center: viewer.centerName).render(viewer: viewer))
        } catch StoreError.invalid(let errors) {
            let loaded = try await load(req, usingDefaults: true)
            var view = page(for: loaded, center: viewer.centerName)
            view.errors = errors
            return PageRoutes.html(view.render(viewer: viewer), status: .unprocessableEntity)
        }
    }

    @Sendable static func export(_ req: Request) async throws -> Response {
        let loaded = try await load(req)
        let viewer = try await PageRoutes.viewer(req)
        let response = PageRoutes.html(page(for: loaded, center: viewer.centerName).renderStandalone())
        response.headers.replaceOrAdd(name: .contentDisposition,
                                      value: "attachment; filename=\"\(loaded.profile.id)\(loaded.origin == "real" ? "" : "-" + loaded.origin)-report-\(loaded.report.dataCut).html\"")
        return response
    }

    @Sendable static func csv(_ req: Request) async throws -> Response {
        let loaded = try await load(req)
        let name = req.parameters.get("table") ?? ""
        let slugs = loaded.report.tables.map(\.slug)
        guard name.hasSuffix(".csv"), let table = loaded.report.tables.first(where: { "\($0.slug).csv" == name }) else {
            throw Abort(.notFound, reason: "no table \"\(name)\"; known: \(slugs.map { "\($0).csv" }.joined(separator: ", "))")
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
        return Response(status: .ok, headers: ["Content-Type": "application/json"],
                        body: .init(data: try encoder.encode(loaded.report)))
    }
}
