import Foundation

/// A user-visible text written in English in the code, looked up in the string catalogues in the
/// request's language.
///
/// As in Apple's string catalogues, the English text is the key, and each interpolated value becomes a
/// `%@` placeholder: `tr("Day \(n) after the infusion")` looks up `Day %@ after the infusion`, whose
/// Chinese entry can place the value where Chinese grammar wants it (`%1$@`). A literal `%` in the
/// text is `%%` in the key.
struct LocalizedText: ExpressibleByStringInterpolation, Sendable {
    var key: String
    var arguments: [String]

    init(stringLiteral value: String) {
        key = Self.escape(value)
        arguments = []
    }

    /// A text computed elsewhere (a stage's or a role's English name) used as its own key.
    init(source: String) {
        key = Self.escape(source)
        arguments = []
    }

    init(key: String, arguments: [String]) {
        self.key = key
        self.arguments = arguments
    }

    init(stringInterpolation: StringInterpolation) {
        key = stringInterpolation.key
        arguments = stringInterpolation.arguments
    }

    struct StringInterpolation: StringInterpolationProtocol {
        var key = ""
        var arguments: [String] = []
        init(literalCapacity: Int, interpolationCount: Int) {
            key.reserveCapacity(literalCapacity + 2 * interpolationCount)
        }
        mutating func appendLiteral(_ literal: String) { key += LocalizedText.escape(literal) }
        mutating func appendInterpolation<T>(_ value: T) {
            key += "%@"
            arguments.append(String(describing: value))
        }
    }

    static func escape(_ text: String) -> String {
        text.contains("%") ? text.replacingOccurrences(of: "%", with: "%%") : text
    }
}

/// The text in the request's language (`DisplayLanguage.current`).
func tr(_ text: LocalizedText) -> String {
    StringCatalogue.shared.text(text, in: DisplayLanguage.current)
}

/// A text computed elsewhere in English (an enum's display name, a product fact) in the request's
/// language; the catalogue holds its translation like any other text.
///
/// Composed texts are matched against the catalogue's keys with placeholders
/// (`StringCatalogue.text(source:in:)`), so `Day 7 assessment` finds `Day %@ assessment`.
func tr(source: String) -> String {
    StringCatalogue.shared.text(source: source, in: DisplayLanguage.current)
}

/// A message from the engines or the store (lower-case, no full stop) as a sentence of its own in the
/// request's language: capitalised with a full stop in English, with 。 in Chinese.
func sentence(source message: String) -> String {
    let text = tr(source: message)
    switch DisplayLanguage.current {
    case .english: return text.prefix(1).uppercased() + text.dropFirst() + "."
    case .simplifiedChinese: return text + "。"
    }
}
