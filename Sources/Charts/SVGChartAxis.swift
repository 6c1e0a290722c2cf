import Foundation

extension SVGChart {
    /// An axis along one edge of a plot area: line, tick marks, tick labels and a title.
    public struct Axis: Sendable, Equatable {
        public enum Edge: String, Sendable, Codable { case bottom, left, right }

        /// One tick: its pixel position along the axis and its label (empty for an unlabelled tick).
        public struct Tick: Sendable, Equatable {
            public var position: Double
            public var label: String
            public init(position: Double, label: String) {
                self.position = position
                self.label = label
            }
        }

        public var edge: Edge
        public var ticks: [Tick]
        /// Short unlabelled ticks (log-axis minor ticks).
        public var minorTicks: [Double]
        public var title: String?
        /// Distance from the axis line to the title's baseline (bottom) or centre line (left/right).
        public var titleOffset: Double

        public init(edge: Edge, ticks: [Tick], minorTicks: [Double] = [], title: String? = nil,
                    titleOffset: Double? = nil) {
            self.edge = edge
            self.ticks = ticks
            self.minorTicks = minorTicks
            self.title = title
            self.titleOffset = titleOffset ?? (edge == .bottom ? 36 : 46)
        }

        /// An axis for a linear scale with nice ticks; `label` formats each tick value (default: the
        /// shared number format).
        public static func linear(_ scale: LinearScale, edge: Edge, count: Int = 5, title: String? = nil,
                                  step: Double? = nil, label: (Double) -> String = { SVGChart.format($0) }) -> Axis {
            let values = step.map { SVGChart.ticks(lower: scale.lower, upper: scale.upper, step: $0) }
                ?? scale.ticks(count: count)
            return Axis(edge: edge, ticks: values.map { Tick(position: scale($0), label: label($0)) }, title: title)
        }

        /// An axis for a log10 scale: labelled ticks per `style`, minor ticks at 2…9 × 10ᵏ when the
        /// labelled ticks are decades.
        public static func log(_ scale: LogScale, edge: Edge, style: LogScale.TickStyle = .automatic,
                               title: String? = nil) -> Axis {
            let values = scale.ticks(style: style)
            let decadesOnly = values.allSatisfy { abs(log10($0) - log10($0).rounded()) < 1e-9 }
            let minor = decadesOnly ? scale.minorTicks().map { scale($0) } : []
            return Axis(edge: edge, ticks: values.map { Tick(position: scale($0), label: SVGChart.logTickLabel($0)) },
                        minorTicks: minor, title: title)
        }

        /// Light grid lines across `plot` at each labelled tick, drawn before the data.
        public func drawGrid(in plot: Rect, into w: inout Writer) {
            w.group("g", [("class", "grid"), ("stroke", Palette.grid), ("stroke-width", "1")]) { w in
                for t in ticks {
                    switch edge {
                    case .bottom: w.line(x1: t.position, y1: plot.minY, x2: t.position, y2: plot.maxY)
                    case .left, .right: w.line(x1: plot.minX, y1: t.position, x2: plot.maxX, y2: t.position)
                    }
                }
            }
        }

        /// Draws the axis line, ticks, labels and title along `edge` of `plot`.
        public func draw(in plot: Rect, into w: inout Writer) {
            let attrs: [Attribute] = [("class", "axis axis-" + edge.rawValue), ("fill", Palette.axis)]
            w.group("g", attrs) { w in
                let stroke: [Attribute] = [("stroke", Palette.axis), ("stroke-width", "1")]
                switch edge {
                case .bottom:
                    let y = plot.maxY
                    w.line(x1: plot.minX, y1: y, x2: plot.maxX, y2: y, stroke)
                    for m in minorTicks { w.line(x1: m, y1: y, x2: m, y2: y + 3, stroke) }
                    for t in ticks {
                        w.line(x1: t.position, y1: y, x2: t.position, y2: y + 5, stroke)
                        if !t.label.isEmpty {
                            w.text(t.label, x: t.position, y: y + 18, anchor: "middle", [("class", "tick-label")])
                        }
                    }
                    if let title {
                        w.text(title, x: plot.minX + plot.width / 2, y: y + titleOffset, anchor: "middle",
                               [("class", "axis-title")])
                    }
                case .left, .right:
                    let left = edge == .left
                    let x = left ? plot.minX : plot.maxX
                    let dir: Double = left ? -1 : 1
                    w.line(x1: x, y1: plot.minY, x2: x, y2: plot.maxY, stroke)
                    for m in minorTicks { w.line(x1: x, y1: m, x2: x + 3 * dir, y2: m, stroke) }
                    for t in ticks {
                        w.line(x1: x, y1: t.position, x2: x + 5 * dir, y2: t.position, stroke)
                        if !t.label.isEmpty {
                            w.text(t.label, x: x + 8 * dir, y: t.position + 4, anchor: left ? "end" : "start",
                                   [("class", "tick-label")])
                        }
                    }
                    if let title {
                        let tx = x + titleOffset * dir, ty = plot.minY + plot.height / 2
                        w.text(title, x: tx, y: ty, anchor: "middle",
                               [("class", "axis-title"),
                                ("transform", "rotate(" + (left ? "-90 " : "90 ") + SVGChart.format(tx) + " " + SVGChart.format(ty) + ")")])
                    }
                }
            }
        }
    }
}
