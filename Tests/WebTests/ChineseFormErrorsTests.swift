import CartographCore
import Fluent
import Foundation
import NIOCore
import Store
import Testing
import TestSupport
import Vapor
import VaporTesting
@testable import Web

/// Refused forms, read in Simplified Chinese: the problems found by the validations of the core, the
/// clinical engines and the repositories (`FieldError` messages composed in English) come back on the
/// page in Chinese, beside their fields, with no English word left and nothing the catalogues lack.
///
/// Values typed into the forms hold a digit where a message quotes them (`"1,5" is not a number`): a
/// composed message is translated through its template only when every quoted part is known, and a
/// part with a digit counts as data (`StringCatalogue.text(source:in:)`).
@Suite("Refused forms in Simplified Chinese", .serialized)
struct ChineseFormErrorsTests {
    static let today = CalendarDate("2026-03-15")!

    /// Words on the refused pages that come from elsewhere than the validation messages this suite is
    /// about, left as the page writes them: unit symbols spelled in ASCII (mmol/L, umol/L, ukat/L), as the
    /// laboratory form accepts them.
    static let elsewhere: Set<String> = ["mmol", "umol", "ukat"]

    /// What the checks found, over one test.
    struct Findings {
        var problems: [String] = []
        var checked = 0
    }

    /// Posts a form as a browser set to Simplified Chinese (the `send` pattern of `ChinesePagesTests`).
    static func send(_ app: Application, _ path: String, cookie: String?, signInCookie: String? = nil,
                     form: [(String, String)]) async throws -> TestingHTTPResponse {
        var headers: HTTPHeaders = ["Accept-Language": "zh-CN,zh;q=0.9", "Content-Type": "application/x-www-form-urlencoded"]
        var cookies: [String] = []
        if let cookie { cookies.append("cartograph-session=\(cookie)") }
        if let signInCookie { cookies.append("cartograph-signin=\(signInCookie)") }
        if !cookies.isEmpty { headers.add(name: "Cookie", value: cookies.joined(separator: "; ")) }
        let body = form.map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)" }.joined(separator: "&")
        var captured: TestingHTTPResponse?
        try await app.testing().test(.POST, path, headers: headers, body: ByteBuffer(string: body)) { captured = $0 }
        return captured!
    }

    /// A refused answer: 4xx, a page in Chinese, no English word in what it shows, and each expected
    /// Chinese message (a fragment of it) on the page.
    static func check(_ res: TestingHTTPResponse, _ label: String, data: Set<String>, expect fragments: [String] = [],
                      into findings: inout Findings) {
        findings.checked += 1
        let html = res.body.string
        if !(400..<500).contains(res.status.code) { findings.problems.append("\(label): status \(res.status.code), not 4xx") }
        if !html.contains("<html lang=\"zh-Hans\">") { findings.problems.append("\(label): not a Chinese page") }
        findings.problems += ChinesePagesTests.english(in: html, data: data.union(elsewhere)).map { "\(label): \($0)" }
        for fragment in fragments where !html.contains(fragment) && !html.contains(escapeHTML(fragment)) {
            findings.problems.append("\(label): expected \"\(fragment)\" on the page")
        }
    }

    /// A date as the Chinese pages write it, also inside a composed message (`2099年1月1日`).
    static func zh(_ iso: String) -> String { LocalFormat.date(CalendarDate(iso)!, in: .simplifiedChinese) }

    /// The texts asked for in Chinese that the catalogues did not hold, since `before`.
    static func newMisses(since before: Set<StringCatalogue.Miss>) -> [String] {
        StringCatalogue.shared.misses.subtracting(before).filter { $0.language == .simplifiedChinese }.map(\.key).sorted()
    }

    static func report(_ findings: Findings, misses: [String], minimum: Int) {
        #expect(findings.checked >= minimum, "\(findings.checked) answers checked")
        #expect(findings.problems.isEmpty, Comment(rawValue: "\(findings.problems.count) problems:\n" + findings.problems.joined(separator: "\n")))
        #expect(misses.isEmpty, Comment(rawValue: "\(misses.count) texts missing from the catalogues:\n" + misses.joined(separator: "\n")))
    }

    // MARK: - Patients: enrolment, screening, journey, dose, laboratory results

    @Test("enrolment, screening, a journey event, a dose and laboratory results refused in Chinese")
    func patientForms() async throws {
        try await withTestApp(today: Self.today.description) { app in
            let f = try await Fixtures.make(on: app)
            let (existing, _) = try await PatientRepository.enrol(Fixtures.enrolment(given: "Mina", family: "Okafor", born: "1961-02-03"),
                                                                  by: f.coordinatorA, today: Self.today, on: app.db)
            let pid = try existing.requireID()
            _ = try await PatientRepository.enrol(Fixtures.enrolment(given: "Zora", family: "Lee", born: "1970-07-07"),
                                                  by: f.coordinatorA, today: Self.today, on: app.db)
            let coordinator = try await app.signIn(Fixtures.email(.coordinator, center: "C01"))
            let data = try await ChinesePagesTests.dataWords(on: app.db)
            let before = StringCatalogue.shared.misses
            var findings = Findings()

            // Enrolment: blank identity, a birth date in the future, then the same person again.
            func enrol(_ fields: [(String, String)]) async throws -> TestingHTTPResponse {
                try await Self.send(app, "/patients/new", cookie: coordinator.cookie, form: [("_csrf", coordinator.csrf), ("sex", "female"),
                                                                                              ("productId", "fucaso")] + fields)
            }
            let blank = try await enrol([("givenName", " "), ("familyName", ""), ("hospitalNumber", ""), ("dateOfBirth", "2099-01-01"),
                                         ("enrolledOn", "2026-03-01")])
            Self.check(blank, "enrolment, blank and future", data: data, expect: ["为必填项", "\(Self.zh("2099-01-01")) 晚于当前时间", "不晚于出生日期"],
                       into: &findings)
            let long = try await enrol([("givenName", String(repeating: "A", count: 101)), ("familyName", "Li\u{0}"), ("hospitalNumber", "H-9"),
                                        ("dateOfBirth", "1890-01-01"), ("enrolledOn", "2026-03-01")])
            Self.check(long, "enrolment, too long, control character, too old", data: data.union([String(repeating: "A", count: 101), "Li"]),
                       expect: ["超过100个字符", "含有控制字符", "距今超过120年"], into: &findings)
            let sameNumber = try await enrol([("givenName", "Amina"), ("familyName", "Other"), ("hospitalNumber", "H-Mina"),
                                              ("dateOfBirth", "1970-01-01"), ("enrolledOn", "2026-03-01")])
            Self.check(sameNumber, "enrolment, same hospital number", data: data.union(["Amina", "Other"]),
                       expect: ["可能是已入组的患者：C01-0001（住院号相同）"], into: &findings)
            let twoAlike = try await enrol([("givenName", "Zora"), ("familyName", "Lee"), ("hospitalNumber", "H-Mina"),
                                            ("dateOfBirth", "1970-07-07"), ("enrolledOn", "2026-03-01")])
            Self.check(twoAlike, "enrolment, one with the number, another with the name", data: data,
                       expect: ["可能是已入组的患者：C01-0001（住院号相同）、C01-0002（姓名和出生日期相同）。"], into: &findings)

            // Screening: impossible values, then a date in the future.
            let screening = "/patients/\(pid)/screening"
            let impossible = try await Self.send(app, screening, cookie: coordinator.cookie, form: [
                ("_csrf", coordinator.csrf), ("screenedOn", "2026-03-01"), ("ecog", "7"), ("labs.platelets", "-5"), ("labs.hemoglobin", "99")])
            Self.check(impossible, "screening, impossible values", data: data,
                       expect: ["ECOG 体能状态评分为0–5，当前为 7", "超出可能范围"], into: &findings)
            let future = try await Self.send(app, screening, cookie: coordinator.cookie, form: [
                ("_csrf", coordinator.csrf), ("screenedOn", "2099-01-01"), ("ecog", "1")])
            Self.check(future, "screening, in the future", data: data, expect: ["\(Self.zh("2099-01-01")) 晚于当前时间"], into: &findings)
            let beforeBirth = try await Self.send(app, screening, cookie: coordinator.cookie, form: [
                ("_csrf", coordinator.csrf), ("screenedOn", "1950-01-01"), ("ecog", "1")])
            Self.check(beforeBirth, "screening, before birth", data: data, expect: ["\(Self.zh("1950-01-01")) 不晚于出生日期 \(Self.zh("1961-02-03"))"], into: &findings)

            // A journey event the therapy is not ready for, and a weight no patient has.
            let event = try await Self.send(app, "/patients/\(pid)/events", cookie: coordinator.cookie, form: [
                ("_csrf", coordinator.csrf), ("kind", "lymphodepletionDose"), ("date", "2026-03-10")])
            Self.check(event, "journey event out of order", data: data, expect: ["治疗处于“筛选”阶段时不能记录“淋巴细胞清除给药”"], into: &findings)
            let ahead = try await Self.send(app, "/patients/\(pid)/events", cookie: coordinator.cookie, form: [
                ("_csrf", coordinator.csrf), ("kind", "collected"), ("date", "2026-04-10")])
            Self.check(ahead, "journey event in the future", data: data, expect: ["\(Self.zh("2026-04-10")) 晚于当前时间；只有采集可以提前安排"], into: &findings)
            let dose = try await Self.send(app, "/patients/\(pid)/dose", cookie: coordinator.cookie, form: [
                ("_csrf", coordinator.csrf), ("weightKg", "600")])
            Self.check(dose, "dose, impossible weight", data: data, expect: ["须大于0且不超过500 kg，当前为 600"], into: &findings)

            // Laboratory results typed on the patient page.
            let labs = "/patients/\(pid)/labs"
            func lab(_ value: String, unit: String, date: String = "2026-03-14", analyte: String = "hemoglobin") async throws -> TestingHTTPResponse {
                try await Self.send(app, labs, cookie: coordinator.cookie, form: [
                    ("_csrf", coordinator.csrf), ("lab.date", date), ("lab.analyte", analyte), ("lab.value", value), ("lab.unit", unit)])
            }
            let unreadable = try await lab("1,5", unit: "g/100mL")
            Self.check(unreadable, "lab, unreadable value and unknown unit", data: data.union(["g", "mL"]),
                       expect: ["“1,5”不是数字", "不是血红蛋白的单位；应为 g/dL、g/L 或 mmol/L"], into: &findings)
            let implausible = try await lab("300", unit: "g/dL")
            Self.check(implausible, "lab, implausible value", data: data, expect: ["超出血红蛋白的合理范围 0–25 g/dL"], into: &findings)
            let converted = try await lab("300", unit: "g/L")
            Self.check(converted, "lab, implausible value in another unit", data: data, expect: ["超出血红蛋白的合理范围 0–250 g/L（0–25 g/dL）"],
                       into: &findings)
            let negative = try await lab("-2", unit: "g/dL")
            Self.check(negative, "lab, negative value", data: data, expect: ["为负数；血红蛋白不能小于0"], into: &findings)
            let later = try await lab("10", unit: "g/dL", date: "2099-01-01")
            Self.check(later, "lab, sample after today", data: data, expect: ["\(Self.zh("2099-01-01")) 晚于今天（\(Self.zh("2026-03-15"))）"], into: &findings)
            let mrd = try await lab("negative", unit: "", analyte: "mrd")
            Self.check(mrd, "lab, MRD without its method", data: data, expect: ["MRD 结果须填写检测方法"], into: &findings)
            let stored = try await lab("10", unit: "g/dL")
            #expect(stored.status == .seeOther, "\(stored.body.string.prefix(300))")
            let again = try await lab("11", unit: "g/dL")
            Self.check(again, "lab, already recorded", data: data, expect: ["C01-0001 已有 \(Self.zh("2026-03-14")) 的血红蛋白结果（10，来源：表单）"], into: &findings)

            Self.report(findings, misses: Self.newMisses(since: before), minimum: 17)
        }
    }

    // MARK: - Day 0–28: the bedside assessment

    @Test("a bedside assessment with values out of range and inconsistent combinations is refused in Chinese")
    func bedsideAssessment() async throws {
        try await withTestApp(today: Self.today.description) { app in
            let f = try await Fixtures.make(on: app)
            let (p, _) = try await Fixtures.infusedPatient(by: f.coordinatorA, infusion: CalendarDate("2026-03-10")!, today: Self.today, on: app.db)
            let path = "/patients/\(try p.requireID())/assessments/new"
            let nurse = try await app.signIn(Fixtures.email(.nurse, center: "C01"))
            let data = try await ChinesePagesTests.dataWords(on: app.db)
            let before = StringCatalogue.shared.misses
            var findings = Findings()
            func assess(_ label: String, _ fields: [(String, String)], expect: [String]) async throws {
                // The first value of a name counts: defaults only for the names the case does not give.
                let defaults = [("assessedAt", "2026-03-15T09:00"), ("hypotension", "no"), ("oxygenDevice", "none")]
                    .filter { d in !fields.contains { $0.0 == d.0 } }
                let res = try await Self.send(app, path, cookie: nurse.cookie, form: [("_csrf", nurse.csrf)] + defaults + fields)
                Self.check(res, label, data: data, expect: expect, into: &findings)
            }
            try await assess("temperature in °F", [("temperatureC", "101.3")], expect: ["101.3 °C 超出范围 30...43（单位为 °C，不是 °F）"])
            try await assess("no temperature", [], expect: ["必填：除非已给予退热药或抗细胞因子治疗"])
            try await assess("blood pressure", [("temperatureC", "37.0"), ("systolicMmHg", "300"), ("diastolicMmHg", "310")],
                             expect: ["300 超出范围 40...260 mmHg", "310 超出范围 20...200 mmHg"])
            try await assess("diastolic above systolic", [("temperatureC", "37.0"), ("systolicMmHg", "100"), ("diastolicMmHg", "120")],
                             expect: ["120 mmHg 不低于收缩压 100 mmHg"])
            try await assess("vasopressor without hypotension", [("temperatureC", "38.4"), ("vasopressor1", "norepinephrine"),
                                                                 ("vasopressor1Dose", "0.1"), ("vasopressor1Unit", "microgramsPerKilogramPerMinute")],
                             expect: ["正在使用升压药（去甲肾上腺素）：请将低血压记录为“是”"])
            try await assess("two vasopressors without hypotension", [("temperatureC", "38.4"), ("vasopressor1", "norepinephrine"),
                                                                      ("vasopressor1Dose", "0.1"), ("vasopressor2", "vasopressin"), ("vasopressor2Dose", "0.03"),
                                                                      ("vasopressor2Unit", "unitsPerMinute")],
                             expect: ["正在使用升压药（去甲肾上腺素、血管加压素）"])
            try await assess("vasopressor dose", [("temperatureC", "38.4"), ("hypotension", "yes"), ("vasopressor1", "norepinephrine"),
                                                  ("vasopressor1Dose", "50"), ("vasopressor1Unit", "microgramsPerKilogramPerMinute")],
                             expect: ["50 µg/kg/min 超出范围 0（不含）...10"])
            try await assess("oxygen flow without a device", [("temperatureC", "37.0"), ("oxygenFlowLitersPerMinute", "4")],
                             expect: ["填写了氧流量，但给氧装置为“无”"])
            try await assess("oxygen flow out of range", [("temperatureC", "37.0"), ("oxygenDevice", "faceMask"), ("oxygenFlowLitersPerMinute", "100")],
                             expect: ["100 超出范围 0...80 L/min"])
            try await assess("ICE item out of range", [("temperatureC", "37.2"), ("iceOrientation", "7"), ("iceNaming", "3"), ("iceFollowsCommands", "1"),
                                                       ("iceWriting", "1"), ("iceAttention", "2")],
                             expect: ["7 超出范围 0...4", "2 超出范围 0...1"])
            try await assess("in the future", [("assessedAt", "2099-01-01T09:00"), ("temperatureC", "37.0")], expect: ["晚于当前时间"])
            try await assess("before the infusion", [("assessedAt", "2026-03-05T09:00"), ("temperatureC", "37.0")],
                             expect: ["\(Self.zh("2026-03-05")) 早于回输日期 \(Self.zh("2026-03-10"))；安全性评估自第0天开始"])
            Self.report(findings, misses: Self.newMisses(since: before), minimum: 12)
        }
    }

    // MARK: - Chain of custody: a bag's events and the bedside check

    @Test("custody events and the bedside check refused in Chinese")
    func custodyForms() async throws {
        try await withTestApp(today: Self.today.description) { app in
            let f = try await Fixtures.make(on: app)
            try await ManufacturingSite(code: "M01", name: "Site", timeZone: "Asia/Shanghai", facilityCode: "X9999").create(on: app.db)
            let first = try await CustodyScenario.enrol(app, f, given: "Ada")
            let second = try await CustodyScenario.enrol(app, f, given: "Ben")
            let bag = try await CustodyScenario.productAtCenter(app, f, therapy: first.therapy, lot: "LOT-0001")
            // Release testing needs the patient's weight (dose feasibility).
            _ = try await DoseRepository.record(weightKilograms: 70, product: nil, therapyID: second.therapy, by: f.coordinatorA, on: app.db)
            let nurse = try await app.signIn(Fixtures.email(.nurse, center: "C01"))
            let manufacturing = try await app.signIn(Fixtures.email(.manufacturing, center: "C01"))
            // The scenario's QA signer is named "QA Person".
            let data = try await ChinesePagesTests.dataWords(on: app.db).union(["Person"])
            let before = StringCatalogue.shared.misses
            var findings = Findings()

            // Another lot with the number already used at the site.
            let opened = try await Self.send(app, "/patients/\(second.patient)/bags", cookie: manufacturing.cookie,
                                             form: [("_csrf", manufacturing.csrf), ("kind", "finalProduct")])
            let product = try #require(opened.headers.first(name: .location), "\(opened.status)")
            let reused = try await Self.send(app, product + "/events", cookie: manufacturing.cookie, form: [
                ("_csrf", manufacturing.csrf), ("kind", "manufactured"), ("lot", "LOT-0001"), ("at", "2026-03-12T09:00")])
            Self.check(reused, "custody, lot number reused", data: data,
                       expect: ["批号 LOT-0001 已在场地 M01 使用；每个场地的批号必须唯一"], into: &findings)
            // Release results no laboratory can report, for a lot of its own.
            let made = try await Self.send(app, product + "/events", cookie: manufacturing.cookie, form: [
                ("_csrf", manufacturing.csrf), ("kind", "manufactured"), ("lot", "LOT-0002"), ("at", "2026-03-12T09:00")])
            #expect(made.status == .seeOther, "\(made.body.string.prefix(300))")
            let results = try await Self.send(app, product + "/release-results", cookie: manufacturing.cookie, form: [
                ("_csrf", manufacturing.csrf), ("sterility", "negative"), ("viabilityPercent", "150"), ("endotoxinEUPerMilliliter", "-1"),
                ("bagVolumeMilliliters", "0")])
            Self.check(results, "release results out of range", data: data,
                       expect: ["须在0至100 %之间，当前为 150.0", "须不小于0，当前为 -1.0", "须大于0，当前为 0.0"], into: &findings)
            // An event the nurse's role may not record.
            let role = try await Self.send(app, "/bags/\(bag.id)/events", cookie: nurse.cookie, form: [
                ("_csrf", nurse.csrf), ("kind", "received"), ("at", "2026-03-12T09:00")])
            Self.check(role, "custody, role not permitted", data: data, expect: ["护士无权记录“生产场地已接收”"], into: &findings)

            // The bedside check: no password, then a wrong one.
            let check = "/patients/\(first.patient)/bedside-check"
            func bedside(_ password: String) async throws -> TestingHTTPResponse {
                try await Self.send(app, check, cookie: nurse.cookie, form: [
                    ("_csrf", nurse.csrf), ("bagChainOfIdentity", bag.chainOfIdentity), ("bagDIN", bag.din),
                    ("wristbandChainOfIdentity", bag.chainOfIdentity), ("password", password)])
            }
            Self.check(try await bedside(""), "bedside check, no password", data: data, expect: ["请再次输入您的密码以签名（床旁核对）"], into: &findings)
            Self.check(try await bedside("not my password 1"), "bedside check, wrong password", data: data, expect: ["密码不正确；未签名"],
                       into: &findings)
            Self.report(findings, misses: Self.newMisses(since: before), minimum: 5)
        }
    }

    // MARK: - Accounts: own password, administration, activation

    @Test("a password change, an account created by the administrator and an activation refused in Chinese")
    func accountForms() async throws {
        try await withTestApp(today: Self.today.description) { app in
            let f = try await Fixtures.make(on: app)
            let coordinatorEmail = Fixtures.email(.coordinator, center: "C01")
            let coordinator = try await app.signIn(coordinatorEmail)
            let admin = try await app.signIn(Fixtures.email(.admin, center: "C01"))
            let patient = try await CustodyScenario.enrol(app, f, given: "Mei")
            let issued = try await PatientAccess.issue(patientID: patient.patient, holder: .caregiver, holderName: "Li Mei", by: f.coordinatorA, on: app.db)
            let data = try await ChinesePagesTests.dataWords(on: app.db)
            let before = StringCatalogue.shared.misses
            var findings = Findings()

            // The account's own password.
            func change(_ current: String, _ new: String, _ again: String) async throws -> TestingHTTPResponse {
                try await Self.send(app, "/account/password", cookie: coordinator.cookie, form: [
                    ("_csrf", coordinator.csrf), ("currentPassword", current), ("newPassword", new), ("confirmation", again)])
            }
            Self.check(try await change("not the password 1", "three unrelated words", "three unrelated words"), "password, wrong current",
                       data: data, expect: ["不是您当前的密码"], into: &findings)
            Self.check(try await change(Fixtures.password, "short", "shorter"), "password, weak and not repeated", data: data,
                       expect: ["至少12个字符（当前为5个）", "与新密码不一致"], into: &findings)
            Self.check(try await change(Fixtures.password, "123123123123", "123123123123"), "password, common", data: data,
                       expect: ["是最常见的密码之一；请另选一个"], into: &findings)
            Self.check(try await change(Fixtures.password, "coordinator rules the ward", "coordinator rules the ward"), "password, e-mail name",
                       data: data.union(["rules", "the", "ward"]), expect: ["不能包含账户电子邮箱的用户名部分"], into: &findings)
            Self.check(try await change(Fixtures.password, Fixtures.password, Fixtures.password), "password, unchanged", data: data,
                       expect: ["与当前密码相同"], into: &findings)

            // An account created by the administrator.
            func create(_ email: String, _ name: String) async throws -> TestingHTTPResponse {
                try await Self.send(app, "/admin/users", cookie: admin.cookie, form: [
                    ("_csrf", admin.csrf), ("email", email), ("displayName", name), ("role", "nurse")])
            }
            Self.check(try await create("nurse2.c01.test", "Second Nurse"), "new account, not an e-mail", data: data.union(["Second", "Nurse"]),
                       expect: ["“nurse2.c01.test”不是电子邮箱地址"], into: &findings)
            Self.check(try await create("nurse2@c01.test", " "), "new account, no name", data: data, expect: ["为必填项"], into: &findings)
            Self.check(try await create(Fixtures.email(.nurse, center: "C01"), "Another Nurse"), "new account, e-mail taken",
                       data: data.union(["Another", "Nurse"]), expect: ["nurse@c01.test 的账户已存在"], into: &findings)
            Self.check(try await create("nürse2@c01.test", "Third Nurse"), "new account, non-Latin e-mail", data: data.union(["Third", "Nurse"]),
                       expect: ["只能使用普通字母、数字和 . _ + -"], into: &findings)

            // The activation page, not signed in: a wrong code, with a weak password, a mismatch and no e-mail.
            func activate(_ fields: [(String, String)]) async throws -> TestingHTTPResponse {
                var cookie = "", csrf = ""
                try await app.testing().test(.GET, "/activate", headers: ["Accept-Language": "zh-CN"]) { res in
                    cookie = res.headers.setCookie?["cartograph-signin"]?.string ?? ""
                    csrf = res.body.string.firstMatch(of: /name="_csrf" value="([^"]+)"/).map { String($0.1) } ?? ""
                }
                return try await Self.send(app, "/activate", cookie: nil, signInCookie: cookie, form: [("_csrf", csrf)] + fields)
            }
            let wrong = try await activate([("code", "AAAA-BBBB-CC22"), ("email", "li.mei2.home.test"), ("newPassword", "short"), ("confirmation", "other")])
            Self.check(wrong, "activation, wrong code and bad input", data: data,
                       expect: ["“li.mei2.home.test”不是电子邮箱地址", "至少12个字符（当前为5个）", "与密码不一致"], into: &findings)
            let taken = try await activate([("code", issued.code), ("email", coordinatorEmail), ("newPassword", "tea garden lantern moon"),
                                            ("confirmation", "tea garden lantern moon")])
            Self.check(taken, "activation, e-mail taken", data: data, expect: ["coordinator@c01.test 的账户已存在"], into: &findings)
            Self.report(findings, misses: Self.newMisses(since: before), minimum: 11)
        }
    }
}
