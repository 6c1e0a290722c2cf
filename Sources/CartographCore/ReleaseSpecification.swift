/// The release tests a CAR-T lot must pass before QA may release it, with their acceptance limits as
/// data. Versioned: a certificate of analysis names the specification version it was judged against.
public struct ReleaseSpecification: Codable, Sendable, Hashable {
    /// Specification identifier printed on the certificate (`FUCASO-release-illustrative-1`).
    public var version: String
    /// Highest bacterial endotoxin level accepted, EU/mL (inclusive).
    public var endotoxinMaximumEUPerMilliliter: Double
    /// Lowest viability accepted, % of nucleated cells (inclusive).
    public var viabilityMinimumPercent: Double
    /// Lowest CAR expression accepted, % of viable T cells (inclusive).
    public var carExpressionMinimumPercent: Double
    /// Highest vector copy number accepted, copies per transduced cell (inclusive).
    public var vectorCopyNumberMaximumPerTransducedCell: Double

    // Sterility (negative), mycoplasma (negative), replication-competent lentivirus (not detected),
    // identity (confirmed) and dose feasibility have fixed acceptance criteria; see ReleaseTestKind.

    public init(version: String, endotoxinMaximumEUPerMilliliter: Double, viabilityMinimumPercent: Double,
                carExpressionMinimumPercent: Double, vectorCopyNumberMaximumPerTransducedCell: Double) {
        self.version = version
        self.endotoxinMaximumEUPerMilliliter = endotoxinMaximumEUPerMilliliter
        self.viabilityMinimumPercent = viabilityMinimumPercent
        self.carExpressionMinimumPercent = carExpressionMinimumPercent
        self.vectorCopyNumberMaximumPerTransducedCell = vectorCopyNumberMaximumPerTransducedCell
    }

    /// Release limits of the kind used for lentiviral CAR-T products. No FUCASO specification is
    /// public in the seed documents (seed 003 says only "multiple-dimension release testing"), so
    /// every value below is a placeholder to be replaced from the product's approved specification.
    public static let fucaso = ReleaseSpecification(
        version: "FUCASO-release-illustrative-1",
        // Endotoxin ≤ 5.0 EU/mL: illustrative; confirm against the product's approved specification.
        endotoxinMaximumEUPerMilliliter: 5.0,
        // Viability ≥ 70 %: illustrative; confirm against the product's approved specification.
        viabilityMinimumPercent: 70,
        // CAR expression ≥ 20 %: illustrative; confirm against the product's approved specification.
        carExpressionMinimumPercent: 20,
        // VCN ≤ 5 copies per transduced cell: illustrative; confirm against the product's approved specification.
        vectorCopyNumberMaximumPerTransducedCell: 5)
        // Sterility negative, mycoplasma negative, RCL not detected, identity confirmed, dose
        // feasible: illustrative; confirm against the product's approved specification.

    /// Vector copies per transduced cell from the laboratory's average copies per cell.
    ///
    /// qPCR/ddPCR report the average over all cells, transduced or not; dividing by the transduced
    /// fraction (the CAR-positive fraction by flow cytometry) gives copies per transduced cell, the
    /// quantity the limit is written for. Domain: `averagePerCell` ≥ 0, `transducedFraction` in
    /// (0, 1]; nil outside it (no cell transduced means no copies per transduced cell to speak of).
    public static func vectorCopiesPerTransducedCell(averagePerCell: Double, transducedFraction: Double) -> Double? {
        guard averagePerCell.isFinite, averagePerCell >= 0, transducedFraction > 0, transducedFraction <= 1 else { return nil }
        return averagePerCell / transducedFraction
    }
}

/// The release tests, in certificate order.
public enum ReleaseTestKind: String, Codable, Sendable, CaseIterable, Hashable {
    case sterility, mycoplasma, endotoxin, viability, carExpression, vectorCopyNumber,
         replicationCompetentLentivirus, identity, doseFeasibility

    public var displayName: String {
        switch self {
        case .sterility: "Sterility"
        case .mycoplasma: "Mycoplasma"
        case .endotoxin: "Endotoxin"
        case .viability: "Viability"
        case .carExpression: "CAR expression"
        case .vectorCopyNumber: "Vector copy number"
        case .replicationCompetentLentivirus: "Replication-competent lentivirus"
        case .identity: "Identity"
        case .doseFeasibility: "Dose feasibility"
        }
    }
}

/// A qualitative laboratory finding. Each qualitative test accepts only its own pair of words
/// (sterility: negative/positive; RCL: notDetected/detected; identity: confirmed/notConfirmed).
public enum ReleaseQualitativeFinding: String, Codable, Sendable, CaseIterable, Hashable {
    case negative, positive, notDetected, detected, confirmed, notConfirmed
}
