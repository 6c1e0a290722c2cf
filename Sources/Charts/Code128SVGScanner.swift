/// Reads Code 128 bar codes back out of SVG, the way a scanner reads a printed label: it
/// measures where each bar starts and how wide it is, infers the spaces from the gaps,
/// estimates the module width from the start symbol (always 11 modules) and rounds every
/// element to whole modules before decoding with ``Code128Decoder``.
///
/// It looks only at `<rect>` elements inside `<g class="code128" …>` groups (as written by
/// ``Code128SVGRenderer``), so label borders and check-character boxes are not mistaken for
/// bars. Only the `x` and `width` attributes are used.
public enum Code128SVGScanner {
    /// Bar/space widths in modules for each bar code group, in document order.
    public static func moduleWidths(inSVG svg: String) throws -> [[Int]] {
        try barGroups(in: svg).map(moduleWidths(ofBars:))
    }

    /// The decoded text of every bar code in `svg`, in document order.
    /// - Throws: ``Code128DecodingError`` for the first unreadable bar code.
    public static func decodeAll(svg: String) throws -> [String] {
        try moduleWidths(inSVG: svg).map { try Code128Decoder.decode(moduleWidths: $0) }
    }

    /// `(x, width)` of each bar, per group.
    static func barGroups(in svg: String) throws -> [[(x: Double, width: Double)]] {
        var groups: [[(x: Double, width: Double)]] = []
        var remainder = svg[...]
        while let open = remainder.firstRange(of: "<g class=\"code128\"") {
            guard let close = remainder[open.upperBound...].firstRange(of: "</g>") else { break }
            let body = remainder[open.upperBound..<close.lowerBound]
            var bars: [(x: Double, width: Double)] = []
            var scan = body
            while let rectStart = scan.firstRange(of: "<rect") {
                guard let rectEnd = scan[rectStart.upperBound...].firstRange(of: ">") else { break }
                let tag = scan[rectStart.upperBound..<rectEnd.lowerBound]
                if let x = attribute("x", in: tag), let width = attribute("width", in: tag) {
                    bars.append((x, width))
                }
                scan = scan[rectEnd.upperBound...]
            }
            groups.append(bars.sorted { $0.x < $1.x })
            remainder = remainder[close.upperBound...]
        }
        return groups
    }

    static func moduleWidths(ofBars bars: [(x: Double, width: Double)]) throws -> [Int] {
        // The start symbol is three bars and three spaces, 11 modules from the first bar's
        // left edge to the fourth bar's left edge.
        guard bars.count >= 4 else { throw Code128DecodingError.noBarsFound }
        let module = (bars[3].x - bars[0].x) / 11
        guard module > 0 else { throw Code128DecodingError.noBarsFound }
        var widths: [Int] = []
        for (index, bar) in bars.enumerated() {
            widths.append(Int((bar.width / module).rounded()))
            if index + 1 < bars.count {
                widths.append(Int(((bars[index + 1].x - bar.x - bar.width) / module).rounded()))
            }
        }
        return widths
    }

    /// The numeric value of attribute `name` in the inside of a tag (`name="…"`).
    static func attribute(_ name: String, in tag: Substring) -> Double? {
        var search = tag
        while let found = search.firstRange(of: name + "=\"") {
            let precededBySpace = found.lowerBound == tag.startIndex
                || tag[tag.index(before: found.lowerBound)].isWhitespace
            let valueStart = found.upperBound
            guard let valueEnd = search[valueStart...].firstIndex(of: "\"") else { return nil }
            if precededBySpace { return Double(search[valueStart..<valueEnd]) }
            search = search[valueEnd...]
        }
        return nil
    }
}
