import CartographCore
import Store
import Vapor

/// Naming the treating physician of a patient's therapy (printed on the wallet card): a form in the
/// patient page's access section and `POST /api/patients/{id}/treating-physician`.
enum TreatingPhysicianRoutes {
    static func register(pages: RoutesBuilder, api: RoutesBuilder) {
        pages.post("patients", ":patientID", "treating-physician", use: fromPage)
        api.post("patients", ":patientID", "treating-physician", use: fromAPI)
    }

    struct Input: StrictInput {
        /// A physician account of the center; null (or absent) clears the name.
        var physicianID: UUID?
        enum CodingKeys: String, CodingKey, CaseIterable { case physicianID }
        typealias Field = CodingKeys
        static let required: [CodingKeys] = []
    }

    @Sendable static func fromAPI(_ req: Request) async throws -> Response {
        let input = try StrictJSON.decode(Input.self, from: req)
        try await TreatingPhysician.set(patientID: try APIRoutes.patientID(req), physicianID: input.physicianID, by: try req.actor, on: req.db)
        return Response(status: .noContent)
    }

    /// The form's select: an account's ID, or blank to clear.
    @Sendable static func fromPage(_ req: Request) async throws -> Response {
        let form = FormBody(req)
        try CSRF.verify(req, submitted: form[CSRF.field])
        let id = try APIRoutes.patientID(req)
        let raw = form["physicianID"] ?? ""
        do {
            var physician: UUID?
            if !raw.isEmpty {
                guard let parsed = UUID(uuidString: raw) else {
                    throw StoreError.invalid([FieldError("physicianID", "choose an active physician of this center")])
                }
                physician = parsed
            }
            try await TreatingPhysician.set(patientID: id, physicianID: physician, by: try req.actor, on: req.db)
        } catch StoreError.invalid(let errors) {
            return try await OutcomePageRoutes.patientPage(req, id: id, status: .unprocessableEntity, accessErrors: errors)
        }
        return req.redirect(to: "/patients/\(id)#patient-access", redirectType: .normal)
    }
}
