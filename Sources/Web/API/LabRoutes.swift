import CartographCore
import Clinical
import Fluent
import Foundation
import Store
import Vapor

/// Laboratory results, the IMWG response and CAR-T persistence computed from them.
enum LabRoutes {
    static func register(_ api: RoutesBuilder) {
        api.get("patients", ":patientID", "labs", use: list)
        api.post("patients", ":patientID", "labs", use: record)
        api.on(.POST, "labs", "import", body: .collect(maxSize: "8mb"), use: importFile)
        api.get("patients", ":patientID", "response", use: response)
        api.get("patients", ":patientID", "persistence", use: persistence)
    }

    @Sendable static func list(_ req: Request) async throws -> [StoredLabResult] {
        try await LabRepository.results(patientID: try APIRoutes.patientID(req), for: try req.actor, on: req.db)
    }

    @Sendable static func record(_ req: Request) async throws -> Response {
        let id = try APIRoutes.patientID(req)
        let actor = try req.actor
        let patient = try await PatientRepository.patient(id, for: actor, on: req.db)
        guard let buffer = req.body.data, buffer.readableBytes > 0 else {
            throw RequestBodyError(message: "a JSON object (or an array of them) is required", fields: [])
        }
        let today = try await req.today()
        let (results, isArray) = try LabEntryInput.results(from: Data(buffer: buffer), patientCode: patient.code, today: today)
        do {
            let stored = try await LabRepository.record(results, source: .api, by: actor, today: today, on: req.db)
            return try await stored.encodeResponse(status: .created, for: req)
        } catch let e as StoreError {
            throw LabEntryInput.renamed(e, isArray: isArray)
        }
    }

    /// What a refused file gets: the usual error envelope (each problem as `rows[7].unit`) and the
    /// import's own report with row and column apart.
    struct ImportRejection: Content {
        var error: String
        var fields: [FieldError]
        var report: LabImportReport
    }

    struct ImportAccepted: Content {
        var imported: Int
        var patients: [String]
    }

    @Sendable static func importFile(_ req: Request) async throws -> Response {
        let actor = try req.actor
        guard req.headers.contentType?.type == "text", req.headers.contentType?.subType == "csv" else {
            throw Abort(.unsupportedMediaType, reason: "send the file as Content-Type: text/csv (\(LabImport.headerLine))")
        }
        let data = req.body.data.map { Data(buffer: $0) } ?? Data()
        switch try await LabRepository.importCSV(data, by: actor, today: try await req.today(), on: req.db) {
        case let .imported(count, patients):
            return try await ImportAccepted(imported: count, patients: patients).encodeResponse(status: .created, for: req)
        case let .rejected(report):
            let fields = report.problems.map { p in
                FieldError("rows[\(p.row)]" + (p.column.map { ".\($0)" } ?? ""), p.message)
            }
            let body = ImportRejection(error: "the file has \(report.problems.count) problem\(report.problems.count == 1 ? "" : "s"); nothing was imported",
                                       fields: fields, report: report)
            return try await body.encodeResponse(status: .unprocessableEntity, for: req)
        }
    }

    @Sendable static func response(_ req: Request) async throws -> PatientResponseReport {
        try await PatientOutcomes.response(patientID: try APIRoutes.patientID(req), for: try req.actor, on: req.db)
    }

    @Sendable static func persistence(_ req: Request) async throws -> PatientPersistenceReport {
        try await PatientOutcomes.persistence(patientID: try APIRoutes.patientID(req), for: try req.actor, on: req.db)
    }
}

extension StoredLabResult: Content {}
extension LabImportReport: Content {}
