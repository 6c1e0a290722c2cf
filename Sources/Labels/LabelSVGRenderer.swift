import Charts
/// Renders a ``LabelModel`` as a 4 × 2 inch (101.6 × 50.8 mm) SVG label, in millimetre units.
///
/// Layout, top to bottom: product name; bag kind and "FOR AUTOLOGOUS USE ONLY"; the CoI and
/// DIN bar codes side by side, each with its eye-readable text left-aligned under the first
/// bar and the keyboard entry check character in a box (ST-001 v6.2.2 §7.4.1, §7.5.1.1);
/// then dates, storage and either the patient's identity or the manufacturer's-copy notice.
///
/// Bar codes are vector `<rect>` bars at X = 0.25 mm (narrowed, never below 0.17 mm, only if
/// both would not fit), 10 X quiet zones and 8 mm height (≥ 5 mm and ≥ 15 % of length at this
/// X; ST-001 §6.1.3). Every piece of free text is escaped with ``LabelTextEscaping``.
/// Eye-readable identifiers use DejaVu Sans Mono (0.6 em advance; its zero is dotted, so 0 and
/// O differ as ST-001 §7.4 requires) with `textLength` fixed at 0.6 em per character, so the
/// check-character box sits right after the text in renderers that honour `textLength`
/// (browsers) and in any whose monospaced font has that advance. Free text shrinks to fit.
/// Checked by eye and with zbarimg on rsvg-convert and Chromium (print-to-PDF) renderings.
public enum LabelSVGRenderer {
    public static let widthMillimetres = 101.6
    public static let heightMillimetres = 50.8

    /// The label as an SVG document (`includeXMLDeclaration` false for inline use in HTML).
    /// - Throws: ``Code128EncodingError`` (cannot occur for a validated ``LabelModel``).
    public static func svg(for label: LabelModel, includeXMLDeclaration: Bool = true) throws -> String {
        let width = widthMillimetres, height = heightMillimetres, margin = 2.0, gap = 2.0
        let coi = try Code128Encoder.encode(label.chainOfIdentityBarcodeData)
        let din = try Code128Encoder.encode(label.donationBarcodeData)
        let modules = Double(coi.moduleCount + din.moduleCount + 4 * 10)
        let moduleWidth = max(0.17, min(0.25, (width - 2 * margin - gap) / modules))
        let geometry = Code128SVGRenderer.Geometry(moduleWidth: moduleWidth, barHeight: 8, quietZoneModules: 10)
        let barsY = 13.4, textBaseline = 13.4 + 8 + 3.4
        let coiX = margin
        let dinX = width - margin - Code128SVGRenderer.totalWidth(of: din, geometry: geometry)
        let coiTextX = Code128SVGRenderer.firstBarX(originX: coiX, geometry: geometry)
        let dinTextX = Code128SVGRenderer.firstBarX(originX: dinX, geometry: geometry)
        let copyName = label.isManufacturerCopy ? "manufacturer's copy" : "patient copy"
        let f: (Double) -> String = { SVGChart.format($0, decimals: 4) }

        var parts: [String] = []
        if includeXMLDeclaration { parts.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>") }
        parts.append(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(f(width))mm\" height=\"\(f(height))mm\" "
                + "viewBox=\"0 0 \(f(width)) \(f(height))\" font-family=\"DejaVu Sans, Arial, Helvetica, sans-serif\">")
        parts.append("<title>\(LabelTextEscaping.xml("ISBT 128 label \(label.chainOfIdentityID), \(copyName)"))</title>")
        parts.append("<rect class=\"background\" x=\"0\" y=\"0\" width=\"\(f(width))\" height=\"\(f(height))\" fill=\"#fff\"/>")
        parts.append("<rect class=\"border\" x=\"0.5\" y=\"0.5\" width=\"\(f(width - 1))\" height=\"\(f(height - 1))\" "
            + "rx=\"1\" fill=\"none\" stroke=\"#000\" stroke-width=\"0.3\"/>")

        parts.append(fittedText(label.productName, x: 3, y: 5.6, size: 3.4, bold: true, maxWidth: width - 6, cssClass: "product-name"))
        parts.append(fittedText(label.bagKind.labelHeading, x: 3, y: 9.6, size: 2.6, bold: true, maxWidth: 45, cssClass: "bag-kind"))
        parts.append(fittedText("FOR AUTOLOGOUS USE ONLY", x: width - 3, y: 9.6, size: 2.3, bold: true, anchor: "end",
                                maxWidth: 45, cssClass: "autologous"))

        parts.append(fittedText("Chain of Identity", x: coiTextX, y: 12.6, size: 1.8, maxWidth: 40, cssClass: "caption"))
        parts.append(fittedText("Donation Identification Number", x: dinTextX, y: 12.6, size: 1.8, maxWidth: 40, cssClass: "caption"))
        parts.append(Code128SVGRenderer.group(for: coi, originX: coiX, originY: barsY, geometry: geometry))
        parts.append(Code128SVGRenderer.group(for: din, originX: dinX, originY: barsY, geometry: geometry))
        parts.append(identifierText(label.chainOfIdentityEyeReadable, check: label.chainOfIdentityCheckCharacter,
                                    x: coiTextX, baseline: textBaseline, cssClass: "coi-text"))
        parts.append(identifierText(label.donationEyeReadable, check: label.donationCheckCharacter,
                                    x: dinTextX, baseline: textBaseline, cssClass: "din-text"))

        parts.append("<line x1=\"2\" y1=\"27.4\" x2=\"\(f(width - 2))\" y2=\"27.4\" stroke=\"#000\" stroke-width=\"0.2\"/>")
        let leftWidth = 53.0
        var leftY = 31.0
        parts.append(fittedText("\(label.bagKind.productionDateCaption): \(label.productionDate.iso8601)",
                                x: 3, y: leftY, size: 2.4, maxWidth: leftWidth, cssClass: "production-date"))
        leftY += 3.4
        let expiry = "Expiry: \(label.expiryDate.iso8601)" + (label.expiryTime.map { " \($0)" } ?? "")
        parts.append(fittedText(expiry, x: 3, y: leftY, size: 2.4, bold: true, maxWidth: leftWidth, cssClass: "expiry"))
        leftY += 3.4
        for line in wrap(label.storageTemperature, size: 2.2, bold: false, maxWidth: leftWidth, maxLines: 3) {
            parts.append(fittedText(line, x: 3, y: leftY, size: 2.2, maxWidth: leftWidth, cssClass: "storage"))
            leftY += 3.0
        }

        let rightX = 58.0, rightWidth = width - rightX - 3
        var rightY = 31.0
        if let identity = label.printablePatientIdentity {
            if let name = identity.name {
                parts.append(fittedText("Patient", x: rightX, y: rightY, size: 2.0, maxWidth: rightWidth, cssClass: "caption"))
                rightY += 3.2
                for line in wrap(name, size: 2.6, bold: true, maxWidth: rightWidth, maxLines: 2) {
                    parts.append(fittedText(line, x: rightX, y: rightY, size: 2.6, bold: true, maxWidth: rightWidth, cssClass: "patient-name"))
                    rightY += 3.3
                }
            }
            if let dateOfBirth = identity.dateOfBirth {
                parts.append(fittedText("Date of birth: \(dateOfBirth.iso8601)", x: rightX, y: rightY, size: 2.4,
                                        maxWidth: rightWidth, cssClass: "patient-dob"))
            }
        } else {
            parts.append(fittedText("MANUFACTURER'S COPY", x: rightX, y: rightY, size: 2.5, bold: true,
                                    maxWidth: rightWidth, cssClass: "manufacturer-copy"))
            parts.append(fittedText("Patient identity withheld:", x: rightX, y: rightY + 3.4, size: 2.1, maxWidth: rightWidth))
            parts.append(fittedText("identify by Chain of Identity", x: rightX, y: rightY + 6.4, size: 2.1, maxWidth: rightWidth))
        }
        parts.append(fittedText("ISBT 128 · ICCBBA ST-001 v6.2.2 · Code 128", x: 3, y: height - 2.0, size: 1.5, maxWidth: 60, cssClass: "footer"))
        parts.append("</svg>")
        return parts.joined(separator: "\n") + "\n"
    }

    /// Estimated advance per character in em: generous for DejaVu Sans, the widest of the
    /// fonts named, so estimates err towards fitting.
    static func emPerCharacter(bold: Bool) -> Double { bold ? 0.66 : 0.6 }

    /// A `<text>` element that fits `maxWidth`: the font shrinks (down to 1.4 mm) when the
    /// estimated width is too large, which every SVG renderer honours; beyond that,
    /// `textLength` compresses it in renderers that support it (browsers).
    static func fittedText(
        _ content: String, x: Double, y: Double, size: Double, bold: Bool = false,
        anchor: String? = nil, maxWidth: Double, cssClass: String? = nil
    ) -> String {
        let f: (Double) -> String = { SVGChart.format($0, decimals: 4) }
        let perCharacter = emPerCharacter(bold: bold)
        let estimated = Double(content.count) * size * perCharacter
        let fittedSize = estimated > maxWidth ? max(1.4, maxWidth / (Double(content.count) * perCharacter)) : size
        var attributes = "x=\"\(f(x))\" y=\"\(f(y))\" font-size=\"\(f(fittedSize))\""
        if bold { attributes += " font-weight=\"bold\"" }
        if let anchor { attributes += " text-anchor=\"\(anchor)\"" }
        if let cssClass { attributes += " class=\"\(cssClass)\"" }
        if Double(content.count) * fittedSize * perCharacter > maxWidth {
            attributes += " textLength=\"\(f(maxWidth))\" lengthAdjust=\"spacingAndGlyphs\""
        }
        return "<text \(attributes)>\(LabelTextEscaping.xml(content))</text>"
    }

    /// Eye-readable identifier in a monospaced font, followed by the boxed check character.
    static func identifierText(_ content: String, check: Character, x: Double, baseline: Double, cssClass: String) -> String {
        let f: (Double) -> String = { SVGChart.format($0, decimals: 4) }
        let size = 2.8, advance = 0.6 * size
        let textWidth = Double(content.count) * advance
        let boxX = x + textWidth + 0.8, boxWidth = advance + 1.0
        let boxTop = baseline - 0.75 * size - 0.5, boxHeight = 0.75 * size + 1.0
        let mono = "font-family=\"DejaVu Sans Mono, Menlo, Consolas, monospace\" font-size=\"\(f(size))\" font-weight=\"bold\""
        return [
            "<g class=\"\(cssClass)\">",
            "<text x=\"\(f(x))\" y=\"\(f(baseline))\" \(mono) textLength=\"\(f(textWidth))\" "
                + "lengthAdjust=\"spacingAndGlyphs\" class=\"eye-readable\">\(LabelTextEscaping.xml(content))</text>",
            "<rect class=\"check-box\" x=\"\(f(boxX))\" y=\"\(f(boxTop))\" width=\"\(f(boxWidth))\" "
                + "height=\"\(f(boxHeight))\" fill=\"none\" stroke=\"#000\" stroke-width=\"0.25\"/>",
            "<text x=\"\(f(boxX + boxWidth / 2))\" y=\"\(f(baseline))\" \(mono) text-anchor=\"middle\" "
                + "class=\"check-character\">\(LabelTextEscaping.xml(String(check)))</text>",
            "</g>",
        ].joined(separator: "\n")
    }

    /// Greedy word wrap into at most `maxLines` lines that fit `maxWidth` at `size`; whatever
    /// does not fit stays on the last line, which ``fittedText(_:x:y:size:bold:anchor:maxWidth:cssClass:)``
    /// then shrinks.
    static func wrap(_ content: String, size: Double, bold: Bool, maxWidth: Double, maxLines: Int) -> [String] {
        let maxCharacters = max(1, Int(maxWidth / (size * emPerCharacter(bold: bold))))
        var lines: [String] = []
        var current = ""
        let words = content.split(whereSeparator: \.isWhitespace)
        for (index, word) in words.enumerated() {
            if lines.count == maxLines - 1 {
                current += (current.isEmpty ? "" : " ") + words[index...].joined(separator: " ")
                break
            }
            if current.isEmpty {
                current = String(word)
            } else if current.count + 1 + word.count <= maxCharacters {
                current += " " + word
            } else {
                lines.append(current)
                current = String(word)
            }
        }
        if !current.isEmpty { lines.append(current) }
        return lines
    }
}
