import Testing
@testable import CartographCore

@Suite("Enrolment")
struct EnrolmentTests {
    func enrolment(born: String = "1960-07-15", on: String = "2025-03-01", product: String = "fucaso",
                   given: String = "Avery") -> Enrolment {
        Enrolment(givenName: given, familyName: "Example", dateOfBirth: day(born), hospitalNumber: "H-1",
                  sex: .female, productID: product, enrolledOn: day(on))
    }

    @Test("Age in whole years: the birthday must have been reached")
    func age() {
        // setup inline; MUT and validate: each #expect below calls the code under test
        #expect(Enrolment.age(born: day("1960-07-15"), on: day("2025-07-14")) == 64)
        #expect(Enrolment.age(born: day("1960-07-15"), on: day("2025-07-15")) == 65)
        // born on a leap day: 24 on 2025-02-28, 25 from 2025-03-01
        #expect(Enrolment.age(born: day("2000-02-29"), on: day("2025-02-28")) == 24)
        #expect(Enrolment.age(born: day("2000-02-29"), on: day("2025-03-01")) == 25)
    }

    @Test func validation() {
        #expect(failingFields { try enrolment().validate(today: day("2025-03-01")) } == nil)
        #expect(failingFields { try enrolment(on: "2025-03-02").validate(today: day("2025-03-01")) } == ["enrolledOn"])
        #expect(failingFields { try enrolment(product: "kymriah").validate(today: day("2025-03-01")) } == ["productId"])
        #expect(failingFields { try enrolment(given: "  ").validate(today: day("2025-03-01")) } == ["givenName"])
        #expect(failingFields { try enrolment(product: "cd19-cd22-ball").validate(today: day("2025-03-01")) } == nil)
    }
}
