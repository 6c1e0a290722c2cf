import Foundation
import Testing
@testable import Web

/// The string catalogues themselves: both languages complete, placeholders kept, the browser's
/// language read as RFC 9110 says, and composed texts found through their templates.
@Suite("String catalogues")
struct StringCatalogueTests {
    @Test("the shipped catalogues load, and every key has its Simplified Chinese text")
    func complete() throws {
        let catalogue = try StringCatalogue.loaded.get()
        #expect(catalogue.keys.count > 300, "\(catalogue.keys.count) keys")
        let chinese = catalogue.translations[.simplifiedChinese] ?? [:]
        let untranslated = catalogue.keys.filter { (chinese[$0] ?? "").isEmpty }.sorted()
        #expect(untranslated.isEmpty, "no zh-Hans text for \(untranslated.count): \(untranslated.prefix(20).map { "\(catalogue.tables[$0] ?? "?"): \($0)" })")
    }

    @Test("a translation uses exactly the arguments of its key, and is not the English left in place")
    func placeholders() throws {
        let catalogue = try StringCatalogue.loaded.get()
        for (key, value) in catalogue.translations[.simplifiedChinese] ?? [:] {
            let expected = Array(1...max(1, StringCatalogue.placeholders(key).count)).prefix(StringCatalogue.placeholders(key).count)
            #expect(StringCatalogue.placeholders(value) == Array(expected), "\(catalogue.tables[key] ?? "?"): \"\(key)\" → \"\(value)\"")
            // A translation with three or more English words in a row was not translated.
            let english = value.firstMatch(of: /[A-Za-z]{3,}[ ,]+[A-Za-z]{3,}[ ,]+[a-z]{3,}/)
            #expect(english == nil, "\(catalogue.tables[key] ?? "?"): \"\(key)\" → \"\(value)\" keeps English")
        }
    }

    @Test("placeholders: in order, by position, and a literal percent sign")
    func fill() {
        #expect(StringCatalogue.fill("Day %@ of %@", with: ["2", "3"]) == "Day 2 of 3")
        #expect(StringCatalogue.fill("共%2$@天中的第%1$@天", with: ["2", "3"]) == "共3天中的第2天")
        #expect(StringCatalogue.fill("50%% of %@", with: ["n"]) == "50% of n")
        #expect(StringCatalogue.fill("%@ and %@", with: ["a"]) == "a and ")
        let text: LocalizedText = "\(7) after 100% \("x")"
        #expect(text.key == "%@ after 100%% %@" && text.arguments == ["7", "x"])
        #expect(StringCatalogue.placeholders("%2$@ %1$@ %%") == [1, 2])
    }

    @Test("a composed English text is found through its template, and its parts are translated too")
    func templates() throws {
        let table = #"""
        {"sourceLanguage":"en","version":"1.0","strings":{
          "%@ overdue":{"localizations":{"zh-Hans":{"stringUnit":{"state":"translated","value":"%@已逾期"}}}},
          "Day %@ assessment":{"localizations":{"zh-Hans":{"stringUnit":{"state":"translated","value":"第%@天评估"}}}},
          "Infusion window":{"localizations":{"zh-Hans":{"stringUnit":{"state":"translated","value":"回输窗口期"}}}}}}
        """#
        let c = try StringCatalogue.merge([("T", Data(table.utf8))])
        #expect(c.text(source: "Day 14 assessment", in: .simplifiedChinese) == "第14天评估")
        #expect(c.text(source: "Infusion window overdue", in: .simplifiedChinese) == "回输窗口期已逾期")
        #expect(c.text(source: "Infusion window overdue", in: .english) == "Infusion window overdue")
        #expect(c.text(source: "Something else", in: .simplifiedChinese) == "Something else")
        #expect(c.misses.contains(.init(key: "Something else", language: .simplifiedChinese)))
    }

    @Test("two tables that translate one key differently, or a malformed table, stop loading with the file named")
    func conflicts() {
        let a = #"{"sourceLanguage":"en","strings":{"Save":{"localizations":{"zh-Hans":{"stringUnit":{"state":"translated","value":"保存"}}}}}}"#
        let b = #"{"sourceLanguage":"en","strings":{"Save":{"localizations":{"zh-Hans":{"stringUnit":{"state":"translated","value":"存储"}}}}}}"#
        #expect(throws: StringCatalogue.LoadError.self) { try StringCatalogue.merge([("A", Data(a.utf8)), ("B", Data(b.utf8))]) }
        #expect(throws: StringCatalogue.LoadError.self) { try StringCatalogue.merge([("A", Data(#"{"sourceLanguage":"en","strings":{"a":1,"a":2}}"#.utf8))]) }
        #expect(throws: StringCatalogue.LoadError.self) { try StringCatalogue.merge([("A", Data(#"{"sourceLanguage":"en","strings":{"a":{"localizations":{"fr":{"stringUnit":{"value":"x"}}}}}}"#.utf8))]) }
    }

    @Test("the language: the account's setting, then Accept-Language by quality, Traditional Chinese passed over, then English")
    func negotiation() {
        func n(_ setting: String?, _ header: String?) -> DisplayLanguage { DisplayLanguage.negotiate(setting: setting, acceptLanguage: header) }
        #expect(n(nil, nil) == .english)
        #expect(n(nil, "zh-CN,zh;q=0.9,en;q=0.8") == .simplifiedChinese)
        #expect(n(nil, "zh") == .simplifiedChinese)
        #expect(n(nil, "zh-Hans-CN") == .simplifiedChinese)
        #expect(n(nil, "zh-SG") == .simplifiedChinese)
        #expect(n(nil, "zh-TW,en;q=0.5") == .english)
        #expect(n(nil, "zh-Hant-HK") == .english)
        #expect(n(nil, "en;q=0.4, zh-CN;q=0.8") == .simplifiedChinese)
        #expect(n(nil, "zh-CN;q=0, en") == .english)
        #expect(n(nil, "fr-FR, de;q=0.9") == .english)
        #expect(n(nil, "zh-CN;q=2") == .english)
        #expect(n(nil, "zh-CN;q=abc, en") == .english)
        #expect(n("zh-Hans", "en-GB") == .simplifiedChinese)
        #expect(n("en", "zh-CN") == .english)
        #expect(n("klingon", "zh-CN") == .simplifiedChinese)
        #expect(n(nil, String(repeating: "x,", count: 10_000) + "zh") == .english)
    }

    @Test("dates and times follow the language")
    func formats() {
        let date = CalendarDateFixture.date
        DisplayLanguage.$current.withValue(.english) {
            #expect(LocalFormat.date(date) == "2026-12-07")
            #expect(LocalFormat.longDate(date).contains("December"))
            #expect(LocalFormat.time(Date(timeIntervalSince1970: 1_796_623_500), in: TimeZone(identifier: "Asia/Shanghai")!) == "2026-12-07 14:05 UTC+08:00")
        }
        DisplayLanguage.$current.withValue(.simplifiedChinese) {
            #expect(LocalFormat.date(date) == "2026年12月7日")
            #expect(LocalFormat.longDate(date).contains("2026年12月7日") && LocalFormat.longDate(date).contains("星期一"))
            #expect(LocalFormat.time(Date(timeIntervalSince1970: 1_796_623_500), in: TimeZone(identifier: "Asia/Shanghai")!) == "2026年12月7日 14:05（UTC+08:00）")
            #expect(LocalFormat.number(38.46, decimals: 1) == "38.5")
        }
    }
}

import CartographCore
enum CalendarDateFixture { static let date = CalendarDate("2026-12-07")! }
