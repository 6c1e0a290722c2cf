extension ManufacturingSlotBooking {
    /// A booking as stored, for rebuilding a ``SlotCalendar`` from the store: the week and the
    /// manufacturing start follow from the collection date by the same rule ``SlotCalendar/book`` uses
    /// (ISO week of the collection; start the day after).
    public init(storedReference reference: String, siteCode: String, collectionDate: CalendarDate) {
        self.init(reference: reference, siteCode: siteCode, collectionDate: collectionDate, week: collectionDate.isoWeek,
                  manufacturingStart: collectionDate.adding(days: 1))
    }
}
