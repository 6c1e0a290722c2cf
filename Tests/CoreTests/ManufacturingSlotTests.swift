import Foundation
import Testing
@testable import CartographCore

@Suite("Manufacturing slots and ISO weeks")
struct ManufacturingSlotTests {
    static func date(_ s: String) -> CalendarDate { CalendarDate(s)! }

    @Test("ISO weeks of known dates", arguments: [
        // (date, week-based year, week, ISO weekday) — the first three from the brief; all agree with
        // Python's datetime.date.isocalendar(), an independent implementation.
        ("2026-01-01", 2026, 1, 4),   // Thursday: W01 holds the year's first Thursday
        ("2027-01-01", 2026, 53, 5),  // Friday belongs to the last week of 2026
        ("2021-01-03", 2020, 53, 7),  // Sunday belongs to 2020-W53
        ("2025-12-29", 2026, 1, 1),   // Monday already in 2026-W01
        ("2026-02-01", 2026, 5, 7),
        ("2026-02-02", 2026, 6, 1),
        ("1970-01-01", 1970, 1, 4),
    ])
    func isoWeeks(text: String, year: Int, week: Int, weekday: Int) {
        // setup
        let d = Self.date(text)
        // MUT
        let w = d.isoWeek
        // validate
        #expect(w.year == year)
        #expect(w.week == week)
        #expect(d.isoWeekday == weekday)
    }

    @Test("weeks per year, Mondays, parsing and the week after the last")
    func weekArithmetic() throws {
        // setup: 2026 starts on a Thursday → 53 weeks; 2025 starts on a Wednesday, not leap → 52;
        // 2020 is leap and starts on a Wednesday → 53.
        // MUT / validate
        #expect(ManufacturingISOWeek.weeksIn(year: 2026) == 53)
        #expect(ManufacturingISOWeek.weeksIn(year: 2025) == 52)
        #expect(ManufacturingISOWeek.weeksIn(year: 2020) == 53)
        let w53 = try #require(ManufacturingISOWeek("2026-W53"))
        #expect(w53.monday == Self.date("2026-12-28"))
        #expect(w53.sunday == Self.date("2027-01-03"))
        #expect(w53.next.description == "2027-W01")
        #expect(try #require(ManufacturingISOWeek("2026-W01")).monday == Self.date("2025-12-29"))
        #expect(ManufacturingISOWeek("2025-W53") == nil)
        #expect(ManufacturingISOWeek("2026-W1") == nil)
        #expect(ManufacturingISOWeek(year: 2026, week: 5)!.description == "2026-W05")
    }

    @Test("a full week refuses the next booking, naming site and week; cancelling frees the slot")
    func fullAndCancel() throws {
        // setup: two slots a week; 2026-02-02 (Mon) and 2026-02-04 (Wed) are both in 2026-W06
        var calendar = SlotCalendar(sites: [ManufacturingSiteCapacity(siteCode: "MFG-1", slotsPerWeek: 2)])
        try calendar.book(reference: "CHX999926000001", siteCode: "MFG-1", collectionDate: Self.date("2026-02-02"))
        try calendar.book(reference: "CHX999926000002", siteCode: "MFG-1", collectionDate: Self.date("2026-02-04"))
        let week6 = ManufacturingISOWeek(year: 2026, week: 6)!
        // MUT / validate
        #expect(throws: ManufacturingSlotError.noFreeSlot(siteCode: "MFG-1", week: week6, capacity: 2, booked: 2)) {
            try calendar.book(reference: "CHX999926000003", siteCode: "MFG-1", collectionDate: Self.date("2026-02-08"))
        }
        #expect(ManufacturingSlotError.noFreeSlot(siteCode: "MFG-1", week: week6, capacity: 2, booked: 2).description
                == "no free manufacturing slot at site MFG-1 in 2026-W06 (2026-02-02–2026-02-08): capacity 2, booked 2")
        try calendar.cancel(reference: "CHX999926000001")
        let booking = try calendar.book(reference: "CHX999926000003", siteCode: "MFG-1", collectionDate: Self.date("2026-02-08"))
        #expect(booking.week == week6)
        #expect(booking.manufacturingStart == Self.date("2026-02-09"))
    }

    @Test("a Sunday collection uses its own week although manufacturing starts the Monday after")
    func sundayCollection() throws {
        // setup: 2026-02-01 is the Sunday of 2026-W05
        var calendar = SlotCalendar(sites: [ManufacturingSiteCapacity(siteCode: "MFG-1", slotsPerWeek: 1)])
        // MUT
        let b = try calendar.book(reference: "A", siteCode: "MFG-1", collectionDate: Self.date("2026-02-01"))
        // validate
        #expect(b.week.description == "2026-W05")
        #expect(b.manufacturingStart.isoWeek.description == "2026-W06")
    }

    @Test("the overview lists capacity, booked and free per week, with overrides")
    func overview() throws {
        // setup: W06 shut down (0 slots), W07 has one booking out of 2
        var calendar = SlotCalendar(sites: [ManufacturingSiteCapacity(
            siteCode: "MFG-1", slotsPerWeek: 2, weekOverrides: [ManufacturingISOWeek(year: 2026, week: 6)!: 0])])
        try calendar.book(reference: "A", siteCode: "MFG-1", collectionDate: Self.date("2026-02-10"))
        // MUT
        let rows = try calendar.weekSummaries(siteCode: "MFG-1", from: ManufacturingISOWeek(year: 2026, week: 5)!,
                                              through: ManufacturingISOWeek(year: 2026, week: 7)!)
        // validate
        #expect(rows.map(\.week.description) == ["2026-W05", "2026-W06", "2026-W07"])
        #expect(rows.map(\.capacity) == [2, 0, 2])
        #expect(rows.map(\.booked) == [0, 0, 1])
        #expect(rows.map(\.free) == [2, 0, 1])
        #expect(try calendar.weeksWithFreeSlots(siteCode: "MFG-1", from: rows[0].week, through: rows[2].week).map(\.week) == [5, 7])
        #expect(throws: ManufacturingSlotError.noFreeSlot(siteCode: "MFG-1", week: rows[1].week, capacity: 0, booked: 0)) {
            try calendar.book(reference: "B", siteCode: "MFG-1", collectionDate: Self.date("2026-02-03"))
        }
    }

    @Test("unknown sites, double bookings and unknown cancellations are refused")
    func refusals() throws {
        // setup
        var calendar = SlotCalendar(sites: [ManufacturingSiteCapacity(siteCode: "MFG-1", slotsPerWeek: 3)])
        let first = try calendar.book(reference: "A", siteCode: "MFG-1", collectionDate: Self.date("2026-03-02"))
        // MUT / validate
        #expect(throws: ManufacturingSlotError.unknownSite("MFG-9")) {
            try calendar.book(reference: "B", siteCode: "MFG-9", collectionDate: Self.date("2026-03-02"))
        }
        #expect(throws: ManufacturingSlotError.alreadyBooked(reference: "A", existing: first)) {
            try calendar.book(reference: "A", siteCode: "MFG-1", collectionDate: Self.date("2026-03-09"))
        }
        #expect(throws: ManufacturingSlotError.bookingNotFound(reference: "Z")) {
            try calendar.cancel(reference: "Z")
        }
    }

    @Test("capacities and bookings survive a JSON round trip, weeks written as 2026-W06")
    func codable() throws {
        // setup
        var calendar = SlotCalendar(sites: [ManufacturingSiteCapacity(
            siteCode: "MFG-1", slotsPerWeek: 2, weekOverrides: [ManufacturingISOWeek(year: 2026, week: 6)!: 0])])
        try calendar.book(reference: "A", siteCode: "MFG-1", collectionDate: Self.date("2026-02-10"))
        let encoder = JSONEncoder(); encoder.outputFormatting = .sortedKeys
        // MUT
        let data = try encoder.encode(calendar)
        let back = try JSONDecoder().decode(SlotCalendar.self, from: data)
        // validate
        #expect(back == calendar)
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.contains(#""weekOverrides":{"2026-W06":0}"#))
        #expect(text.contains(#""week":"2026-W07""#))
    }
}
