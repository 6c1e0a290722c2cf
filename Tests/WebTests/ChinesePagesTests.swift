import CartographCore
import Demo
import Fluent
import Foundation
import SQLKit
import Store
import Testing
import TestSupport
import Vapor
import VaporTesting
@testable import Web

/// Every page, read in Simplified Chinese: the demo program is loaded, each role and a patient's
/// account follow every link they are shown, and each page must hold no English word outside the
/// allowed ones (abbreviations such as CRS, data such as names and codes, and parts marked
/// `lang="en"` on purpose, like the bilingual wallet card), and no text the catalogues lack.
@Suite("Pages in Simplified Chinese", .serialized)
struct ChinesePagesTests {
    static let today = CalendarDate("2026-03-15")!

    /// Abbreviations and names that stay in Latin letters in Chinese clinical software (the glossary's
    /// keep-list), and the fixed words of formats (UTC offsets).
    static let allowed: Set<String> = [
        "Cartograph", "FUCASO", "CAR", "BCMA", "CRS", "ICANS", "ICE", "ASTCT", "IMWG", "MRD", "ISBT", "DIN", "CoA", "QA", "LOINC",
        "UCUM", "ANC", "CAR-HEMATOTOX", "HEMATOTOX", "ECOG", "HLA", "PDF", "PNG", "JPEG", "MB", "CSV", "JSON", "API", "SVG", "UTC", "mg", "kg", "mL", "dL",
        "L", "g", "m", "IU", "CR", "sCR", "VGPR", "PR", "MR", "SD", "PD", "NE", "CI", "HR", "KM", "ID", "EQ", "Hb", "PLT", "CRP", "IL",
        "ddPCR", "gDNA", "copies", "µg", "μg", "Equecabtagene", "autoleucel", "equecabtagene", "eque-cel", "TOTP", "Kaplan", "Meier",
        "Greenwood", "Brookmeyer", "Crowley", "Cox", "ASCT", "IgG", "IgA", "FLC", "PET", "CT", "MRI", "ISS", "R-ISS", "FISH",
        "mmHg", "SpO", "FiO", "BiPAP", "CPAP", "ICU", "GB", "WHO", "NCI", "CTCAE", "TEAE", "SAE", "ORR", "PFS", "OS", "DOR", "CBR",
        "YYYY-MM-DD", "YYYY-MM-DDTHH", "MM", "HH", "T", "D", "M", "Y", "x", "n", "N", "vs", "CD", "CD3", "BCMA-CAR",
        "Fludarabine", "Cyclophosphamide", "Flu", "Cy", "tel", "Email", "ISO", "IEC", "RFC", "HTTP", "URL", "TLS",
        // Laboratory and trial abbreviations as Chinese clinical software writes them.
        "ALT", "AST", "ULN", "LVEF", "LDH", "SPD", "AUC", "Cmax", "Tmax", "LLOD", "LLOQ", "CRAB", "ICAHT", "FLC", "dFLC", "EEG", "NGF",
        "NGS", "NR", "EU", "GMP", "IL-6", "CAR-T", "M-protein", "PET-CT", "Efron", "Wald", "Breslow", "log-rank", "min", "cm", "ug",
        "uL", "µL", "ng", "del", "t", "p", "q", "χ", "G1", "HTML", "UTF", "SHA", "POST", "GET", "HMAC", "https", "X-Cartograph-Signature",
        "sha", "timestamp.body", "Google", "Microsoft", "Authenticator", "FreeOTP", "Aegis", "IgM", "IgD", "IgE", "FDG", "SUV",
        "GCS", "CTCAE", "NCCN", "EBMT", "EHA", "ASCO", "ESMO", "BMT", "CTN",
        // What a user types into a result field, and the example of a printed code's shape.
        "positive", "negative", "true", "false", "ABCD-EFGH-JKLM",
    ]

    @Test("every page each role reaches, and every page of a patient's account, is in Chinese with nothing missing")
    func everyPageInChinese() async throws {
        try await withTestApp(today: Self.today.description) { app in
            let ids = try await DemoSetup.load(courses: DemoProgram.courses(patients: 24, seed: 5, today: Self.today), today: Self.today,
                                               hash: { try app.password.hash($0) }, on: app.db)
            let data = try await Self.dataWords(on: app.db)
            StringCatalogue.shared.resetMisses()
            var problems: [String] = []
            var visited = 0
            for role in Role.staff {
                let session = try await app.signIn(DemoSetup.email(for: role), password: DemoSetup.password)
                visited += try await crawl(app, cookie: session.cookie, from: ["/", "/account"], data: data, problems: &problems, label: role.rawValue)
            }
            // A patient's account, opened with a code, during the monitoring window.
            let coordinator = try await AccountRepository.user(email: DemoSetup.email(for: .coordinator), on: app.db)!
            let actor = ActingUser(userID: try coordinator.requireID(), centerID: coordinator.$center.id, role: .coordinator)
            let board = try await app.page("/board", cookie: try await app.signIn(DemoSetup.email(for: .coordinator), password: DemoSetup.password).cookie)
            let monitored = board.body.string.firstMatch(of: /href="\/patients\/([0-9A-F-]{36})#safety"/).flatMap { UUID(uuidString: String($0.1)) } ?? ids[0]
            let issued = try await PatientAccess.issue(patientID: monitored, holder: .caregiver, holderName: "Li Mei", by: actor, on: app.db)
            _ = try await PatientAccess.activate(code: issued.code, email: "li.mei@home.test", passwordHash: try app.password.hash(Fixtures.password), on: app.db)
            let patient = try await app.signIn("li.mei@home.test")
            visited += try await crawl(app, cookie: patient.cookie, from: ["/me", "/me/check", "/me/card"], data: data.union(["Li", "Mei"]),
                                       problems: &problems, label: "caregiver")
            // A self-check refused beside its fields.
            let withCaregiver = data.union(["Li", "Mei"])
            let refused = try await send(app, .POST, "/me/check", cookie: patient.cookie,
                                         form: [("_csrf", patient.csrf), ("recordedAt", "2099-01-01T08:00"), ("temperatureC", "3.9")])
            #expect(refused.status == .unprocessableEntity)
            problems += Self.english(in: refused.body.string, data: withCaregiver).map { "caregiver POST /me/check: \($0)" }
            // Self-checks with a fever, a neurological sign and general signs: their alerts on the board, in Chinese.
            let holder = try await AccountRepository.user(email: "li.mei@home.test", on: app.db)!
            let reporter = ActingUser(userID: try holder.requireID(), centerID: holder.$center.id, role: .patient, patientID: monitored)
            let noon = DateComponents(calendar: Calendar(identifier: .gregorian), timeZone: TimeZone(identifier: "Asia/Shanghai"),
                                      year: 2026, month: 3, day: 15, hour: 12).date!
            for (i, entry) in [SelfCheckEntry(recordedAt: noon.addingTimeInterval(-3600), temperatureC: 38.6, chills: true),
                               SelfCheckEntry(recordedAt: noon.addingTimeInterval(-1800), temperatureC: nil, confusion: true, troubleSpeakingOrWriting: true),
                               SelfCheckEntry(recordedAt: noon.addingTimeInterval(-600), temperatureC: 37.1, chills: true, dizziness: true, shortOfBreath: true)].enumerated() {
                let view = try await SelfChecks.record(entry, by: reporter, today: Self.today, now: noon, on: app.db)
                #expect(!view.alertKinds.isEmpty, "self-check \(i) raised no alert")
            }
            let nurse = try await app.signIn(DemoSetup.email(for: .nurse), password: DemoSetup.password)
            for path in ["/board", "/patients/\(monitored)"] {
                let res = try await send(app, .GET, path, cookie: nurse.cookie)
                #expect(res.body.string.contains("患者自报"), "\(path) shows the self-check alerts in Chinese")
                problems += Self.english(in: res.body.string, data: withCaregiver).map { "nurse \(path) after self-checks: \($0)" }
            }
            // Pages without an account.
            for path in ["/signin", "/activate", "/reset-password?token=nothing"] {
                let res = try await send(app, .GET, path, cookie: nil)
                problems += Self.english(in: res.body.string, data: data).map { "anonymous \(path): \($0)" }
                visited += 1
            }
            let missed = StringCatalogue.shared.misses.filter { $0.language == .simplifiedChinese }.map(\.key).sorted()
            #expect(visited > 60, "\(visited) pages read")
            // The full lists go to a file too, for whoever completes the catalogues.
            let report = "missing:\n" + missed.joined(separator: "\n") + "\n\nEnglish left:\n" + problems.joined(separator: "\n")
            try? report.write(to: FileManager.default.temporaryDirectory.appendingPathComponent("cartograph-zh-report.txt"), atomically: true, encoding: .utf8)
            if !missed.isEmpty { Issue.record(Comment(rawValue: "\(missed.count) texts missing from the catalogues:\n" + missed.prefix(200).joined(separator: "\n"))) }
            if !problems.isEmpty { Issue.record(Comment(rawValue: "\(problems.count) English words left:\n" + problems.prefix(200).joined(separator: "\n"))) }
        }
    }

    @Test("the language switch stores the account's choice, which then wins over the browser")
    func switchLanguage() async throws {
        try await withTestApp { app in
            _ = try await Fixtures.make(on: app)
            let session = try await app.signIn(Fixtures.email(.nurse, center: "C01"))
            var res = try await send(app, .GET, "/board", cookie: session.cookie, language: "en-GB")
            #expect(res.body.string.contains("<html lang=\"en\">"))
            res = try await send(app, .POST, "/account/language", cookie: session.cookie, language: "en-GB",
                                 form: [("_csrf", session.csrf), ("language", "zh-Hans"), ("back", "/board")])
            #expect(res.status == .seeOther && res.headers.first(name: .location) == "/board")
            res = try await send(app, .GET, "/board", cookie: session.cookie, language: "en-GB")
            #expect(res.body.string.contains("<html lang=\"zh-Hans\">") && res.body.string.contains("第0–28天看板"))
            // Refused: an unknown language, a missing CSRF token, a foreign `back`.
            res = try await send(app, .POST, "/account/language", cookie: session.cookie, form: [("_csrf", session.csrf), ("language", "fr")])
            #expect(res.status == .unprocessableEntity && res.body.string.contains("language"))
            res = try await send(app, .POST, "/account/language", cookie: session.cookie, form: [("language", "en")])
            #expect(res.status == .forbidden)
            for foreign in ["//evil.example/x", "/..//evil.example", "/patients/../admin/users", "/.%2e//evil.example", "/me/./../board"] {
                res = try await send(app, .POST, "/account/language", cookie: session.cookie,
                                     form: [("_csrf", session.csrf), ("language", "en"), ("back", foreign)])
                #expect(res.status == .seeOther && res.headers.first(name: .location) == "/", "\(foreign)")
            }
            res = try await send(app, .GET, "/board", cookie: session.cookie, language: "zh-CN")
            #expect(res.body.string.contains("<html lang=\"en\">"))
        }
    }

    // MARK: - Reading pages

    func send(_ app: Application, _ method: HTTPMethod, _ path: String, cookie: String?, language: String = "zh-CN,zh;q=0.9",
              form: [(String, String)]? = nil) async throws -> TestingHTTPResponse {
        var headers: HTTPHeaders = ["Accept-Language": language]
        if let cookie { headers.add(name: "Cookie", value: "cartograph-session=\(cookie)") }
        var body: ByteBuffer?
        if let form {
            headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
            body = ByteBuffer(string: form.map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)" }.joined(separator: "&"))
        }
        var captured: TestingHTTPResponse?
        try await app.testing().test(method, path, headers: headers, body: body) { captured = $0 }
        return captured!
    }

    /// Follows same-site links breadth-first, each kind of page (its path with IDs masked) a few times.
    func crawl(_ app: Application, cookie: String, from start: [String], data: Set<String>, problems: inout [String], label: String) async throws -> Int {
        var queue = start
        var seen = Set<String>()
        var perKind: [String: Int] = [:]
        var visited = 0
        while !queue.isEmpty, visited < 120 {
            let path = queue.removeFirst()
            guard seen.insert(path).inserted else { continue }
            let kind = path.replacing(/[0-9A-Fa-f]{8}-[0-9A-Fa-f-]{27}/, with: "{id}").replacing(/\?.*$/, with: "")
            guard perKind[kind, default: 0] < (kind == "/patients/{id}" ? 8 : 2) else { continue }
            perKind[kind, default: 0] += 1
            let res = try await send(app, .GET, path, cookie: cookie)
            visited += 1
            guard res.status == .ok, (res.headers.contentType?.subType ?? "") == "html" else { continue }
            let html = res.body.string
            problems += Self.english(in: html, data: data).map { "\(label) \(path): \($0)" }
            for m in html.matches(of: /href="(\/[^"#]*)/) {
                let link = String(m.1).replacingOccurrences(of: "&amp;", with: "&")
                // Downloads (CSV, JSON, PDF, SVG) and the API are not pages.
                if link.hasPrefix("/api/") || link.hasSuffix(".csv") || link.hasSuffix(".json") || link.contains("format=") || link == "/signout"
                    || link.hasPrefix("/styles") || link.hasPrefix("/openapi") || link.hasPrefix("/metrics") || link.hasPrefix("/health") { continue }
                queue.append(link)
            }
        }
        return visited
    }

    /// Names, codes, addresses and what people typed (a courier, a storage place, a drug given), which
    /// stay as they were written, whatever the page's language.
    static func dataWords(on db: Database) async throws -> Set<String> {
        var words = Set<String>()
        func add(_ s: String?) { s?.split(whereSeparator: { !$0.isLetter && $0 != "-" && $0 != "'" }).forEach { words.insert(String($0)) } }
        for p in try await PatientIdentity.query(on: db).all() { add(p.givenName); add(p.familyName); add(p.hospitalNumber) }
        for u in try await User.query(on: db).all() { add(u.displayName); add(u.email) }
        for product in ProductCatalogue.all { add(product.name); add(product.genericName); add(product.manufacturer) }
        // Free text and names typed into the records, column by column.
        let typed: [(table: String, columns: [String])] = [
            ("centers", ["name", "time_zone"]), ("manufacturing_sites", ["name", "time_zone"]), ("patients", ["code"]),
            ("custody_events", ["details", "site", "time_zone"]), ("custody_deviations", ["closure_reason"]),
            ("interventions", ["drug", "dose"]), ("follow_up_events", ["detail"]), ("follow_up_visits", ["note"]),
            ("exceptional_release_requests", ["justification"]), ("journey_events", ["reason"]),
        ]
        if let sql = db as? SQLDatabase {
            for (table, columns) in typed {
                for row in (try? await sql.raw(SQLQueryString("SELECT * FROM \(unsafeRaw: table)")).all()) ?? [] {
                    for column in columns { add(try? row.decode(column: column, as: String?.self)) }
                }
            }
        }
        return words
    }

    /// English words in the visible text of a page (text, titles, labels, placeholders), outside
    /// elements marked `lang="en"`, `<style>` and `<script>`.
    static func english(in html: String, data: Set<String>) -> [String] {
        var found: [String] = []
        for raw in visibleText(html) {
            // Addresses and paths are data, whatever the language: e-mail addresses, URLs, /api/… paths.
            let text = raw.replacing(/\S+@\S+|https?:\/\/\S+|(?:^|[\s(（])\/[A-Za-z0-9_.\/{}?=&%-]+/, with: " ")
            for m in text.matches(of: /[A-Za-z0-9][A-Za-z0-9'’\-_.]*/) {
                var word = String(m.0).trimmingCharacters(in: CharacterSet(charactersIn: ".-_'’"))
                // A token with a digit is a code, a count or a unit (CHX999926000006, LN2, FUCASO-custody-1, UTF-8).
                if word.contains(where: \.isNumber) || word.allSatisfy({ !$0.isLetter }) { continue }
                // A name in the possessive is still the name.
                if word.hasSuffix("'s") || word.hasSuffix("’s") { word = String(word.dropLast(2)) }
                if allowed.contains(word) || data.contains(word) || word.count == 1 { continue }
                if word.split(separator: "-").allSatisfy({ allowed.contains(String($0)) || data.contains(String($0)) }) { continue }
                found.append("\"\(word)\" in \"\(text.prefix(120))\"")
                break
            }
        }
        return found
    }

    static func visibleText(_ html: String) -> [String] {
        let void: Set<String> = ["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr",
                                 "circle", "line", "path", "rect", "polyline", "polygon", "use", "stop"]
        var texts: [String] = []
        var stack: [(name: String, hidden: Bool)] = []
        var i = html.startIndex
        while i < html.endIndex {
            if html[i] == "<" {
                guard let close = html[i...].firstIndex(of: ">") else { break }
                let tag = String(html[html.index(after: i)..<close])
                i = html.index(after: close)
                if tag.hasPrefix("!") || tag.hasPrefix("?") { continue }
                if tag.hasPrefix("/") {
                    let name = tag.dropFirst().lowercased().trimmingCharacters(in: .whitespaces)
                    if let at = stack.lastIndex(where: { $0.name == name }) { stack.removeSubrange(at...) }
                    continue
                }
                let name = String(tag.prefix { !$0.isWhitespace && $0 != "/" }).lowercased()
                let parentHidden = stack.last?.hidden ?? false
                let english = tag.contains("lang=\"en\"")
                let chinese = tag.contains("lang=\"zh-Hans\"")
                // Code samples (<code>, <kbd>, <samp>, <pre>) are literal input or output, not prose.
                let literal = ["code", "kbd", "samp", "pre"].contains(name)
                let hidden = name == "style" || name == "script" || literal || (parentHidden && !chinese) || english
                if !hidden {
                    for m in tag.matches(of: /(?:title|aria-label|placeholder|alt)="([^"]*)"/) { texts.append(decode(String(m.1))) }
                    if name == "input", tag.contains("type=\"submit\"") || tag.contains("type=\"button\""),
                       let v = tag.firstMatch(of: /value="([^"]*)"/) { texts.append(decode(String(v.1))) }
                }
                if !void.contains(name) && !tag.hasSuffix("/") { stack.append((name, hidden)) }
                if name == "style" || name == "script" {
                    if let end = html[i...].range(of: "</\(name)>") { i = end.upperBound; stack.removeLast() }
                }
                continue
            }
            let next = html[i...].firstIndex(of: "<") ?? html.endIndex
            let text = html[i..<next].trimmingCharacters(in: .whitespacesAndNewlines)
            if !text.isEmpty, !(stack.last?.hidden ?? false) { texts.append(decode(text)) }
            i = next
        }
        return texts
    }

    static func decode(_ s: String) -> String {
        s.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&quot;", with: "\"")
            .replacingOccurrences(of: "&#39;", with: "'").replacingOccurrences(of: "&amp;", with: "&")
    }
}
