/// Draws a ``Code128Symbol`` as SVG: one `<rect>` per bar, inside `<g class="code128">`,
/// with the quiet zones left blank on both sides.
///
/// Dimensions follow ICCBBA ST-001 v6.2.2 §6.1.3: target X dimension (module width)
/// 0.25 mm, minimum 0.17 mm; quiet zone at least 10 X on each side; bar height at least 5 mm
/// or 15 % of the symbol length, whichever is greater (ISO/IEC 15417 Annex G). Coordinates
/// are in the caller's user unit; the label renderer uses millimetres.
public enum Code128SVGRenderer {
    /// Size and spacing of a drawn bar code.
    public struct Geometry: Sendable, Equatable {
        /// Width of one module (the X dimension).
        public var moduleWidth: Double
        /// Height of the bars; nil means the ST-001 minimum, max(5, 0.15 × symbol length),
        /// assuming millimetre units.
        public var barHeight: Double?
        /// Quiet zone on each side in modules; values below 10 are raised to 10.
        public var quietZoneModules: Int

        public init(moduleWidth: Double = 0.25, barHeight: Double? = nil, quietZoneModules: Int = 10) {
            self.moduleWidth = moduleWidth
            self.barHeight = barHeight
            self.quietZoneModules = quietZoneModules
        }

        var effectiveQuietZoneModules: Int { max(10, quietZoneModules) }

        /// The bar height used for `symbol`.
        public func barHeight(for symbol: Code128Symbol) -> Double {
            barHeight ?? max(5, 0.15 * Double(symbol.moduleCount) * moduleWidth)
        }
    }

    /// Total width including both quiet zones.
    public static func totalWidth(of symbol: Code128Symbol, geometry: Geometry = Geometry()) -> Double {
        Double(symbol.moduleCount + 2 * geometry.effectiveQuietZoneModules) * geometry.moduleWidth
    }

    /// X coordinate of the first bar when the quiet zone starts at `originX`.
    public static func firstBarX(originX: Double, geometry: Geometry = Geometry()) -> Double {
        originX + Double(geometry.effectiveQuietZoneModules) * geometry.moduleWidth
    }

    /// The bars as an SVG group whose quiet zone starts at (`originX`, `originY`).
    /// Bars are black (`#000`) on whatever lies beneath; callers provide a white background.
    public static func group(
        for symbol: Code128Symbol, originX: Double, originY: Double, geometry: Geometry = Geometry()
    ) -> String {
        let height = geometry.barHeight(for: symbol)
        var x = firstBarX(originX: originX, geometry: geometry)
        var lines = ["<g class=\"code128\" fill=\"#000\" shape-rendering=\"crispEdges\">"]
        for (index, width) in symbol.moduleWidths.enumerated() {
            let elementWidth = Double(width) * geometry.moduleWidth
            if index % 2 == 0 {
                lines.append(
                    "<rect x=\"\(SVGChart.format(x, decimals: 4))\" y=\"\(SVGChart.format(originY, decimals: 4))\" "
                        + "width=\"\(SVGChart.format(elementWidth, decimals: 4))\" height=\"\(SVGChart.format(height, decimals: 4))\"/>")
            }
            x += elementWidth
        }
        lines.append("</g>")
        return lines.joined(separator: "\n")
    }

    /// A standalone SVG document in millimetres: white background, the bars, and the text
    /// (`humanReadable`, default the encoded text) beneath, left-aligned with the first bar.
    public static func document(
        for symbol: Code128Symbol, geometry: Geometry = Geometry(), humanReadable: String? = nil
    ) -> String {
        let width = totalWidth(of: symbol, geometry: geometry)
        let barHeight = geometry.barHeight(for: symbol)
        let fontSize = 2.0
        let height = barHeight + 2 * 1.0 + fontSize + 1.0
        let text = SVGChart.escape(humanReadable ?? symbol.text)
        let w = SVGChart.format(width, decimals: 4), h = SVGChart.format(height, decimals: 4)
        return """
            <?xml version="1.0" encoding="UTF-8"?>
            <svg xmlns="http://www.w3.org/2000/svg" width="\(w)mm" height="\(h)mm" viewBox="0 0 \(w) \(h)">
            <rect class="background" x="0" y="0" width="\(w)" height="\(h)" fill="#fff"/>
            \(group(for: symbol, originX: 0, originY: 1.0, geometry: geometry))
            <text x="\(SVGChart.format(firstBarX(originX: 0, geometry: geometry), decimals: 4))" \
            y="\(SVGChart.format(1.0 + barHeight + 0.6 + fontSize, decimals: 4))" \
            font-family="DejaVu Sans Mono, Menlo, Consolas, monospace" font-size="\(SVGChart.format(fontSize, decimals: 4))">\(text)</text>
            </svg>

            """
    }
}
