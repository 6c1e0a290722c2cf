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
        Layout.page(title: "Enrol a patient", viewer: viewer,
            .h1("Enrol a patient"),
            .p(.class("hint"), .text("Name, date of birth and hospital number are stored apart from clinical data and are never shown to manufacturing, QA or statisticians.")),
            .form(.action("/patients/new"), .method(.post),
                Layout.csrfField(viewer.csrf),
                FormKit.summary(errors, fields: Self.fields),
                .fieldset(.element(named: "legend", text: "Identity"),
                    FormKit.field("Given name", name: "givenName", value: input["givenName"], errors: errors, required: true),
                    FormKit.field("Family name", name: "familyName", value: input["familyName"], errors: errors, required: true),
                    FormKit.field("Date of birth", name: "dateOfBirth", type: .date, value: input["dateOfBirth"], errors: errors, required: true),
                    FormKit.field("Hospital number", name: "hospitalNumber", value: input["hospitalNumber"], errors: errors, required: true)),
                .fieldset(.element(named: "legend", text: "Therapy"),
                    FormKit.select("Sex", name: "sex", options: [("", "choose…")] + Enrolment.Sex.allCases.map { ($0.rawValue, $0.rawValue) },
                                   selected: input["sex"] ?? "", errors: errors),
                    FormKit.select("Product", name: "productId", options: ProductCatalogue.all.map { ($0.id, "\($0.name) — \($0.indication.disease.displayName)") },
                                   selected: input["productId"] ?? ProductCatalogue.default.id, errors: errors),
                    FormKit.field("Enrolled on", name: "enrolledOn", type: .date, value: input["enrolledOn"] ?? today.description, errors: errors, required: true)),
                .if(errors.contains { $0.field == "duplicateReason" } || !(input["duplicateReason"] ?? "").isEmpty,
                    .fieldset(.class("duplicate"), .element(named: "legend", text: "Possible duplicate"),
                        FormKit.field("Why this is a different person", name: "duplicateReason", value: input["duplicateReason"], errors: errors,
                                      hint: "e.g. \"twin of C01-0003, different hospital episode\"; recorded in the audit trail"))),
                .button(.type(.submit), .text("Enrol"))
            )
        )
    }
}
