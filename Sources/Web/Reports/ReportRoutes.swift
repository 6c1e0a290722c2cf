import CartographCore
import Fluent
import Outcomes
import Store
import Vapor

/// `/reports/{product}`: the cohort report of the user's center, its standalone export and the CSV of
/// each table; `GET /api/reports/{product}` gives the same figures as JSON. The data cut is `?cut=`
/// (YYYY-MM-DD, default today); records dated after it are left out.
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
    }

    static func load(_ req: Request, ignoringCut: Bool = false) async throws -> Loaded {
        let id = req.parameters.get("productID") ?? ""
        guard let profile = ProductCatalogue.profile(id: id) else {
            throw Abort(.notFound, reason: "no product profile \"\(id)\"; known: \(ProductCatalogue.all.map(\.id).joined(separator: ", "))")
        }
        let today = try await req.today()
        var cut = today
        if !ignoringCut, let text = req.query[String.self, at: "cut"], !text.isEmpty {
            guard let d = CalendarDate(text) else {
                throw StoreError.invalid([FieldError("cut", "\"\(text)\" is not a date (YYYY-MM-DD)")])
            }
            guard d <= today else { throw StoreError.invalid([FieldError("cut", "the data cut \(d) is after today (\(today))")]) }
            cut = d
        }
        let records = try await CohortRepository.records(productID: profile.id, for: try req.actor, on: req.db)
        return Loaded(profile: profile, records: records, report: CohortReport.compute(records: records, dataCut: cut))
    }

    static func page(for loaded: Loaded, center: String) -> CohortReportPage {
        CohortReportPage(productID: loaded.profile.id, productName: loaded.profile.name, centerName: center,
                         report: loaded.report, charts: CohortReportCharts(report: loaded.report, records: loaded.records))
    }

    /// A refused data cut comes back as the report at today's date with the problem above it (422).
    @Sendable static func page(_ req: Request) async throws -> Response {
        let viewer = try await PageRoutes.viewer(req)
        do {
            let loaded = try await load(req)
            return PageRoutes.html(page(for: loaded, center: viewer.centerName).render(viewer: viewer))
        } catch StoreError.invalid(let errors) {
            let loaded = try await load(req, ignoringCut: true)
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
                                      value: "attachment; filename=\"\(loaded.profile.id)-report-\(loaded.report.dataCut).html\"")
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
            "Content-Disposition": "attachment; filename=\"\(loaded.profile.id)-\(table.slug)-\(loaded.report.dataCut).csv\"",
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
