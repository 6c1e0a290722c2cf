import Foundation

/// A bag's temperature readings against time: a time axis in the site's zone with ticks at whole
/// hours or days, a °C axis with round ticks, the limit as a dashed line, readings outside it in red
/// (and named so in their tooltip). Pure string output; no text from users enters it (the words come from
/// the string catalogue, in the request's language).
enum CustodyTemperatureChart {
    struct Reading: Sendable, Equatable { var instant: Date; var celsius: Double; var withinLimit: Bool }

    /// nil when there is nothing to draw.
    static func svg(_ readings: [Reading], limitCelsius: Double?, timeZone: TimeZone = .gmt,
                    width: Double = 640, height: Double = 220) -> String? {
        guard let first = readings.first, let last = readings.last else { return nil }
        let left = 56.0, right = 16.0, top = 14.0, bottom = 44.0
        let values = readings.map(\.celsius) + (limitCelsius.map { [$0] } ?? [])
        let (lo, hi, step) = niceRange(values.min() ?? 0, values.max() ?? 0)
        // A single reading, or readings within a minute, still get an hour of axis around them.
        let span = max(last.instant.timeIntervalSince(first.instant), 3600)
        let start = readings.count == 1 || last.instant.timeIntervalSince(first.instant) < 3600
            ? first.instant.addingTimeInterval(-(span - last.instant.timeIntervalSince(first.instant)) / 2) : first.instant
        func x(_ d: Date) -> Double { left + (width - left - right) * d.timeIntervalSince(start) / span }
        func y(_ c: Double) -> Double { top + (height - top - bottom) * (hi - c) / (hi - lo) }
        func f(_ v: Double) -> String { String(format: "%.1f", v) }
        func celsius(_ v: Double) -> String { (v == v.rounded() ? String(Int(v)) : String(format: "%.1f", v)).replacingOccurrences(of: "-", with: "−") }
        var out = ##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 \##(f(width)) \##(f(height))" class="temperature-chart" role="img" aria-label="\##(tr("Temperature readings over time, \(readings.count) readings"))" font-family="system-ui, sans-serif">"##
        // °C axis with gridlines.
        var tick = lo
        while tick <= hi + step / 2 {
            out += ##"<line x1="\##(f(left))" y1="\##(f(y(tick)))" x2="\##(f(width - right))" y2="\##(f(y(tick)))" stroke="#e3e6ea"/>"##
            out += ##"<text x="\##(f(left - 6))" y="\##(f(y(tick) + 4))" font-size="11" text-anchor="end">\##(celsius(tick))</text>"##
            tick += step
        }
        out += ##"<text x="12" y="\##(f(top + (height - top - bottom) / 2))" font-size="11" transform="rotate(-90 12 \##(f(top + (height - top - bottom) / 2)))" text-anchor="middle">°C</text>"##
        out += ##"<line x1="\##(f(left))" y1="\##(f(top))" x2="\##(f(left))" y2="\##(f(height - bottom))" stroke="#888"/>"##
        out += ##"<line x1="\##(f(left))" y1="\##(f(height - bottom))" x2="\##(f(width - right))" y2="\##(f(height - bottom))" stroke="#888"/>"##
        // Time axis: about six ticks at a round interval, labelled in the site's zone.
        let (ticks, format) = timeTicks(from: start, span: span, zone: timeZone)
        for t in ticks {
            out += ##"<line x1="\##(f(x(t)))" y1="\##(f(height - bottom))" x2="\##(f(x(t)))" y2="\##(f(height - bottom + 4))" stroke="#888"/>"##
            out += ##"<text x="\##(f(x(t)))" y="\##(f(height - bottom + 16))" font-size="11" text-anchor="middle">\##(label(t, format, timeZone))</text>"##
        }
        out += ##"<text x="\##(f(left + (width - left - right) / 2))" y="\##(f(height - 6))" font-size="11" text-anchor="middle">\##(tr("site time (\(timeZone.identifier))"))</text>"##
        if let limit = limitCelsius {
            out += ##"<line class="limit" x1="\##(f(left))" y1="\##(f(y(limit)))" x2="\##(f(width - right))" y2="\##(f(y(limit)))" stroke="#c00" stroke-dasharray="5 3"/>"##
            out += ##"<text x="\##(f(width - right - 4))" y="\##(f(y(limit) - 4))" font-size="11" fill="#c00" text-anchor="end">\##(tr("limit \(celsius(limit)) °C"))</text>"##
        }
        let points = readings.map { "\(f(x($0.instant))),\(f(y($0.celsius)))" }.joined(separator: " ")
        out += ##"<polyline fill="none" stroke="#246" stroke-width="1.5" points="\##(points)"/>"##
        for r in readings {
            let when = label(r.instant, "yyyy-MM-dd HH:mm", timeZone)
            out += ##"<circle cx="\##(f(x(r.instant)))" cy="\##(f(y(r.celsius)))" r="\##(r.withinLimit ? "3.5" : "5")" fill="\##(r.withinLimit ? "#246" : "#c00")"><title>\##(when): \##(celsius(r.celsius)) °C\##(r.withinLimit ? "" : " — " + tr("outside the limit"))</title></circle>"##
        }
        out += "</svg>"
        return out
    }

    /// A range that covers `lo…hi` with a round step (1, 2, 5 × 10ⁿ) giving about five intervals.
    static func niceRange(_ lo: Double, _ hi: Double) -> (Double, Double, Double) {
        var a = lo, b = hi
        if b - a < 4 { a -= 2; b += 2 }
        let raw = (b - a) / 5
        let magnitude = pow(10, floor(log10(raw)))
        let step = [1.0, 2, 5, 10].map { $0 * magnitude }.first { $0 >= raw } ?? 10 * magnitude
        return (floor(a / step) * step, ceil(b / step) * step, step)
    }

    /// Tick instants at a round interval (1, 2, 3, 6, 12 hours; 1, 2, 7 days) in the zone, and the label format.
    static func timeTicks(from start: Date, span: TimeInterval, zone: TimeZone) -> ([Date], String) {
        let hour = 3600.0, day = 86_400.0
        let steps: [Double] = [hour, 2 * hour, 3 * hour, 6 * hour, 12 * hour, day, 2 * day, 7 * day, 14 * day, 28 * day]
        let step = steps.first { span / $0 <= 7 } ?? 28 * day
        let offset = Double(zone.secondsFromGMT(for: start))
        // First round instant at or after the start, rounded in local time.
        let local = start.timeIntervalSince1970 + offset
        var t = (local / step).rounded(.up) * step - offset
        var out: [Date] = []
        while t <= start.timeIntervalSince1970 + span, out.count < 12 {
            out.append(Date(timeIntervalSince1970: t))
            t += step
        }
        return (out, step < day ? (span > day ? "MM-dd HH:mm" : "HH:mm") : "yyyy-MM-dd")
    }

    static func label(_ d: Date, _ format: String, _ zone: TimeZone) -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = zone
        f.dateFormat = format
        return f.string(from: d)
    }
}
