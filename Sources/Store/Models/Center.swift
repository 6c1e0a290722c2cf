import Fluent
import Foundation

/// A certified treatment center. Everything clinical belongs to exactly one center.
public final class Center: Model, @unchecked Sendable {
    public static let schema = "centers"
    @ID(key: .id) public var id: UUID?
    /// Short code used in patient codes (`C01`).
    @Field(key: "code") public var code: String
    @Field(key: "name") public var name: String
    /// IANA time zone of the center: clinical dates and study days are reckoned in it.
    @Field(key: "time_zone") public var timeZone: String
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?
    /// Administrators and QA must sign in with a second factor, and every e-signature needs a code.
    @Field(key: "require_second_factor") public var requireSecondFactor: Bool
    /// The number patients and caregivers call day and night, shown on every patient page.
    @OptionalField(key: "emergency_phone") public var emergencyPhone: String?
    /// How far from the center patients stay during the monitoring window, in kilometres; nil when
    /// the center has not set it (patients are then told to stay within reach).
    @OptionalField(key: "stay_within_km") public var stayWithinKilometres: Int?

    public init() {}
    public init(id: UUID? = nil, code: String, name: String, timeZone: String) {
        self.id = id; self.code = code; self.name = name; self.timeZone = timeZone; self.requireSecondFactor = false
    }

    /// The center's time zone; falls back to UTC only if the stored name is unknown to the system.
    public var zone: TimeZone { TimeZone(identifier: timeZone) ?? TimeZone(identifier: "UTC")! }
}
