import CartographCore
import Plot
import Store

/// The certificate of analysis of one lot: each test, its limit, the result and the verdict, the
/// overall disposition, and QA's signature when QA has decided. Identity-free (read by manufacturing).
struct CertificateOfAnalysisPage {
    var viewer: Viewer
    var file: ReleaseFile

    func render() -> String {
        Layout.page(title: "Certificate of analysis", viewer: viewer,
            .h1(.text("Certificate of analysis — lot \(file.lot ?? "not manufactured")")),
            .p(.class("subtitle"), .text("Chain of identity \(file.bag.chainOfIdentity) · DIN \(file.bag.din) "),
               .span(.class("check-character"), .text(file.bag.dinCheckCharacter))),
            .unwrap(file.certificate, { c in
                .group(
                    .p(.text("\(c.productName) · specification \(c.specificationVersion) · overall: "), .strong(.text(CustodyWords.disposition(c.overall)))),
                    .table(.class("certificate"),
                        .thead(.tr(.th("Test"), .th("Limit"), .th("Result"), .th("Verdict"))),
                        .tbody(.forEach(c.lines) { l in
                            .tr(.class("verdict-\(l.verdict.rawValue)"), .td(.text(l.testName)), .td(.text(l.limit)), .td(.text(l.result)),
                                .td(.strong(.text(l.verdict.rawValue))))
                        }))
                )
            }, else: .p("No release results have been entered for this lot.")),
            .unwrap(file.exceptionalRequest) { r in
                .section(.h2("Physician's request for exceptional release"), .p(.text(r.justification)),
                         .unwrap(file.exceptionalRequestSignature) { .p(.class("signature"), .text($0.manifestation)) })
            },
            .h2("QA disposition"),
            .p(.text(CustodyWords.qa(file.bag.qaDisposition))),
            .unwrap(file.qaSignature) { s in
                .p(.class("signature"), .text(s.manifestation), .br(), .small(.text("SHA-256 of the signed record: \(s.digest)")))
            }
        )
    }
}

/// QA's release queue: lots awaiting disposition, each with its verdict and a signing form.
struct ReleaseQueuePage {
    var viewer: Viewer
    var files: [ReleaseFile]
    var errors: [FieldError] = []

    func render() -> String {
        Layout.page(title: "Release queue", viewer: viewer,
            .h1("QA release queue"),
            .p(.a(.href("/deviations"), .text("Open deviations"))),
            .if(!errors.isEmpty, .div(.class("alert"), .ul(.forEach(errors) { .li(.text($0.description)) }))),
            .if(files.isEmpty, .p("No lot awaits QA."),
                else: .table(.class("release-queue"),
                    .thead(.tr(.th("Lot (certificate)"), .th("Chain of identity (bag page)"), .th("DIN (labels)"), .th("Evaluation"), .th("Decide"))),
                    .tbody(.forEach(files) { f in
                        .tr(.td(.a(.href("/bags/\(f.bag.id)/certificate"), .text(f.lot ?? "—"))),
                            .td(.a(.href("/bags/\(f.bag.id)"), .text(f.bag.chainOfIdentity))), .td(.a(.href("/bags/\(f.bag.id)/labels"), .text(f.bag.din))),
                            .td(.text(CustodyWords.disposition(f.evaluation?.disposition)),
                                .if(f.bag.isQuarantined, .strong(.text(" · quarantined")))),
                            .td(.if(viewer.role == .qa && f.evaluation != nil, signForm(f))))
                    })))
        )
    }

    func signForm(_ f: ReleaseFile) -> Node<HTML.BodyContext> {
        // No decision is preselected: a signature must be a choice, never a default.
        var options: [(value: String, label: String)] = [("", "choose…")]
        if f.evaluation?.disposition == .conforming { options.append(("released", "Release (QA release)")) }
        if f.evaluation?.disposition == .outOfSpecification, f.exceptionalRequest != nil { options.append(("exceptionalRelease", "Exceptional release")) }
        options.append(("rejected", "Reject (QA rejection)"))
        return .form(.action("/bags/\(f.bag.id)/qa-disposition"), .method(.post),
                     Layout.csrfField(viewer.csrf),
                     FormKit.select("Decision", name: "disposition", options: options, selected: nil, errors: []),
                     FormKit.field("Password (electronic signature)", name: "password", type: .password, value: nil, errors: [], required: true),
                     FormKit.signatureCode(viewer, errors: [], id: "code-\(f.bag.id)"),
                     .button(.type(.submit), .text("Sign")))
    }
}
