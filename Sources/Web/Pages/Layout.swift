import CartographCore
import Plot

/// Who is looking at a page, as the layout needs it (kept plain so pages can be snapshot-tested).
struct Viewer: Sendable, Equatable {
    var displayName: String
    var role: Role
    var centerName: String
    var csrf: String
    /// The center asks for a one-time code with every e-signature: signing forms show the field.
    var signaturesNeedCode = false
    /// The page's own path, where the language switch comes back to.
    var path = "/"
}

/// The frame around every page: header with the signed-in user, navigation, main content.
enum Layout {
    static func page(title: String, viewer: Viewer?, _ content: Node<HTML.BodyContext>...) -> String {
        page(title: title, viewer: viewer, refreshSeconds: nil, content)
    }

    /// A page that reloads itself every `refreshSeconds` (a `refresh` meta element, no script).
    static func page(title: String, viewer: Viewer?, refreshSeconds: Int?, _ content: Node<HTML.BodyContext>...) -> String {
        page(title: title, viewer: viewer, refreshSeconds: refreshSeconds, content)
    }

    private static func page(title: String, viewer: Viewer?, refreshSeconds: Int?, _ content: [Node<HTML.BodyContext>]) -> String {
        HTML(
            .attribute(named: "lang", value: DisplayLanguage.current.tag),
            .head(
                .meta(.charset(.utf8)),
                .meta(.name("viewport"), .content("width=device-width, initial-scale=1")),
                .element(named: "title", text: "\(title) · Cartograph"),
                .link(.rel(.stylesheet), .href("/styles.css")),
                .unwrap(refreshSeconds) { .meta(.attribute(named: "http-equiv", value: "refresh"), .content(String($0))) }
            ),
            .body(
                .header(.class("top"),
                    .a(.class("brand"), .href("/"), .text("Cartograph")),
                    .unwrap(viewer) { v in
                        .group(
                            .if(v.role == .patient, .nav(.a(.href("/me"), .text(tr("My journey"))))),
                            .if(v.role.isStaff, .nav(
                                .a(.href("/"), .text(tr("Program"))),
                                .a(.href("/patients"), .text(tr("Patients"))),
                                .a(.href("/board"), .text(tr("Day 0–28 board"))),
                                .if(v.role.recordsJourney, .a(.href("/patients/new"), .text(tr("Enrol a patient")))),
                                .a(.href("/follow-up"), .text(tr("Follow-up"))),
                                .a(.href("/reports/\(ProductCatalogue.default.id)"), .text(tr("Outcomes"))),
                                .if(v.role.recordsJourney, .a(.href("/labs/import"), .text(tr("Import labs")))),
                                .a(.href("/manufacturing"), .text(tr("Manufacturing"))),
                                .a(.href("/release-queue"), .text(tr("Release queue"))),
                                .a(.href("/slots"), .text(tr("Slots"))),
                                .if(v.role == .admin, .a(.href("/admin/users"), .text(tr("Accounts")))),
                                .if(v.role == .admin, .a(.href("/admin/notifications"), .text(tr("Notifications"))))
                            )),
                            .div(.class("who"),
                                .if(v.role.isStaff, .a(.href("/account"), .text("\(v.displayName) · \(tr(source: v.role.displayName)) · \(v.centerName)")),
                                    else: .span(.text("\(v.displayName) · \(v.centerName)"))),
                                LanguageSwitch.form(v),
                                .form(.action("/signout"), .method(.post),
                                      csrfField(v.csrf),
                                      .button(.type(.submit), .class("link"), .text(tr("Sign out"))))
                            )
                        )
                    }
                ),
                .main(.group(content))
            )
        ).render(indentedBy: .spaces(1))
    }

    static func csrfField(_ token: String) -> Node<HTML.FormContext> {
        .input(.type(.hidden), .name(CSRF.field), .escapedValue(token))
    }
}

/// Form pieces shared by every form: a labelled field with its error beside it.
enum FormKit {
    /// The one-time code field of a signing form, where the center requires it.
    static func signatureCode(_ viewer: Viewer, errors: [FieldError], id: String? = nil) -> Node<HTML.FormContext> {
        .if(viewer.signaturesNeedCode,
            field(tr("One-time code (from your authenticator app)"), name: "code", value: nil, errors: errors, required: true, id: id))
    }

    /// `id` defaults to the name; a page with several forms that share field names gives each its own.
    static func field(_ label: String, name: String, type: HTMLInputType = .text, value: String?,
                      errors: [FieldError], hint: String? = nil, required: Bool = false, id: String? = nil) -> Node<HTML.FormContext> {
        let error = errors.first { $0.field == name || $0.field.hasPrefix(name + ".") || $0.field.hasPrefix(name + "[") }
        let id = id ?? name
        return .div(.class(error == nil ? "field" : "field invalid"),
            .label(.for(id), .text(label)),
            .input(.type(type), .id(id), .name(name), .escapedValue(value ?? ""), .required(required),
                   .attribute(named: "aria-invalid", value: error == nil ? nil : "true")),
            .unwrap(hint) { .small(.class("hint"), .text($0)) },
            .unwrap(error) { .span(.class("error"), .text(tr(source: $0.message))) }
        )
    }

    static func select(_ label: String, name: String, options: [(value: String, label: String)], selected: String?,
                       errors: [FieldError], id: String? = nil) -> Node<HTML.FormContext> {
        let error = errors.first { $0.field == name }
        let id = id ?? name
        return .div(.class(error == nil ? "field" : "field invalid"),
            .label(.for(id), .text(label)),
            .select(.id(id), .attribute(named: "name", value: name),
                .raw(options.map { o in
                    "<option value=\"\(escapeHTML(o.value))\"\(o.value == selected ? " selected" : "")>\(escapeHTML(o.label))</option>"
                }.joined())
            ),
            .unwrap(error) { .span(.class("error"), .text(tr(source: $0.message))) }
        )
    }

    /// A problem with its field named (`field: message`), in the page's language. The field's name is
    /// the API's English key, so other languages show the message alone.
    static func describe(_ error: FieldError) -> String {
        DisplayLanguage.current == .english ? "\(error.field): \(error.message)" : tr(source: error.message)
    }

    /// Problems that belong to no field on the form.
    static func summary(_ errors: [FieldError], fields: Set<String>) -> Node<HTML.FormContext> {
        let loose = errors.filter { e in !fields.contains { e.field == $0 || e.field.hasPrefix($0 + ".") } }
        return .if(!loose.isEmpty, .div(.class("alert"), .ul(.forEach(loose) { .li(.text(FormKit.describe($0))) })))
    }
}

extension Attribute where Context == HTML.InputContext {
    /// A `value` attribute whose text is escaped. Plot writes attribute values verbatim, so a quote in
    /// user input would otherwise end the attribute and let the rest run as markup (stored XSS).
    static func escapedValue(_ text: String) -> Attribute { .value(escapeHTML(text)) }
}

/// Escapes text for HTML content and attribute values (for the few places Plot's typed API cannot reach).
func escapeHTML(_ s: String) -> String {
    var out = ""
    out.reserveCapacity(s.count)
    for c in s {
        switch c {
        case "&": out += "&amp;"
        case "<": out += "&lt;"
        case ">": out += "&gt;"
        case "\"": out += "&quot;"
        case "'": out += "&#39;"
        default: out.append(c)
        }
    }
    return out
}
