import Fluent
import Foundation

/// Where a center's alerts are delivered: a webhook (an HTTPS address, usually a paging system's
/// inbound hook). Its secret signs every delivery (HMAC-SHA256), so the receiver can tell a real alert
/// from a forged one; it is shown to the administrator once, when the channel is added, and kept here
/// because each delivery needs it.
public final class NotificationChannel: Model, @unchecked Sendable {
    public static let schema = "notification_channels"
    @ID(key: .id) public var id: UUID?
    @Field(key: "center_id") public var centerID: UUID
    @Field(key: "kind") public var kind: String
    @Field(key: "name") public var name: String
    @Field(key: "url") public var url: String
    @Field(key: "secret") public var secret: String
    @Field(key: "active") public var active: Bool
    @Field(key: "created_by") public var createdBy: UUID
    @Field(key: "created_at") public var createdAt: Date
    public init() {}
}

/// One alert on its way to one channel: pending (with the time of its next attempt), delivered, or
/// abandoned after the last attempt; cancelled when its channel is removed first.
public final class AlertDelivery: Model, @unchecked Sendable {
    public static let schema = "alert_deliveries"
    @ID(key: .id) public var id: UUID?
    @Field(key: "alert_id") public var alertID: UUID
    @Field(key: "channel_id") public var channelID: UUID
    @Field(key: "center_id") public var centerID: UUID
    @Field(key: "status") public var status: String
    @Field(key: "attempts") public var attempts: Int
    @Field(key: "created_at") public var createdAt: Date
    @Field(key: "next_attempt_at") public var nextAttemptAt: Date
    /// A worker holds the delivery until then; another worker may take it over afterwards.
    @OptionalField(key: "claimed_until") public var claimedUntil: Date?
    @OptionalField(key: "last_attempt_at") public var lastAttemptAt: Date?
    @OptionalField(key: "last_status_code") public var lastStatusCode: Int?
    @OptionalField(key: "last_error") public var lastError: String?
    @OptionalField(key: "delivered_at") public var deliveredAt: Date?
    public init() {}
}
