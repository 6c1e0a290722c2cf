import CartographCore
import Clinical
import Foundation

/// A stored follow-up visit.
public struct StoredFollowUpVisit: Codable, Sendable, Hashable {
    public var id: UUID
    public var date: CalendarDate
    public var contact: FollowUpContact
    public var note: String?
    public var recordedAt: Date?
}

/// A stored follow-up event.
public struct StoredFollowUpEvent: Codable, Sendable, Hashable {
    public var id: UUID
    public var entry: FollowUpEventEntry
    public var recordedAt: Date?
}

/// One line of the center's worklist, with the patient it is about.
public struct CenterFollowUpItem: Codable, Sendable, Equatable {
    public var patientID: UUID
    public var item: FollowUpWorklistItem
}
