import Foundation

extension SVGChart {
    /// Point symbols. Shapes differ as well as colours so that events stay distinguishable in
    /// greyscale print and for readers with colour-vision deficiency.
    public enum Marker: String, Sendable, Codable, CaseIterable {
        case circle, square, triangle, diamond, cross, plus, arrow

        /// Draws the marker centred on (`x`, `y`) with half-size `r`. `hollow` strokes the outline on a
        /// white fill (used e.g. for values below a limit of detection); `cross`, `plus` and `arrow`
        /// are always stroked.
        public func draw(x: Double, y: Double, r: Double, color: String, hollow: Bool = false,
                         into w: inout Writer, _ extra: [Attribute] = []) {
            let filled: [Attribute] = hollow
                ? [("fill", "#ffffff"), ("stroke", color), ("stroke-width", "1.5")]
                : [("fill", color), ("stroke", "#ffffff"), ("stroke-width", "0.75")]
            let stroked: [Attribute] = [("fill", "none"), ("stroke", color), ("stroke-width", "2")]
            let f = SVGChart.format
            var p = Path()
            switch self {
            case .circle:
                w.element("circle", [("cx", f(x, 2)), ("cy", f(y, 2)), ("r", f(r, 2))] + filled + extra)
                return
            case .square:
                w.rect(Rect(x: x - r, y: y - r, width: 2 * r, height: 2 * r), filled + extra)
                return
            case .triangle:
                p.move(x, y - r); p.line(x + r, y + r); p.line(x - r, y + r); p.close()
                w.path(p.data, filled + extra)
            case .diamond:
                p.move(x, y - r); p.line(x + r, y); p.line(x, y + r); p.line(x - r, y); p.close()
                w.path(p.data, filled + extra)
            case .cross:
                p.move(x - r, y - r); p.line(x + r, y + r); p.move(x - r, y + r); p.line(x + r, y - r)
                w.path(p.data, stroked + extra)
            case .plus:
                p.move(x - r, y); p.horizontal(x + r); p.move(x, y - r); p.vertical(y + r)
                w.path(p.data, stroked + extra)
            case .arrow:
                // A right-pointing arrow whose shaft starts at x: "continues beyond this point".
                p.move(x, y); p.horizontal(x + 2 * r); p.move(x + r, y - r); p.line(x + 2 * r, y); p.line(x + r, y + r)
                w.path(p.data, stroked + extra)
            }
        }
    }
}
