import CartographCore
import Fluent
import Store
import Vapor

/// `POST /api/patients/{id}/bags`
struct BagInput: StrictInput {
    var kind: Choice<CustodyBagKind>
    enum CodingKeys: String, CodingKey, CaseIterable { case kind }
    typealias Field = CodingKeys
    static let required: [CodingKeys] = [.kind]
}

/// `POST /api/bags/{bagID}/events`: the kind and the fields that kind needs.
struct CustodyEventInput: StrictInput {
    var kind: Choice<CustodyEventKind>
    var at: Date?
    var site: String?
    var timeZone: String?
    var condition: Choice<CustodyThermalCondition>?
    var courier: String?
    var shipperID: String?
    var celsius: Double?
    var fromDataLogger: Bool?
    var lot: String?
    var location: String?
    var reason: String?
    var password: String?
    /// The one-time code, where the center requires a second factor for e-signatures.
    var code: String?
    enum CodingKeys: String, CodingKey, CaseIterable {
        case kind, at, site, timeZone, condition, courier, shipperID, celsius, fromDataLogger, lot, location,
             reason, password, code
    }
    typealias Field = CodingKeys
    static let required: [CodingKeys] = [.kind]

    /// The event's details, or a 422 naming each missing field.
    func details() throws -> CustodyEventDetails {
        var c = FieldErrorCollector()
        func need<T>(_ v: T?, _ field: String) -> T? { if v == nil { c.add(field, "is required for \(kind.value.rawValue)") }; return v }
        let d: CustodyEventDetails?
        switch kind.value {
        case .collected: d = .collected
        case .packed: d = need(condition, "condition").map { .packed(condition: $0.value) }
        case .shipped, .shippedToCenter:
            let courier = need(courier, "courier"), shipper = need(shipperID, "shipperID")
            d = courier.flatMap { co in shipper.map { kind.value == .shipped ? .shipped(courier: co, shipperID: $0) : .shippedToCenter(courier: co, shipperID: $0) } }
        case .temperatureReading: d = need(celsius, "celsius").map { .temperatureReading(celsius: $0, fromDataLogger: fromDataLogger ?? false) }
        case .received: d = .received
        case .inManufacturing: d = .inManufacturing
        case .manufactured: d = need(lot, "lot").map { .manufactured(lot: $0) }
        case .releaseResult:
            c.add("kind", "release results are entered by POST /api/bags/{id}/release-results and evaluated against the specification"); d = nil
        case .qaDisposition:
            c.add("kind", "QA decides by POST /api/bags/{id}/qa-disposition"); d = nil
        case .receivedAtCenter: d = .receivedAtCenter
        case .stored: d = need(location, "location").map { .stored(location: $0) }
        case .dispensed: d = .dispensed
        case .thawed: d = .thawed
        case .infused: d = .infused
        case .discarded: d = need(reason, "reason").map { .discarded(reason: $0) }
        case .quarantined: d = need(reason, "reason").map { .quarantined(reason: $0) }
        case .bedsideVerified:
            c.add("kind", "bedside verification is recorded by POST /api/patients/{id}/bedside-check, which compares the scans"); d = nil
        case .quarantineReleased:
            c.add("kind", "a deviation is closed by POST /api/deviations/{id}/close"); d = nil
        }
        try c.throwIfAny()
        return d!
    }
}

/// `POST /api/deviations/{id}/close`
struct DeviationCloseInput: StrictInput {
    var reason: String
    var password: String
    var code: String?
    enum CodingKeys: String, CodingKey, CaseIterable { case reason, password, code }
    typealias Field = CodingKeys
    static let required: [CodingKeys] = [.reason, .password]
}

/// `POST /api/patients/{id}/bedside-check`
struct BedsideCheckInput: StrictInput {
    var bagChainOfIdentity: String
    var bagDIN: String
    var wristbandChainOfIdentity: String
    var password: String
    var code: String?
    enum CodingKeys: String, CodingKey, CaseIterable { case bagChainOfIdentity, bagDIN, wristbandChainOfIdentity, password, code }
    typealias Field = CodingKeys
    static let required: [CodingKeys] = [.bagChainOfIdentity, .bagDIN, .wristbandChainOfIdentity, .password]
}

extension CustodyBagView: Content {}
extension CustodyTrail: Content {}
extension DeviationView: Content {}
extension BedsideCheckResult: Content {}

enum CustodyAPI {
    static func register(_ api: RoutesBuilder) {
        api.post("patients", ":patientID", "bags", use: createBag)
        api.get("patients", ":patientID", "custody", use: trail)
        api.post("patients", ":patientID", "bedside-check", use: bedsideCheck)
        api.get("bags", ":bagID", use: bag)
        api.post("bags", ":bagID", "events", use: recordEvent)
        api.get("deviations", use: openDeviations)
        api.post("deviations", ":deviationID", "close", use: closeDeviation)
    }

    static func facility(_ req: Request) throws -> ISBT128.FacilityIdentificationNumber {
        do { return try ISBT128.FacilityIdentificationNumber(req.application.settings.facilityCode) } catch {
            throw Abort(.internalServerError, reason: "CARTOGRAPH_FACILITY_CODE is not a valid ISBT 128 facility code")
        }
    }

    static func bagID(_ req: Request) throws -> UUID {
        guard let id = req.parameters.get("bagID", as: UUID.self) else { throw StoreError.notFound("bag") }
        return id
    }

    /// The signer's printed name after the re-entered password checked out (21 CFR 11.200) — through
    /// the sign-in gate, so guessing a password here is throttled like signing in — and, where the
    /// center requires a second factor for e-signatures, a one-time code too; a 422 naming `password`
    /// or `code` otherwise, before anything is written.
    static func signerName(_ req: Request, password: String?, code: String? = nil, meaning: SignatureMeaning) async throws -> String {
        let user = try req.user
        guard let password, !password.isEmpty else {
            throw StoreError.invalid([FieldError("password", "re-enter your password to sign (\(meaning.displayName))")])
        }
        do {
            _ = try await SignInGate.verify(email: user.email, password: password, for: req)
        } catch SignInGate.Refusal.throttled(let message) {
            throw Abort(.tooManyRequests, reason: message)
        } catch SignInGate.Refusal.wrongEmailOrPassword {
            throw StoreError.invalid([FieldError("password", "does not match; nothing was signed")])
        }
        if try await SecondFactor.requiredForSignatures(centerID: user.$center.id, on: req.db) {
            guard user.hasSecondFactor else {
                throw StoreError.invalid([FieldError("code", "your center requires a one-time code with every signature: set up two-step sign-in on your account page first")])
            }
            guard let code, !code.isEmpty else {
                throw StoreError.invalid([FieldError("code", "enter the one-time code from your authenticator app to sign (\(meaning.displayName))")])
            }
            let matches: Bool
            do { matches = try await SignInGate.verifyCode(code, for: user, on: req) } catch SignInGate.Refusal.throttled(let message) {
                throw Abort(.tooManyRequests, reason: message)
            }
            guard matches else { throw StoreError.invalid([FieldError("code", "does not match, or was already used; nothing was signed")]) }
        }
        return user.displayName
    }

    @Sendable static func createBag(_ req: Request) async throws -> Response {
        let input = try StrictJSON.decode(BagInput.self, from: req)
        let view = try await CustodyRepository.createBag(input.kind.value, therapyID: try await SafetyAPI.therapyID(req), facility: try facility(req),
                                                         by: try req.actor, on: req.db)
        return try await view.encodeResponse(status: .created, for: req)
    }

    @Sendable static func trail(_ req: Request) async throws -> CustodyTrail {
        try await CustodyRepository.trail(therapyID: try await SafetyAPI.therapyID(req), for: try req.actor, on: req.db)
    }

    @Sendable static func bag(_ req: Request) async throws -> CustodyBagView {
        try await CustodyRepository.bag(try bagID(req), for: try req.actor, on: req.db)
    }

    @Sendable static func recordEvent(_ req: Request) async throws -> Response {
        let input = try StrictJSON.decode(CustodyEventInput.self, from: req, dates: .iso8601)
        let details = try input.details()
        var signer: String?
        if let meaning = details.requiredSignatureMeaning { signer = try await signerName(req, password: input.password, code: input.code, meaning: meaning) }
        let view = try await CustodyRepository.record(details, bagID: try bagID(req), by: try req.actor, at: input.at ?? Date(),
                                                      site: input.site, timeZone: input.timeZone, signerName: signer, on: req.db)
        return try await view.encodeResponse(status: .created, for: req)
    }

    @Sendable static func openDeviations(_ req: Request) async throws -> [DeviationView] {
        try await CustodyRepository.openDeviations(for: try req.actor, on: req.db)
    }

    @Sendable static func closeDeviation(_ req: Request) async throws -> DeviationView {
        guard let id = req.parameters.get("deviationID", as: UUID.self) else { throw StoreError.notFound("deviation") }
        let input = try StrictJSON.decode(DeviationCloseInput.self, from: req)
        let actor = try req.actor
        guard actor.role == .qa else { throw StoreError.forbidden(CustodyTransitionError.onlyQAClosesDeviations(role: actor.role).description) }
        let signer = try await signerName(req, password: input.password, code: input.code, meaning: .deviationClosure)
        return try await DeviationRepository.close(id, reason: input.reason, signerName: signer, by: actor, on: req.db)
    }

    @Sendable static func bedsideCheck(_ req: Request) async throws -> Response {
        let input = try StrictJSON.decode(BedsideCheckInput.self, from: req)
        let therapyID = try await SafetyAPI.therapyID(req)
        let signer = try await signerName(req, password: input.password, code: input.code, meaning: .bedsideVerification)
        let result = try await BedsideRepository.check(
            BedsideScan(bagChainOfIdentity: input.bagChainOfIdentity, bagDIN: input.bagDIN, wristbandChainOfIdentity: input.wristbandChainOfIdentity),
            therapyID: therapyID, signerName: signer, by: try req.actor, on: req.db)
        return try await result.encodeResponse(status: .created, for: req)
    }
}
