import CartographCore
import Plot

struct EnrolmentPage {
    var viewer: Viewer
    var input: [String: String]
    var errors: [FieldError]
    var today: CalendarDate

    static let fields: Set<String> = ["givenName", "familyName", "dateOfBirth", "hospitalNumber", "sex", "productId", "enrolledOn",
                                      "duplicateReason"]

    func render() -> String {
        Layout.page(title: tr("Enrol a patient"), viewer: viewer,
            .h1(.text(tr("Enrol a patient"))),
            .p(.class("hint"), .text(tr("Name, date of birth and hospital number are stored apart from clinical data and are never shown to manufacturing, QA or statisticians."))),
            .form(.action("/patients/new"), .method(.post),
                Layout.csrfField(viewer.csrf),
                FormKit.summary(errors, fields: Self.fields),
                .fieldset(.element(named: "legend", text: tr("Identity")),
                    FormKit.field(tr("Given name"), name: "givenName", value: input["givenName"], errors: errors, required: true),
                    FormKit.field(tr("Family name"), name: "familyName", value: input["familyName"], errors: errors, required: true),
                    FormKit.field(tr("Date of birth"), name: "dateOfBirth", type: .date, value: input["dateOfBirth"], errors: errors, required: true),
                    FormKit.field(tr("Hospital number"), name: "hospitalNumber", value: input["hospitalNumber"], errors: errors, required: true)),
                .fieldset(.element(named: "legend", text: tr("Therapy")),
                    FormKit.select(tr("Sex"), name: "sex", options: [("", tr("choose…"))] + Enrolment.Sex.allCases.map { ($0.rawValue, tr(source: $0.rawValue)) },
                                   selected: input["sex"] ?? "", errors: errors),
                    FormKit.select(tr("Product"), name: "productId", options: ProductCatalogue.all.map { ($0.id, "\($0.name) — \(tr(source: $0.indication.disease.displayName))") },
                                   selected: input["productId"] ?? ProductCatalogue.default.id, errors: errors),
                    FormKit.field(tr("Enrolled on"), name: "enrolledOn", type: .date, value: input["enrolledOn"] ?? today.description, errors: errors, required: true)),
                .if(errors.contains { $0.field == "duplicateReason" } || !(input["duplicateReason"] ?? "").isEmpty,
                    .fieldset(.class("duplicate"), .element(named: "legend", text: tr("Possible duplicate")),
                        FormKit.field(tr("Why this is a different person"), name: "duplicateReason", value: input["duplicateReason"], errors: errors,
                                      hint: tr("e.g. \"twin of C01-0003, different hospital episode\"; recorded in the audit trail")))),
                .button(.type(.submit), .text(tr("Enrol")))
            )
        )
    }
}
