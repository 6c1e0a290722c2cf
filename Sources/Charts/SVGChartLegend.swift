import Foundation

extension SVGChart {
    /// A legend laid out left to right, wrapping onto new rows when `maxWidth` is reached.
    public struct Legend: Sendable, Equatable {
        /// How an entry's key is drawn.
        public enum Swatch: Sendable, Equatable {
            case box
            case line(dashed: Bool)
            case marker(Marker, hollow: Bool)
        }

        public struct Item: Sendable, Equatable {
            public var label: String
            public var color: String
            public var swatch: Swatch
            public init(label: String, color: String, swatch: Swatch = .box) {
                self.label = label
                self.color = color
                self.swatch = swatch
            }
        }

        public var items: [Item]
        public var fontSize: Double = 11
        public var rowHeight: Double = 18

        public init(items: [Item]) { self.items = items }

        /// Top-left offsets of each item and the total height, for a legend at most `maxWidth` wide.
        public func layout(maxWidth: Double) -> (origins: [(x: Double, y: Double)], height: Double) {
            guard !items.isEmpty else { return ([], 0) }
            var origins: [(x: Double, y: Double)] = []
            var x = 0.0, y = 0.0
            for item in items {
                let w = 22 + SVGChart.estimatedWidth(of: item.label, fontSize: fontSize) + 14
                if x > 0 && x + w > maxWidth { x = 0; y += rowHeight }
                origins.append((x, y))
                x += w
            }
            return (origins, y + rowHeight)
        }

        /// Height the legend needs at `maxWidth`.
        public func height(maxWidth: Double) -> Double { layout(maxWidth: maxWidth).height }

        /// Draws the legend with its top-left corner at (`x`, `y`).
        public func draw(x: Double, y: Double, maxWidth: Double, into w: inout Writer) {
            guard !items.isEmpty else { return }
            let origins = layout(maxWidth: maxWidth).origins
            w.group("g", [("class", "legend"), ("font-size", SVGChart.format(fontSize))]) { w in
                for (item, o) in zip(items, origins) {
                    let cx = x + o.x, cy = y + o.y + rowHeight / 2
                    w.group("g", [("class", "legend-item")]) { w in
                        switch item.swatch {
                        case .box:
                            w.rect(Rect(x: cx, y: cy - 5, width: 16, height: 10), [("fill", item.color)])
                        case .line(let dashed):
                            w.line(x1: cx, y1: cy, x2: cx + 16, y2: cy,
                                   [("stroke", item.color), ("stroke-width", "2")]
                                   + (dashed ? [("stroke-dasharray", "4 3")] : []))
                        case .marker(let m, let hollow):
                            m.draw(x: m == .arrow ? cx + 2 : cx + 8, y: cy, r: m == .arrow ? 6 : 4.5,
                                   color: item.color, hollow: hollow, into: &w)
                        }
                        w.text(item.label, x: cx + 22, y: cy + 4, [("fill", Palette.axis)])
                    }
                }
            }
        }
    }
}
