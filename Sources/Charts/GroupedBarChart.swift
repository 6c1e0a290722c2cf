import Foundation

/// A vertical bar chart of non-negative values by category, with series either side by side
/// (grouped) or on top of each other (stacked) — e.g. CRS incidence by maximum grade per cohort.
public struct GroupedBarChart: Sendable, Equatable, Codable {
    public enum Mode: String, Sendable, Codable, CaseIterable { case grouped, stacked }

    /// One series; `values[i]` belongs to `categories[i]` (missing trailing values count as 0,
    /// negative values are drawn as 0 because incidences and counts cannot be negative).
    public struct Series: Sendable, Equatable, Codable {
        public var name: String
        public var values: [Double]
        public var color: String?
        public init(name: String, values: [Double], color: String? = nil) {
            self.name = name
            self.values = values
            self.color = color
        }
    }

    public var frame: SVGChart.Frame
    public var categories: [String]
    public var series: [Series]
    public var mode: Mode
    public var yTitle: String
    public var xTitle: String?
    /// Appended to printed values and tick labels, e.g. "%".
    public var valueSuffix: String
    public var showValues: Bool
    /// Upper end of the y axis; nil rounds the tallest bar up to a nice tick.
    public var yMax: Double?
    public var valueDecimals: Int

    public init(frame: SVGChart.Frame, categories: [String], series: [Series], mode: Mode = .grouped,
                yTitle: String = "Patients (%)", xTitle: String? = nil, valueSuffix: String = "",
                showValues: Bool = true, yMax: Double? = nil, valueDecimals: Int = 1) {
        self.frame = frame
        self.categories = categories
        self.series = series
        self.mode = mode
        self.yTitle = yTitle
        self.xTitle = xTitle
        self.valueSuffix = valueSuffix
        self.showValues = showValues
        self.yMax = yMax
        self.valueDecimals = valueDecimals
    }

    /// The drawn value of series `s` in category `c` (0 when missing or negative).
    public func value(series s: Int, category c: Int) -> Double {
        let v = c < series[s].values.count ? series[s].values[c] : 0
        return v.isFinite ? max(0, v) : 0
    }

    func color(_ i: Int) -> String { series[i].color ?? SVGChart.Palette.category(i) }

    /// Renders the chart: category i occupies the i-th of n equal bands; grouped bars share 80 % of
    /// the band, a stacked bar takes 60 % of it.
    public func svg() -> String { svg(words: .english) }

    /// Renders the chart with the summary in `words`.
    public func svg(words: Words) -> String {
        let legend = SVGChart.Legend(items: series.enumerated().map { .init(label: $0.element.name, color: color($0.offset)) })
        let legendHeight = series.count > 1 ? legend.height(maxWidth: frame.width - 20) : 0
        let insets = frame.insets ?? SVGChart.Insets(top: 16 + legendHeight, right: 20, bottom: xTitle == nil ? 34 : 50, left: 64)
        let height = frame.height ?? (insets.top + 240 + insets.bottom)
        let plot = SVGChart.Rect.plotArea(width: frame.width, height: height, insets: insets)
        let tallest = categories.indices.map { c -> Double in
            let vs = series.indices.map { value(series: $0, category: c) }
            return mode == .stacked ? vs.reduce(0, +) : (vs.max() ?? 0)
        }.max() ?? 0
        var y = SVGChart.LinearScale(lower: 0, upper: max(tallest, 1e-9), rangeStart: plot.maxY, rangeEnd: plot.minY).niced(count: 6)
        if let m = yMax, m > 0 { y.upper = m }
        let yAxis = SVGChart.Axis.linear(y, edge: .left, count: 6, title: yTitle) { SVGChart.format($0) + valueSuffix }
        let band = plot.width / Double(max(categories.count, 1))
        let xAxis = SVGChart.Axis(edge: .bottom, ticks: categories.enumerated().map {
            .init(position: plot.minX + band * (Double($0.offset) + 0.5), label: $0.element)
        }, title: xTitle)
        let label = { (v: Double) in SVGChart.format(v, decimals: valueDecimals) + valueSuffix }
        let perSeries: [String] = series.indices.map { (s: Int) -> String in
            let vs: [String] = categories.indices.map { label(value(series: s, category: $0)) }
            return "\(series[s].name) \(vs.joined(separator: "/"))"
        }
        let desc = frame.description
            ?? words.summary(mode == .stacked, series.map(\.name), categories, perSeries)

        return SVGChart.document(frame: frame, height: height, description: desc) { w in
            if series.count > 1 { legend.draw(x: 10, y: 6, maxWidth: frame.width - 20, into: &w) }
            yAxis.drawGrid(in: plot, into: &w)
            for c in categories.indices {
                let bandX = plot.minX + band * Double(c)
                w.group("g", [("class", "bar-category"), ("data-category", categories[c])]) { w in
                    var base = 0.0
                    for s in series.indices {
                        let v = value(series: s, category: c)
                        let r: SVGChart.Rect
                        if mode == .stacked {
                            r = SVGChart.Rect(x: bandX + band * 0.2, y: y(base + v), width: band * 0.6, height: y(base) - y(base + v))
                            base += v
                        } else {
                            let inner = band * 0.8 / Double(max(series.count, 1))
                            r = SVGChart.Rect(x: bandX + band * 0.1 + inner * Double(s), y: y(v), width: inner, height: y(0) - y(v))
                        }
                        w.rect(r, [("class", "bar"), ("data-series", series[s].name), ("fill", color(s))])
                        guard showValues, v > 0 else { continue }
                        if mode == .grouped {
                            w.text(label(v), x: r.x + r.width / 2, y: r.y - 4, anchor: "middle", [("class", "bar-value"), ("font-size", "10")])
                        } else if r.height >= 12 {
                            w.text(label(v), x: r.x + r.width / 2, y: r.y + r.height / 2 + 4, anchor: "middle",
                                   [("class", "bar-value"), ("font-size", "10"), ("fill", SVGChart.Palette.textColor(on: color(s)))])
                        }
                    }
                }
            }
            xAxis.draw(in: plot, into: &w)
            yAxis.draw(in: plot, into: &w)
        }
    }
}
