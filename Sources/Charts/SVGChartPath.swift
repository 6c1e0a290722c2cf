import Foundation

extension SVGChart {
    /// Builds SVG path data with absolute commands and the shared number format, e.g.
    /// `M60,20H125V72`. Absolute commands keep every vertex readable in tests and snapshots.
    public struct Path: Sendable, Equatable {
        public private(set) var data: String = ""

        public init() {}

        public mutating func move(_ x: Double, _ y: Double) {
            data += "M" + SVGChart.format(x) + "," + SVGChart.format(y)
        }

        public mutating func line(_ x: Double, _ y: Double) {
            data += "L" + SVGChart.format(x) + "," + SVGChart.format(y)
        }

        public mutating func horizontal(_ x: Double) { data += "H" + SVGChart.format(x) }

        public mutating func vertical(_ y: Double) { data += "V" + SVGChart.format(y) }

        public mutating func close() { data += "Z" }

        public var isEmpty: Bool { data.isEmpty }
    }
}
