import CartographCore
import Fluent
import Store
import Vapor

/// The JSON API under `/api/`, described by `/openapi.yaml`.
enum APIRoutes {
    static func register(public open: RoutesBuilder, protected api: RoutesBuilder) {
        open.post("api", "tokens", use: issueToken)
        api.get("me", use: me)
        api.get("products", use: products)
        api.get("dashboard", use: dashboard)
        api.get("patients", use: listPatients)
        api.post("patients", use: enrol)
        api.get("patients", ":patientID", use: patientFile)
        api.post("patients", ":patientID", "screening", use: screen)
        api.post("patients", ":patientID", "events", use: recordEvent)
        api.post("patients", ":patientID", "dose", use: recordDose)
        LabRoutes.register(api)
        LabCorrectionRoutes.register(api)
        FollowUpRoutes.register(api)
        AccountRoutes.register(api)
    }

    struct TokenResponse: Content { var token: String; var expiresInDays: Int; var name: String? }

    @Sendable static func issueToken(_ req: Request) async throws -> TokenResponse {
        let input = try StrictJSON.decode(TokenRequest.self, from: req)
        let user: User
        do { user = try await SignInGate.verify(email: input.email, password: input.password, for: req) } catch SignInGate.Refusal.throttled(let message) {
            throw Abort(.tooManyRequests, reason: message)
        } catch SignInGate.Refusal.wrongEmailOrPassword {
            throw Abort(.unauthorized, reason: "email or password is wrong")
        }
        if user.hasSecondFactor {
            let ok: Bool
            do { ok = try await SignInGate.verifyCode(input.code ?? "", for: user, on: req) } catch SignInGate.Refusal.throttled(let message) {
                throw Abort(.tooManyRequests, reason: message)
            }
            guard ok else { throw Abort(.unauthorized, reason: "this account signs in with a one-time code: send the code from the authenticator app as \"code\"") }
        } else if try await SecondFactor.requiredAtSignIn(user, on: req.db) {
            throw Abort(.forbidden, reason: "your center requires a second factor for \(user.role.displayName): set it up on your account page first")
        }
        let days = input.days ?? AccountRepository.defaultTokenDays
        return TokenResponse(token: try await AccountRepository.issueToken(for: user, name: input.name, days: days, on: req.db),
                             expiresInDays: days, name: input.name)
    }

    struct Me: Content { var email: String; var displayName: String; var role: Role; var center: String }

    @Sendable static func me(_ req: Request) async throws -> Me {
        let user = try req.user
        let center = try await Center.find(user.$center.id, on: req.db)
        return Me(email: user.email, displayName: user.displayName, role: user.role, center: center?.code ?? "")
    }

    @Sendable static func products(_ req: Request) async throws -> [ProductProfile] { ProductCatalogue.all }

    @Sendable static func dashboard(_ req: Request) async throws -> ProgramDashboard {
        try await ProgramDashboard.load(for: try req.actor, today: try await req.today(), on: req.db)
    }

    /// One page of the center's patients (`PatientListParameters`); the body is the array of rows, the
    /// next page's cursor comes in `X-Next-Cursor` and a `Link: <…>; rel="next"` header, the number of
    /// matching patients in `X-Total-Count`.
    @Sendable static func listPatients(_ req: Request) async throws -> Response {
        let query = try PatientListParameters.parse(req)
        let page = try await PatientDirectory.page(query, for: try req.actor, today: try await req.today(), on: req.db)
        let response = try await page.rows.encodeResponse(for: req)
        response.headers.replaceOrAdd(name: "X-Total-Count", value: String(page.total))
        if let next = page.nextCursor {
            response.headers.replaceOrAdd(name: "X-Next-Cursor", value: next)
            response.headers.replaceOrAdd(name: "Link", value: "</api/patients?\(PatientListParameters.encode(query, cursor: next))>; rel=\"next\"")
        }
        return response
    }

    @Sendable static func enrol(_ req: Request) async throws -> Response {
        let input = try StrictJSON.decode(EnrolmentInput.self, from: req)
        let today = try await req.today()
        let (patient, _) = try await PatientRepository.enrol(input.enrolment(today: today), by: try req.actor, today: today,
                                                             duplicateReason: input.duplicateReason, on: req.db)
        let file = try await PatientFile.load(patientID: try patient.requireID(), for: try req.actor, today: today, on: req.db)
        return try await file.encodeResponse(status: .created, for: req)
    }

    static func patientID(_ req: Request) throws -> UUID {
        guard let id = req.parameters.get("patientID", as: UUID.self) else { throw StoreError.notFound("patient") }
        return id
    }

    @Sendable static func patientFile(_ req: Request) async throws -> PatientFile {
        try await PatientFile.load(patientID: try patientID(req), for: try req.actor, today: try await req.today(), on: req.db)
    }

    @Sendable static func screen(_ req: Request) async throws -> PatientFile {
        let id = try patientID(req)
        let actor = try req.actor
        let input = try StrictJSON.decode(ScreeningInput.self, from: req)
        let today = try await req.today()
        _ = try await PatientRepository.patient(id, for: actor, on: req.db)
        let therapy = try await PatientRepository.therapy(ofPatient: id, on: req.db)
        _ = try await ScreeningRepository.save(try input.data(), screenedOn: input.screenedOn ?? today,
                                               therapyID: try therapy.requireID(), by: actor, today: today, checkTypedAge: true, on: req.db)
        return try await PatientFile.load(patientID: id, for: actor, today: today, on: req.db)
    }

    @Sendable static func recordEvent(_ req: Request) async throws -> PatientFile {
        let id = try patientID(req)
        let actor = try req.actor
        let input = try StrictJSON.decode(JourneyEventInput.self, from: req)
        if [.screenedEligible, .screenedNotEligible].contains(input.kind.value) {
            throw StoreError.invalid([FieldError("kind", "screening outcomes are computed from POST /api/patients/{id}/screening, not recorded by hand")])
        }
        let today = try await req.today()
        _ = try await PatientRepository.patient(id, for: actor, on: req.db)
        let therapy = try await PatientRepository.therapy(ofPatient: id, on: req.db)
        _ = try await JourneyRepository.record(JourneyEvent(input.kind.value, on: input.date, reason: input.reason),
                                               therapyID: try therapy.requireID(), by: actor, today: today, on: req.db)
        return try await PatientFile.load(patientID: id, for: actor, today: today, on: req.db)
    }

    @Sendable static func recordDose(_ req: Request) async throws -> PatientFile {
        let id = try patientID(req)
        let actor = try req.actor
        let input = try StrictJSON.decode(DoseInput.self, from: req)
        let product = try input.product()
        _ = try await PatientRepository.patient(id, for: actor, on: req.db)
        let therapy = try await PatientRepository.therapy(ofPatient: id, on: req.db)
        _ = try await DoseRepository.record(weightKilograms: input.weightKg, product: product,
                                            therapyID: try therapy.requireID(), by: actor, on: req.db)
        return try await PatientFile.load(patientID: id, for: actor, today: try await req.today(), on: req.db)
    }
}

extension PatientFile: Content {}
extension ProgramDashboard: Content {}
extension PatientSummary: Content {}
extension PatientListRow: Content {}
extension ProductProfile: Content {}
