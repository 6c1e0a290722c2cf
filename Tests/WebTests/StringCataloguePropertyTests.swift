import Foundation
import PropertyBased
import Testing
@testable import Web

/// Invariants of the catalogues over many inputs: English pages never change through a lookup, a
/// Chinese rendering of any composed text keeps every value and leaves no placeholder behind, and the
/// browser's language is read as RFC 9110's quality rules say, whatever the header holds.
@Suite("String catalogues: properties")
struct StringCataloguePropertyTests {
    // Its own copy, so what these cases miss is not mixed into the shared `misses` other tests read.
    static let catalogue = try! StringCatalogue.load()
    /// Every shipped key that has placeholders, in a fixed order.
    static let templates = catalogue.keys.filter { $0.contains("%@") }.sorted()

    /// A key filled with values the way code composes it (`%@` in order, `%%` a percent sign).
    static func compose(_ key: String, _ values: [String]) -> String {
        var out = "", i = 0
        let pieces = key.components(separatedBy: "%@")
        for (n, piece) in pieces.enumerated() {
            out += piece.replacingOccurrences(of: "%%", with: "%")
            if n < pieces.count - 1 { out += values[i % values.count]; i += 1 }
        }
        return out
    }

    @Test("for every template and any numeric values: English comes back exactly as composed; Chinese keeps each value and no placeholder")
    func templatesKeepValues() async {
        #expect(Self.templates.count > 400)
        // Values such as a day, a dose or a count: digits, maybe a decimal point; never a date.
        let value = Gen.int(in: 0...99_999).map { n in n % 3 == 0 ? String(n) : String(format: "%.1f", Double(n) / 10) }
        await propertyCheck(count: 3000, input: Gen.int(in: 0...(Self.templates.count - 1)), value.array(of: 5)) { index, values in
            let key = Self.templates[index]
            let used = Array(values.prefix(StringCatalogue.placeholders(key).count))
            guard !used.isEmpty else { return }
            let source = Self.compose(key, used)
            #expect(Self.catalogue.text(source: source, in: .english) == source, "\(key)")
            let chinese = Self.catalogue.text(source: source, in: .simplifiedChinese)
            #expect(!chinese.contains("%@") && chinese.firstMatch(of: /%[0-9]+\$@/) == nil, "\(key) → \(chinese)")
            for v in used { #expect(chinese.contains(v), "\(key) with \(used) → \(chinese)") }
        }
    }

    @Test("Accept-Language: the supported tag with the highest quality above 0 wins, the first on a tie, else English")
    func negotiation() async {
        let tags = ["en", "en-GB", "en-us", "zh", "zh-CN", "zh-Hans", "zh-Hans-CN", "zh-SG", "zh-TW", "zh-HK", "zh-Hant", "fr", "de-DE", "ja", "*", ""]
        // "" stands for no quality parameter (which means 1).
        let qualities = ["", "1", "0.9", "0.5", "0.1", "0", "0.000", "1.0", "2", "-1", "abc"]
        let item = zip(Gen.element(of: tags), Gen.element(of: qualities))
        await propertyCheck(count: 2000, input: item.array(of: 0...6)) { raw in
            let items = raw.map { ($0.0 ?? "", $0.1 ?? "") }
            let header = items.map { tag, q in q.isEmpty ? tag : "\(tag);q=\(q)" }.joined(separator: ", ")
            // The oracle, written from the rule rather than from the code.
            func language(_ tag: String) -> DisplayLanguage? {
                let t = tag.lowercased()
                if t == "en" || t.hasPrefix("en-") { return .english }
                if ["zh", "zh-cn", "zh-hans", "zh-hans-cn", "zh-sg"].contains(t) { return .simplifiedChinese }
                return nil
            }
            var best: (DisplayLanguage, Double)?
            for (tag, q) in items {
                let quality: Double? = q.isEmpty ? 1 : Double(q).flatMap { (0...1).contains($0) ? $0 : nil }
                guard let quality, quality > 0, let l = language(tag) else { continue }
                if best == nil || quality > best!.1 { best = (l, quality) }
            }
            #expect(DisplayLanguage.negotiate(setting: nil, acceptLanguage: header) == (best?.0 ?? .english), "\(header)")
            // An account's own choice always wins.
            #expect(DisplayLanguage.negotiate(setting: "zh-Hans", acceptLanguage: header) == .simplifiedChinese)
        }
    }
}
