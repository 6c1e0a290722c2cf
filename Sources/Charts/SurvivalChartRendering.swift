import Foundation

extension SurvivalChart {
    /// Row height of the number-at-risk table.
    static let riskRowHeight = 18.0

    /// The chart's default insets: room for the legend above, the y axis and group names on the left,
    /// and the x axis plus the risk table below.
    func defaultInsets(legendHeight: Double) -> SVGChart.Insets {
        let longest = curves.map { SVGChart.estimatedWidth(of: $0.name, fontSize: 11) }.max() ?? 0
        let table = showRiskTable ? 30 + Self.riskRowHeight * Double(curves.count) : 0
        return SVGChart.Insets(top: 14 + legendHeight, right: 24, bottom: 48 + table, left: max(64, longest + 26))
    }

    /// Renders the chart as a standalone SVG document.
    ///
    /// Layout: plot area = frame minus insets (`frame.insets` when given, so pixel positions can be
    /// computed by hand); x maps 0…``resolvedMaxTime`` onto the plot's width, y maps survival 0…1 onto
    /// its height (1 at the top). Curves, bands and ticks beyond the axis end are cut at the axis end.
    public func svg() -> String { svg(words: .english) }

    /// Renders the chart with the risk table's heading and the summary in `words`.
    public func svg(words: Words) -> String {
        let legend = SVGChart.Legend(items: curves.enumerated().map { i, c in
            .init(label: c.name, color: color(i), swatch: .line(dashed: false))
        })
        let legendHeight = curves.count > 1 ? legend.height(maxWidth: frame.width - 40) : 0
        let insets = frame.insets ?? defaultInsets(legendHeight: legendHeight)
        let height = frame.height ?? (insets.top + 300 + insets.bottom)
        let plot = SVGChart.Rect.plotArea(width: frame.width, height: height, insets: insets)
        let tMax = resolvedMaxTime
        let x = SVGChart.LinearScale(lower: 0, upper: tMax, rangeStart: plot.minX, rangeEnd: plot.maxX)
        let y = SVGChart.LinearScale(lower: 0, upper: 1, rangeStart: plot.maxY, rangeEnd: plot.minY)
        let xAxis = SVGChart.Axis.linear(x, edge: .bottom, title: xTitle, step: resolvedTickInterval)
        let yAxis = SVGChart.Axis.linear(y, edge: .left, title: yTitle, step: 0.2) { SVGChart.format($0 * 100) }

        return SVGChart.document(frame: frame, height: height, description: frame.description ?? summary(tMax, words: words)) { w in
            if curves.count > 1 { legend.draw(x: plot.minX, y: 6, maxWidth: frame.width - plot.minX - 10, into: &w) }
            yAxis.drawGrid(in: plot, into: &w)
            for (i, curve) in curves.enumerated() {
                drawCurve(curve, color: color(i), x: x, y: y, tMax: tMax, into: &w)
            }
            xAxis.draw(in: plot, into: &w)
            yAxis.draw(in: plot, into: &w)
            if showRiskTable { drawRiskTable(plot: plot, x: x, tMax: tMax, heading: words.numberAtRisk, into: &w) }
        }
    }

    func color(_ i: Int) -> String { curves[i].color ?? SVGChart.Palette.category(i) }

    func drawCurve(_ curve: Curve, color: String, x: SVGChart.LinearScale, y: SVGChart.LinearScale,
                   tMax: Double, into w: inout SVGChart.Writer) {
        let steps = curve.orderedSteps
        let end = min(curve.endTime, tMax)
        let clamp = { (v: Double) in min(max(v, 0), 1) }
        w.group("g", [("class", "km-group"), ("data-group", curve.name)]) { w in
            if showConfidenceBands, steps.contains(where: { $0.lower != nil && $0.upper != nil }) {
                let upper = stepVertices(steps, end: end, tMax: tMax) { clamp($0.upper ?? $0.survival) }
                let lower = stepVertices(steps, end: end, tMax: tMax) { clamp($0.lower ?? $0.survival) }
                var p = SVGChart.Path()
                for (k, v) in (upper + lower.reversed()).enumerated() {
                    if k == 0 { p.move(x(v.t), y(v.s)) } else { p.line(x(v.t), y(v.s)) }
                }
                p.close()
                w.path(p.data, [("class", "km-band"), ("fill", color), ("fill-opacity", "0.15"), ("stroke", "none")])
            }
            var p = SVGChart.Path()
            let start = steps.last { $0.time <= 0 }.map { clamp($0.survival) } ?? 1
            p.move(x(0), y(start))
            for s in steps where s.time > 0 && s.time <= tMax {
                p.horizontal(x(s.time))
                p.vertical(y(clamp(s.survival)))
            }
            if end > (steps.last { $0.time <= tMax }?.time ?? 0) { p.horizontal(x(end)) }
            w.path(p.data, [("class", "km-curve"), ("fill", "none"), ("stroke", color), ("stroke-width", "2")])
            if showCensorTicks {
                for t in curve.censored where t >= 0 && t <= tMax {
                    var c = SVGChart.Path()
                    let cx = x(t), cy = y(curve.survival(at: t))
                    c.move(cx - 4, cy); c.horizontal(cx + 4); c.move(cx, cy - 4); c.vertical(cy + 4)
                    w.path(c.data, [("class", "km-censor"), ("stroke", color), ("stroke-width", "1.5")])
                }
            }
            if showMedians, let m = curve.medianTime, m <= tMax {
                var d = SVGChart.Path()
                d.move(x(0), y(0.5)); d.horizontal(x(m)); d.vertical(y(0))
                w.path(d.data, [("class", "km-median"), ("fill", "none"), ("stroke", color),
                                ("stroke-width", "1"), ("stroke-dasharray", "4 3")])
            }
        }
    }

    /// Vertices of a right-continuous step function from 0 to `end`: horizontal to each step's time,
    /// then vertical to its new value.
    func stepVertices(_ steps: [Step], end: Double, tMax: Double, value: (Step) -> Double) -> [(t: Double, s: Double)] {
        var current = steps.last { $0.time <= 0 }.map(value) ?? 1
        var out: [(t: Double, s: Double)] = [(0, current)]
        for s in steps where s.time > 0 && s.time <= tMax {
            out.append((s.time, current))
            current = value(s)
            out.append((s.time, current))
        }
        out.append((max(end, out.last?.t ?? 0), current))
        return out
    }

    func drawRiskTable(plot: SVGChart.Rect, x: SVGChart.LinearScale, tMax: Double, heading: String = Words.english.numberAtRisk,
                       into w: inout SVGChart.Writer) {
        let top = plot.maxY + 62
        let ticks = xTicks()
        w.group("g", [("class", "km-risk-table"), ("font-size", "11")]) { w in
            w.text(heading, x: 8, y: top, [("font-weight", "bold"), ("fill", SVGChart.Palette.axis)])
            for (i, curve) in curves.enumerated() {
                let rowY = top + Self.riskRowHeight * Double(i + 1)
                let counts = curve.numberAtRisk.isEmpty
                    ? Self.numberAtRisk(observedTimes: curve.observedTimes ?? [], at: curve.observedTimes == nil ? [] : ticks)
                    : curve.numberAtRisk
                w.group("g", [("class", "km-risk-row"), ("data-group", curve.name)]) { w in
                    // 18 units of gap: the count at tick 0 is centred on the y axis and reaches ~8 left of it.
                    w.text(curve.name, x: plot.minX - 18, y: rowY, anchor: "end", [("fill", color(i))])
                    for c in counts where c.time >= 0 && c.time <= tMax + 1e-9 {
                        w.text(String(c.count), x: x(c.time), y: rowY, anchor: "middle", [("class", "km-risk-count")])
                    }
                }
            }
        }
    }

    func summary(_ tMax: Double, words: Words = .english) -> String {
        let parts = curves.map { c -> String in
            let n = c.numberAtRisk.first { $0.time == 0 }?.count ?? c.observedTimes?.count
            let median = c.medianTime.map { words.median(SVGChart.format($0, decimals: 1)) } ?? words.medianNotReached
            return words.group(c.name, n, median)
        }
        return words.summary(curves.count, SVGChart.format(tMax), parts)
    }
}
