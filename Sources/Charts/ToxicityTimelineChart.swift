import Foundation

/// The Day 0–28 safety picture of one patient after CAR-T infusion: a bar row per graded toxicity
/// (ASTCT CRS and ICANS grades 0–5, Lee DW et al., Biol Blood Marrow Transplant 25:625, 2019) coloured
/// by grade, a temperature line with the 38.0 °C fever reference (the ASTCT fever definition), and
/// interventions (tocilizumab, dexamethasone, …) as labelled ticks across the panels.
public struct ToxicityTimelineChart: Sendable, Equatable, Codable {
    /// The grade in force from `day` until the next change (or the end of the axis).
    public struct GradeChange: Sendable, Equatable, Codable {
        public var day: Double
        public var grade: Int
        public init(day: Double, grade: Int) {
            self.day = day
            self.grade = grade
        }
    }

    public struct GradeRow: Sendable, Equatable, Codable {
        public var name: String
        public var changes: [GradeChange]
        public init(name: String, changes: [GradeChange]) {
            self.name = name
            self.changes = changes
        }
    }

    /// A temperature at a study day; fractional days place readings within the day (hour / 24).
    public struct TemperatureReading: Sendable, Equatable, Codable {
        public var day: Double
        public var celsius: Double
        public init(day: Double, celsius: Double) {
            self.day = day
            self.celsius = celsius
        }
    }

    public struct Intervention: Sendable, Equatable, Codable {
        public var day: Double
        public var name: String
        public init(day: Double, name: String) {
            self.day = day
            self.name = name
        }
    }

    public var frame: SVGChart.Frame
    public var rows: [GradeRow]
    public var temperatures: [TemperatureReading]
    public var interventions: [Intervention]
    public var firstDay: Double
    public var lastDay: Double
    public var tickInterval: Double
    /// Fever reference line, °C (ASTCT: fever is ≥ 38.0 °C).
    public var feverThreshold: Double

    public init(frame: SVGChart.Frame, rows: [GradeRow], temperatures: [TemperatureReading] = [],
                interventions: [Intervention] = [], firstDay: Double = 0, lastDay: Double = 28,
                tickInterval: Double = 7, feverThreshold: Double = 38.0) {
        self.frame = frame
        self.rows = rows
        self.temperatures = temperatures
        self.interventions = interventions
        self.firstDay = firstDay
        self.lastDay = lastDay
        self.tickInterval = tickInterval
        self.feverThreshold = feverThreshold
    }

    /// The usual two rows, "CRS" and "ICANS".
    public init(frame: SVGChart.Frame, crs: [GradeChange], icans: [GradeChange], temperatures: [TemperatureReading] = [],
                interventions: [Intervention] = [], firstDay: Double = 0, lastDay: Double = 28) {
        self.init(frame: frame, rows: [GradeRow(name: "CRS", changes: crs), GradeRow(name: "ICANS", changes: icans)],
                  temperatures: temperatures, interventions: interventions, firstDay: firstDay, lastDay: lastDay)
    }

    /// Constant-grade segments of a row inside `firstDay…lastDay`: each change holds until the next
    /// change's day (changes sorted by day; the later of two same-day changes wins).
    public func segments(_ row: GradeRow) -> [(start: Double, end: Double, grade: Int)] {
        let sorted = row.changes.enumerated().sorted { ($0.element.day, $0.offset) < ($1.element.day, $1.offset) }.map(\.element)
        var out: [(start: Double, end: Double, grade: Int)] = []
        for (i, c) in sorted.enumerated() {
            let next = i + 1 < sorted.count ? sorted[i + 1].day : lastDay
            let s = max(c.day, firstDay), e = min(next, lastDay)
            if e > s { out.append((s, e, min(max(c.grade, 0), 5))) }
        }
        return out
    }

    /// Stacks labels in up to three levels so that neighbours do not overlap; returns each
    /// intervention's level, in the given order.
    static func labelLevels(centres: [Double], widths: [Double]) -> [Int] {
        var levelEnds: [Double] = []
        var levels = Array(repeating: 0, count: centres.count)
        for i in centres.indices.sorted(by: { (centres[$0], $0) < (centres[$1], $1) }) {
            let start = centres[i] - widths[i] / 2
            if let free = levelEnds.firstIndex(where: { $0 + 4 <= start }) {
                levels[i] = free
                levelEnds[free] = start + widths[i]
            } else if levelEnds.count < 3 {
                levels[i] = levelEnds.count
                levelEnds.append(start + widths[i])
            } else {
                levels[i] = 0
                levelEnds[0] = max(levelEnds[0], start + widths[i])
            }
        }
        return levels
    }
}
