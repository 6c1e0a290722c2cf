import Charts
/// An HTML page of labels that prints one 4 × 2 inch (101.6 × 50.8 mm) label per page.
///
/// Each label is the inline SVG of ``LabelSVGRenderer`` (vector bars, so print resolution does
/// not blur them). `@page` sets the paper to the label size with no margin, and `@media print`
/// hides the on-screen captions, forces one label per page and keeps black bars black
/// (`print-color-adjust: exact`). Print at 100 % scale ("actual size"): scaling to fit would
/// change the bar code X dimension.
public enum LabelHTMLRenderer {
    /// The page for `labels`, in order. `title` is escaped; it should not name a patient.
    /// - Throws: ``Code128EncodingError`` (cannot occur for validated ``LabelModel``s).
    public static func page(for labels: [LabelModel], title: String = "ISBT 128 product labels") throws -> String {
        var body: [String] = []
        for (index, label) in labels.enumerated() {
            let copy = label.isManufacturerCopy ? "manufacturer's copy" : "patient copy"
            let caption = "Label \(index + 1) of \(labels.count) · \(label.chainOfIdentityEyeReadable) · "
                + "\(label.bagKind.labelHeading.lowercased()) · \(copy)"
            body.append("<p class=\"label-caption\">\(LabelTextEscaping.xml(caption))</p>")
            body.append("<section class=\"label-sheet\">")
            body.append(try LabelSVGRenderer.svg(for: label, includeXMLDeclaration: false))
            body.append("</section>")
        }
        return """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <title>\(LabelTextEscaping.xml(title))</title>
            <style>
            @page { size: 101.6mm 50.8mm; margin: 0; }
            html, body { margin: 0; padding: 0; }
            body { font-family: "DejaVu Sans", Arial, Helvetica, sans-serif; }
            .label-sheet { width: 101.6mm; height: 50.8mm; overflow: hidden; background: #fff;
              break-inside: avoid; page-break-inside: avoid; }
            .label-sheet svg { display: block; width: 101.6mm; height: 50.8mm; }
            @media screen {
              body { background: #e6e6e6; padding: 6mm; }
              .label-caption { margin: 0 0 1.5mm 0; font-size: 3mm; color: #333; }
              .label-sheet { margin: 0 0 6mm 0; box-shadow: 0 0.4mm 1.5mm rgba(0, 0, 0, 0.35); }
            }
            @media print {
              html, body { background: #fff; }
              .label-caption { display: none; }
              .label-sheet { margin: 0; box-shadow: none; break-after: page; page-break-after: always; }
              .label-sheet:last-of-type { break-after: auto; page-break-after: auto; }
              * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
            }
            </style>
            </head>
            <body>
            \(body.joined(separator: "\n"))
            </body>
            </html>

            """
    }
}
