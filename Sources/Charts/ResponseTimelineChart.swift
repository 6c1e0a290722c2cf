import Foundation

/// One patient's disease marker over time (serum M-protein, dFLC, …) on a linear axis, each assessment
/// labelled with the IMWG category it met (filled marker: confirmed; hollow: not confirmed), a dashed
/// line at the baseline value, a dotted vertical line at progression and the best confirmed response
/// written above the plot. The categories are given, never computed here: the chart draws what the
/// response engine decided.
public struct ResponseTimelineChart: Sendable, Equatable, Codable {
    public struct Point: Sendable, Equatable, Codable {
        /// Study day (Day 0 = infusion); the baseline is usually negative.
        public var day: Double
        /// The marker's value in the y unit; `nil` when not measured at this assessment (the category is
        /// still shown, on the axis).
        public var value: Double?
        /// The category met at this assessment (`VGPR`); `nil` for the baseline point.
        public var category: String?
        public var confirmed: Bool
        public init(day: Double, value: Double?, category: String? = nil, confirmed: Bool = false) {
            self.day = day
            self.value = value
            self.category = category
            self.confirmed = confirmed
        }
    }

    public var frame: SVGChart.Frame
    public var points: [Point]
    public var yTitle: String
    public var xTitle: String
    /// `VGPR`, `CR`, … as the engine gave it; `nil` when nothing was confirmed.
    public var bestResponse: String?
    public var bestResponseDay: Double?
    public var progressionDay: Double?
    public var categoryOrder: [String]

    public init(frame: SVGChart.Frame, points: [Point], yTitle: String, xTitle: String = "Days after infusion",
                bestResponse: String? = nil, bestResponseDay: Double? = nil, progressionDay: Double? = nil,
                categoryOrder: [String] = ["sCR", "CR", "VGPR", "PR", "MR", "SD", "PD", "NE"]) {
        self.frame = frame
        self.points = points
        self.yTitle = yTitle
        self.xTitle = xTitle
        self.bestResponse = bestResponse
        self.bestResponseDay = bestResponseDay
        self.progressionDay = progressionDay
        self.categoryOrder = categoryOrder
    }

    /// The colour of a category, stable across charts (`SVGChart.Palette.assign` over `categoryOrder`).
    public func color(of category: String) -> String {
        let colors = SVGChart.Palette.assign(categoryOrder, order: categoryOrder)
        return colors.first { $0.name == category }?.color ?? SVGChart.Palette.muted
    }

    /// Renders the chart: x spans day min(0, first) … last (nice bounds), y spans 0 … the largest value
    /// (nice bounds, at least 1); points are joined in day order where measured.
    public func svg() -> String { svg(words: .english) }

    /// Renders the chart with the headline, the baseline and progression labels and the summary in `words`.
    public func svg(words: Words) -> String {
        let shown = categoryOrder.filter { c in points.contains { $0.category == c } }
        let legend = SVGChart.Legend(items: shown.map { .init(label: $0, color: color(of: $0)) })
        let headline = bestResponse.map { words.bestResponse($0, bestResponseDay.map { SVGChart.format($0, decimals: 0) }) }
            ?? words.noConfirmedResponse
        let legendHeight = legend.height(maxWidth: frame.width - 20)
        let insets = frame.insets ?? SVGChart.Insets(top: 34 + legendHeight, right: 30, bottom: 48, left: 72)
        let height = frame.height ?? (insets.top + 260 + insets.bottom)
        let plot = SVGChart.Rect.plotArea(width: frame.width, height: height, insets: insets)
        let sorted = points.enumerated().sorted { ($0.element.day, $0.offset) < ($1.element.day, $1.offset) }.map(\.element)
        let values = sorted.compactMap(\.value)
        let (ylo, yhi) = SVGChart.niceBounds(lower: 0, upper: max(1, values.max() ?? 1), count: 5)
        let y = SVGChart.LinearScale(lower: ylo, upper: yhi, rangeStart: plot.maxY, rangeEnd: plot.minY)
        let firstDay = min(0, sorted.first?.day ?? 0)
        let lastDay = max(sorted.last?.day ?? 28, progressionDay ?? 0, firstDay + 28)
        let x = SVGChart.LinearScale(lower: firstDay, upper: lastDay, rangeStart: plot.minX, rangeEnd: plot.maxX).niced(count: 7)
        let xAxis = SVGChart.Axis.linear(x, edge: .bottom, count: 7, title: xTitle)
        let yAxis = SVGChart.Axis.linear(y, edge: .left, count: 5, title: yTitle)
        let assessed = sorted.filter { $0.category != nil }
        let desc = frame.description
            ?? words.summary(yTitle, sorted.count, assessed.count, headline, progressionDay.map { SVGChart.format($0, decimals: 0) })

        return SVGChart.document(frame: frame, height: height, description: desc) { w in
            w.text(headline, x: 10, y: 18, [("class", "response-best"), ("font-size", "13"), ("font-weight", "bold")])
            legend.draw(x: 10, y: 26, maxWidth: frame.width - 20, into: &w)
            yAxis.drawGrid(in: plot, into: &w)
            if let base = sorted.first(where: { $0.category == nil })?.value {
                w.line(x1: plot.minX, y1: y(base), x2: plot.maxX, y2: y(base),
                       [("class", "response-baseline"), ("stroke", SVGChart.Palette.muted), ("stroke-dasharray", "6 4")])
                w.text(words.baseline, x: plot.maxX - 4, y: y(base) - 4, anchor: "end", [("font-size", "10")])
            }
            if let pd = progressionDay {
                w.line(x1: x(pd), y1: plot.minY, x2: x(pd), y2: plot.maxY,
                       [("class", "response-progression"), ("stroke", SVGChart.Palette.vermillion), ("stroke-dasharray", "2 3")])
                w.text(words.progression, x: x(pd) + 3, y: plot.minY + 10, [("font-size", "10"), ("fill", SVGChart.Palette.vermillion)])
            }
            var path = SVGChart.Path()
            for p in sorted {
                guard let v = p.value else { continue }
                if path.isEmpty { path.move(x(p.day), y(v)) } else { path.line(x(p.day), y(v)) }
            }
            if !path.isEmpty { w.path(path.data, [("class", "response-line"), ("fill", "none"), ("stroke", SVGChart.Palette.axis), ("stroke-width", "1.5")]) }
            for p in sorted {
                let py = y(p.value ?? ylo)
                let c = p.category.map(color(of:)) ?? SVGChart.Palette.axis
                w.group("g", [("class", "response-point"), ("data-day", SVGChart.format(p.day, decimals: 0)),
                              ("data-category", p.category ?? "baseline")]) { w in
                    SVGChart.Marker.circle.draw(x: x(p.day), y: py, r: 4.5, color: c, hollow: p.category != nil && !p.confirmed, into: &w)
                    if let cat = p.category {
                        w.text(cat, x: x(p.day), y: py - 8, anchor: "middle", [("font-size", "10"), ("fill", c)])
                    }
                }
            }
            xAxis.draw(in: plot, into: &w)
            yAxis.draw(in: plot, into: &w)
        }
    }
}
