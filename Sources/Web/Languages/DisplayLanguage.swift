import Foundation

/// The languages Cartograph's pages are written in. English is the source language (every text in the
/// code is English); Simplified Chinese is complete, because FUCASO's treatment centers are mostly in
/// mainland China.
///
/// The language of a request is a task-local value, set once per request by `LanguageMiddleware`
/// (the account's own setting first, then the browser's `Accept-Language`), so that a page reads its
/// words without every view having to pass the language along.
enum DisplayLanguage: String, CaseIterable, Sendable, Codable {
    case english = "en"
    case simplifiedChinese = "zh-Hans"

    @TaskLocal static var current: DisplayLanguage = .english

    /// The BCP 47 tag for the page's `lang` attribute.
    var tag: String { rawValue }

    /// The language's own name, as the switch shows it (each language named in itself).
    var nativeName: String {
        switch self {
        case .english: "English"
        case .simplifiedChinese: "简体中文"
        }
    }

    /// The locale for dates, times and numbers. English uses day–month–year with a 24-hour clock, as
    /// clinical records do outside the United States.
    var locale: Locale {
        switch self {
        case .english: Locale(identifier: "en_GB")
        case .simplifiedChinese: Locale(identifier: "zh_Hans_CN")
        }
    }

    /// Reads an account's stored setting; anything else is no setting.
    init?(setting: String?) {
        guard let setting, let language = DisplayLanguage(rawValue: setting) else { return nil }
        self = language
    }

    /// The language for a request: the account's setting, then the first language in the browser's
    /// `Accept-Language` (RFC 9110 §12.5.4, by quality, ties in the order given) that Cartograph
    /// writes, then English.
    ///
    /// `zh`, `zh-CN`, `zh-SG`, `zh-Hans…` mean Simplified Chinese; `zh-TW`, `zh-HK`, `zh-MO` and
    /// `zh-Hant…` are Traditional Chinese, which Cartograph does not write, so they are passed over.
    /// A quality of 0 means "not acceptable".
    static func negotiate(setting: String?, acceptLanguage: String?) -> DisplayLanguage {
        if let chosen = DisplayLanguage(setting: setting) { return chosen }
        guard let header = acceptLanguage, header.utf8.count <= 4096 else { return .english }
        var best: (language: DisplayLanguage, quality: Double)?
        for item in header.split(separator: ",").prefix(64) {
            let parts = item.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            guard let tag = parts.first, !tag.isEmpty else { continue }
            var quality = 1.0
            for parameter in parts.dropFirst() {
                let pair = parameter.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
                if pair.count == 2, pair[0].lowercased() == "q" {
                    guard let q = Double(pair[1]), q >= 0, q <= 1 else { quality = -1; break }
                    quality = q
                }
            }
            guard quality > 0, let language = language(forTag: tag) else { continue }
            if best == nil || quality > best!.quality { best = (language, quality) }
        }
        return best?.language ?? .english
    }

    private static func language(forTag tag: String) -> DisplayLanguage? {
        let subtags = tag.lowercased().split(separator: "-").map(String.init)
        switch subtags.first {
        case "en": return .english
        case "zh":
            let rest = Set(subtags.dropFirst())
            if rest.contains("hant") || !rest.isDisjoint(with: ["tw", "hk", "mo"]) && !rest.contains("hans") { return nil }
            return .simplifiedChinese
        default: return nil
        }
    }
}
