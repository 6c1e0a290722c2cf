import Foundation

extension SVGChart {
    /// One attribute of an SVG element; the value is escaped when written.
    public typealias Attribute = (name: String, value: String)

    /// Accumulates SVG markup, one element per line, escaping every attribute value and text node.
    ///
    /// Element and attribute names are written verbatim: they come from chart code, never from data.
    /// Everything that can come from data (labels, titles, colours, numbers) goes through
    /// ``SVGChart/escape(_:)``. Attribute order is the order given, so output is reproducible.
    public struct Writer: Sendable {
        public private(set) var markup: String = ""

        public init() {}

        /// A self-closing element: `<name a="v"/>`.
        public mutating func element(_ name: String, _ attributes: [Attribute] = []) {
            markup += "<" + name + Self.attributeText(attributes) + "/>\n"
        }

        /// An element with escaped text content: `<name a="v">text</name>`.
        public mutating func element(_ name: String, _ attributes: [Attribute], text: String) {
            markup += "<" + name + Self.attributeText(attributes) + ">" + SVGChart.escape(text)
                + "</" + name + ">\n"
        }

        /// A container element whose children are written by `body`.
        public mutating func group(_ name: String = "g", _ attributes: [Attribute] = [],
                                   _ body: (inout Writer) -> Void) {
            markup += "<" + name + Self.attributeText(attributes) + ">\n"
            body(&self)
            markup += "</" + name + ">\n"
        }

        /// A `<text>` at (`x`, `y`) with optional anchor and extra attributes.
        public mutating func text(_ content: String, x: Double, y: Double, anchor: String? = nil,
                                  _ attributes: [Attribute] = []) {
            var attrs: [Attribute] = [("x", SVGChart.format(x)), ("y", SVGChart.format(y))]
            if let anchor { attrs.append(("text-anchor", anchor)) }
            element("text", attrs + attributes, text: content)
        }

        /// A straight `<line>` segment.
        public mutating func line(x1: Double, y1: Double, x2: Double, y2: Double,
                                  _ attributes: [Attribute] = []) {
            element("line", [("x1", SVGChart.format(x1)), ("y1", SVGChart.format(y1)),
                             ("x2", SVGChart.format(x2)), ("y2", SVGChart.format(y2))] + attributes)
        }

        /// A `<rect>`; negative sizes are normalised so the rectangle is always valid SVG.
        public mutating func rect(_ r: Rect, _ attributes: [Attribute] = []) {
            let x = r.width < 0 ? r.x + r.width : r.x
            let y = r.height < 0 ? r.y + r.height : r.y
            element("rect", [("x", SVGChart.format(x)), ("y", SVGChart.format(y)),
                             ("width", SVGChart.format(abs(r.width))),
                             ("height", SVGChart.format(abs(r.height)))] + attributes)
        }

        /// A `<path>` with the given path data.
        public mutating func path(_ d: String, _ attributes: [Attribute] = []) {
            element("path", [("d", d)] + attributes)
        }

        static func attributeText(_ attributes: [Attribute]) -> String {
            var s = ""
            for a in attributes { s += " " + a.name + "=\"" + SVGChart.escape(a.value) + "\"" }
            return s
        }
    }

    /// Wraps `body` in a complete, accessible `<svg>` document sized by `viewBox`.
    ///
    /// The root carries `role="img"` and `aria-labelledby` pointing at its `<title>` and `<desc>`
    /// (WAI-ARIA Graphics Module; the pattern recommended for inline SVG), has no fixed width or
    /// height so it scales to its container, and sets a sans-serif font so text metrics match the
    /// layout estimates.
    public static func document(frame: Frame, height: Double, description: String,
                                _ body: (inout Writer) -> Void) -> String {
        let id = frame.safeID
        var w = Writer()
        let root: [Attribute] = [
            ("xmlns", "http://www.w3.org/2000/svg"),
            ("viewBox", "0 0 " + format(frame.width) + " " + format(height)),
            ("role", "img"),
            ("aria-labelledby", id + "-title " + id + "-desc"),
            ("id", id),
            ("class", "cartograph-chart"),
            ("font-family", "Helvetica, Arial, sans-serif"),
            ("font-size", "12"),
        ]
        w.group("svg", root) { w in
            w.element("title", [("id", id + "-title")], text: frame.title)
            w.element("desc", [("id", id + "-desc")], text: description)
            w.rect(Rect(x: 0, y: 0, width: frame.width, height: height), [("fill", "#ffffff")])
            body(&w)
        }
        return w.markup
    }
}
