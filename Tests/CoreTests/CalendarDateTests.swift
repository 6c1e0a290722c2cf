import Foundation
import Testing
@testable import CartographCore

@Suite("CalendarDate")
struct CalendarDateTests {
    // Epoch day numbers counted by hand: 365 days a year plus one per leap year passed.
    @Test func epochDayNumbers() {
        // setup / MUT / validate
        #expect(CalendarDate(year: 1970, month: 1, day: 1)?.daysSinceEpoch == 0)
        #expect(CalendarDate(year: 1970, month: 1, day: 2)?.daysSinceEpoch == 1)
        #expect(CalendarDate(year: 1969, month: 12, day: 31)?.daysSinceEpoch == -1)
        // 1970…1999: 30 × 365 + 7 leap days (1972, 76, 80, 84, 88, 92, 96) = 10 957
        #expect(CalendarDate(year: 2000, month: 1, day: 1)?.daysSinceEpoch == 10_957)
        // 2000 is a leap year (divisible by 400): Jan 31 + Feb 29 → 10 957 + 60 = 11 017
        #expect(CalendarDate(year: 2000, month: 3, day: 1)?.daysSinceEpoch == 11_017)
        // 2000…2023: 24 × 365 + 6 leap days (2000, 04, 08, 12, 16, 20) = 8 766 → 19 723
        #expect(CalendarDate(year: 2024, month: 1, day: 1)?.daysSinceEpoch == 19_723)
        // 2024 has 366 days → 20 089
        #expect(CalendarDate(year: 2025, month: 1, day: 1)?.daysSinceEpoch == 20_089)
        // 1900…1969: 70 × 365 + 17 leap days (1904…1968; 1900 is not one) = 25 567
        #expect(CalendarDate(year: 1900, month: 1, day: 1)?.daysSinceEpoch == -25_567)
        // 1900-03-01: −25 567 + 31 + 28 = −25 508
        #expect(CalendarDate(year: 1900, month: 3, day: 1)?.daysSinceEpoch == -25_508)
    }

    @Test func partsRoundTrip() {
        // setup
        let cases: [(Int, (Int, Int, Int))] = [(0, (1970, 1, 1)), (-1, (1969, 12, 31)), (11_016, (2000, 2, 29)),
                                              (19_723 + 59, (2024, 2, 29)), (-25_509, (1900, 2, 28))]
        for (n, expected) in cases {
            // MUT
            let p = CalendarDate(daysSinceEpoch: n).parts
            // validate
            #expect(p.year == expected.0 && p.month == expected.1 && p.day == expected.2, "day \(n)")
        }
        #expect(CalendarDate(daysSinceEpoch: 19_723 + 59).description == "2024-02-29")
    }

    @Test("Leap years: 1900 no, 2000 yes, 2024 yes, 2025 no")
    func leapYears() {
        // setup inline; MUT and validate: each #expect below calls the code under test
        // validate
        #expect(CalendarDate.daysInMonth(year: 1900, month: 2) == 28)
        #expect(CalendarDate.daysInMonth(year: 2000, month: 2) == 29)
        #expect(CalendarDate.daysInMonth(year: 2024, month: 2) == 29)
        #expect(CalendarDate.daysInMonth(year: 2025, month: 2) == 28)
        #expect(CalendarDate(year: 1900, month: 2, day: 29) == nil)
        #expect(CalendarDate(year: 2000, month: 2, day: 29) != nil)
        #expect(CalendarDate(year: 2024, month: 2, day: 29) != nil)
        #expect(CalendarDate(year: 2025, month: 2, day: 29) == nil)
        #expect(CalendarDate.daysInMonth(year: 2025, month: 4) == 30)
        #expect(CalendarDate.daysInMonth(year: 2025, month: 12) == 31)
    }

    @Test func impossiblePartsAreRejected() {
        #expect(CalendarDate(year: 2025, month: 13, day: 1) == nil)
        #expect(CalendarDate(year: 2025, month: 0, day: 1) == nil)
        #expect(CalendarDate(year: 2025, month: 4, day: 31) == nil)
        #expect(CalendarDate(year: 2025, month: 1, day: 0) == nil)
        #expect(CalendarDate(year: 0, month: 1, day: 1) == nil)
    }

    @Test func isoParseAcceptsOnlyYYYYMMDD() {
        // MUT / validate: valid
        #expect(CalendarDate("2025-02-28")?.daysSinceEpoch == 20_089 + 31 + 27)
        #expect(CalendarDate("2024-02-29") != nil)
        // rejected
        for text in ["2025-02-30", "2025-2-1", "2025-02-1", "garbage", "", "2025-02-01T00:00", "20250201",
                     "2025/02/01", "2025-13-01", "0000-01-01", "-2025-01-01", " 2025-02-01", "2025-02-01 ",
                     "２０２５-02-01", "2025-0a-01", "2025--02-01", "1900-02-29"] {
            #expect(CalendarDate(text) == nil, "\(text) should not parse")
        }
    }

    @Test func addingDaysCrossesMonthsAndYears() {
        #expect(day("2024-02-28").adding(days: 1) == day("2024-02-29"))
        #expect(day("2025-02-28").adding(days: 1) == day("2025-03-01"))
        #expect(day("2024-12-31").adding(days: 1) == day("2025-01-01"))
        #expect(day("2025-01-01").adding(days: -1) == day("2024-12-31"))
        #expect(day("2025-01-10").days(to: day("2025-02-14")) == 35) // 21 left in January + 14
    }

    @Test("Adding months clamps to the month's last day")
    func monthClamping() {
        // setup inline; MUT and validate: each #expect below calls the code under test
        #expect(day("2025-01-31").adding(months: 1) == day("2025-02-28"))
        #expect(day("2024-01-31").adding(months: 1) == day("2024-02-29"))
        #expect(day("2024-03-31").adding(months: 1) == day("2024-04-30"))
        #expect(day("2024-12-15").adding(months: 1) == day("2025-01-15"))
        #expect(day("2024-08-31").adding(months: 6) == day("2025-02-28"))
        #expect(day("2025-03-31").adding(months: -1) == day("2025-02-28"))
        #expect(day("2025-01-15").adding(months: -1) == day("2024-12-15"))
        #expect(day("2024-02-29").adding(months: 12) == day("2025-02-28"))
        #expect(day("2025-02-19").adding(months: 60) == day("2030-02-19"))
    }

    @Test("One instant is a different calendar date in Shanghai and New York")
    func timeZones() throws {
        // setup: 2025-03-01T02:00:00Z = day 20 148 (20 089 + 31 + 28) × 86 400 s + 7 200 s
        let instant = Date(timeIntervalSince1970: 1_740_794_400)
        let shanghai = try #require(TimeZone(identifier: "Asia/Shanghai"))     // UTC+8 → 10:00 on Mar 1
        let newYork = try #require(TimeZone(identifier: "America/New_York"))   // EST, UTC−5 → 21:00 on Feb 28
        // MUT
        let inShanghai = CalendarDate(instant, in: shanghai)
        let inNewYork = CalendarDate(instant, in: newYork)
        // validate
        #expect(inShanghai == day("2025-03-01"))
        #expect(inNewYork == day("2025-02-28"))
        #expect(CalendarDate.today(in: shanghai, now: instant) == day("2025-03-01"))
        #expect(CalendarDate(instant, in: TimeZone(secondsFromGMT: 0)!) == day("2025-03-01"))
    }

    @Test("Study day follows the center's date, not UTC")
    func studyDayInCenterTimeZone() throws {
        // setup: infusion on 2025-03-01 in Shanghai; 2025-03-01T17:00Z is 01:00 on Mar 2 there.
        let shanghai = try #require(TimeZone(identifier: "Asia/Shanghai"))
        let assessment = Date(timeIntervalSince1970: 1_740_787_200 + 17 * 3600)
        // MUT
        let d = studyDay(of: CalendarDate(assessment, in: shanghai), infusion: day("2025-03-01"))
        // validate: Day 1 at the center (a UTC calculation would say Day 0)
        #expect(d == 1)
    }

    @Test func studyDaysCountFromInfusion() {
        // setup
        let infusion = day("2025-03-10")
        // MUT / validate
        #expect(studyDay(of: infusion, infusion: infusion) == 0)
        #expect(studyDay(of: day("2025-03-05"), infusion: infusion) == -5)   // typical first lymphodepletion dose
        #expect(studyDay(of: day("2025-03-09"), infusion: infusion) == -1)
        #expect(studyDay(of: day("2025-04-07"), infusion: infusion) == 28)   // 21 days left in March + 7
        #expect(studyDay(of: day("2025-01-02"), infusion: day("2024-12-30")) == 3)
    }

    @Test func ordering() {
        #expect(day("2024-12-31") < day("2025-01-01"))
        #expect(!(day("2025-01-01") < day("2025-01-01")))
        #expect([day("2025-03-01"), day("2024-02-29"), day("2025-01-01")].sorted()
                == [day("2024-02-29"), day("2025-01-01"), day("2025-03-01")])
    }

    @Test func codableUsesISOText() throws {
        // setup
        struct Box: Codable, Equatable { var d: CalendarDate }
        // MUT
        let data = try JSONEncoder().encode(Box(d: day("2024-02-29")))
        // validate
        #expect(String(decoding: data, as: UTF8.self) == #"{"d":"2024-02-29"}"#)
        #expect(try JSONDecoder().decode(Box.self, from: data) == Box(d: day("2024-02-29")))
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(Box.self, from: Data(#"{"d":"2025-02-30"}"#.utf8)) }
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(Box.self, from: Data(#"{"d":"2025-2-1"}"#.utf8)) }
    }
}
