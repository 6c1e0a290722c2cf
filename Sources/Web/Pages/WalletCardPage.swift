import CartographCore
import Foundation
import Plot

/// The wallet card a patient carries after a CAR-T infusion, in English and Simplified Chinese: what
/// was given and when, where to call, and the warning any other doctor needs. One card-sized printed
/// page (ISO/IEC 7810 ID-1, 85.60 × 53.98 mm); on a phone, the same card on screen.
struct WalletCardPage {
    var viewer: Viewer
    var patientName: String
    var product: ProductProfile
    var infusionDate: CalendarDate?
    var centerName: String
    var emergencyPhone: String?
    /// The treating physician the center named; without one the card has a line to write on.
    var physicianName: String? = nil
    /// Where "back" goes: `/me` for the patient, the patient page for staff.
    var back: String

    /// Where the card's PNG is, when the server can draw one (`Settings.chromium`).
    var imageLink: String? = nil

    /// The card itself is always in both languages (marked with `lang` for screen readers), whatever the
    /// page's language: any doctor the patient meets must be able to read it. Only the page around it
    /// follows the reader's language.
    func render() -> String {
        Layout.page(title: tr("Wallet card"), viewer: viewer,
            .unwrap(infusionDate, { card($0) }, else: .p(.text(tr("The wallet card is ready after the infusion.")))),
            .p(.class("hint no-print"), .text(tr("Print it on card paper, or keep this page on your phone. ")),
               .unwrap(imageLink) { .group(.a(.href($0), .attribute(named: "download", value: "wallet-card.png"), .text(tr("Save it as a picture (PNG)"))), .text(" · ")) },
               .a(.href(back), .text(tr("Back"))))
        )
    }

    /// The card alone on a page with its own styles and nothing to load, for drawing it as a PNG.
    func standalone() -> String? {
        infusionDate.map { date in
            HTML(.attribute(named: "lang", value: "en"),
                 .head(.meta(.charset(.utf8)), .element(named: "style", nodes: [.raw(Styles.css + " body { margin: 8px; background: #fff; }")])),
                 .body(card(date))).render()
        }
    }

    func card(_ date: CalendarDate) -> Node<HTML.BodyContext> {
        .div(.class("wallet-card"), .attribute(named: "lang", value: "en"),
            .p(.class("card-warning"),
               .strong(.text("This patient received CAR-T cell therapy: risk of CRS and neurotoxicity; tell the treating center.")),
               .span(.attribute(named: "lang", value: "zh-Hans"),
                     .text(" 本患者已接受CAR-T细胞治疗：有细胞因子释放综合征（CRS）和神经毒性风险，请告知治疗中心。"))),
            .dl(
                .dt(.text("Patient · 患者")), .dd(.text(patientName)),
                .dt(.text("Product · 产品")), .dd(.text("\(product.name) (\(product.genericName))")),
                .dt(.text("Infusion · 输注日期")), .dd(.text(date.description)),
                .dt(.text("Center · 治疗中心")), .dd(.text(centerName)),
                .dt(.text("24 h · 24小时电话")),
                .dd(.unwrap(emergencyPhone, PatientSafetyWords.call,
                            else: .text("ask the center · 请向中心索取"))),
                .dt(.text("Treating physician · 主治医生")),
                .dd(.unwrap(physicianName, { .text($0) }, else: .span(.class("write-in"), .text(" "))))))
    }
}
