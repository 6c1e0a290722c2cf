import Foundation

extension SwimmerChart {
    /// Colours: bar categories take the first palette colours, response categories the following ones,
    /// so a bar never shares a colour with a marker; progression, death and ongoing are black shapes.
    func colors(words: Words = .english) -> (categories: [(name: String, color: String)], responses: [(name: String, color: String)]) {
        let cats = SVGChart.Palette.assign(patients.compactMap(\.category), order: categoryOrder)
        let responseNames = patients.flatMap { $0.events.filter { $0.kind == .response }.map { $0.label ?? words.response } }
        let all = SVGChart.Palette.assign(responseNames, order: responseOrder)
        let offset = cats.count
        let responses = all.enumerated().map { ($0.element.name, SVGChart.Palette.category($0.offset + offset)) }
        return (cats, responses)
    }

    func legend(_ c: (categories: [(name: String, color: String)], responses: [(name: String, color: String)]),
                words: Words = .english) -> SVGChart.Legend {
        var items = c.categories.map { SVGChart.Legend.Item(label: $0.name, color: $0.color, swatch: .box) }
        items += c.responses.map { .init(label: $0.name, color: $0.color, swatch: .marker(.circle, hollow: false)) }
        let events = patients.flatMap(\.events)
        if events.contains(where: { $0.kind == .progression }) {
            items.append(.init(label: words.progression, color: SVGChart.Palette.black, swatch: .marker(.triangle, hollow: false)))
        }
        if events.contains(where: { $0.kind == .death }) {
            items.append(.init(label: words.death, color: SVGChart.Palette.black, swatch: .marker(.cross, hollow: false)))
        }
        var others: [String] = []
        for e in events where e.kind == .other && !others.contains(e.label ?? words.event) { others.append(e.label ?? words.event) }
        items += others.map { .init(label: $0, color: SVGChart.Palette.muted, swatch: .marker(.diamond, hollow: false)) }
        if patients.contains(where: \.ongoing) {
            items.append(.init(label: words.ongoing, color: SVGChart.Palette.black, swatch: .marker(.arrow, hollow: false)))
        }
        return SVGChart.Legend(items: items)
    }

    /// Renders the chart. Rows are `rowHeight` (18) apart from the plot top; the x axis maps 0…(nice
    /// upper bound of the longest bar or latest event) onto the plot width.
    public func svg() -> String { svg(words: .english) }

    /// Renders the chart with its legend's fixed entries and the summary in `words`.
    public func svg(words: Words) -> String {
        let palette = colors(words: words)
        let legend = legend(palette, words: words)
        let legendHeight = legend.height(maxWidth: frame.width - 20)
        let rows = orderedPatients
        let longest = rows.map { SVGChart.estimatedWidth(of: $0.id, fontSize: 11) }.max() ?? 0
        let insets = frame.insets ?? SVGChart.Insets(top: 12 + legendHeight, right: 28, bottom: 48, left: max(48, longest + 16))
        let height = frame.height ?? (insets.top + Self.rowHeight * Double(max(rows.count, 1)) + 6 + insets.bottom)
        let plot = SVGChart.Rect.plotArea(width: frame.width, height: height, insets: insets)
        let latest = rows.flatMap { [$0.duration] + $0.events.map(\.time) }.max() ?? 1
        var x = SVGChart.LinearScale(lower: 0, upper: max(latest, 1e-9), rangeStart: plot.minX, rangeEnd: plot.maxX)
        if let step = tickInterval, step > 0 {
            x.upper = max(step, (x.upper / step - 1e-9).rounded(.up) * step)
        } else {
            x = x.niced(count: 6)
        }
        let axis = SVGChart.Axis.linear(x, edge: .bottom, count: 6, title: xTitle, step: tickInterval)
        let rowStep = rows.isEmpty ? Self.rowHeight : min(Self.rowHeight, (plot.height - 6) / Double(rows.count))
        let categoryColor = Dictionary(palette.categories.map { ($0.name, $0.color) }, uniquingKeysWith: { a, _ in a })
        let responseColor = Dictionary(palette.responses.map { ($0.name, $0.color) }, uniquingKeysWith: { a, _ in a })

        let ongoing = rows.filter(\.ongoing).count
        let progressed = rows.filter { $0.events.contains { $0.kind == .progression } }.count
        let died = rows.filter { $0.events.contains { $0.kind == .death } }.count
        let desc = frame.description
            ?? words.summary(rows.count, ongoing, progressed, died)
        return SVGChart.document(frame: frame, height: height, description: desc) { w in
            legend.draw(x: 10, y: 6, maxWidth: frame.width - 20, into: &w)
            axis.drawGrid(in: plot, into: &w)
            for (i, p) in rows.enumerated() {
                let cy = plot.minY + 3 + rowStep * (Double(i) + 0.5)
                let barH = min(Self.barHeight, rowStep * 0.6)
                let fill = p.category.flatMap { categoryColor[$0] } ?? SVGChart.Palette.light
                w.group("g", [("class", "swimmer-row"), ("data-patient", p.id)]) { w in
                    w.text(p.id, x: plot.minX - 8, y: cy + 4, anchor: "end", [("font-size", "11"), ("fill", SVGChart.Palette.axis)])
                    w.rect(SVGChart.Rect(x: x(0), y: cy - barH / 2, width: x(max(p.duration, 0)) - x(0), height: barH),
                           [("class", "swimmer-bar"), ("fill", fill)])
                    for e in p.events {
                        let ex = x(e.time)
                        switch e.kind {
                        case .response:
                            let c = responseColor[e.label ?? words.response] ?? SVGChart.Palette.blue
                            SVGChart.Marker.circle.draw(x: ex, y: cy, r: 4.5, color: c, into: &w, [("class", "swimmer-event swimmer-response")])
                        case .progression:
                            SVGChart.Marker.triangle.draw(x: ex, y: cy, r: 4.5, color: SVGChart.Palette.black, into: &w, [("class", "swimmer-event swimmer-progression")])
                        case .death:
                            SVGChart.Marker.cross.draw(x: ex, y: cy, r: 4, color: SVGChart.Palette.black, into: &w, [("class", "swimmer-event swimmer-death")])
                        case .other:
                            SVGChart.Marker.diamond.draw(x: ex, y: cy, r: 4.5, color: SVGChart.Palette.muted, into: &w, [("class", "swimmer-event swimmer-other")])
                        }
                    }
                    if p.ongoing {
                        SVGChart.Marker.arrow.draw(x: x(max(p.duration, 0)) + 2, y: cy, r: 5, color: SVGChart.Palette.black, into: &w, [("class", "swimmer-ongoing")])
                    }
                }
            }
            axis.draw(in: plot, into: &w)
        }
    }
}
