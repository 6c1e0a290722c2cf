/// The quality-control results of one lot as the laboratory reports them; `nil` means pending.
///
/// Sterility in particular is often still incubating when the other tests are done: a lot with a
/// pending result is `incomplete`, never `conforming`.
public struct ReleaseTestResults: Codable, Sendable, Hashable {
    public var lot: String
    /// `negative` or `positive`.
    public var sterility: ReleaseQualitativeFinding?
    /// `negative` or `positive`.
    public var mycoplasma: ReleaseQualitativeFinding?
    /// EU/mL, ≥ 0.
    public var endotoxinEUPerMilliliter: Double?
    /// % viable of nucleated cells, 0–100.
    public var viabilityPercent: Double?
    /// % CAR-positive of viable T cells, 0–100. Also the CAR-positive fraction used for the dose.
    public var carExpressionPercent: Double?
    /// Copies per transduced cell, ≥ 0 (see ``ReleaseSpecification/vectorCopiesPerTransducedCell(averagePerCell:transducedFraction:)``).
    public var vectorCopyNumberPerTransducedCell: Double?
    /// `notDetected` or `detected`.
    public var replicationCompetentLentivirus: ReleaseQualitativeFinding?
    /// `confirmed` or `notConfirmed`.
    public var identity: ReleaseQualitativeFinding?
    /// Viable nucleated cells per mL of final product, > 0.
    public var viableCellsPerMilliliter: Double?
    /// Volume of product in the bag(s), mL, > 0.
    public var bagVolumeMilliliters: Double?

    public init(lot: String, sterility: ReleaseQualitativeFinding? = nil, mycoplasma: ReleaseQualitativeFinding? = nil,
                endotoxinEUPerMilliliter: Double? = nil, viabilityPercent: Double? = nil,
                carExpressionPercent: Double? = nil, vectorCopyNumberPerTransducedCell: Double? = nil,
                replicationCompetentLentivirus: ReleaseQualitativeFinding? = nil,
                identity: ReleaseQualitativeFinding? = nil, viableCellsPerMilliliter: Double? = nil,
                bagVolumeMilliliters: Double? = nil) {
        self.lot = lot; self.sterility = sterility; self.mycoplasma = mycoplasma
        self.endotoxinEUPerMilliliter = endotoxinEUPerMilliliter; self.viabilityPercent = viabilityPercent
        self.carExpressionPercent = carExpressionPercent
        self.vectorCopyNumberPerTransducedCell = vectorCopyNumberPerTransducedCell
        self.replicationCompetentLentivirus = replicationCompetentLentivirus; self.identity = identity
        self.viableCellsPerMilliliter = viableCellsPerMilliliter; self.bagVolumeMilliliters = bagVolumeMilliliters
    }

    /// Checks that every reported value is possible, naming each bad field.
    /// - Throws: ``ValidationFailure`` with all problems found.
    public func validate() throws(ValidationFailure) {
        var c = FieldErrorCollector()
        c.require(!lot.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty, "lot", "is required")
        func qualitative(_ value: ReleaseQualitativeFinding?, _ field: String, _ allowed: [ReleaseQualitativeFinding]) {
            if let v = value, !allowed.contains(v) {
                c.add(field, "unknown value \"\(v.rawValue)\"; expected one of \(allowed.map(\.rawValue).joined(separator: ", "))")
            }
        }
        qualitative(sterility, "sterility", [.negative, .positive])
        qualitative(mycoplasma, "mycoplasma", [.negative, .positive])
        qualitative(replicationCompetentLentivirus, "replicationCompetentLentivirus", [.notDetected, .detected])
        qualitative(identity, "identity", [.confirmed, .notConfirmed])
        func percent(_ value: Double?, _ field: String) {
            if let v = value { c.require(v.isFinite && v >= 0 && v <= 100, field, "must be between 0 and 100 %, got \(v)") }
        }
        percent(viabilityPercent, "viabilityPercent")
        percent(carExpressionPercent, "carExpressionPercent")
        func nonNegative(_ value: Double?, _ field: String) {
            if let v = value { c.require(v.isFinite && v >= 0, field, "must be 0 or more, got \(v)") }
        }
        nonNegative(endotoxinEUPerMilliliter, "endotoxinEUPerMilliliter")
        nonNegative(vectorCopyNumberPerTransducedCell, "vectorCopyNumberPerTransducedCell")
        func positive(_ value: Double?, _ field: String) {
            if let v = value { c.require(v.isFinite && v > 0, field, "must be more than 0, got \(v)") }
        }
        positive(viableCellsPerMilliliter, "viableCellsPerMilliliter")
        positive(bagVolumeMilliliters, "bagVolumeMilliliters")
        if !c.errors.isEmpty { throw ValidationFailure(c.errors) }
    }
}
