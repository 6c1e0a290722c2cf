/// The product profiles Cartograph ships with. FUCASO is the default.
public enum ProductCatalogue {
    public static let all: [ProductProfile] = [fucaso, dualCD19CD22]
    public static var `default`: ProductProfile { fucaso }

    public static func profile(id: String) -> ProductProfile? { all.first { $0.id == id } }

    /// FUCASO (equecabtagene autoleucel). Values marked "seed" come from the seed documents
    /// (`shared/seeds/`, see product-and-trial.md); values marked "center policy" are the defaults a
    /// center confirms against the current label and its own SOPs before use.
    public static let fucaso = ProductProfile(
        id: "fucaso",
        name: "FUCASO",
        genericName: "equecabtagene autoleucel",
        manufacturer: "IASO Bio",
        targets: ["BCMA"],
        construct: "fully human scFv, CD8α hinge and transmembrane, 4-1BB co-stimulation, CD3ζ; lentiviral vector",
        indication: Indication(
            disease: .multipleMyeloma,
            text: "Adults with relapsed and/or refractory multiple myeloma who progressed after at least three prior lines of therapy, including a proteasome inhibitor and an immunomodulatory agent"),
        eligibility: [
            .age(minimum: 18, maximum: 75),                                     // center policy (adults: seed 003)
            .diagnosis([.multipleMyeloma]),                                     // seed 003
            .minimumPriorLines(3),                                              // seed 003, 000
            .priorDrugClasses([.proteasomeInhibitor, .immunomodulatoryDrug]),   // seed 003
            .lastLineOutcome([.progressiveDisease]),                            // seed 000 (FUMANBA-1)
            .maximumECOG(2),                                                    // center policy
            .laboratory(LaboratoryLimit(.absoluteNeutrophilCount, minimum: 1000)),   // center policy
            .laboratory(LaboratoryLimit(.platelets, minimum: 50_000)),               // center policy
            .laboratory(LaboratoryLimit(.hemoglobin, minimum: 8)),                   // center policy
            .laboratory(LaboratoryLimit(.creatinineClearance, minimum: 40)),         // center policy
            .laboratory(LaboratoryLimit(.alanineAminotransferaseULN, maximum: 2.5)), // center policy
            .laboratory(LaboratoryLimit(.totalBilirubinULN, maximum: 1.5)),          // center policy
            .laboratory(LaboratoryLimit(.leftVentricularEjectionFraction, minimum: 45)), // center policy
            .laboratory(LaboratoryLimit(.oxygenSaturation, minimum: 92)),            // center policy
            .noActiveInfection,                                                 // center policy
            .extramedullaryDisease(allowed: true),                              // seed 000
            .priorBCMATherapy(allowed: true),                                   // seed 000
        ],
        dose: DoseSpecification(cellsPerKilogram: 1.0e6,                        // seed 000
                                minimumCellsPerKilogram: 0.8e6,                 // center policy
                                maximumCellsPerKilogram: 1.2e6,                 // center policy
                                maximumTotalCells: nil,
                                weightRangeKilograms: 30...150),
        lymphodepletion: LymphodepletionRegimen(
            drugs: [
                .init(name: "fludarabine", milligramsPerSquareMeter: 25, onDays: [1, 2, 3]),     // center policy
                .init(name: "cyclophosphamide", milligramsPerSquareMeter: 300, onDays: [1, 2, 3]), // center policy
            ],
            days: 3, consecutive: true),                                        // seed 003
        windows: TreatmentWindows(
            maximumCollectionAttempts: 3,                                       // center policy
            manufacturingDays: DayWindow(28, 35),                               // seed 003: ~4–5 weeks
            releaseToLymphodepletionDays: DayWindow(2, 14),                     // center policy
            infusionAfterLastLymphodepletionDays: DayWindow(2, 4),              // seed 003
            closeMonitoringDays: 14,                                            // seed 003
            monitoringEndDay: 28,                                               // seed 003
            stayNearCenterDays: 28,                                             // seed 003
            monitoringAssessmentDays: Array(1...14) + [17, 21, 24, 28]),        // center policy
        followUp: FollowUpSchedule(
            visits: [.days(28), .months(2), .months(3), .months(6), .months(9), .months(12),
                     .months(15), .months(18), .months(21), .months(24), .months(30), .months(36),
                     .months(42), .months(48), .months(54), .months(60)],
            registryReports: [.days(100), .months(6), .months(12), .months(24), .months(36), .months(48), .months(60)],
            visitToleranceDays: 14),
        custodyRules: .fucaso,
        releaseSpecification: .fucaso,
        // FACT-JACIE and the label's chain-of-identity requirement: the bag is checked against the
        // patient before every infusion.
        requiresBedsideVerification: true,
        sources: ["seeds 000, 001, 003, 004 (shared/seeds)", "center policy defaults: confirm against the current label"])

    /// An illustrative CD19/CD22 dual-target CAR-T for adult relapsed/refractory B-ALL (seed 004 names
    /// such a product in development). Every value here is illustrative, not a label: it exists to show
    /// that a different disease, dose, regimen and set of windows need no code change.
    public static let dualCD19CD22 = ProductProfile(
        id: "cd19-cd22-ball",
        name: "CD19/CD22 dual CAR-T (illustrative)",
        genericName: "investigational CD19/CD22 dual-target CAR-T",
        manufacturer: "IASO Bio",
        targets: ["CD19", "CD22"],
        construct: "tandem CD19/CD22 scFv, 4-1BB, CD3ζ; lentiviral vector (illustrative)",
        indication: Indication(disease: .bCellAcuteLymphoblasticLeukemia,
                               text: "Adults with relapsed or refractory B-cell acute lymphoblastic leukaemia (investigational)"),
        eligibility: [
            .age(minimum: 18, maximum: 70),
            .diagnosis([.bCellAcuteLymphoblasticLeukemia]),
            .minimumPriorLines(2),
            .lastLineOutcome([.progressiveDisease, .stableDisease]),
            .maximumECOG(1),
            .laboratory(LaboratoryLimit(.marrowBlastPercent, minimum: 5)),
            .laboratory(LaboratoryLimit(.creatinineClearance, minimum: 60)),
            .laboratory(LaboratoryLimit(.leftVentricularEjectionFraction, minimum: 50)),
            .noActiveInfection,
        ],
        dose: DoseSpecification(cellsPerKilogram: 2.0e6, minimumCellsPerKilogram: 1.5e6, maximumCellsPerKilogram: 2.5e6,
                                maximumTotalCells: 2.0e8, weightRangeKilograms: 40...200),
        lymphodepletion: LymphodepletionRegimen(
            drugs: [
                .init(name: "fludarabine", milligramsPerSquareMeter: 30, onDays: [1, 2, 3, 4]),
                .init(name: "cyclophosphamide", milligramsPerSquareMeter: 500, onDays: [1, 2]),
            ],
            days: 4, consecutive: true),
        windows: TreatmentWindows(
            maximumCollectionAttempts: 2,
            manufacturingDays: DayWindow(14, 21),
            releaseToLymphodepletionDays: DayWindow(1, 10),
            infusionAfterLastLymphodepletionDays: DayWindow(1, 3),
            closeMonitoringDays: 14,
            monitoringEndDay: 28,
            stayNearCenterDays: 14,
            monitoringAssessmentDays: Array(1...10) + [14, 21, 28]),
        followUp: FollowUpSchedule(
            visits: [.days(28), .months(3), .months(6), .months(12), .months(18), .months(24)],
            registryReports: [.days(100), .months(6), .months(12), .months(24)],
            visitToleranceDays: 7),
        custodyRules: CustodyRules(version: "CD19-CD22-custody-illustrative-1", cryoLimitCelsius: -135, freshRangeCelsius: 2...8,
                                   receiptRequiresDataLoggerReading: true),
        releaseSpecification: ReleaseSpecification(version: "CD19-CD22-release-illustrative-1", endotoxinMaximumEUPerMilliliter: 5.0,
                                                    viabilityMinimumPercent: 80, carExpressionMinimumPercent: 15,
                                                    vectorCopyNumberMaximumPerTransducedCell: 5),
        requiresBedsideVerification: true,
        sources: ["illustrative profile; not a label"])
}
