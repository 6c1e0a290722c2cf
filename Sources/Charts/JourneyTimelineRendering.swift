import Foundation

extension JourneyTimelineChart {
    static let rowHeight = 30.0

    /// Renders the chart. x maps day numbers from one day before the earliest date to two days after
    /// the latest (a bar covers its end date, so ends are drawn at end + 1); rows are 30 units apart,
    /// planned bar above the actual bar.
    public func svg() -> String { svg(words: .english) }

    /// Renders the chart with its legend, flags, date labels and summary in `words`.
    public func svg(words: Words) -> String {
        let legend = SVGChart.Legend(items: [
            .init(label: words.planned, color: SVGChart.Palette.light),
            .init(label: words.actual, color: SVGChart.Palette.blue),
            .init(label: words.deviation, color: SVGChart.Palette.vermillion),
        ] + (today == nil ? [] : [.init(label: words.today, color: SVGChart.Palette.black, swatch: .line(dashed: true))]))
        let legendHeight = legend.height(maxWidth: frame.width - 20)
        let longest = steps.map { SVGChart.estimatedWidth(of: $0.name, fontSize: 12) }.max() ?? 0
        let flags = steps.compactMap { flag($0, words: words) }
        let flagWidth = flags.map { SVGChart.estimatedWidth(of: "⚑ " + $0, fontSize: 10) }.max() ?? 0
        let insets = frame.insets ?? SVGChart.Insets(top: 22 + legendHeight, right: max(24, flagWidth + 16), bottom: 40,
                                                      left: max(60, longest + 16))
        let height = frame.height ?? (insets.top + Self.rowHeight * Double(max(steps.count, 1)) + insets.bottom)
        let plot = SVGChart.Rect.plotArea(width: frame.width, height: height, insets: insets)
        var days: [Int] = today.map { [$0.dayNumber] } ?? []
        for s in steps {
            for r in [s.planned, s.actual].compactMap({ $0 }) { days += [r.start.dayNumber, (r.end ?? r.start).dayNumber] }
        }
        let lo = (days.min() ?? 0) - 1, hi = (days.max() ?? 0) + 2
        let x = SVGChart.LinearScale(lower: Double(lo), upper: Double(hi), rangeStart: plot.minX, rangeEnd: plot.maxX)
        let ticks = Self.tickDates(from: lo, to: hi)
        let axis = SVGChart.Axis(edge: .bottom, ticks: ticks.enumerated().map { i, d in
            .init(position: x(Double(d.dayNumber)), label: words.calendar.label(d, withYear: i == 0 || d.month == 1 && d.day == 1))
        })
        let flagged: [String] = steps.compactMap { (s: Step) -> String? in flag(s, words: words).map { words.flaggedStep(s.name, $0) } }
        let desc = frame.description ?? words.summary(steps.count, today, flagged)

        return SVGChart.document(frame: frame, height: height, description: desc) { w in
            legend.draw(x: 10, y: 6, maxWidth: frame.width - 20, into: &w)
            axis.drawGrid(in: plot, into: &w)
            for (i, step) in steps.enumerated() {
                let top = plot.minY + Self.rowHeight * Double(i)
                let flagText = flag(step, words: words)
                w.group("g", [("class", "journey-step"), ("data-step", step.name)]) { w in
                    w.text(step.name, x: plot.minX - 8, y: top + 18, anchor: "end", [("fill", SVGChart.Palette.axis)])
                    if let p = step.planned {
                        let end = (p.end ?? p.start).dayNumber + 1
                        w.rect(SVGChart.Rect(x: x(Double(p.start.dayNumber)), y: top + 5, width: x(Double(end)) - x(Double(p.start.dayNumber)), height: 9),
                               [("class", "journey-planned"), ("fill", SVGChart.Palette.light), ("stroke", SVGChart.Palette.muted), ("stroke-width", "0.75")])
                    }
                    if let a = step.actual {
                        let ongoing = a.end == nil
                        let endDay = a.end?.dayNumber ?? max(today?.dayNumber ?? a.start.dayNumber, a.start.dayNumber)
                        let color = flagText == nil ? SVGChart.Palette.blue : SVGChart.Palette.vermillion
                        let r = SVGChart.Rect(x: x(Double(a.start.dayNumber)), y: top + 15, width: x(Double(endDay + 1)) - x(Double(a.start.dayNumber)), height: 9)
                        w.rect(r, [("class", ongoing ? "journey-actual journey-ongoing" : "journey-actual"), ("fill", color)])
                        if ongoing { SVGChart.Marker.arrow.draw(x: r.maxX + 1, y: r.y + 4.5, r: 4, color: color, into: &w) }
                    }
                    if let flagText {
                        w.text("⚑ " + flagText, x: plot.maxX + 6, y: top + 18,
                               [("class", "journey-flag"), ("font-size", "10"), ("fill", SVGChart.Palette.vermillion)])
                    }
                }
            }
            if let t = today, t.dayNumber >= lo, t.dayNumber <= hi {
                let tx = x(Double(t.dayNumber) + 0.5)
                w.line(x1: tx, y1: plot.minY - 6, x2: tx, y2: plot.maxY,
                       [("class", "journey-today"), ("stroke", SVGChart.Palette.black), ("stroke-dasharray", "4 3")])
                w.text(words.today, x: tx, y: plot.minY - 9, anchor: "middle", [("font-size", "10")])
            }
            axis.draw(in: plot, into: &w)
        }
    }
}
