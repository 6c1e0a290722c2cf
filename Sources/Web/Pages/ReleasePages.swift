import CartographCore
import Plot
import Store

/// The certificate of analysis of one lot: each test, its limit, the result and the verdict, the
/// overall disposition, and QA's signature when QA has decided. Identity-free (read by manufacturing).
struct CertificateOfAnalysisPage {
    var viewer: Viewer
    var file: ReleaseFile

    func render() -> String {
        Layout.page(title: tr("Certificate of analysis"), viewer: viewer,
            .h1(.text(tr("Certificate of analysis — lot \(file.lot ?? tr("not manufactured"))"))),
            .p(.class("subtitle"), .text(tr("Chain of identity \(file.bag.chainOfIdentity)") + " · DIN \(file.bag.din) "),
               .span(.class("check-character"), .text(file.bag.dinCheckCharacter))),
            .unwrap(file.certificate, { c in
                .group(
                    .p(.text(tr("\(c.productName) · specification \(c.specificationVersion) · overall: ")), .strong(.text(CustodyWords.disposition(c.overall)))),
                    .table(.class("certificate"),
                        .thead(.tr(.th(.text(tr("Test"))), .th(.text(tr("Limit"))), .th(.text(tr("Result"))), .th(.text(tr("Verdict"))))),
                        .tbody(.forEach(c.lines) { l in
                            .tr(.class("verdict-\(l.verdict.rawValue)"), .td(.text(tr(source: l.testName))),
                                .td(.text(CustodyWords.certificateText(l.limit))), .td(.text(CustodyWords.certificateText(l.result))),
                                .td(.strong(.text(tr(source: l.verdict.rawValue)))))
                        }))
                )
            }, else: .p(.text(tr("No release results have been entered for this lot.")))),
            .unwrap(file.exceptionalRequest) { r in
                .section(.h2(.text(tr("Physician's request for exceptional release"))), .p(.text(r.justification)),
                         .unwrap(file.exceptionalRequestSignature) { .p(.class("signature"), .text(CustodyPage.manifestation($0))) })
            },
            .h2(.text(tr("QA disposition"))),
            .p(.text(CustodyWords.qa(file.bag.qaDisposition))),
            .unwrap(file.qaSignature) { s in
                .p(.class("signature"), .text(CustodyPage.manifestation(s)), .br(), .small(.text(tr("SHA-256 of the signed record: \(s.digest)"))))
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
        Layout.page(title: tr("Release queue"), viewer: viewer,
            .h1(.text(tr("QA release queue"))),
            .p(.a(.href("/deviations"), .text(tr("Open deviations")))),
            .if(!errors.isEmpty, .div(.class("alert"), .ul(.forEach(errors) { .li(.text($0.description)) }))),
            .if(files.isEmpty, .p(.text(tr("No lot awaits QA."))),
                else: .table(.class("release-queue"),
                    .thead(.tr(.th(.text(tr("Lot (certificate)"))), .th(.text(tr("Chain of identity (bag page)"))), .th(.text(tr("DIN (labels)"))),
                               .th(.text(tr("Evaluation"))), .th(.text(tr("Decide"))))),
                    .tbody(.forEach(files) { f in
                        .tr(.td(.a(.href("/bags/\(f.bag.id)/certificate"), .text(f.lot ?? "—"))),
                            .td(.a(.href("/bags/\(f.bag.id)"), .text(f.bag.chainOfIdentity))), .td(.a(.href("/bags/\(f.bag.id)/labels"), .text(f.bag.din))),
                            .td(.text(CustodyWords.disposition(f.evaluation?.disposition)),
                                .if(f.bag.isQuarantined, .strong(.text(" · " + tr("quarantined"))))),
                            .td(.if(viewer.role == .qa && f.evaluation != nil, signForm(f))))
                    })))
        )
    }

    func signForm(_ f: ReleaseFile) -> Node<HTML.BodyContext> {
        // No decision is preselected: a signature must be a choice, never a default.
        var options: [(value: String, label: String)] = [("", tr("choose…"))]
        if f.evaluation?.disposition == .conforming { options.append(("released", tr("Release (QA release)"))) }
        if f.evaluation?.disposition == .outOfSpecification, f.exceptionalRequest != nil { options.append(("exceptionalRelease", tr("Exceptional release"))) }
        options.append(("rejected", tr("Reject (QA rejection)")))
        return .form(.action("/bags/\(f.bag.id)/qa-disposition"), .method(.post),
                     Layout.csrfField(viewer.csrf),
                     FormKit.select(tr("Decision"), name: "disposition", options: options, selected: nil, errors: []),
                     FormKit.field(tr("Password (electronic signature)"), name: "password", type: .password, value: nil, errors: [], required: true),
                     FormKit.signatureCode(viewer, errors: [], id: "code-\(f.bag.id)"),
                     .button(.type(.submit), .text(tr("Sign"))))
    }
}
