import CartographCore
import Foundation

/// Dates, times and numbers in the request's language (`DisplayLanguage.current`).
///
/// Staff pages in English keep the ISO 8601 order (`2026-12-07`, `2026-12-07 14:05 UTC+08:00`), which
/// no reader can take for month–day; in Chinese, dates are written `2026年12月7日` (GB/T 7408's
/// order with the Chinese unit characters). Times always name their offset from UTC, so a time read
/// at another center or at home is not misread.
enum LocalFormat {
    /// A calendar date as tables show it.
    static func date(_ date: CalendarDate) -> String { self.date(date, in: DisplayLanguage.current) }

    static func date(_ date: CalendarDate, in language: DisplayLanguage) -> String {
        switch language {
        case .english: return date.description
        case .simplifiedChinese:
            let p = date.parts
            return "\(p.year)年\(p.month)月\(p.day)日"
        }
    }

    /// A calendar date with its weekday, as patients read it: `Monday 7 December 2026`, `2026年12月7日 星期一`.
    static func longDate(_ date: CalendarDate) -> String {
        let p = date.parts
        guard let instant = DateComponents(calendar: utcCalendar, year: p.year, month: p.month, day: p.day, hour: 12).date else {
            return self.date(date)
        }
        let style = Date.FormatStyle(date: .complete, time: .omitted, locale: DisplayLanguage.current.locale,
                                     calendar: utcCalendar, timeZone: .gmt)
        return instant.formatted(style)
    }

    /// An instant on the center's clock, with the clock's offset from UTC.
    static func time(_ instant: Date, in zone: TimeZone) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: instant)
        let offset = zone.secondsFromGMT(for: instant) / 60
        let zoneText = String(format: "UTC%@%02d:%02d", offset < 0 ? "−" : "+", abs(offset) / 60, abs(offset) % 60)
        let clock = String(format: "%02d:%02d", c.hour ?? 0, c.minute ?? 0)
        switch DisplayLanguage.current {
        case .english:
            return String(format: "%04d-%02d-%02d", c.year ?? 0, c.month ?? 0, c.day ?? 0) + " \(clock) \(zoneText)"
        case .simplifiedChinese:
            return "\(c.year ?? 0)年\(c.month ?? 0)月\(c.day ?? 0)日 \(clock)（\(zoneText)）"
        }
    }

    /// A number with a fixed count of decimals, in the locale's digits and separators.
    static func number(_ value: Double, decimals: Int) -> String {
        value.formatted(.number.locale(DisplayLanguage.current.locale).precision(.fractionLength(decimals)).grouping(.never))
    }

    private static let utcCalendar: Calendar = {
        var c = Calendar(identifier: .gregorian)
        c.timeZone = .gmt
        return c
    }()
}
