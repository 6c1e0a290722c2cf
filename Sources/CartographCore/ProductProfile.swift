/// Everything Cartograph knows about one CAR-T product, as data: who may receive it, the dose, the
/// lymphodepleting regimen and every time window of the treatment process.
///
/// Nothing in the engines is specific to FUCASO: eligibility, planning, deviation rules and dosing
/// read these values, so a second product (or a new label version with different windows) is a new
/// profile, not new code.
public struct ProductProfile: Codable, Sendable, Hashable, Identifiable {
    /// Stable key stored with each therapy (`fucaso`).
    public var id: String
    /// Brand name (`FUCASO`).
    public var name: String
    /// International non-proprietary name (`equecabtagene autoleucel`).
    public var genericName: String
    public var manufacturer: String
    /// Antigen(s) the CAR recognises (`["BCMA"]`).
    public var targets: [String]
    /// CAR construct in words, for the product page and labels.
    public var construct: String
    public var indication: Indication
    public var eligibility: [EligibilityCriterion]
    public var dose: DoseSpecification
    public var lymphodepletion: LymphodepletionRegimen
    public var windows: TreatmentWindows
    public var followUp: FollowUpSchedule
    /// Temperature limits and handling policy of the product's custody logs.
    public var custodyRules: CustodyRules
    /// The release tests and limits a lot is judged against.
    public var releaseSpecification: ReleaseSpecification
    /// Whether an infusion needs a matched, signed bedside check of bag and wristband first.
    public var requiresBedsideVerification: Bool
    /// Where each value comes from (seed documents, labels, center policy).
    public var sources: [String]

    public init(id: String, name: String, genericName: String, manufacturer: String, targets: [String],
                construct: String, indication: Indication, eligibility: [EligibilityCriterion],
                dose: DoseSpecification, lymphodepletion: LymphodepletionRegimen, windows: TreatmentWindows,
                followUp: FollowUpSchedule, custodyRules: CustodyRules, releaseSpecification: ReleaseSpecification,
                requiresBedsideVerification: Bool, sources: [String]) {
        self.id = id; self.name = name; self.genericName = genericName; self.manufacturer = manufacturer
        self.targets = targets; self.construct = construct; self.indication = indication
        self.eligibility = eligibility; self.dose = dose; self.lymphodepletion = lymphodepletion
        self.windows = windows; self.followUp = followUp; self.custodyRules = custodyRules
        self.releaseSpecification = releaseSpecification; self.requiresBedsideVerification = requiresBedsideVerification
        self.sources = sources
    }
}

/// The disease and population the product is approved or studied for.
public struct Indication: Codable, Sendable, Hashable {
    public var disease: Disease
    public var text: String
    public init(disease: Disease, text: String) { self.disease = disease; self.text = text }
}

/// Diseases a profile can name; stored by raw value.
public enum Disease: String, Codable, Sendable, CaseIterable, Hashable {
    case multipleMyeloma
    case bCellAcuteLymphoblasticLeukemia
    case bCellNonHodgkinLymphoma
    case other

    public var displayName: String {
        switch self {
        case .multipleMyeloma: "Multiple myeloma"
        case .bCellAcuteLymphoblasticLeukemia: "B-cell acute lymphoblastic leukaemia"
        case .bCellNonHodgkinLymphoma: "B-cell non-Hodgkin lymphoma"
        case .other: "Other"
        }
    }
}

/// An inclusive range of whole days, used for every window in the treatment process.
public struct DayWindow: Codable, Sendable, Hashable, CustomStringConvertible {
    public var earliest: Int
    public var latest: Int
    public init(_ earliest: Int, _ latest: Int) {
        precondition(earliest <= latest, "a window's earliest day must not follow its latest")
        self.earliest = earliest; self.latest = latest
    }
    public func contains(_ day: Int) -> Bool { day >= earliest && day <= latest }
    public var description: String { earliest == latest ? "\(earliest)" : "\(earliest)–\(latest)" }
}

/// The single-infusion dose, expressed per kilogram of body weight.
public struct DoseSpecification: Codable, Sendable, Hashable {
    /// Target dose in CAR-positive viable T cells per kg (1.0 × 10⁶ for FUCASO, seed 000).
    public var cellsPerKilogram: Double
    /// Lowest dose per kg that may still be infused.
    public var minimumCellsPerKilogram: Double
    /// Highest dose per kg that may be infused.
    public var maximumCellsPerKilogram: Double
    /// A cap on the total dose for heavy patients, when the label has one.
    public var maximumTotalCells: Double?
    /// Weights the dosing rule is written for; outside them the dose is flagged for review.
    public var weightRangeKilograms: ClosedRange<Double>

    public init(cellsPerKilogram: Double, minimumCellsPerKilogram: Double, maximumCellsPerKilogram: Double,
                maximumTotalCells: Double? = nil, weightRangeKilograms: ClosedRange<Double> = 30...200) {
        self.cellsPerKilogram = cellsPerKilogram
        self.minimumCellsPerKilogram = minimumCellsPerKilogram
        self.maximumCellsPerKilogram = maximumCellsPerKilogram
        self.maximumTotalCells = maximumTotalCells
        self.weightRangeKilograms = weightRangeKilograms
    }
}

/// Lymphodepleting chemotherapy: which drugs, how much per m² and on which days of the regimen.
public struct LymphodepletionRegimen: Codable, Sendable, Hashable {
    public struct Drug: Codable, Sendable, Hashable {
        public var name: String
        public var milligramsPerSquareMeter: Double
        /// Regimen days (1-based) on which the drug is given.
        public var onDays: [Int]
        public init(name: String, milligramsPerSquareMeter: Double, onDays: [Int]) {
            self.name = name; self.milligramsPerSquareMeter = milligramsPerSquareMeter; self.onDays = onDays
        }
    }
    public var drugs: [Drug]
    /// Number of dosing days (3 for FUCASO, seed 003).
    public var days: Int
    /// Whether the dosing days must follow each other without a gap (seed 003: "3 consecutive days").
    public var consecutive: Bool
    public init(drugs: [Drug], days: Int, consecutive: Bool) {
        self.drugs = drugs; self.days = days; self.consecutive = consecutive
    }
}

/// Every window of the treatment process, kept as data because windows differ by jurisdiction and by
/// label version (product-and-trial.md).
public struct TreatmentWindows: Codable, Sendable, Hashable {
    /// How many leukapheresis attempts a patient may have before the program gives up.
    public var maximumCollectionAttempts: Int
    /// Days from collection to product release (vein to release: ~4–5 weeks, seed 003).
    public var manufacturingDays: DayWindow
    /// Days from release to the first lymphodepletion dose (shipment back and scheduling; center policy).
    public var releaseToLymphodepletionDays: DayWindow
    /// Days from the last lymphodepletion dose to the infusion (2–4 for FUCASO, seed 003).
    public var infusionAfterLastLymphodepletionDays: DayWindow
    /// Close monitoring after infusion (first 14 days, seed 003).
    public var closeMonitoringDays: Int
    /// Short-term monitoring ends on this study day (Day 28, seed 003).
    public var monitoringEndDay: Int
    /// Days the patient stays near the center (4 weeks, seed 003).
    public var stayNearCenterDays: Int
    /// Study days with a scheduled safety assessment during short-term monitoring.
    public var monitoringAssessmentDays: [Int]

    public init(maximumCollectionAttempts: Int, manufacturingDays: DayWindow, releaseToLymphodepletionDays: DayWindow,
                infusionAfterLastLymphodepletionDays: DayWindow, closeMonitoringDays: Int, monitoringEndDay: Int,
                stayNearCenterDays: Int, monitoringAssessmentDays: [Int]) {
        self.maximumCollectionAttempts = maximumCollectionAttempts
        self.manufacturingDays = manufacturingDays
        self.releaseToLymphodepletionDays = releaseToLymphodepletionDays
        self.infusionAfterLastLymphodepletionDays = infusionAfterLastLymphodepletionDays
        self.closeMonitoringDays = closeMonitoringDays
        self.monitoringEndDay = monitoringEndDay
        self.stayNearCenterDays = stayNearCenterDays
        self.monitoringAssessmentDays = monitoringAssessmentDays
    }
}

/// Long-term follow-up visits and registry reports, measured from the infusion.
public struct FollowUpSchedule: Codable, Sendable, Hashable {
    public enum Offset: Codable, Sendable, Hashable {
        case days(Int)
        case months(Int)

        /// The calendar date of this offset from the infusion date.
        public func date(from infusion: CalendarDate) -> CalendarDate {
            switch self {
            case .days(let d): infusion.adding(days: d)
            case .months(let m): infusion.adding(months: m)
            }
        }

        public var label: String {
            switch self {
            case .days(let d): "Day \(d)"
            case .months(let m): m % 12 == 0 ? "Month \(m) (year \(m / 12))" : "Month \(m)"
            }
        }
    }
    public var visits: [Offset]
    /// Registry reporting points (CIBMTR form 4100: 100 days, 6 months, then yearly).
    public var registryReports: [Offset]
    /// Days either side of a visit's date within which it still counts as on time.
    public var visitToleranceDays: Int
    public init(visits: [Offset], registryReports: [Offset], visitToleranceDays: Int) {
        self.visits = visits; self.registryReports = registryReports; self.visitToleranceDays = visitToleranceDays
    }
}
