import Foundation

/// Cellular kinetics over time — CAR transgene copies (qPCR/ddPCR), CAR⁺ cells by flow, a cytokine —
/// as one or more series of (day, value) on a log10 y axis, with a dashed horizontal line at the lower
/// limit of detection (LLOD).
///
/// A value below the LLOD (including zero or a negative "not detected" code, which have no logarithm)
/// is not a measurement of its size, so it is drawn *at* the LLOD line with a hollow marker; the
/// connecting line passes through that point so the loss of detectable persistence stays visible.
public struct KineticsChart: Sendable, Equatable, Codable {
    public struct Point: Sendable, Equatable, Codable {
        /// Study day (Day 0 = infusion); negative for pre-infusion samples.
        public var day: Double
        public var value: Double
        public init(day: Double, value: Double) {
            self.day = day
            self.value = value
        }
    }

    public struct Series: Sendable, Equatable, Codable {
        public var name: String
        public var points: [Point]
        public var color: String?
        public init(name: String, points: [Point], color: String? = nil) {
            self.name = name
            self.points = points
            self.color = color
        }
    }

    public var frame: SVGChart.Frame
    public var series: [Series]
    /// Lower limit of detection in the y unit; nil draws no line and clamps nothing.
    public var llod: Double?
    public var xTitle: String
    public var yTitle: String
    /// Upper end of the x axis in days, used as given; nil rounds the latest day up to a nice tick.
    public var maxDay: Double?

    public init(frame: SVGChart.Frame, series: [Series], llod: Double? = nil, xTitle: String = "Days after infusion",
                yTitle: String = "Transgene copies/µg gDNA", maxDay: Double? = nil) {
        self.frame = frame
        self.series = series
        self.llod = llod
        self.xTitle = xTitle
        self.yTitle = yTitle
        self.maxDay = maxDay
    }

    /// Whether `value` is drawn at the LLOD with a hollow marker: below a positive LLOD, or not
    /// positive at all (no logarithm exists).
    public func isBelowLLOD(_ value: Double) -> Bool {
        if let l = llod, l > 0, value < l { return true }
        return !(value > 0) || !value.isFinite
    }

    /// The value drawn for `value`: the LLOD when below it, else the value itself.
    public func displayedValue(_ value: Double) -> Double {
        isBelowLLOD(value) ? (llod.flatMap { $0 > 0 ? $0 : nil } ?? 0) : value
    }

    static let markers: [SVGChart.Marker] = [.circle, .square, .triangle, .diamond]

    /// Renders the chart; y is the decade-rounded log10 range of every drawn value and the LLOD.
    public func svg() -> String { svg(words: .english) }

    /// Renders the chart with the LLOD's legend entry and label and the summary in `words`.
    public func svg(words: Words) -> String {
        let legend = SVGChart.Legend(items: series.enumerated().map { i, s in
            .init(label: s.name, color: color(i), swatch: .marker(Self.markers[i % Self.markers.count], hollow: false))
        } + (llod != nil ? [.init(label: words.belowLLOD, color: SVGChart.Palette.axis, swatch: .marker(.circle, hollow: true))] : []))
        let legendHeight = legend.height(maxWidth: frame.width - 20)
        let insets = frame.insets ?? SVGChart.Insets(top: 14 + legendHeight, right: 44, bottom: 48, left: 72)
        let height = frame.height ?? (insets.top + 280 + insets.bottom)
        let plot = SVGChart.Rect.plotArea(width: frame.width, height: height, insets: insets)
        let all = series.flatMap(\.points)
        let drawn = all.map { displayedValue($0.value) }.filter { $0 > 0 } + (llod.map { [$0] } ?? [])
        let y = SVGChart.LogScale(lower: drawn.min() ?? 1, upper: drawn.max() ?? 10, rangeStart: plot.maxY, rangeEnd: plot.minY).niced()
        let firstDay = min(0, all.map(\.day).min() ?? 0)
        let lastDay = maxDay ?? max(all.map(\.day).max() ?? 28, firstDay + 1)
        let exact = SVGChart.LinearScale(lower: firstDay, upper: lastDay, rangeStart: plot.minX, rangeEnd: plot.maxX)
        let x = maxDay == nil ? exact.niced(count: 7) : exact
        let xAxis = SVGChart.Axis.linear(x, edge: .bottom, count: 7, title: xTitle)
        let yAxis = SVGChart.Axis.log(y, edge: .left, title: yTitle)
        let below = all.filter { isBelowLLOD($0.value) }.count
        let desc = frame.description
            ?? words.summary(series.count, llod.map { SVGChart.format($0, decimals: 3) }, below, all.count)

        return SVGChart.document(frame: frame, height: height, description: desc) { w in
            legend.draw(x: 10, y: 6, maxWidth: frame.width - 20, into: &w)
            yAxis.drawGrid(in: plot, into: &w)
            if let l = llod, l > 0 {
                w.line(x1: plot.minX, y1: y(l), x2: plot.maxX, y2: y(l),
                       [("class", "llod-line"), ("stroke", SVGChart.Palette.axis), ("stroke-dasharray", "6 4")])
                w.text(words.llod, x: plot.maxX + 4, y: y(l) + 4, [("class", "llod-label"), ("font-size", "10")])
            }
            for (i, s) in series.enumerated() {
                let c = color(i)
                let pts = s.points.enumerated().sorted { ($0.element.day, $0.offset) < ($1.element.day, $1.offset) }.map(\.element)
                w.group("g", [("class", "kinetics-series"), ("data-series", s.name)]) { w in
                    var p = SVGChart.Path()
                    for (k, pt) in pts.enumerated() {
                        let px = x(pt.day), py = y(displayedValue(pt.value))
                        if k == 0 { p.move(px, py) } else { p.line(px, py) }
                    }
                    if pts.count > 1 { w.path(p.data, [("class", "kinetics-line"), ("fill", "none"), ("stroke", c), ("stroke-width", "1.5")]) }
                    for pt in pts {
                        let hollow = isBelowLLOD(pt.value)
                        Self.markers[i % Self.markers.count].draw(
                            x: x(pt.day), y: y(displayedValue(pt.value)), r: 4, color: c, hollow: hollow, into: &w,
                            [("class", hollow ? "kinetics-point kinetics-below-llod" : "kinetics-point")])
                    }
                }
            }
            xAxis.draw(in: plot, into: &w)
            yAxis.draw(in: plot, into: &w)
        }
    }

    func color(_ i: Int) -> String { series[i].color ?? SVGChart.Palette.category(i) }
}
