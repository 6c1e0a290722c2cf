/// A manufacturing site's weekly capacity.
public struct ManufacturingSiteCapacity: Codable, Sendable, Hashable {
    public var siteCode: String
    /// Slots in an ordinary week.
    public var slotsPerWeek: Int
    /// Weeks that differ (a shutdown week has 0, a reinforced week more).
    public var weekOverrides: [ManufacturingISOWeek: Int]

    public init(siteCode: String, slotsPerWeek: Int, weekOverrides: [ManufacturingISOWeek: Int] = [:]) {
        self.siteCode = siteCode; self.slotsPerWeek = slotsPerWeek; self.weekOverrides = weekOverrides
    }

    public func capacity(in week: ManufacturingISOWeek) -> Int { max(0, weekOverrides[week] ?? slotsPerWeek) }
}

extension ManufacturingISOWeek: CodingKeyRepresentable {
    public var codingKey: any CodingKey { ManufacturingISOWeekKey(stringValue: description) }
    public init?<T: CodingKey>(codingKey: T) { self.init(codingKey.stringValue) }
}

struct ManufacturingISOWeekKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}

/// One reserved manufacturing slot.
public struct ManufacturingSlotBooking: Codable, Sendable, Hashable {
    /// What the slot is for: the therapy's chain-of-identity identifier, or the store's booking key.
    /// At most one active booking per reference.
    public var reference: String
    public var siteCode: String
    public var collectionDate: CalendarDate
    /// The ISO week of the collection date: the week whose slot is used.
    public var week: ManufacturingISOWeek
    /// Manufacturing starts the day after collection (cells travel overnight).
    public var manufacturingStart: CalendarDate
}

/// One row of the capacity overview.
public struct ManufacturingSlotWeekSummary: Codable, Sendable, Hashable {
    public var siteCode: String
    public var week: ManufacturingISOWeek
    public var capacity: Int
    public var booked: Int
    /// capacity − booked, never below 0 (a week whose capacity was cut after booking shows 0 free).
    public var free: Int
}

public enum ManufacturingSlotError: Error, Sendable, Hashable, CustomStringConvertible {
    case unknownSite(String)
    case noFreeSlot(siteCode: String, week: ManufacturingISOWeek, capacity: Int, booked: Int)
    case alreadyBooked(reference: String, existing: ManufacturingSlotBooking)
    case bookingNotFound(reference: String)
    case emptyReference

    public var description: String {
        switch self {
        case .unknownSite(let code): "unknown manufacturing site \(code)"
        case let .noFreeSlot(site, week, capacity, booked):
            "no free manufacturing slot at site \(site) in \(week) (\(week.monday)–\(week.sunday)): capacity \(capacity), booked \(booked)"
        case let .alreadyBooked(reference, existing):
            "\(reference) already holds a slot at site \(existing.siteCode) in \(existing.week); cancel it first"
        case .bookingNotFound(let reference): "no booking for \(reference)"
        case .emptyReference: "a booking needs a reference"
        }
    }
}

/// Manufacturing slots per site and ISO week, as pure logic over the capacities and the active
/// bookings (the lead loads both from the store, calls `book`/`cancel`, and stores the result).
///
/// Booking rule (center policy): a collection on date D uses a slot in D's ISO week at the chosen
/// site, and manufacturing starts on D + 1. The week is the collection's, not the start's, so a
/// Sunday collection uses that week's slot although its manufacturing starts on the Monday after.
public struct SlotCalendar: Codable, Sendable, Hashable {
    public var sites: [ManufacturingSiteCapacity]
    public private(set) var bookings: [ManufacturingSlotBooking]

    public init(sites: [ManufacturingSiteCapacity], bookings: [ManufacturingSlotBooking] = []) {
        self.sites = sites; self.bookings = bookings
    }

    /// Reserves a slot for `reference` at `siteCode` in the ISO week of `collectionDate`.
    /// - Throws: ``ManufacturingSlotError`` for an unknown site, a reference that already holds a
    ///   slot, or a week with no free slot (the error names the site and the week).
    @discardableResult
    public mutating func book(reference: String, siteCode: String,
                              collectionDate: CalendarDate) throws(ManufacturingSlotError) -> ManufacturingSlotBooking {
        guard !reference.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { throw .emptyReference }
        guard let site = sites.first(where: { $0.siteCode == siteCode }) else { throw .unknownSite(siteCode) }
        if let existing = bookings.first(where: { $0.reference == reference }) {
            throw .alreadyBooked(reference: reference, existing: existing)
        }
        let week = collectionDate.isoWeek
        let capacity = site.capacity(in: week)
        let booked = bookedCount(siteCode: siteCode, week: week)
        guard booked < capacity else { throw .noFreeSlot(siteCode: siteCode, week: week, capacity: capacity, booked: booked) }
        let booking = ManufacturingSlotBooking(reference: reference, siteCode: siteCode, collectionDate: collectionDate,
                                               week: week, manufacturingStart: collectionDate.adding(days: 1))
        bookings.append(booking)
        return booking
    }

    /// Frees the slot held by `reference` and returns the cancelled booking.
    /// - Throws: ``ManufacturingSlotError/bookingNotFound(reference:)``.
    @discardableResult
    public mutating func cancel(reference: String) throws(ManufacturingSlotError) -> ManufacturingSlotBooking {
        guard let index = bookings.firstIndex(where: { $0.reference == reference }) else { throw .bookingNotFound(reference: reference) }
        return bookings.remove(at: index)
    }

    public func bookedCount(siteCode: String, week: ManufacturingISOWeek) -> Int {
        bookings.count { $0.siteCode == siteCode && $0.week == week }
    }

    /// Capacity, booked and free slots at `siteCode` for every week from `first` through `last`.
    /// - Throws: ``ManufacturingSlotError/unknownSite(_:)``. Empty when `last` is before `first`.
    public func weekSummaries(siteCode: String, from first: ManufacturingISOWeek,
                              through last: ManufacturingISOWeek) throws(ManufacturingSlotError) -> [ManufacturingSlotWeekSummary] {
        guard let site = sites.first(where: { $0.siteCode == siteCode }) else { throw .unknownSite(siteCode) }
        var rows: [ManufacturingSlotWeekSummary] = []
        var week = first
        while week <= last {
            let capacity = site.capacity(in: week), booked = bookedCount(siteCode: siteCode, week: week)
            rows.append(ManufacturingSlotWeekSummary(siteCode: siteCode, week: week, capacity: capacity,
                                                     booked: booked, free: max(0, capacity - booked)))
            week = week.next
        }
        return rows
    }

    /// The weeks from `first` through `last` with at least one free slot at `siteCode`.
    public func weeksWithFreeSlots(siteCode: String, from first: ManufacturingISOWeek,
                                   through last: ManufacturingISOWeek) throws(ManufacturingSlotError) -> [ManufacturingISOWeek] {
        try weekSummaries(siteCode: siteCode, from: first, through: last).filter { $0.free > 0 }.map(\.week)
    }
}
