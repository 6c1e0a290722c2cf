import Foundation

extension SVGChart {
    /// Space between the outer edge of the drawing and the plot area, in SVG user units.
    public struct Insets: Sendable, Equatable, Codable {
        public var top: Double
        public var right: Double
        public var bottom: Double
        public var left: Double

        public init(top: Double, right: Double, bottom: Double, left: Double) {
            self.top = top
            self.right = right
            self.bottom = bottom
            self.left = left
        }
    }

    /// An axis-aligned rectangle in SVG user units (y grows downwards, as in SVG).
    public struct Rect: Sendable, Equatable, Codable {
        public var x: Double
        public var y: Double
        public var width: Double
        public var height: Double

        public init(x: Double, y: Double, width: Double, height: Double) {
            self.x = x
            self.y = y
            self.width = width
            self.height = height
        }

        public var minX: Double { x }
        public var maxX: Double { x + width }
        public var minY: Double { y }
        public var maxY: Double { y + height }

        /// The plot area left when `insets` are taken off a `width` × `height` drawing. Widths and
        /// heights never go negative, so a too-small drawing degrades to an empty plot, not a crash.
        public static func plotArea(width: Double, height: Double, insets: Insets) -> Rect {
            Rect(x: insets.left, y: insets.top,
                 width: max(0, width - insets.left - insets.right),
                 height: max(0, height - insets.top - insets.bottom))
        }
    }

    /// What every chart shares: the size of its `viewBox`, its accessible name and description, and
    /// an identifier prefix.
    ///
    /// `id` must be unique within one HTML page when several charts are inlined together, because the
    /// `<title>`/`<desc>` ids referenced by `aria-labelledby` are document-wide.
    public struct Frame: Sendable, Equatable, Codable {
        /// Identifier prefix for the SVG's internal ids; letters, digits, `-` and `_` are kept, any
        /// other character becomes `-`.
        public var id: String
        /// Accessible name, rendered as `<title>` (and shown by browsers as a tooltip).
        public var title: String
        /// Longer accessible description (`<desc>`); when nil each chart writes a factual summary.
        public var description: String?
        /// `viewBox` width in user units.
        public var width: Double
        /// `viewBox` height in user units; when nil a chart with one row per item (swimmer, forest,
        /// journey) sizes itself to its rows, and the others use a default.
        public var height: Double?
        /// Plot-area insets; nil lets the chart choose room for its axes, legend and tables.
        public var insets: Insets?

        public init(id: String = "chart", title: String, description: String? = nil,
                    width: Double = 640, height: Double? = nil, insets: Insets? = nil) {
            self.id = id
            self.title = title
            self.description = description
            self.width = width
            self.height = height
            self.insets = insets
        }

        /// `id` reduced to characters that are safe in an XML id and a CSS selector.
        public var safeID: String {
            let cleaned = String(id.unicodeScalars.map { s -> Character in
                let ok = (s >= "a" && s <= "z") || (s >= "A" && s <= "Z") || (s >= "0" && s <= "9")
                    || s == "-" || s == "_"
                return ok ? Character(s) : "-"
            })
            guard let first = cleaned.unicodeScalars.first else { return "chart" }
            // An XML name may not start with a digit or '-'.
            return (first >= "0" && first <= "9") || first == "-" ? "c" + cleaned : cleaned
        }
    }
}
