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
        Layout.page(title: "Chain of custody", viewer: viewer,
            .h1(.text("Chain of custody")),
            .p(.class("subtitle"), .text("Chain of identity "), .strong(.text(trail.chainOfIdentity ?? "not issued yet")),
               .unwrap(trail.bags.first) { .text(" · rules \($0.rules.version)") }),
            .if(trail.bags.isEmpty, .p("No bag has been opened for this therapy yet.")),
            openBagForm,
            .if(showsBedsideForm, bedsideSection),
            .forEach(trail.bags) { bag in bagSection(bag) },
            .if(!trail.deviations.isEmpty, .section(.h2("Deviations"), deviationList(trail.deviations)))
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
                  .button(.type(.submit), .text("Open a new \(kind.displayName.lowercased()) bag")))
        })
    }

    /// Scan (or type) the bag's chain-of-identity ID and DIN and the wristband's ID; a match is signed
    /// with the re-entered password ("Bedside verification"); any mismatch blocks the infusion, opens a
    /// deviation and alerts the coordinator and physician (`BedsideRepository.check`).
    var bedsideSection: Node<HTML.BodyContext> {
        let e = bedsideForm.errors
        let v = bedsideForm.input
        return .section(.class("bedside"),
            .h2("Bedside verification before infusion"),
            .form(.method(.post), .action("/patients/\(patientID)/bedside-check"),
                Layout.csrfField(viewer.csrf),
                FormKit.summary(e, fields: ["bagChainOfIdentity", "bagDIN", "wristbandChainOfIdentity", "password"]),
                FormKit.field("Bag: chain-of-identity ID", name: "bagChainOfIdentity", value: v["bagChainOfIdentity"], errors: e, required: true),
                FormKit.field("Bag: DIN", name: "bagDIN", value: v["bagDIN"], errors: e, required: true),
                FormKit.field("Wristband: chain-of-identity ID", name: "wristbandChainOfIdentity", value: v["wristbandChainOfIdentity"],
                              errors: e, required: true),
                FormKit.field("Your password (signature: Bedside verification)", name: "password", type: .password, value: nil,
                              errors: e, required: true),
                FormKit.signatureCode(viewer, errors: e),
                .button(.type(.submit), .text("Verify and sign"))))
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
            .h2(.text("\(bag.kind.displayName) · DIN \(bag.din) "), .span(.class("check-character"), .text(bag.dinCheckCharacter))),
            .if(linked, .p(.class("links"),
                .a(.href("/bags/\(bag.id)"), .text("Bag page: record the next event")), .text(" · "),
                .a(.href("/bags/\(bag.id)/labels"), .text("Labels")),
                .if(bag.kind == .finalProduct, .group(.text(" · "), .a(.href("/bags/\(bag.id)/certificate"), .text("Certificate of analysis")))))),
            .p(.text("Now \(bag.phase.displayName) · \(bag.thermalCondition.rawValue)"),
               .unwrap(bag.lot) { .text(" · lot \($0)") },
               .unwrap(bag.qaDisposition) { .text(" · QA: \($0.rawValue)") },
               .if(bag.isQuarantined, .strong(.class("quarantine"), .text(" · QUARANTINED")))),
            .unwrap(CustodyTemperatureChart.svg(readings, limitCelsius: bag.thermalCondition == .fresh ? nil : bag.rules.cryoLimitCelsius,
                                                timeZone: bag.events.last.flatMap { TimeZone(identifier: $0.timeZone) } ?? .gmt)) {
                .div(.class("chart"), .raw($0))
            },
            .table(.class("custody-timeline"),
                .thead(.tr(.th("#"), .th("Event"), .th("UTC"), .th("Site time"), .th("Site"), .th("By"), .th("Signature"))),
                .tbody(.forEach(bag.events) { e in
                    .tr(.td(.text(String(e.sequence))), .td(.text(e.summary)),
                        .td(.text(CustodyCanonicalJSON.timestamp(e.instant))),
                        .td(.text("\(e.localTime) (\(e.timeZone))")), .td(.text(e.site)), .td(.text(e.actorRole.displayName)),
                        .td(.unwrap(e.signature) { s in
                            .span(.class("signature"), .attribute(named: "title", value: escapeHTML("SHA-256 " + s.digest)), .text(s.manifestation))
                        }))
                })
            )
        )
    }

    func deviationList(_ list: [DeviationView]) -> Node<HTML.BodyContext> {
        .ul(.forEach(list) { d in
            .li(.class(d.isOpen ? "deviation open" : "deviation closed"), .text(d.summary),
                .text(d.isOpen ? " — open (QA to close)" : " — closed: \(d.closureReason ?? "")"),
                .unwrap(d.closureSignature) { .small(.text(" · \($0.manifestation)")) })
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
        Layout.page(title: "QA queue", viewer: viewer,
            .h1("QA queue: open deviations"),
            .if(!errors.isEmpty, .div(.class("alert"), .ul(.forEach(errors) { .li(.text($0.description)) }))),
            .if(deviations.isEmpty, .p("No open deviation."),
                else: .ul(.forEach(deviations) { d in
                    .li(.class("deviation open"),
                        .p(.strong(.text("Deviation \(d.number)")),
                           .text(" · opened \(SeverityMarks.time(d.openedAt, in: zone)) · "),
                           .unwrap(d.bagID, { .a(.href("/bags/\($0)"), .text("open the bag, its log and temperature chart")) },
                                   else: .text("at the bedside"))),
                        .p(.text(d.summary)),
                        .if(viewer.role == .qa,
                            .form(.action("/deviations/\(d.id)/close"), .method(.post),
                                  Layout.csrfField(viewer.csrf),
                                  FormKit.field("Reason", name: "reason", value: nil, errors: [], required: true, id: "reason-\(d.id)"),
                                  FormKit.field("Password (signature: Deviation closure)", name: "password", type: .password, value: nil,
                                                errors: [], required: true, id: "password-\(d.id)"),
                                  FormKit.signatureCode(viewer, errors: [], id: "code-\(d.id)"),
                                  .button(.type(.submit), .text("Close and sign")))))
                }))
        )
    }
}
