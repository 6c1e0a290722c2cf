import CartographCore
import Fluent
import Store
import Vapor

/// `POST /api/bags/{bagID}/release-results`
struct ReleaseResultsInput: StrictInput {
    var lot: String
    var sterility: Choice<ReleaseQualitativeFinding>?
    var mycoplasma: Choice<ReleaseQualitativeFinding>?
    var endotoxinEUPerMilliliter: Double?
    var viabilityPercent: Double?
    var carExpressionPercent: Double?
    var vectorCopyNumberPerTransducedCell: Double?
    var replicationCompetentLentivirus: Choice<ReleaseQualitativeFinding>?
    var identity: Choice<ReleaseQualitativeFinding>?
    var viableCellsPerMilliliter: Double?
    var bagVolumeMilliliters: Double?
    enum CodingKeys: String, CodingKey, CaseIterable {
        case lot, sterility, mycoplasma, endotoxinEUPerMilliliter, viabilityPercent, carExpressionPercent, vectorCopyNumberPerTransducedCell,
             replicationCompetentLentivirus, identity, viableCellsPerMilliliter, bagVolumeMilliliters
    }
    typealias Field = CodingKeys
    static let required: [CodingKeys] = [.lot]

    var results: ReleaseTestResults {
        ReleaseTestResults(lot: lot, sterility: sterility?.value, mycoplasma: mycoplasma?.value, endotoxinEUPerMilliliter: endotoxinEUPerMilliliter,
                           viabilityPercent: viabilityPercent, carExpressionPercent: carExpressionPercent,
                           vectorCopyNumberPerTransducedCell: vectorCopyNumberPerTransducedCell,
                           replicationCompetentLentivirus: replicationCompetentLentivirus?.value, identity: identity?.value,
                           viableCellsPerMilliliter: viableCellsPerMilliliter, bagVolumeMilliliters: bagVolumeMilliliters)
    }
}

/// `POST /api/bags/{bagID}/qa-disposition`
struct QADispositionInput: StrictInput {
    var disposition: Choice<CustodyQADisposition>
    var password: String
    var code: String?
    enum CodingKeys: String, CodingKey, CaseIterable { case disposition, password, code }
    typealias Field = CodingKeys
    static let required: [CodingKeys] = [.disposition, .password]
}

/// `POST /api/bags/{bagID}/exceptional-request`
struct ExceptionalRequestInput: StrictInput {
    var justification: String
    var password: String
    var code: String?
    enum CodingKeys: String, CodingKey, CaseIterable { case justification, password, code }
    typealias Field = CodingKeys
    static let required: [CodingKeys] = [.justification, .password]
}

extension ReleaseFile: Content {}

enum ReleaseAPI {
    static func register(_ api: RoutesBuilder) {
        api.post("bags", ":bagID", "release-results", use: results)
        api.get("bags", ":bagID", "release", use: file)
        api.post("bags", ":bagID", "qa-disposition", use: decide)
        api.post("bags", ":bagID", "exceptional-request", use: request)
        api.get("release-queue", use: queue)
    }

    @Sendable static func results(_ req: Request) async throws -> Response {
        let input = try StrictJSON.decode(ReleaseResultsInput.self, from: req)
        let file = try await ReleaseRepository.recordResults(input.results, bagID: try CustodyAPI.bagID(req), by: try req.actor, on: req.db)
        return try await file.encodeResponse(status: .created, for: req)
    }

    @Sendable static func file(_ req: Request) async throws -> ReleaseFile {
        try await ReleaseRepository.file(try CustodyAPI.bagID(req), for: try req.actor, on: req.db)
    }

    @Sendable static func decide(_ req: Request) async throws -> ReleaseFile {
        let input = try StrictJSON.decode(QADispositionInput.self, from: req)
        let actor = try req.actor
        guard actor.role == .qa else { throw StoreError.forbidden("only Quality assurance decides on a lot") }
        let signer = try await CustodyAPI.signerName(req, password: input.password, code: input.code, meaning: input.disposition.value.signatureMeaning)
        return try await ReleaseRepository.decide(input.disposition.value, bagID: try CustodyAPI.bagID(req), signerName: signer, by: actor, on: req.db)
    }

    @Sendable static func request(_ req: Request) async throws -> Response {
        let input = try StrictJSON.decode(ExceptionalRequestInput.self, from: req)
        let actor = try req.actor
        guard actor.role == .physician else { throw StoreError.forbidden("only the treating physician requests an exceptional release") }
        let signer = try await CustodyAPI.signerName(req, password: input.password, code: input.code, meaning: .physicianRequest)
        let file = try await ReleaseRepository.requestExceptionalRelease(bagID: try CustodyAPI.bagID(req), justification: input.justification,
                                                                         signerName: signer, by: actor, on: req.db)
        return try await file.encodeResponse(status: .created, for: req)
    }

    @Sendable static func queue(_ req: Request) async throws -> [ReleaseFile] {
        try await ReleaseRepository.queue(for: try req.actor, on: req.db)
    }
}
