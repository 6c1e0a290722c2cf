import Foundation

/// What a coordinator enters to enrol a patient: identity (stored apart) and the product.
public struct Enrolment: Codable, Sendable, Hashable {
    public var givenName: String
    public var familyName: String
    public var dateOfBirth: CalendarDate
    public var hospitalNumber: String
    public var sex: Sex
    public var productID: String
    public var enrolledOn: CalendarDate

    public enum Sex: String, Codable, Sendable, CaseIterable { case female, male, other, unknown }

    public init(givenName: String, familyName: String, dateOfBirth: CalendarDate, hospitalNumber: String,
                sex: Sex, productID: String, enrolledOn: CalendarDate) {
        self.givenName = givenName; self.familyName = familyName; self.dateOfBirth = dateOfBirth
        self.hospitalNumber = hospitalNumber; self.sex = sex; self.productID = productID; self.enrolledOn = enrolledOn
    }

    /// Checks every field against what is possible on `today` (the center's date); reports all problems.
    public func validate(today: CalendarDate) throws {
        var c = FieldErrorCollector()
        for (field, value) in [("givenName", givenName), ("familyName", familyName), ("hospitalNumber", hospitalNumber)] {
            let trimmed = value.trimmingCharacters(in: .whitespacesAndNewlines)
            c.require(!trimmed.isEmpty, field, "is required")
            c.require(value.count <= 100, field, "is longer than 100 characters")
            // A NUL or other control character is never part of a name or number; it hides text in logs and exports.
            c.require(!value.unicodeScalars.contains { $0.properties.generalCategory == .control }, field,
                      "contains a control character (such as NUL or a line break)")
        }
        c.require(dateOfBirth <= today, "dateOfBirth", "\(dateOfBirth) is in the future")
        c.require(dateOfBirth.days(to: today) <= 120 * 366, "dateOfBirth", "\(dateOfBirth) is more than 120 years ago")
        c.require(enrolledOn <= today, "enrolledOn", "\(enrolledOn) is in the future")
        c.require(dateOfBirth < enrolledOn, "enrolledOn", "\(enrolledOn) is not after the date of birth \(dateOfBirth)")
        c.require(ProductCatalogue.profile(id: productID) != nil, "productId",
                  "unknown product \"\(productID)\"; known: \(ProductCatalogue.all.map(\.id).joined(separator: ", "))")
        try c.throwIfAny()
    }

    /// Age in whole years on a date, as clinics count it (birthday reached or not).
    public static func age(born: CalendarDate, on date: CalendarDate) -> Int {
        let b = born.parts, d = date.parts
        var years = d.year - b.year
        if (d.month, d.day) < (b.month, b.day) { years -= 1 }
        return years
    }
}
