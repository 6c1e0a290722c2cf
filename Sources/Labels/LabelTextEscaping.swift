import Charts

/// Escaping of free text for SVG (XML) and HTML label output: the same rules as the charts
/// (`SVGChart.escape`, XML 1.0 §2.2 and §2.4), so a label and a chart can never disagree.
public enum LabelTextEscaping {
    public static func xml(_ text: String) -> String { SVGChart.escape(text) }
}
