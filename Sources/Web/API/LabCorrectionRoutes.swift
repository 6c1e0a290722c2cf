import CartographCore
import Clinical
import Foundation
import Store
import Vapor

/// `POST /api/patients/{id}/labs/{labID}/correction` and `GET /api/patients/{id}/labs/corrections`.
///
/// Body: `{"reason": "…", "replacement": {lab result} | null}`. The replacement is one result object of
/// `POST /api/patients/{id}/labs` (read by the same rules); `null` withdraws a result entered in error.
/// Unknown fields or wrong JSON types are 400; a missing reason, a replacement that breaks a lab rule or
/// takes the date and analyte of another of the patient's results is 422 naming `reason` or
/// `replacement.<field>`. A result keeps its id: correcting it again adds the next correction.
enum LabCorrectionRoutes {
    static func register(_ api: RoutesBuilder) {
        api.post("patients", ":patientID", "labs", ":labID", "correction", use: correct)
        api.get("patients", ":patientID", "labs", "corrections", use: list)
    }

    @Sendable static func list(_ req: Request) async throws -> [StoredLabCorrection] {
        try await LabCorrectionRepository.corrections(patientID: try APIRoutes.patientID(req), for: try req.actor, on: req.db)
    }

    @Sendable static func correct(_ req: Request) async throws -> Response {
        let patientID = try APIRoutes.patientID(req)
        guard let labID = req.parameters.get("labID", as: UUID.self) else { throw StoreError.notFound("result") }
        let actor = try req.actor
        let patient = try await PatientRepository.patient(patientID, for: actor, on: req.db)
        let today = try await req.today()
        let (reason, replacementBody) = try body(req)
        var replacement: LabResult?
        if let replacementBody {
            do {
                replacement = try LabEntryInput.results(from: replacementBody, patientCode: patient.code, today: today).results.first
            } catch let e as StoreError {
                throw prefixed(e)
            } catch let e as RequestBodyError {
                throw RequestBodyError(message: e.message, fields: e.fields.map { FieldError($0.field == "body" ? "replacement" : "replacement." + $0.field, $0.message) })
            }
        }
        let done = try await LabCorrectionRepository.correct(resultID: labID, patientID: patientID, replacement: replacement,
                                                             reason: reason, by: actor, today: today, on: req.db)
        return try await done.encodeResponse(status: .created, for: req)
    }

    /// The reason and the replacement object re-encoded for the lab-entry reader (nil for `null`).
    static func body(_ req: Request) throws -> (reason: String, replacement: Data?) {
        guard let buffer = req.body.data, buffer.readableBytes > 0 else {
            throw RequestBodyError(message: "a JSON object {\"reason\", \"replacement\"} is required", fields: [])
        }
        let document = try StrictJSON.document(Data(buffer: buffer))
        guard case .object(let dict) = document else {
            throw RequestBodyError(message: "the body has field errors", fields: [FieldError("body", "must be a JSON object, not \(document.summary)")])
        }
        var problems: [FieldError] = []
        for key in dict.keys.sorted() where !["reason", "replacement"].contains(key) {
            problems.append(FieldError(key, "unknown field; expected one of reason, replacement"))
        }
        var reason = ""
        switch dict["reason"] {
        case .string(let s)?: reason = s
        case nil, .null?: break  // the repository names a missing reason (422)
        case let other?: problems.append(FieldError("reason", "expected a string, not \(other.summary)"))
        }
        var replacement: Data?
        switch dict["replacement"] {
        case .object?: replacement = try JSONEncoder().encode(dict["replacement"]!)
        case nil: problems.append(FieldError("replacement", "is required: the right result, or null when the result was entered in error"))
        case .null?: break
        case let other?: problems.append(FieldError("replacement", "expected a result object or null, not \(other.summary)"))
        }
        if !problems.isEmpty { throw RequestBodyError(message: "the body has field errors", fields: problems) }
        return (reason, replacement)
    }

    static func prefixed(_ error: StoreError) -> StoreError {
        guard case .invalid(let fields) = error else { return error }
        return .invalid(fields.map { FieldError("replacement." + $0.field, $0.message) })
    }
}

extension StoredLabCorrection: Content {}
