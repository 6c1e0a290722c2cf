import CartographCore
import Foundation
import Synchronization

/// Every user-visible text of the pages, in every language: the string catalogues
/// (`Resources/Strings/*.xcstrings`, one table per area of the app).
///
/// The files are in the JSON layout of Apple's string catalogues (`sourceLanguage`, `strings`, and
/// per key `localizations.<language>.stringUnit.value`), so a translator's tools can open them. The
/// key is the English text; a key with no English entry shows the key itself. Files are read with
/// the strict reader (no duplicate keys), and two tables may not translate one key differently.
///
/// A text asked for that the catalogues do not hold in the requested language is shown in English and
/// remembered in `misses`, which the catalogue tests read after rendering every page.
final class StringCatalogue: Sendable {
    /// `translations[language][key]`.
    let translations: [DisplayLanguage: [String: String]]
    /// Every key of every table.
    let keys: Set<String>
    /// Which table each key comes from (for the tests' messages).
    let tables: [String: String]
    private let missed = Mutex<Set<Miss>>([])

    struct Miss: Hashable, Sendable, CustomStringConvertible {
        var key: String
        var language: DisplayLanguage
        var description: String { "\(language.rawValue): \(key)" }
    }

    enum LoadError: Error, CustomStringConvertible {
        case missingDirectory
        case unreadable(file: String, problem: String)
        case conflict(key: String, language: String, tables: [String])
        var description: String {
            switch self {
            case .missingDirectory: "the string catalogues (Resources/Strings) are not in the build"
            case .unreadable(let file, let problem): "string catalogue \(file): \(problem)"
            case .conflict(let key, let language, let tables):
                "string catalogues \(tables.joined(separator: " and ")) translate \"\(key)\" into \(language) differently"
            }
        }
    }

    init(translations: [DisplayLanguage: [String: String]], keys: Set<String>, tables: [String: String]) {
        self.translations = translations
        self.keys = keys
        self.tables = tables
        self.templates = Self.templates(of: keys)
        self.quotedPlaceholders = Self.quotedPlaceholders(of: keys)
    }

    /// The catalogues shipped with the app, read once. `configure` stops the server if they cannot be read.
    static let loaded: Result<StringCatalogue, Error> = Result { try load() }
    static var shared: StringCatalogue {
        switch loaded {
        case .success(let catalogue): catalogue
        case .failure: StringCatalogue(translations: [:], keys: [], tables: [:])
        }
    }

    static func load() throws -> StringCatalogue {
        guard let directory = Bundle.module.url(forResource: "Strings", withExtension: nil) else { throw LoadError.missingDirectory }
        let files = try FileManager.default.contentsOfDirectory(at: directory, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "xcstrings" }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
        return try merge(files.map { ($0.deletingPathExtension().lastPathComponent, try Data(contentsOf: $0)) })
    }

    /// Reads and merges tables given as (name, file contents).
    static func merge(_ files: [(name: String, data: Data)]) throws -> StringCatalogue {
        var translations: [DisplayLanguage: [String: String]] = [:]
        var keys: Set<String> = []
        var tables: [String: String] = [:]
        for (name, data) in files {
            let table = try read(name: name, data)
            for (key, values) in table {
                keys.insert(key)
                if tables[key] == nil { tables[key] = name }
                for (language, value) in values {
                    if let earlier = translations[language]?[key], earlier != value {
                        throw LoadError.conflict(key: key, language: language.rawValue, tables: [tables[key] ?? "?", name])
                    }
                    translations[language, default: [:]][key] = value
                }
            }
        }
        return StringCatalogue(translations: translations, keys: keys, tables: tables)
    }

    /// One `.xcstrings` file: key → language → text.
    static func read(name: String, _ data: Data) throws -> [String: [DisplayLanguage: String]] {
        let file = "\(name).xcstrings"
        let root: StrictJSONValue
        do { root = try StrictJSONParser.parse(data) } catch { throw LoadError.unreadable(file: file, problem: "\(error)") }
        guard case .object(let top) = root, case .string("en")? = top["sourceLanguage"], case .object(let strings)? = top["strings"] else {
            throw LoadError.unreadable(file: file, problem: "expected an object with sourceLanguage \"en\" and strings")
        }
        var out: [String: [DisplayLanguage: String]] = [:]
        for (key, entry) in strings {
            guard case .object(let fields) = entry else { throw LoadError.unreadable(file: file, problem: "\"\(key)\" is not an object") }
            var values: [DisplayLanguage: String] = [:]
            if case .object(let localizations)? = fields["localizations"] {
                for (tag, localization) in localizations {
                    guard let language = DisplayLanguage(rawValue: tag) else {
                        throw LoadError.unreadable(file: file, problem: "\"\(key)\": unknown language \(tag)")
                    }
                    guard case .object(let l) = localization, case .object(let unit)? = l["stringUnit"], case .string(let value)? = unit["value"] else {
                        throw LoadError.unreadable(file: file, problem: "\"\(key)\".\(tag): expected stringUnit.value")
                    }
                    values[language] = value
                }
            }
            out[key] = values
        }
        return out
    }

    /// The text of `text` in `language`, its placeholders filled.
    func text(_ text: LocalizedText, in language: DisplayLanguage) -> String {
        let pattern: String
        if let value = translations[language]?[text.key] {
            pattern = value
        } else {
            if language != .english || !keys.contains(text.key) { missed.withLock { _ = $0.insert(Miss(key: text.key, language: language)) } }
            pattern = translations[.english]?[text.key] ?? text.key
        }
        return Self.fill(pattern, with: text.arguments)
    }

    /// An English text composed elsewhere (a planned event such as `Day 7 assessment`, an enum's
    /// name, a message from the clinical engines) in `language`.
    ///
    /// An exact key is used first. Otherwise the text is matched against the keys that have
    /// placeholders (`Day %@ assessment`), the most specific first (the longest fixed text). A match
    /// counts only when every captured part is itself known: a key (then translated), a value with a
    /// digit in it (a day, a dose; an ISO date is written as the language writes dates), or again a
    /// template match. So `Infusion window overdue`
    /// reads `回输窗口期已逾期` through `%@ overdue` and `Infusion window`, while `Shipped to
    /// manufacturing` is not mistaken for `%@ to %@`.
    func text(source: String, in language: DisplayLanguage) -> String {
        // English is the source language: a composed English text is already what the page shows
        // (the catalogue property tests hold every template to this), unless a key has an English
        // entry of its own.
        if language == .english {
            return translations[.english]?[LocalizedText.escape(source)].map { Self.fill($0, with: []) } ?? source
        }
        // Long texts quote what someone typed; matching them against every template would cost time
        // in proportion to what an attacker sends. They are shown as composed.
        guard source.utf8.count <= Self.longestComposedText else { return text(LocalizedText(source: source), in: language) }
        if let known = resolved.withLock({ $0[language]?[source] }) { return known }
        var memo: [String: String?] = [:]
        // A text the catalogues do not know is not kept: each showing records it in `misses` again.
        guard let answer = resolve(source, in: language, depth: 0, memo: &memo) else { return text(LocalizedText(source: source), in: language) }
        resolved.withLock { cache in
            // Bounded: the pages' composed texts are a few thousand; past that, start again.
            if cache[language, default: [:]].count >= Self.resolvedLimit { cache[language] = [:] }
            cache[language, default: [:]][source] = answer
        }
        return answer
    }

    /// Composed texts longer than this are not matched against the templates (the longest engine
    /// reason is under 400 bytes).
    static let longestComposedText = 2_000
    static let resolvedLimit = 20_000
    /// Composed texts already resolved, per language: a page shows the same ones again and again.
    private let resolved = Mutex<[DisplayLanguage: [String: String]]>([:])

    private func resolve(_ source: String, in language: DisplayLanguage, depth: Int, memo: inout [String: String?]) -> String? {
        if let done = memo[source] { return done }
        let answer = resolveOnce(source, in: language, depth: depth, memo: &memo)
        memo[source] = .some(answer)
        return answer
    }

    private func resolveOnce(_ source: String, in language: DisplayLanguage, depth: Int, memo: inout [String: String?]) -> String? {
        let key = LocalizedText.escape(source)
        if translations[language]?[key] != nil || language == .english && keys.contains(key) {
            return text(LocalizedText(source: source), in: language)
        }
        // Already in the page's language (a message translated where it was composed).
        if language == .simplifiedChinese, source.unicodeScalars.contains(where: { (0x4E00...0x9FFF).contains($0.value) }) { return source }
        // Lists are templates within templates ("a, b, c, d"): deep enough for every list a page shows.
        guard depth < 8 else { return nil }
        let range = NSRange(source.startIndex..., in: source)
        for (template, pattern) in templates {
            guard let m = pattern.firstMatch(in: source, range: range) else { continue }
            let captured = (1..<m.numberOfRanges).compactMap { Range(m.range(at: $0), in: source).map { String(source[$0]) } }
            var parts: [String] = []
            let quoted = quotedPlaceholders[template] ?? []
            for (index, part) in captured.enumerated() {
                if quoted.contains(index) { parts.append(part) }   // what the user typed, quoted in the message
                else if let known = resolve(part, in: language, depth: depth + 1, memo: &memo) { parts.append(known) }
                else if let date = CalendarDate(part), part.count == 10 { parts.append(LocalFormat.date(date, in: language)) }
                else if part.contains(where: \.isNumber) { parts.append(part) }
                else { break }
            }
            if parts.count == captured.count { return text(LocalizedText(key: template, arguments: parts), in: language) }
        }
        return nil
    }

    /// Keys with placeholders as anchored patterns, the longest fixed text first.
    private let templates: [(key: String, pattern: NSRegularExpression)]
    /// For each template, the placeholders written in quotes (`"%@"`, `“%@”`): they quote what someone
    /// typed, which is shown as typed.
    private let quotedPlaceholders: [String: Set<Int>]

    static func quotedPlaceholders(of keys: Set<String>) -> [String: Set<Int>] {
        var out: [String: Set<Int>] = [:]
        for key in keys where key.contains("%@") {
            let pieces = key.components(separatedBy: "%@")
            var quoted = Set<Int>()
            for i in 0..<(pieces.count - 1) {
                let before = pieces[i], after = pieces[i + 1]
                if before.hasSuffix("\"") && after.hasPrefix("\"") || before.hasSuffix("“") && after.hasPrefix("”") { quoted.insert(i) }
            }
            if !quoted.isEmpty { out[key] = quoted }
        }
        return out
    }

    static func templates(of keys: Set<String>) -> [(key: String, pattern: NSRegularExpression)] {
        keys.compactMap { key -> (String, NSRegularExpression, Int)? in
            guard key.contains("%@") else { return nil }
            let pieces = key.components(separatedBy: "%@").map { $0.replacingOccurrences(of: "%%", with: "%") }
            let fixed = pieces.reduce(0) { $0 + $1.count }
            // A key of placeholders alone would match anything (the parts must still be known, see `resolve`).
            guard fixed >= 2 else { return nil }
            let pattern = "^" + pieces.map(NSRegularExpression.escapedPattern(for:)).joined(separator: "(.+?)") + "$"
            guard let regex = try? NSRegularExpression(pattern: pattern, options: [.dotMatchesLineSeparators]) else { return nil }
            return (key, regex, fixed)
        }
        .sorted { $0.2 != $1.2 ? $0.2 > $1.2 : $0.0 < $1.0 }
        .map { ($0.0, $0.1) }
    }

    /// Replaces `%@` (in order), `%n$@` (the n-th argument) and `%%` (a percent sign).
    static func fill(_ pattern: String, with arguments: [String]) -> String {
        guard pattern.contains("%") else { return pattern }
        var out = ""
        var next = 0
        var i = pattern.startIndex
        while i < pattern.endIndex {
            let c = pattern[i]
            guard c == "%" else { out.append(c); i = pattern.index(after: i); continue }
            let rest = pattern[pattern.index(after: i)...]
            if rest.hasPrefix("%") { out.append("%"); i = pattern.index(i, offsetBy: 2); continue }
            if rest.hasPrefix("@") {
                out += next < arguments.count ? arguments[next] : ""
                next += 1
                i = pattern.index(i, offsetBy: 2)
                continue
            }
            let digits = rest.prefix { $0.isASCII && $0.isNumber }
            let afterDigits = rest.index(rest.startIndex, offsetBy: digits.count)
            if !digits.isEmpty, rest[afterDigits...].hasPrefix("$@"), let n = Int(digits), n >= 1 {
                out += n <= arguments.count ? arguments[n - 1] : ""
                i = pattern.index(afterDigits, offsetBy: 2)
                continue
            }
            out.append(c)
            i = pattern.index(after: i)
        }
        return out
    }

    /// The placeholders of a pattern, as argument positions (for the tests: a translation must use the
    /// same arguments as its key).
    static func placeholders(_ pattern: String) -> [Int] {
        var found: [Int] = []
        var next = 1
        var i = pattern.startIndex
        while i < pattern.endIndex {
            guard pattern[i] == "%" else { i = pattern.index(after: i); continue }
            let rest = pattern[pattern.index(after: i)...]
            if rest.hasPrefix("%") { i = pattern.index(i, offsetBy: 2); continue }
            if rest.hasPrefix("@") { found.append(next); next += 1; i = pattern.index(i, offsetBy: 2); continue }
            let digits = rest.prefix { $0.isASCII && $0.isNumber }
            let afterDigits = rest.index(rest.startIndex, offsetBy: digits.count)
            if !digits.isEmpty, rest[afterDigits...].hasPrefix("$@"), let n = Int(digits) { found.append(n); i = pattern.index(afterDigits, offsetBy: 2); continue }
            i = pattern.index(after: i)
        }
        return found.sorted()
    }

    /// Texts asked for and not found since the last `resetMisses`.
    var misses: Set<Miss> { missed.withLock { $0 } }
    func resetMisses() { missed.withLock { $0.removeAll() } }
}
