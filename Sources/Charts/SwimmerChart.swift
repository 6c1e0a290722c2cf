import Foundation

/// A swimmer plot: one horizontal bar per patient for time on study, with event markers on the bar —
/// response onset (filled circle, coloured by response category), progression (black triangle),
/// death (black cross), other events (grey diamond) — and an arrow past the end when follow-up is
/// ongoing. Bars are sorted longest on top by default and coloured by an optional category
/// (cohort, dose level, best response).
public struct SwimmerChart: Sendable, Equatable, Codable {
    public struct Event: Sendable, Equatable, Codable {
        public enum Kind: String, Sendable, Codable, CaseIterable { case response, progression, death, other }
        /// Time from the bar's origin, in the x axis unit.
        public var time: Double
        public var kind: Kind
        /// For `.response`, the response category (e.g. IMWG "sCR", "CR", "VGPR", "PR"); for `.other`,
        /// the legend label. Ignored for progression and death.
        public var label: String?
        public init(time: Double, kind: Kind, label: String? = nil) {
            self.time = time
            self.kind = kind
            self.label = label
        }
    }

    public struct Patient: Sendable, Equatable, Codable {
        /// Row label: a study or chain-of-identity code, never a name (charts leave the site).
        public var id: String
        public var duration: Double
        public var category: String?
        public var events: [Event]
        public var ongoing: Bool
        public init(id: String, duration: Double, category: String? = nil, events: [Event] = [], ongoing: Bool = false) {
            self.id = id
            self.duration = duration
            self.category = category
            self.events = events
            self.ongoing = ongoing
        }
    }

    public enum Ordering: String, Sendable, Codable, CaseIterable { case durationDescending, durationAscending, asGiven }

    public var frame: SVGChart.Frame
    public var patients: [Patient]
    public var xTitle: String
    public var ordering: Ordering
    /// Response categories in the order their colours and legend entries should take.
    public var responseOrder: [String]
    /// Bar categories in the order their colours and legend entries should take.
    public var categoryOrder: [String]
    public var tickInterval: Double?

    public init(frame: SVGChart.Frame, patients: [Patient], xTitle: String = "Months since infusion",
                ordering: Ordering = .durationDescending,
                responseOrder: [String] = ["sCR", "CR", "VGPR", "PR", "MR", "SD"],
                categoryOrder: [String] = [], tickInterval: Double? = nil) {
        self.frame = frame
        self.patients = patients
        self.xTitle = xTitle
        self.ordering = ordering
        self.responseOrder = responseOrder
        self.categoryOrder = categoryOrder
        self.tickInterval = tickInterval
    }

    /// Patients in display order, top row first; ties keep the given order.
    public var orderedPatients: [Patient] {
        let indexed = Array(patients.enumerated())
        switch ordering {
        case .asGiven: return patients
        case .durationDescending:
            return indexed.sorted { ($1.element.duration, $0.offset) < ($0.element.duration, $1.offset) }.map(\.element)
        case .durationAscending:
            return indexed.sorted { ($0.element.duration, $0.offset) < ($1.element.duration, $1.offset) }.map(\.element)
        }
    }

    static let rowHeight = 18.0
    static let barHeight = 10.0
}
