import CartographCore
import Fluent
import Labels
import Plot
import Store
import Vapor

/// Bag labels: a preview page (SVG) and the printable HTML page. The manufacturer's copy never carries
/// the patient's name; the center's copy carries it only for roles that see identity. Printing is
/// recorded; a reprint needs the coordinator role (`LabelPrintRepository`).
enum LabelRoutes {
    static func register(_ pages: RoutesBuilder) {
        pages.get("bags", ":bagID", "labels", use: preview)
        pages.post("bags", ":bagID", "labels", "print", use: print)
    }

    /// Illustrative storage and shelf-life text (center policy; confirm against the product's labelling).
    static func labels(_ req: Request) async throws -> (CustodyBagView, [LabelModel]) {
        let actor = try req.actor
        let bag = try await CustodyRepository.bag(try CustodyAPI.bagID(req), for: actor, on: req.db)
        let therapy = try await Therapy.find(bag.therapyID, on: req.db)
        let product = therapy.flatMap { ProductCatalogue.profile(id: $0.productID) } ?? ProductCatalogue.default
        let identity = try await therapy.asyncMap { try await PatientRepository.identity(ofPatient: $0.$patient.id, for: actor, on: req.db) } ?? nil
        let zone = try await Center.find(actor.centerID, on: req.db)?.zone ?? .gmt
        let produced = CalendarDate(bag.events.first?.instant ?? Date(), in: zone)
        let expiry = produced.adding(days: bag.kind == .apheresis ? 2 : 365)
        func day(_ d: CalendarDate) throws -> LabelModel.CalendarDay { let p = d.parts; return try LabelModel.CalendarDay(year: p.year, month: p.month, day: p.day) }
        let kind: LabelModel.BagKind = bag.kind == .apheresis ? .apheresisBag : .finalProduct
        let storage = bag.kind == .apheresis && bag.thermalCondition == .fresh ? "Store at 2–8 °C" : "Store at ≤ −150 °C (LN2 vapour)"
        func model(manufacturer: Bool) throws -> LabelModel {
            try LabelModel(chainOfIdentityID: bag.chainOfIdentity, donationIdentificationNumber: bag.din,
                           productName: "\(product.name) (\(product.genericName))", bagKind: kind, productionDate: try day(produced),
                           expiryDate: try day(expiry), storageTemperature: storage,
                           patientName: manufacturer ? nil : identity.map { "\($0.familyName), \($0.givenName)" },
                           patientDateOfBirth: manufacturer ? nil : try identity.flatMap { CalendarDate($0.dateOfBirth) }.map(day),
                           isManufacturerCopy: manufacturer)
        }
        // The manufacturing side prints only its own copy.
        let models = actor.role.seesIdentity ? [try model(manufacturer: false), try model(manufacturer: true)] : [try model(manufacturer: true)]
        return (bag, models)
    }

    @Sendable static func preview(_ req: Request) async throws -> Response {
        let (bag, models) = try await labels(req)
        let svgs = try models.map { try LabelSVGRenderer.svg(for: $0, includeXMLDeclaration: false) }
        let count = try await LabelPrintRepository.printCount(bagID: bag.id, on: req.db)
        let viewer = try await PageRoutes.viewer(req)
        // Only the page around the labels is translated: the labels' own texts stay as the Labels target
        // renders them.
        let page = Layout.page(title: tr("Labels"), viewer: viewer,
            .h1(.text(tr("Labels · DIN \(bag.din)"))),
            .p(.text(count > 1 ? tr("Printed \(count) time(s) (\(count - 1) reprint(s)).") : tr("Printed \(count) time(s).")),
               .if(count > 0 && viewer.role != .coordinator, .text(tr(" A reprint needs the Coordinator role.")))),
            .forEach(Array(zip(models, svgs))) { m, svg in
                // The label itself is in English whatever the page's language; a Chinese page says so (`lang`).
                .section(.h2(.text(m.isManufacturerCopy ? tr("Manufacturer's copy (no patient name)") : tr("Center copy"))),
                         .div(.class("label"), .attribute(named: "lang", value: DisplayLanguage.current == .english ? nil : "en"), .raw(svg)))
            },
            .form(.action("/bags/\(bag.id)/labels/print"), .method(.post), Layout.csrfField(viewer.csrf),
                  .button(.type(.submit), .text(count == 0 ? tr("Print") : tr("Reprint"))))
        )
        return PageRoutes.html(page)
    }

    @Sendable static func print(_ req: Request) async throws -> Response {
        try CSRF.verify(req, submitted: FormBody(req)[CSRF.field])
        let (bag, models) = try await labels(req)
        let number = try await LabelPrintRepository.recordPrint(bagID: bag.id, by: try req.actor, on: req.db)
        let html = try LabelHTMLRenderer.page(for: models, title: number > 1 ? tr("Labels \(bag.din) — print \(number) (reprint)")
                                                                              : tr("Labels \(bag.din) — print \(number)"))
        return PageRoutes.html(html)
    }
}

extension Optional {
    func asyncMap<U>(_ transform: (Wrapped) async throws -> U) async rethrows -> U? {
        switch self {
        case .some(let w): return try await transform(w)
        case .none: return nil
        }
    }
}
