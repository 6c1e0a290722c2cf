import Foundation

/// A small SVG line chart of a bag's temperature readings against time, with the limit drawn as a
/// dashed line and out-of-limit readings marked in red. Pure string output, escaped where text enters.
enum CustodyTemperatureChart {
    struct Reading: Sendable, Equatable { var instant: Date; var celsius: Double; var withinLimit: Bool }

    /// nil when there is nothing to draw.
    static func svg(_ readings: [Reading], limitCelsius: Double?, width: Double = 560, height: Double = 180) -> String? {
        guard let first = readings.first, let last = readings.last else { return nil }
        let left = 48.0, right = 12.0, top = 12.0, bottom = 28.0
        let values = readings.map(\.celsius) + (limitCelsius.map { [$0] } ?? [])
        var lo = values.min()!, hi = values.max()!
        if hi - lo < 10 { lo -= 5; hi += 5 }
        let span = max(last.instant.timeIntervalSince(first.instant), 1)
        func x(_ d: Date) -> Double { left + (width - left - right) * (readings.count == 1 ? 0.5 : d.timeIntervalSince(first.instant) / span) }
        func y(_ c: Double) -> Double { top + (height - top - bottom) * (hi - c) / (hi - lo) }
        func f(_ v: Double) -> String { String(format: "%.1f", v) }
        var out = ##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 \##(f(width)) \##(f(height))" class="temperature-chart" role="img" aria-label="Temperature readings">"##
        out += ##"<line x1="\##(f(left))" y1="\##(f(top))" x2="\##(f(left))" y2="\##(f(height - bottom))" stroke="#888"/>"##
        out += ##"<text x="4" y="\##(f(y(hi)) )" font-size="10">\##(f(hi)) °C</text><text x="4" y="\##(f(y(lo)))" font-size="10">\##(f(lo)) °C</text>"##
        if let limit = limitCelsius {
            out += ##"<line class="limit" x1="\##(f(left))" y1="\##(f(y(limit)))" x2="\##(f(width - right))" y2="\##(f(y(limit)))" stroke="#c00" stroke-dasharray="4 3"/>"##
            out += ##"<text x="\##(f(width - right - 90))" y="\##(f(y(limit) - 3))" font-size="10" fill="#c00">limit \##(f(limit)) °C</text>"##
        }
        let points = readings.map { "\(f(x($0.instant))),\(f(y($0.celsius)))" }.joined(separator: " ")
        out += ##"<polyline fill="none" stroke="#246" stroke-width="1.5" points="\##(points)"/>"##
        for r in readings {
            out += ##"<circle cx="\##(f(x(r.instant)))" cy="\##(f(y(r.celsius)))" r="3.5" fill="\##(r.withinLimit ? "#246" : "#c00")"><title>\##(f(r.celsius)) °C</title></circle>"##
        }
        out += "</svg>"
        return out
    }
}
