import Foundation

/// A waterfall plot of each patient's best percentage change from baseline (e.g. serum M-protein),
/// sorted from the largest increase on the left to the deepest reduction on the right, coloured by
/// category (typically the best IMWG response), with dashed reference lines at −50 % and −90 % (the
/// IMWG PR and VGPR M-protein thresholds, Kumar S et al., Lancet Oncol 17:e328, 2016).
public struct WaterfallChart: Sendable, Equatable, Codable {
    public struct Bar: Sendable, Equatable, Codable {
        public var id: String
        /// Best change from baseline, percent (−100 means complete disappearance).
        public var percentChange: Double
        public var category: String?
        public init(id: String, percentChange: Double, category: String? = nil) {
            self.id = id
            self.percentChange = percentChange
            self.category = category
        }
    }

    public var frame: SVGChart.Frame
    public var bars: [Bar]
    public var yTitle: String
    public var referenceLines: [Double]
    /// Increases above this are drawn up to it and labelled with their true value.
    public var upperClip: Double
    public var categoryOrder: [String]
    /// Print each bar's id under the axis (rotated); sensible for up to ~40 bars.
    public var showIDs: Bool

    public init(frame: SVGChart.Frame, bars: [Bar], yTitle: String = "Best change from baseline (%)",
                referenceLines: [Double] = [-50, -90], upperClip: Double = 100,
                categoryOrder: [String] = ["sCR", "CR", "VGPR", "PR", "MR", "SD", "PD"], showIDs: Bool = false) {
        self.frame = frame
        self.bars = bars
        self.yTitle = yTitle
        self.referenceLines = referenceLines
        self.upperClip = upperClip
        self.categoryOrder = categoryOrder
        self.showIDs = showIDs
    }

    /// Bars in display order: descending change, ties in the given order.
    public var orderedBars: [Bar] {
        bars.enumerated().sorted { ($1.element.percentChange, $0.offset) < ($0.element.percentChange, $1.offset) }.map(\.element)
    }

    /// Renders the chart. Bar i of n occupies the i-th of n equal bands across the plot width, 80 %
    /// of the band wide; y spans at least −100…0 widened to nice 1-2-5 bounds.
    public func svg() -> String { svg(words: .english) }

    /// Renders the chart with the summary in `words`.
    public func svg(words: Words) -> String {
        let colors = SVGChart.Palette.assign(bars.compactMap(\.category), order: categoryOrder)
        let colorOf = Dictionary(colors.map { ($0.name, $0.color) }, uniquingKeysWith: { a, _ in a })
        let legend = SVGChart.Legend(items: colors.map { .init(label: $0.name, color: $0.color) })
        let legendHeight = legend.height(maxWidth: frame.width - 20)
        let idRoom = showIDs ? 8 + (bars.map { SVGChart.estimatedWidth(of: $0.id, fontSize: 10) }.max() ?? 0) : 0
        let insets = frame.insets ?? SVGChart.Insets(top: 14 + legendHeight, right: 56, bottom: 16 + idRoom, left: 64)
        let height = frame.height ?? (insets.top + 280 + insets.bottom)
        let plot = SVGChart.Rect.plotArea(width: frame.width, height: height, insets: insets)
        let values = bars.map { min($0.percentChange, upperClip) }
        let (lo, hi) = SVGChart.niceBounds(lower: min(-100, values.min() ?? 0), upper: max(0, values.max() ?? 0), count: 7)
        let y = SVGChart.LinearScale(lower: lo, upper: hi, rangeStart: plot.maxY, rangeEnd: plot.minY)
        let yAxis = SVGChart.Axis.linear(y, edge: .left, count: 7, title: yTitle)
        let ordered = orderedBars
        let band = plot.width / Double(max(ordered.count, 1))
        let responders = bars.filter { $0.percentChange <= -50 }.count
        let desc = frame.description
            ?? words.summary(bars.count, responders)

        return SVGChart.document(frame: frame, height: height, description: desc) { w in
            legend.draw(x: 10, y: 6, maxWidth: frame.width - 20, into: &w)
            yAxis.drawGrid(in: plot, into: &w)
            for (i, b) in ordered.enumerated() {
                let v = min(b.percentChange, upperClip)
                let rect = SVGChart.Rect(x: plot.minX + band * (Double(i) + 0.1), y: y(0), width: band * 0.8, height: y(v) - y(0))
                let fill = b.category.flatMap { colorOf[$0] } ?? SVGChart.Palette.muted
                w.rect(rect, [("class", "waterfall-bar"), ("data-patient", b.id), ("fill", fill)])
                if b.percentChange > upperClip {
                    w.text("+" + SVGChart.format(b.percentChange, decimals: 0) + "%", x: rect.x + rect.width / 2, y: y(v) - 4,
                           anchor: "middle", [("class", "waterfall-clipped"), ("font-size", "9")])
                }
                if showIDs {
                    let tx = rect.x + rect.width / 2 + 3, ty = plot.maxY + 8
                    w.text(b.id, x: tx, y: ty, anchor: "end",
                           [("font-size", "10"), ("transform", "rotate(-90 " + SVGChart.format(tx) + " " + SVGChart.format(ty) + ")")])
                }
            }
            w.line(x1: plot.minX, y1: y(0), x2: plot.maxX, y2: y(0), [("class", "waterfall-zero"), ("stroke", SVGChart.Palette.axis)])
            for r in referenceLines where r >= lo && r <= hi {
                w.line(x1: plot.minX, y1: y(r), x2: plot.maxX, y2: y(r),
                       [("class", "reference-line"), ("stroke", SVGChart.Palette.axis), ("stroke-dasharray", "5 4")])
                w.text(SVGChart.format(r) + "%", x: plot.maxX + 4, y: y(r) + 4, [("class", "reference-label"), ("font-size", "10")])
            }
            yAxis.draw(in: plot, into: &w)
        }
    }
}
