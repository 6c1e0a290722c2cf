import Store
import CartographCore
import Foundation

/// `POST /api/tokens`
struct TokenRequest: StrictInput {
    var email: String
    var password: String
    /// What the token is for, shown in the owner's list of tokens.
    var name: String?
    /// Lifetime in days (default 7, at most 90).
    var days: Int?
    /// The one-time code, for an account with a second factor.
    var code: String?
    enum CodingKeys: String, CodingKey, CaseIterable { case email, password, name, days, code }
    typealias Field = CodingKeys
    static let required: [CodingKeys] = [.email, .password]
}

/// `POST /api/patients`
struct EnrolmentInput: StrictInput {
    var givenName: String
    var familyName: String
    var dateOfBirth: CalendarDate
    var hospitalNumber: String
    var sex: Choice<Enrolment.Sex>
    var productId: String?
    var enrolledOn: CalendarDate?
    /// Why a possible duplicate (same hospital number, or same name and date of birth) is another person.
    var duplicateReason: String?
    enum CodingKeys: String, CodingKey, CaseIterable {
        case givenName, familyName, dateOfBirth, hospitalNumber, sex, productId, enrolledOn, duplicateReason
    }
    typealias Field = CodingKeys
    static let required: [CodingKeys] = [.givenName, .familyName, .dateOfBirth, .hospitalNumber, .sex]

    func enrolment(today: CalendarDate) -> Enrolment {
        Enrolment(givenName: givenName, familyName: familyName, dateOfBirth: dateOfBirth, hospitalNumber: hospitalNumber,
                  sex: sex.value, productID: productId ?? ProductCatalogue.default.id, enrolledOn: enrolledOn ?? today)
    }
}

/// `POST /api/patients/:id/screening`
struct ScreeningInput: StrictInput {
    struct Line: StrictNested {
        var drugClasses: [Choice<DrugClass>]
        enum CodingKeys: String, CodingKey, CaseIterable { case drugClasses }
        typealias Keys = CodingKeys
    }
    static let nested = ["priorLines": Line.allowedKeys]
    var screenedOn: CalendarDate?
    var ageYears: Int?
    var diagnosis: Choice<Disease>?
    var priorLines: [Line]?
    var lastLineOutcome: Choice<LastLineOutcome>?
    var ecog: Int?
    var labs: [String: Double]?
    var activeInfection: Bool?
    var extramedullaryDisease: Bool?
    var highRiskCytogenetics: Bool?
    enum CodingKeys: String, CodingKey, CaseIterable {
        case screenedOn, ageYears, diagnosis, priorLines, lastLineOutcome, ecog, labs, activeInfection, extramedullaryDisease
        case highRiskCytogenetics
    }
    typealias Field = CodingKeys
    static let required: [CodingKeys] = []

    /// The screening data, or the fields that name unknown analytes.
    func data() throws -> ScreeningData {
        var labValues: [ScreeningAnalyte: Double] = [:]
        var unknown: [FieldError] = []
        for (key, value) in (labs ?? [:]).sorted(by: { $0.key < $1.key }) {
            if let a = ScreeningAnalyte(rawValue: key) { labValues[a] = value } else {
                unknown.append(FieldError("labs.\(key)", "unknown analyte; expected one of \(ScreeningAnalyte.allCases.map(\.rawValue).joined(separator: ", "))"))
            }
        }
        if !unknown.isEmpty { throw RequestBodyError(message: "the body has field errors", fields: unknown) }
        return ScreeningData(ageYears: ageYears, diagnosis: diagnosis?.value,
                             priorLines: priorLines?.map { PriorLine(drugClasses: $0.drugClasses.map(\.value)) },
                             lastLineOutcome: lastLineOutcome?.value, ecog: ecog, labs: labValues,
                             activeInfection: activeInfection, extramedullaryDisease: extramedullaryDisease,
                             highRiskCytogenetics: highRiskCytogenetics)
    }
}

/// `POST /api/patients/:id/events`
struct JourneyEventInput: StrictInput {
    var kind: Choice<JourneyEventKind>
    var date: CalendarDate
    var reason: String?
    enum CodingKeys: String, CodingKey, CaseIterable { case kind, date, reason }
    typealias Field = CodingKeys
    static let required: [CodingKeys] = [.kind, .date]
}

/// `POST /api/patients/:id/dose`
struct DoseInput: StrictInput {
    var weightKg: Double
    var viableCellsPerMilliliter: Double?
    var carPositiveFraction: Double?
    var bagVolumeMilliliters: Double?
    enum CodingKeys: String, CodingKey, CaseIterable { case weightKg, viableCellsPerMilliliter, carPositiveFraction, bagVolumeMilliliters }
    typealias Field = CodingKeys
    static let required: [CodingKeys] = [.weightKg]

    /// The product characterisation when all three values are given; a field error when only some are.
    func product() throws -> ProductCharacterisation? {
        let given = [viableCellsPerMilliliter, carPositiveFraction, bagVolumeMilliliters]
        if given.allSatisfy({ $0 == nil }) { return nil }
        guard let v = viableCellsPerMilliliter, let f = carPositiveFraction, let b = bagVolumeMilliliters else {
            let missing = zip(["viableCellsPerMilliliter", "carPositiveFraction", "bagVolumeMilliliters"], given)
                .filter { $0.1 == nil }.map { FieldError($0.0, "is required when the product is characterised") }
            throw ValidationFailure(missing)
        }
        return ProductCharacterisation(viableCellsPerMilliliter: v, carPositiveFraction: f, bagVolumeMilliliters: b)
    }
}

/// `POST /api/account/password`
struct PasswordChangeInput: StrictInput {
    var currentPassword: String
    var newPassword: String
    enum CodingKeys: String, CodingKey, CaseIterable { case currentPassword, newPassword }
    typealias Field = CodingKeys
    static let required: [CodingKeys] = [.currentPassword, .newPassword]
}

/// `POST /api/accounts/unlock`
struct UnlockInput: StrictInput {
    var email: String
    enum CodingKeys: String, CodingKey, CaseIterable { case email }
    typealias Field = CodingKeys
    static let required: [CodingKeys] = [.email]
}

/// `POST /api/admin/users`
struct AccountCreationInput: StrictInput {
    var email: String
    var displayName: String
    var role: String
    enum CodingKeys: String, CodingKey, CaseIterable { case email, displayName, role }
    typealias Field = CodingKeys
    static let required: [CodingKeys] = [.email, .displayName, .role]
}

/// `POST /api/admin/users/{id}/role`
struct RoleChangeInput: StrictInput {
    var role: String
    enum CodingKeys: String, CodingKey, CaseIterable { case role }
    typealias Field = CodingKeys
    static let required: [CodingKeys] = [.role]
}

/// `POST /api/password-reset` (no sign-in: the link's token is the credential)
struct PasswordResetInput: StrictInput {
    var token: String
    var newPassword: String
    enum CodingKeys: String, CodingKey, CaseIterable { case token, newPassword }
    typealias Field = CodingKeys
    static let required: [CodingKeys] = [.token, .newPassword]
}

extension Role {
    /// Reads a staff role named in a request, or says which roles exist. A patient account comes only
    /// from an activation code the center issues for that patient, never from a role assignment.
    static func named(_ raw: String, field: String = "role") throws -> Role {
        guard let role = Role(rawValue: raw), role.isStaff else {
            throw StoreError.invalid([FieldError(field, "unknown role \"\(raw.prefix(40))\"; one of: \(Role.staff.map(\.rawValue).joined(separator: ", "))")])
        }
        return role
    }
}

/// `POST /api/admin/channels`
struct WebhookChannelInput: StrictInput {
    var name: String
    var url: String
    enum CodingKeys: String, CodingKey, CaseIterable { case name, url }
    typealias Field = CodingKeys
    static let required: [CodingKeys] = [.name, .url]
}

/// `POST /api/admin/second-factor-rule`
struct SecondFactorRuleInput: StrictInput {
    var required: Bool
    enum CodingKeys: String, CodingKey, CaseIterable { case required }
    typealias Field = CodingKeys
    static let required: [CodingKeys] = [.required]
}
