import CartographCore
import Fluent
import Foundation
import Store
import Vapor

/// The bag page and its forms: custody events, data-logger files and release results, with the same
/// rules and signatures as the JSON API (`CustodyRepository`, `ReleaseRepository`).
enum BagPageRoutes {
    static func register(_ pages: RoutesBuilder) {
        pages.get("bags", ":bagID", use: page)
        pages.post("bags", ":bagID", "events", use: recordEvent)
        pages.on(.POST, "bags", ":bagID", "logger", body: .collect(maxSize: "2mb"), use: logger)
        pages.post("bags", ":bagID", "release-results", use: releaseResults)
        pages.post("patients", ":patientID", "bags", use: openBag)
    }

    static func render(_ req: Request, bagID: UUID, failedForm: String? = nil, form: FormState = FormState(),
                       status: HTTPStatus = .ok) async throws -> Response {
        let actor = try req.actor
        let bag = try await CustodyRepository.bag(bagID, for: actor, on: req.db)
        guard let therapy = try await Therapy.find(bag.therapyID, on: req.db) else { throw StoreError.notFound("bag") }
        let zone = try await SafetyPageRoutes.zone(req)
        let page = BagPage(viewer: try await PageRoutes.viewer(req), bag: bag, patientID: therapy.$patient.id.uuidString,
                           recordable: try await CustodyRepository.recordableKinds(bagID: bagID, for: actor, on: req.db),
                           release: bag.kind == .finalProduct ? try await ReleaseRepository.file(bagID, for: actor, on: req.db) : nil,
                           now: AssessmentForm.formatLocal(Date(), timeZone: zone), failedForm: failedForm, form: form)
        return PageRoutes.html(page.render(), status: status)
    }

    @Sendable static func page(_ req: Request) async throws -> Response {
        try await render(req, bagID: try CustodyAPI.bagID(req))
    }

    /// One custody event from its form: the kind's details, and the time in the site's zone (now when empty).
    @Sendable static func recordEvent(_ req: Request) async throws -> Response {
        let form = FormBody(req)
        try CSRF.verify(req, submitted: form[CSRF.field])
        let bagID = try CustodyAPI.bagID(req)
        let kindName = form["kind"] ?? ""
        do {
            guard let kind = CustodyEventKind(rawValue: kindName), BagPage.formKinds.contains(kind) else {
                throw StoreError.invalid([FieldError("kind", tr("\"\(kindName)\" cannot be recorded from this form"))])
            }
            let at = try time(form["at"], zone: try await SafetyPageRoutes.zone(req))
            let site = try await site(req, bagID: bagID)
            _ = try await CustodyRepository.record(try details(kind, form), bagID: bagID, by: try req.actor, at: at,
                                                   site: site?.code, timeZone: site?.timeZone, on: req.db)
            return req.redirect(to: "/bags/\(bagID)")
        } catch let failure as ValidationFailure {
            var input = form.dictionary
            input[CSRF.field] = nil
            return try await render(req, bagID: bagID, failedForm: kindName, form: FormState(input: input, errors: failure.errors),
                                    status: .unprocessableEntity)
        } catch StoreError.invalid(let errors) {
            var input = form.dictionary
            input[CSRF.field] = nil
            return try await render(req, bagID: bagID, failedForm: kindName, form: FormState(input: input, errors: errors.map(siteWords)),
                                    status: .unprocessableEntity)
        }
    }

    /// The state machine's `instant` speaks UTC; the form speaks site time and calls the field `at`.
    static func siteWords(_ e: FieldError) -> FieldError {
        guard e.field == "instant" else { return e }
        return FieldError("at", tr("is before the bag's last recorded event; events are recorded in the order they happened (see the timeline below)"))
    }

    /// Where the manufacturing side works: the site holding the therapy's slot booking, else the only
    /// (first) manufacturing site; the clinical side records at its own center (nil: the center's code).
    static func site(_ req: Request, bagID: UUID) async throws -> (code: String, timeZone: String)? {
        let actor = try req.actor
        guard [.manufacturing, .qa].contains(actor.role) else { return nil }
        let bag = try await CustodyRepository.bag(bagID, for: actor, on: req.db)
        return try await SlotRepository.site(forTherapy: bag.therapyID, on: req.db).map { ($0.code, $0.timeZone) }
    }

    static func time(_ raw: String?, zone: TimeZone) throws -> Date {
        // Now, to the minute: the form's times are minutes, so a later entry typed for this minute
        // does not count as earlier than one recorded "now".
        guard let raw, !raw.isEmpty else { return Date(timeIntervalSince1970: (Date().timeIntervalSince1970 / 60).rounded(.down) * 60) }
        guard let at = AssessmentForm.parseLocal(raw, timeZone: zone) else {
            throw StoreError.invalid([FieldError("at", tr("enter a time as YYYY-MM-DDTHH:MM (site time)"))])
        }
        guard at <= Date().addingTimeInterval(300) else { throw StoreError.invalid([FieldError("at", tr("\(raw) is in the future"))]) }
        return at
    }

    /// The event's details from its form, naming each missing or unreadable field.
    static func details(_ kind: CustodyEventKind, _ form: FormBody) throws -> CustodyEventDetails {
        var c = FieldErrorCollector()
        func text(_ name: String) -> String {
            let v = form[name] ?? ""
            if v.isEmpty { c.add(name, tr("is required")) } else if v.count > 200 { c.add(name, tr("at most 200 characters")) }
            return v
        }
        let d: CustodyEventDetails
        switch kind {
        case .collected: d = .collected
        case .packed:
            let condition = CustodyThermalCondition(rawValue: form["condition"] ?? "")
            if condition == nil { c.add("condition", tr("choose the thermal condition")) }
            d = .packed(condition: condition ?? .cryopreserved)
        case .shipped: d = .shipped(courier: text("courier"), shipperID: text("shipperID"))
        case .shippedToCenter: d = .shippedToCenter(courier: text("courier"), shipperID: text("shipperID"))
        case .temperatureReading:
            let raw = form["celsius"] ?? ""
            let celsius = LoggerFile.celsius(raw)
            if celsius == nil {
                c.add("celsius", raw.isEmpty ? tr("is required") : tr("\"\(raw)\" is not a temperature in °C between −200 and 60"))
            }
            d = .temperatureReading(celsius: celsius ?? 0, fromDataLogger: false)
        case .received: d = .received
        case .inManufacturing: d = .inManufacturing
        case .manufactured: d = .manufactured(lot: text("lot"))
        case .receivedAtCenter: d = .receivedAtCenter
        case .stored: d = .stored(location: text("location"))
        case .dispensed: d = .dispensed
        case .thawed: d = .thawed
        case .discarded: d = .discarded(reason: text("reason"))
        case .quarantined: d = .quarantined(reason: text("reason"))
        default: throw StoreError.invalid([FieldError("kind", tr("\(kind.rawValue) has a form of its own"))])
        }
        try c.throwIfAny()
        return d
    }

    struct LoggerUpload: Content {
        var _csrf: String?
        var readings: String?
        var file: File?
    }

    /// A data-logger file (or pasted lines), stored all or none.
    @Sendable static func logger(_ req: Request) async throws -> Response {
        let bagID = try CustodyAPI.bagID(req)
        let upload = try req.content.decode(LoggerUpload.self)
        try CSRF.verify(req, submitted: upload._csrf)
        let text = upload.file.flatMap { f in f.data.readableBytes > 0 ? String(buffer: f.data) : nil } ?? upload.readings ?? ""
        do {
            let readings = try LoggerFile.read(text, zone: try await SafetyPageRoutes.zone(req))
            let site = try await site(req, bagID: bagID)
            _ = try await CustodyRepository.recordLoggerReadings(readings, bagID: bagID, by: try req.actor,
                                                                 site: site?.code, timeZone: site?.timeZone, on: req.db)
            return req.redirect(to: "/bags/\(bagID)")
        } catch StoreError.invalid(let errors) {
            return try await render(req, bagID: bagID, failedForm: "logger",
                                    form: FormState(input: ["readings": upload.readings ?? ""], errors: errors), status: .unprocessableEntity)
        }
    }

    @Sendable static func releaseResults(_ req: Request) async throws -> Response {
        let form = FormBody(req)
        try CSRF.verify(req, submitted: form[CSRF.field])
        let bagID = try CustodyAPI.bagID(req)
        let actor = try req.actor
        do {
            let bag = try await CustodyRepository.bag(bagID, for: actor, on: req.db)
            guard let lot = bag.lot else { throw StoreError.invalid([FieldError("lot", tr("the bag holds no manufactured lot yet"))]) }
            _ = try await ReleaseRepository.recordResults(try ReleaseResultsForm.parse(form, lot: lot), bagID: bagID, by: actor, on: req.db)
            return req.redirect(to: "/bags/\(bagID)/certificate")
        } catch let e as ValidationFailure {
            return try await render(req, bagID: bagID, failedForm: "release", form: FormState(input: form.dictionary, errors: e.errors),
                                    status: .unprocessableEntity)
        } catch StoreError.invalid(let errors) {
            return try await render(req, bagID: bagID, failedForm: "release", form: FormState(input: form.dictionary, errors: errors),
                                    status: .unprocessableEntity)
        }
    }

    /// Opens a bag for the patient's therapy (apheresis by the clinical side, final product by
    /// manufacturing or QA) and goes to its page.
    @Sendable static func openBag(_ req: Request) async throws -> Response {
        let form = FormBody(req)
        try CSRF.verify(req, submitted: form[CSRF.field])
        let id = try APIRoutes.patientID(req)
        let actor = try req.actor
        _ = try await PatientRepository.patient(id, for: actor, on: req.db)
        let therapy = try await PatientRepository.therapy(ofPatient: id, on: req.db)
        guard let kind = CustodyBagKind(rawValue: form["kind"] ?? "") else {
            throw StoreError.invalid([FieldError("kind", tr("choose the kind of bag"))])
        }
        let bag = try await CustodyRepository.createBag(kind, therapyID: try therapy.requireID(), facility: try CustodyAPI.facility(req),
                                                        by: actor, on: req.db)
        return req.redirect(to: "/bags/\(bag.id)")
    }
}

/// A data logger's export: one reading per line, `time,celsius` (a header line and blank lines are
/// skipped; `;` and tab also separate). The time is `YYYY-MM-DDTHH:MM` in the site's zone, or ISO 8601
/// with a `Z` or an offset. A file with any unreadable line stores nothing; every bad line is named.
enum LoggerFile {
    static let maximumLines = 10_000

    /// A temperature as a plain decimal (`-182`, `−182.5`, `4`): no hex, no exponent, no words, and within
    /// −200…60 °C (liquid nitrogen is −196 °C; nothing a bag meets is hotter than a hot day).
    static func celsius(_ raw: String) -> Double? {
        let text = raw.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "−", with: "-")
        guard text.wholeMatch(of: /[+-]?[0-9]{1,3}(\.[0-9]{1,3})?/) != nil, let v = Double(text), (-200...60).contains(v) else { return nil }
        return v
    }

    static func read(_ text: String, zone: TimeZone) throws -> [(instant: Date, celsius: Double)] {
        var out: [(instant: Date, celsius: Double)] = []
        var problems: [FieldError] = []
        let iso = ISO8601DateFormatter()
        let lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
        guard lines.count <= maximumLines else {
            throw StoreError.invalid([FieldError("file", tr("\(lines.count) lines; at most \(maximumLines) in one file"))])
        }
        for (i, raw) in lines.enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty { continue }
            let cells = line.split(whereSeparator: { $0 == "," || $0 == ";" || $0 == "\t" }).map { $0.trimmingCharacters(in: .whitespaces) }
            if i == 0, cells.first.map({ AssessmentForm.parseLocal($0, timeZone: zone) == nil && iso.date(from: $0) == nil }) == true,
               cells.count >= 2, Self.celsius(cells[1]) == nil { continue }   // header
            guard cells.count == 2 else { problems.append(FieldError("file", tr("line \(i + 1): expected time,celsius, found \(cells.count) fields"))); continue }
            let at = AssessmentForm.parseLocal(cells[0], timeZone: zone) ?? iso.date(from: cells[0])
            let celsius = Self.celsius(cells[1])
            if at == nil { problems.append(FieldError("file", tr("line \(i + 1): \"\(cells[0])\" is not a time (YYYY-MM-DDTHH:MM or ISO 8601)"))) }
            if celsius == nil {
                problems.append(FieldError("file", tr("line \(i + 1): \"\(cells[1])\" is not a temperature in °C between −200 and 60")))
            }
            if let at, let celsius, out.contains(where: { $0.instant == at && $0.celsius == celsius }) {
                problems.append(FieldError("file", tr("line \(i + 1): repeats an earlier line (\(cells[0]), \(cells[1]))")))
            }
            if let at, let celsius, celsius.isFinite, at > Date().addingTimeInterval(300) {
                problems.append(FieldError("file", tr("line \(i + 1): \(cells[0]) is in the future")))
            }
            if let at, let celsius { out.append((at, celsius)) }
        }
        if !problems.isEmpty { throw StoreError.invalid(problems) }
        if out.isEmpty { throw StoreError.invalid([FieldError("file", tr("no reading found: give one time,celsius line per reading"))]) }
        return out
    }
}
