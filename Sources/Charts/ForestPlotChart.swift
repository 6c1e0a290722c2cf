import Foundation

/// A forest plot: one row per subgroup with its label, point estimate (square) and confidence
/// interval (line) on a log x axis, a dashed reference line at 1 (no effect for a hazard or odds
/// ratio), an overall estimate drawn as a diamond, and the numbers printed in a right-hand column.
public struct ForestPlotChart: Sendable, Equatable, Codable {
    public struct Row: Sendable, Equatable, Codable {
        public enum Style: String, Sendable, Codable, CaseIterable { case item, summary, heading }
        public var label: String
        public var estimate: Double?
        public var lower: Double?
        public var upper: Double?
        /// Extra text shown in parentheses after the label, e.g. "n=45" or "12/45".
        public var detail: String?
        public var style: Style
        public init(label: String, estimate: Double? = nil, lower: Double? = nil, upper: Double? = nil,
                    detail: String? = nil, style: Style = .item) {
            self.label = label
            self.estimate = estimate
            self.lower = lower
            self.upper = upper
            self.detail = detail
            self.style = style
        }
    }

    public var frame: SVGChart.Frame
    public var rows: [Row]
    public var xTitle: String
    public var estimateHeader: String
    public var referenceValue: Double
    /// Axis bounds; nil fits the intervals and the reference, widened to 1-2-5 values.
    public var axisLower: Double?
    public var axisUpper: Double?
    /// Optional captions under the axis on each side of the reference, e.g. "Favours CAR-T".
    public var favoursLeft: String?
    public var favoursRight: String?
    public var decimals: Int

    public init(frame: SVGChart.Frame, rows: [Row], xTitle: String = "Hazard ratio", estimateHeader: String = "HR (95% CI)",
                referenceValue: Double = 1, axisLower: Double? = nil, axisUpper: Double? = nil,
                favoursLeft: String? = nil, favoursRight: String? = nil, decimals: Int = 2) {
        self.frame = frame
        self.rows = rows
        self.xTitle = xTitle
        self.estimateHeader = estimateHeader
        self.referenceValue = referenceValue
        self.axisLower = axisLower
        self.axisUpper = axisUpper
        self.favoursLeft = favoursLeft
        self.favoursRight = favoursRight
        self.decimals = decimals
    }

    static let rowHeight = 22.0

    /// "0.54 (0.32–0.91)" with `decimals` fixed places; the estimate alone when a limit is missing.
    public func estimateText(_ row: Row) -> String {
        guard let e = row.estimate else { return "" }
        let point = SVGChart.fixed(e, decimals: decimals)
        guard let lo = row.lower, let hi = row.upper else { return point }
        return point + " (" + SVGChart.fixed(lo, decimals: decimals) + "–" + SVGChart.fixed(hi, decimals: decimals) + ")"
    }

    func labelText(_ row: Row, words: Words = .english) -> String { row.detail.map { words.labelWithDetail(row.label, $0) } ?? row.label }

    /// Renders the chart: rows 22 units apart from the plot top, x a log10 scale over the axis bounds.
    public func svg() -> String { svg(words: .english) }

    /// Renders the chart with the rows' details and the summary in `words`.
    public func svg(words: Words) -> String {
        let labelWidth = rows.map { SVGChart.estimatedWidth(of: labelText($0, words: words), fontSize: 12) }.max() ?? 0
        let numberWidth = (rows.map { SVGChart.estimatedWidth(of: estimateText($0), fontSize: 12) } + [SVGChart.estimatedWidth(of: estimateHeader, fontSize: 12)]).max() ?? 0
        let captions = favoursLeft != nil || favoursRight != nil
        let insets = frame.insets ?? SVGChart.Insets(top: 28, right: numberWidth + 24, bottom: captions ? 62 : 46, left: labelWidth + 20)
        let height = frame.height ?? (insets.top + Self.rowHeight * Double(max(rows.count, 1)) + insets.bottom)
        let plot = SVGChart.Rect.plotArea(width: frame.width, height: height, insets: insets)
        let values = rows.flatMap { [$0.lower, $0.estimate, $0.upper].compactMap { $0 } }.filter { $0 > 0 && $0.isFinite } + [referenceValue]
        var x = SVGChart.LogScale(lower: values.min() ?? 0.5, upper: values.max() ?? 2, rangeStart: plot.minX, rangeEnd: plot.maxX).nicedOneTwoFive()
        if let l = axisLower, l > 0 { x.lower = l }
        if let u = axisUpper, u > x.lower { x.upper = u }
        let axis = SVGChart.Axis.log(x, edge: .bottom, title: xTitle)
        let clamp = { (v: Double) in min(max(v, x.lower), x.upper) }
        let estimates: [String] = rows.filter { $0.estimate != nil }.map { "\($0.label) \(estimateText($0))" }
        let desc = frame.description
            ?? words.summary(estimates.count, SVGChart.format(referenceValue, decimals: 3), estimates)

        return SVGChart.document(frame: frame, height: height, description: desc) { w in
            w.text(estimateHeader, x: plot.maxX + 12, y: plot.minY - 10, [("font-weight", "bold")])
            w.line(x1: x(referenceValue), y1: plot.minY, x2: x(referenceValue), y2: plot.maxY,
                   [("class", "reference-line"), ("stroke", SVGChart.Palette.axis), ("stroke-dasharray", "4 3")])
            for (i, row) in rows.enumerated() {
                let cy = plot.minY + Self.rowHeight * (Double(i) + 0.5)
                let bold: [SVGChart.Attribute] = row.style == .item ? [] : [("font-weight", "bold")]
                w.group("g", [("class", "forest-row forest-" + row.style.rawValue), ("data-label", row.label)]) { w in
                    w.text(labelText(row, words: words), x: row.style == .item ? 16 : 8, y: cy + 4, bold)
                    guard row.style != .heading, let e = row.estimate, e > 0 else { return }
                    if let lo = row.lower, let hi = row.upper, lo > 0, hi > 0 {
                        if row.style == .summary {
                            var p = SVGChart.Path()
                            p.move(x(clamp(lo)), cy); p.line(x(clamp(e)), cy - 6); p.line(x(clamp(hi)), cy); p.line(x(clamp(e)), cy + 6); p.close()
                            w.path(p.data, [("class", "forest-diamond"), ("fill", SVGChart.Palette.black)])
                        } else {
                            w.line(x1: x(clamp(lo)), y1: cy, x2: x(clamp(hi)), y2: cy, [("class", "forest-ci"), ("stroke", SVGChart.Palette.black), ("stroke-width", "1.5")])
                            if lo < x.lower { drawArrowHead(at: x(x.lower), cy: cy, pointingLeft: true, into: &w) }
                            if hi > x.upper { drawArrowHead(at: x(x.upper), cy: cy, pointingLeft: false, into: &w) }
                        }
                    }
                    if row.style == .item && e >= x.lower && e <= x.upper {
                        SVGChart.Marker.square.draw(x: x(e), y: cy, r: 4.5, color: SVGChart.Palette.blue, into: &w, [("class", "forest-estimate")])
                    }
                    w.text(estimateText(row), x: plot.maxX + 12, y: cy + 4, [("class", "forest-text")] + bold)
                }
            }
            axis.draw(in: plot, into: &w)
            if let l = favoursLeft {
                w.text("← " + l, x: x(referenceValue) - 6, y: plot.maxY + 54, anchor: "end", [("font-size", "10")])
            }
            if let r = favoursRight {
                w.text(r + " →", x: x(referenceValue) + 6, y: plot.maxY + 54, anchor: "start", [("font-size", "10")])
            }
        }
    }

    func drawArrowHead(at px: Double, cy: Double, pointingLeft: Bool, into w: inout SVGChart.Writer) {
        let d: Double = pointingLeft ? 1 : -1
        var p = SVGChart.Path()
        p.move(px + 5 * d, cy - 4); p.line(px, cy); p.line(px + 5 * d, cy + 4)
        w.path(p.data, [("class", "forest-ci-clipped"), ("fill", "none"), ("stroke", SVGChart.Palette.black), ("stroke-width", "1.5")])
    }
}
