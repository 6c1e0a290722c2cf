import Foundation
import CartographCore
import Plot
import Store

/// Per therapy: the chain of custody as a timeline, bag by bag, with each bag's temperature chart,
/// its signatures (signer, time, meaning) and its deviations. No patient identity is shown here:
/// the page is read by the manufacturing side too, by chain-of-identity ID.
struct CustodyPage {
    var viewer: Viewer
    var patientID: String
    var trail: CustodyTrail
    /// A refused bedside check: what was typed (never the password) and the errors.
    var bedsideForm = FormState()

    /// Nurses and physicians verify at the bedside, once a final product is at the center and not yet
    /// verified.
    var showsBedsideForm: Bool {
        [.nurse, .physician].contains(viewer.role)
            && trail.bags.contains { $0.kind == .finalProduct && $0.phase == .atCenter && $0.bedsideVerifiedAt == nil }
    }

    func render() -> String {
        Layout.page(title: tr("Chain of custody"), viewer: viewer,
            .h1(.text(tr("Chain of custody"))),
            .p(.class("subtitle"), .text(tr("Chain of identity") + " "), .strong(.text(trail.chainOfIdentity ?? tr("not issued yet"))),
               .unwrap(trail.bags.first) { .text(" · " + tr("rules \($0.rules.version)")) }),
            .if(trail.bags.isEmpty, .p(.text(tr("No bag has been opened for this therapy yet.")))),
            openBagForm,
            .if(showsBedsideForm, bedsideSection),
            .forEach(trail.bags) { bag in bagSection(bag) },
            .if(!trail.deviations.isEmpty, .section(.h2(.text(tr("Deviations"))), deviationList(trail.deviations)))
        )
    }

    /// The bag kinds this role may open (the apheresis unit the collection bag, manufacturing the final
    /// product), one button each; the new bag's page comes next.
    var openBagForm: Node<HTML.BodyContext> {
        // A new collection bag only when no collection bag is still on its way; a final product only once
        // a collection went into manufacturing and no product bag is still open (a lot per collection).
        let open = { (k: CustodyBagKind) in trail.bags.contains { $0.kind == k && !$0.phase.isTerminal } }
        let collectedIntoManufacturing = trail.bags.contains { $0.kind == .apheresis && $0.phase == .inManufacturing }
        let kinds = CustodyBagKind.allCases.filter { kind in
            guard CustodyRepository.mayCreate(kind, role: viewer.role), !open(kind) else { return false }
            return kind == .apheresis || collectedIntoManufacturing
        }
        return .if(!kinds.isEmpty, .forEach(kinds) { kind in
            .form(.action("/patients/\(patientID)/bags"), .method(.post), .class("inline-button"),
                  Layout.csrfField(viewer.csrf),
                  .input(.type(.hidden), .name("kind"), .value(kind.rawValue)),
                  .button(.type(.submit), .text(Self.openBagLabel(kind))))
        })
    }

    /// The button that opens a bag of `kind` ("Open a new apheresis collection bag"), one whole sentence per kind.
    static func openBagLabel(_ kind: CustodyBagKind) -> String {
        switch kind {
        case .apheresis: tr("Open a new apheresis collection bag")
        case .finalProduct: tr("Open a new final product bag")
        }
    }

    /// Scan (or type) the bag's chain-of-identity ID and DIN and the wristband's ID; a match is signed
    /// with the re-entered password ("Bedside verification"); any mismatch blocks the infusion, opens a
    /// deviation and alerts the coordinator and physician (`BedsideRepository.check`).
    var bedsideSection: Node<HTML.BodyContext> {
        let e = bedsideForm.errors
        let v = bedsideForm.input
        return .section(.class("bedside"),
            .h2(.text(tr("Bedside verification before infusion"))),
            .form(.method(.post), .action("/patients/\(patientID)/bedside-check"),
                Layout.csrfField(viewer.csrf),
                FormKit.summary(e, fields: ["bagChainOfIdentity", "bagDIN", "wristbandChainOfIdentity", "password"]),
                FormKit.field(tr("Bag: chain-of-identity ID"), name: "bagChainOfIdentity", value: v["bagChainOfIdentity"], errors: e, required: true),
                FormKit.field(tr("Bag: DIN"), name: "bagDIN", value: v["bagDIN"], errors: e, required: true),
                FormKit.field(tr("Wristband: chain-of-identity ID"), name: "wristbandChainOfIdentity", value: v["wristbandChainOfIdentity"],
                              errors: e, required: true),
                FormKit.field(tr("Your password (signature: Bedside verification)"), name: "password", type: .password, value: nil,
                              errors: e, required: true),
                FormKit.signatureCode(viewer, errors: e),
                .button(.type(.submit), .text(tr("Verify and sign")))))
    }

    func bagSection(_ bag: CustodyBagView) -> Node<HTML.BodyContext> { CustodyPage.bagSection(bag, linked: true) }

    /// One bag: its identifiers (linked to its own page, labels and certificate), where it is now, the
    /// temperature chart and the signed timeline.
    static func bagSection(_ bag: CustodyBagView, linked: Bool) -> Node<HTML.BodyContext> {
        let readings: [CustodyTemperatureChart.Reading] = bag.events.compactMap { e in
            guard case let .temperatureReading(celsius, _) = e.details else { return nil }
            // Judged by the product's limit for the bag's condition, reading by reading (a deviation opened
            // in the same minute must not paint its neighbours red).
            return .init(instant: e.instant, celsius: celsius, withinLimit: bag.rules.isWithinLimit(celsius, for: bag.thermalCondition))
        }
        return .section(.class("bag"),
            .h2(.text(tr(source: bag.kind.displayName) + " · DIN \(bag.din) "), .span(.class("check-character"), .text(bag.dinCheckCharacter))),
            .if(linked, .p(.class("links"),
                .a(.href("/bags/\(bag.id)"), .text(tr("Bag page: record the next event"))), .text(" · "),
                .a(.href("/bags/\(bag.id)/labels"), .text(tr("Labels"))),
                .if(bag.kind == .finalProduct, .group(.text(" · "), .a(.href("/bags/\(bag.id)/certificate"), .text(tr("Certificate of analysis"))))))),
            .p(.text(tr("Now \(tr(source: bag.phase.displayName)) · \(tr(source: bag.thermalCondition.rawValue))")),
               .unwrap(bag.lot) { .text(" · " + tr("lot \($0)")) },
               .unwrap(bag.qaDisposition) { .text(" · " + tr("QA: \(tr(source: $0.rawValue))")) },
               .if(bag.isQuarantined, .strong(.class("quarantine"), .text(" · " + tr("QUARANTINED"))))),
            .unwrap(CustodyTemperatureChart.svg(readings, limitCelsius: bag.thermalCondition == .fresh ? nil : bag.rules.cryoLimitCelsius,
                                                timeZone: bag.events.last.flatMap { TimeZone(identifier: $0.timeZone) } ?? .gmt)) {
                .div(.class("chart"), .raw($0))
            },
            .table(.class("custody-timeline"),
                .thead(.tr(.th("#"), .th(.text(tr("Event"))), .th("UTC"), .th(.text(tr("Site time"))), .th(.text(tr("Site"))),
                           .th(.text(tr("By"))), .th(.text(tr("Signature"))))),
                .tbody(.forEach(bag.events) { e in
                    .tr(.td(.text(String(e.sequence))), .td(.text(eventLine(e.details))),
                        .td(.text(CustodyCanonicalJSON.timestamp(e.instant))),
                        .td(.text("\(e.localTime) (\(e.timeZone))")), .td(.text(e.site)), .td(.text(tr(source: e.actorRole.displayName))),
                        .td(.unwrap(e.signature) { s in
                            .span(.class("signature"), .attribute(named: "title", value: escapeHTML("SHA-256 " + s.digest)), .text(manifestation(s)))
                        }))
                })
            )
        )
    }

    /// One timeline line in the request's language: the words of the stored view's `summary`
    /// (`CustodySummaryText.line` in Store: the kind's name, then its details), built here from the
    /// event's details as whole sentences so each can be translated; in English it is that summary,
    /// character for character.
    static func eventLine(_ d: CustodyEventDetails) -> String {
        switch d {
        case .packed(let condition): return tr("Packed (\(tr(source: condition.rawValue)))")
        case let .shipped(courier, shipper): return tr("Shipped to manufacturing — courier \(courier), shipper \(shipper)")
        case let .shippedToCenter(courier, shipper): return tr("Shipped to treatment center — courier \(courier), shipper \(shipper)")
        case let .temperatureReading(celsius, logger):
            let value = String(format: "%.1f", celsius)
            return logger ? tr("Temperature reading: \(value) °C (data logger)") : tr("Temperature reading: \(value) °C (manual reading)")
        case .manufactured(let lot): return tr("Manufactured — lot \(lot)")
        case .releaseResult(let r): return tr("Release testing result: \(tr(source: r.displayName))")
        case .qaDisposition(let q): return tr("QA disposition: \(tr(source: q.displayName))")
        case .stored(let location): return tr("Stored at \(location)")
        case .bedsideVerified(let outcome): return outcome.isMatch ? tr("Bedside verification: match") : tr("Bedside verification: mismatch")
        case .discarded(let reason): return tr("Discarded — \(reason)")
        case .quarantined(let reason): return tr("Quarantined — \(reason)")
        case let .quarantineReleased(id, reason): return tr("Released from quarantine (deviation \(id)) — \(reason)")
        default: return tr(source: d.kind.displayName)
        }
    }

    /// A timeline line given only as text (the manufacturing board has the last event's `summary`,
    /// not its details): read back into details when it has one of `eventLine`'s shapes, then written
    /// in the request's language; any other text is shown as it is.
    static func eventLine(summary line: String) -> String {
        if let kind = CustodyEventKind.allCases.first(where: { $0.displayName == line }) { return tr(source: kind.displayName) }
        return details(summary: line).map { eventLine($0) } ?? line
    }

    static func details(summary line: String) -> CustodyEventDetails? {
        if let m = line.wholeMatch(of: /Packed \((.+)\)/), let c = CustodyThermalCondition(rawValue: String(m.1)) { return .packed(condition: c) }
        if let m = line.wholeMatch(of: /Shipped to manufacturing — courier (.+), shipper (.+)/) { return .shipped(courier: String(m.1), shipperID: String(m.2)) }
        if let m = line.wholeMatch(of: /Shipped to treatment center — courier (.+), shipper (.+)/) {
            return .shippedToCenter(courier: String(m.1), shipperID: String(m.2))
        }
        if let m = line.wholeMatch(of: /Temperature reading: (-?[0-9]+\.[0-9]) °C \((data logger|manual reading)\)/), let c = Double(String(m.1)) {
            return .temperatureReading(celsius: c, fromDataLogger: m.2 == "data logger")
        }
        if let m = line.wholeMatch(of: /Manufactured — lot (.+)/) { return .manufactured(lot: String(m.1)) }
        if let m = line.wholeMatch(of: /Release testing result: (.+)/), let r = ReleaseDisposition.allCases.first(where: { $0.displayName == m.1 }) {
            return .releaseResult(r)
        }
        if let m = line.wholeMatch(of: /QA disposition: (.+)/), let q = CustodyQADisposition.allCases.first(where: { $0.displayName == m.1 }) {
            return .qaDisposition(q)
        }
        if let m = line.wholeMatch(of: /Stored at (.+)/) { return .stored(location: String(m.1)) }
        if line == "Bedside verification: match" { return .bedsideVerified(.match) }
        if line == "Bedside verification: mismatch" { return .bedsideVerified(.mismatch(reasons: [:])) }
        if let m = line.wholeMatch(of: /Discarded — (.+)/) { return .discarded(reason: String(m.1)) }
        if let m = line.wholeMatch(of: /Quarantined — (.+)/) { return .quarantined(reason: String(m.1)) }
        if let m = line.wholeMatch(of: /Released from quarantine \(deviation ([0-9]+)\) — (.+)/), let id = Int(String(m.1)) {
            return .quarantineReleased(deviationID: id, reason: String(m.2))
        }
        return nil
    }

    /// A deviation's summary in the request's language. Summaries are stored as written when the
    /// deviation was opened (Store: `Bag <DIN>: ` and Core's `CustodyDeviation.summary`, or the bedside
    /// mismatch line); their known shapes are written again here from their parts, anything else is
    /// shown as stored. The bedside mismatch's reasons come from Core and stay as written.
    static func deviationSummary(_ s: String) -> String {
        if let m = s.wholeMatch(of: /Bag (.+?): Deviation ([0-9]+): (fresh|cryopreserved|thawed) bag at (.+) \((data logger|manual reading)\), limit (.+)/) {
            let source = m.5 == "data logger" ? tr("data logger") : tr("manual reading")
            return tr("Bag \(m.1): Deviation \(m.2): \(tr(source: String(m.3))) bag at \(m.4) (\(source)), limit \(CustodyWords.limitPhrase(String(m.6)))")
        }
        if let m = s.wholeMatch(of: /Bag (.+?): Deviation ([0-9]+): quarantined — (.+)/) {
            return tr("Bag \(m.1): Deviation \(m.2): quarantined — \(m.3)")
        }
        if let m = s.wholeMatch(of: /Bedside mismatch on bag (.+?): (.+)/) {
            return tr("Bedside mismatch on bag \(m.1): \(tr(source: String(m.2)))")
        }
        return s
    }

    /// A signature's manifestation (§11.50) in the request's language: the stored view's
    /// `manifestation` (`Signed by … (role) on … — meaning`), built from its parts.
    static func manifestation(_ s: SignatureView) -> String {
        tr("Signed by \(s.signerName) (\(tr(source: s.role.displayName))) on \(CustodyCanonicalJSON.timestamp(s.signedAt)) — \(tr(source: s.meaning.displayName))")
    }

    func deviationList(_ list: [DeviationView]) -> Node<HTML.BodyContext> {
        .ul(.forEach(list) { d in
            .li(.class(d.isOpen ? "deviation open" : "deviation closed"), .text(CustodyPage.deviationSummary(d.summary)),
                .text(d.isOpen ? " — " + tr("open (QA to close)") : " — " + tr("closed: \(d.closureReason ?? "")")),
                .unwrap(d.closureSignature) { .small(.text(" · " + CustodyPage.manifestation($0))) })
        })
    }
}

/// QA's queue: open deviations, each closed with a reason and the re-entered password (signed
/// "Deviation closure").
struct DeviationQueuePage {
    var viewer: Viewer
    var deviations: [DeviationView]
    var errors: [FieldError] = []
    /// The center's clock, for the opening times.
    var zone: TimeZone = .gmt

    func render() -> String {
        Layout.page(title: tr("QA queue"), viewer: viewer,
            .h1(.text(tr("QA queue: open deviations"))),
            .if(!errors.isEmpty, .div(.class("alert"), .ul(.forEach(errors) { .li(.text($0.description)) }))),
            .if(deviations.isEmpty, .p(.text(tr("No open deviation."))),
                else: .ul(.forEach(deviations) { d in
                    .li(.class("deviation open"),
                        .p(.strong(.text(tr("Deviation \(d.number)"))),
                           .text(" · " + tr("opened \(SeverityMarks.time(d.openedAt, in: zone))") + " · "),
                           .unwrap(d.bagID, { .a(.href("/bags/\($0)"), .text(tr("open the bag, its log and temperature chart"))) },
                                   else: .text(tr("at the bedside")))),
                        .p(.text(CustodyPage.deviationSummary(d.summary))),
                        .if(viewer.role == .qa,
                            .form(.action("/deviations/\(d.id)/close"), .method(.post),
                                  Layout.csrfField(viewer.csrf),
                                  FormKit.field(tr("Reason"), name: "reason", value: nil, errors: [], required: true, id: "reason-\(d.id)"),
                                  FormKit.field(tr("Password (signature: Deviation closure)"), name: "password", type: .password, value: nil,
                                                errors: [], required: true, id: "password-\(d.id)"),
                                  FormKit.signatureCode(viewer, errors: [], id: "code-\(d.id)"),
                                  .button(.type(.submit), .text(tr("Close and sign"))))))
                }))
        )
    }
}
