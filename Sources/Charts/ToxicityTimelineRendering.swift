import Foundation

extension ToxicityTimelineChart {
    static let rowHeight = 24.0
    static let labelLevelHeight = 13.0

    /// Renders the chart. From the top: grade legend, intervention labels, one bar row per grade row
    /// (24 units each), then — when temperatures are given — the temperature panel filling the rest
    /// of the plot area, and the study-day axis. x maps `firstDay…lastDay` onto the plot width.
    public func svg() -> String { svg(words: .english) }

    /// Renders the chart with the grade legend, the axis title and the summary in `words`.
    public func svg(words: Words) -> String {
        let legend = SVGChart.Legend(items: (0...5).map { .init(label: words.grade($0), color: SVGChart.Palette.grade($0)) })
        let legendHeight = legend.height(maxWidth: frame.width - 20)
        let left = frame.insets?.left ?? 64, right = frame.insets?.right ?? 52
        let x = SVGChart.LinearScale(lower: firstDay, upper: lastDay, rangeStart: left, rangeEnd: frame.width - right)
        let visible = interventions.filter { $0.day >= firstDay && $0.day <= lastDay }
        let levels = Self.labelLevels(centres: visible.map { x($0.day) },
                                      widths: visible.map { SVGChart.estimatedWidth(of: $0.name, fontSize: 10) })
        let levelCount = Double((levels.max() ?? -1) + 1)
        let hasTemperature = !temperatures.isEmpty
        let insets = frame.insets ?? SVGChart.Insets(top: 14 + legendHeight + levelCount * Self.labelLevelHeight + (visible.isEmpty ? 0 : 10),
                                                      right: right, bottom: 48, left: left)
        let rowsHeight = Self.rowHeight * Double(rows.count)
        let height = frame.height ?? (insets.top + rowsHeight + (hasTemperature ? 16 + 130 : 0) + insets.bottom)
        let plot = SVGChart.Rect.plotArea(width: frame.width, height: height, insets: insets)
        let axis = SVGChart.Axis.linear(x, edge: .bottom, title: words.studyDay, step: tickInterval)
        let maxGrades: [String] = rows.map { (r: GradeRow) -> String in words.maxGrade(r.name, segments(r).map(\.grade).max() ?? 0) }
        let fevers = temperatures.filter { $0.celsius >= feverThreshold }.count
        let given: [String] = visible.map { words.intervention($0.name, SVGChart.format($0.day)) }
        let desc = frame.description
            ?? words.summary(SVGChart.format(firstDay), SVGChart.format(lastDay), maxGrades, fevers,
                             SVGChart.fixed(feverThreshold, decimals: 1), given)

        return SVGChart.document(frame: frame, height: height, description: desc) { w in
            legend.draw(x: 10, y: 6, maxWidth: frame.width - 20, into: &w)
            axis.drawGrid(in: plot, into: &w)
            for (i, row) in rows.enumerated() {
                let top = plot.minY + Self.rowHeight * Double(i) + 3
                w.group("g", [("class", "toxicity-row"), ("data-row", row.name)]) { w in
                    w.text(row.name, x: plot.minX - 8, y: top + 13, anchor: "end", [("font-weight", "bold")])
                    for s in segments(row) {
                        let r = SVGChart.Rect(x: x(s.start), y: top, width: x(s.end) - x(s.start), height: Self.rowHeight - 6)
                        w.rect(r, [("class", "grade-bar"), ("data-grade", String(s.grade)), ("fill", SVGChart.Palette.grade(s.grade))])
                        if s.grade > 0 && r.width >= 12 {
                            w.text(String(s.grade), x: r.x + r.width / 2, y: top + 13, anchor: "middle",
                                   [("font-size", "10"), ("fill", SVGChart.Palette.gradeText(s.grade))])
                        }
                    }
                }
            }
            if hasTemperature {
                let panel = SVGChart.Rect(x: plot.minX, y: plot.minY + rowsHeight + 16, width: plot.width,
                                          height: max(0, plot.height - rowsHeight - 16))
                drawTemperature(panel: panel, x: x, into: &w)
            }
            for (iv, level) in zip(visible, levels) {
                let ix = x(iv.day)
                let labelY = plot.minY - 8 - Double(level) * Self.labelLevelHeight
                w.group("g", [("class", "intervention"), ("data-name", iv.name)]) { w in
                    w.line(x1: ix, y1: plot.minY - 4, x2: ix, y2: plot.maxY,
                           [("stroke", SVGChart.Palette.blue), ("stroke-width", "1"), ("stroke-dasharray", "2 2")])
                    w.text(iv.name, x: ix, y: labelY, anchor: "middle", [("font-size", "10"), ("fill", SVGChart.Palette.blue)])
                }
            }
            axis.draw(in: plot, into: &w)
        }
    }

    func drawTemperature(panel: SVGChart.Rect, x: SVGChart.LinearScale, into w: inout SVGChart.Writer) {
        let values = temperatures.map(\.celsius)
        let (lo, hi) = SVGChart.niceBounds(lower: min(36, values.min() ?? 36), upper: max(40, values.max() ?? 40), count: 5)
        let y = SVGChart.LinearScale(lower: lo, upper: hi, rangeStart: panel.maxY, rangeEnd: panel.minY)
        let axis = SVGChart.Axis.linear(y, edge: .left, count: 5, title: "°C")
        let readings = temperatures.filter { $0.day >= firstDay && $0.day <= lastDay }
            .enumerated().sorted { ($0.element.day, $0.offset) < ($1.element.day, $1.offset) }.map(\.element)
        w.group("g", [("class", "temperature-panel")]) { w in
            w.rect(panel, [("fill", "none"), ("stroke", SVGChart.Palette.light)])
            axis.draw(in: panel, into: &w)
            w.line(x1: panel.minX, y1: y(feverThreshold), x2: panel.maxX, y2: y(feverThreshold),
                   [("class", "fever-line"), ("stroke", SVGChart.Palette.vermillion), ("stroke-dasharray", "5 4")])
            w.text(SVGChart.fixed(feverThreshold, decimals: 1) + " °C", x: panel.maxX + 4, y: y(feverThreshold) + 4,
                   [("class", "fever-label"), ("font-size", "10"), ("fill", SVGChart.Palette.vermillion)])
            var p = SVGChart.Path()
            for (k, r) in readings.enumerated() {
                if k == 0 { p.move(x(r.day), y(r.celsius)) } else { p.line(x(r.day), y(r.celsius)) }
            }
            if readings.count > 1 {
                w.path(p.data, [("class", "temperature-line"), ("fill", "none"), ("stroke", SVGChart.Palette.axis), ("stroke-width", "1.5")])
            }
            for r in readings {
                let fever = r.celsius >= feverThreshold
                SVGChart.Marker.circle.draw(x: x(r.day), y: y(r.celsius), r: 2.5,
                                            color: fever ? SVGChart.Palette.vermillion : SVGChart.Palette.axis, into: &w,
                                            [("class", fever ? "temperature-point fever" : "temperature-point")])
            }
        }
    }
}
