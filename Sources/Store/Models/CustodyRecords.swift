import Fluent
import Foundation

/// The therapy's chain-of-identity identifier (ISBT 128, `CH` + facility + year + sequence), issued once.
public final class ChainOfIdentityRecord: Model, @unchecked Sendable {
    public static let schema = "chains_of_identity"
    @ID(key: .id) public var id: UUID?
    @Field(key: "therapy_id") public var therapyID: UUID
    @Field(key: "center_id") public var centerID: UUID
    @Field(key: "facility_code") public var facilityCode: String
    @Field(key: "nominal_year") public var nominalYear: Int
    /// Unique per facility and nominal year (a unique constraint, so two writers cannot issue the same).
    @Field(key: "sequence") public var sequence: Int
    /// The 15-character content `CHαppppyynnnnnn`.
    @Field(key: "identifier") public var identifier: String
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?
    public init() {}
}

/// One physical bag: the apheresis collection or the final product, labelled with its own DIN.
public final class CustodyBagRecord: Model, @unchecked Sendable {
    public static let schema = "custody_bags"
    @ID(key: .id) public var id: UUID?
    @Field(key: "therapy_id") public var therapyID: UUID
    @Field(key: "center_id") public var centerID: UUID
    /// `CustodyBagKind` raw value.
    @Field(key: "kind") public var kind: String
    @Field(key: "chain_of_identity") public var chainOfIdentity: String
    @Field(key: "facility_code") public var facilityCode: String
    @Field(key: "nominal_year") public var nominalYear: Int
    @Field(key: "sequence") public var sequence: Int
    /// The 13-character DIN `αppppyynnnnnn`.
    @Field(key: "din") public var din: String
    @Field(key: "created_by") public var createdBy: UUID
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?
    public init() {}
}

/// One entry of a bag's append-only custody log. Never updated or deleted.
public final class CustodyEventRecord: Model, @unchecked Sendable {
    public static let schema = "custody_events"
    @ID(key: .id) public var id: UUID?
    @Field(key: "bag_id") public var bagID: UUID
    /// 1, 2, 3 … within the bag; unique with the bag, so two writers cannot both append #n.
    @Field(key: "sequence") public var sequence: Int
    @Field(key: "kind") public var kind: String
    /// `CustodyEventDetails` as JSON.
    @Field(key: "details") public var details: String
    @Field(key: "actor_id") public var actorID: UUID
    @Field(key: "actor_role") public var actorRole: String
    /// UTC instant in milliseconds since 1970.
    @Field(key: "occurred_at_ms") public var occurredAtMilliseconds: Int64
    /// IANA time zone of the site.
    @Field(key: "time_zone") public var timeZone: String
    @Field(key: "site") public var site: String
    @OptionalField(key: "signature_id") public var signatureID: UUID?
    @Timestamp(key: "recorded_at", on: .create) public var recordedAt: Date?
    /// For a `manufactured` event, its lot as the per-site uniqueness check compares it (`IdentityKeys.lot`).
    @OptionalField(key: "lot_key") var lotKey: String?
    public init() {}
}

/// An electronic signature (21 CFR Part 11 spirit): who, role, meaning, when, and the SHA-256 digest
/// of `SignatureRequest.manifestBytes()`, with the signed record's canonical JSON kept beside it so the
/// digest can be checked again at any time.
public final class ElectronicSignatureRecord: Model, @unchecked Sendable {
    public static let schema = "electronic_signatures"
    @ID(key: .id) public var id: UUID?
    @Field(key: "center_id") public var centerID: UUID
    @Field(key: "signer_id") public var signerID: UUID
    @Field(key: "signer_name") public var signerName: String
    @Field(key: "role") public var role: String
    @Field(key: "meaning") public var meaning: String
    @Field(key: "entity") public var entity: String
    @Field(key: "entity_id") public var entityID: String
    /// The canonical JSON of the record signed (UTF-8 text).
    @Field(key: "record") public var record: String
    /// Lowercase hex SHA-256 of the manifest bytes.
    @Field(key: "digest") public var digest: String
    @Field(key: "signed_at_ms") public var signedAtMilliseconds: Int64
    public init() {}
}

/// A deviation: a temperature excursion or quarantine on a bag (mirrors the custody log), or a bedside
/// identity mismatch. Open until QA closes it with a signed reason.
public final class CustodyDeviationRecord: Model, @unchecked Sendable {
    public static let schema = "custody_deviations"
    @ID(key: .id) public var id: UUID?
    /// `bag:<bag id>:<n>` (the custody log's own deviation number) or `bedside:<therapy id>:<n>`.
    @Field(key: "deviation_key") public var key: String
    @Field(key: "therapy_id") public var therapyID: UUID
    @Field(key: "center_id") public var centerID: UUID
    @OptionalField(key: "bag_id") public var bagID: UUID?
    @Field(key: "number") public var number: Int
    /// `temperatureExcursion`, `manualQuarantine` or `bedsideMismatch`.
    @Field(key: "kind") public var kind: String
    @Field(key: "summary") public var summary: String
    @Field(key: "opened_by") public var openedBy: UUID
    @Field(key: "opened_at_ms") public var openedAtMilliseconds: Int64
    @OptionalField(key: "closed_by") public var closedBy: UUID?
    @OptionalField(key: "closed_at_ms") public var closedAtMilliseconds: Int64?
    @OptionalField(key: "closure_reason") public var closureReason: String?
    @OptionalField(key: "closure_signature_id") public var closureSignatureID: UUID?
    public init() {}
}

/// One entry of a lot's release test results with the evaluation computed on save.
public final class ReleaseResultRecord: Model, @unchecked Sendable {
    public static let schema = "release_results"
    @ID(key: .id) public var id: UUID?
    @Field(key: "bag_id") public var bagID: UUID
    @Field(key: "center_id") public var centerID: UUID
    @Field(key: "lot") public var lot: String
    /// `ReleaseTestResults` as JSON.
    @Field(key: "results") public var results: String
    /// `ReleaseEvaluation` as JSON.
    @Field(key: "evaluation") public var evaluation: String
    @Field(key: "disposition") public var disposition: String
    @Field(key: "recorded_by") public var recordedBy: UUID
    @Field(key: "recorded_at_ms") public var recordedAtMilliseconds: Int64
    public init() {}
}

/// The treating physician's documented, signed request to infuse an out-of-specification lot.
public final class ExceptionalReleaseRequestRecord: Model, @unchecked Sendable {
    public static let schema = "exceptional_release_requests"
    @ID(key: .id) public var id: UUID?
    @Field(key: "bag_id") public var bagID: UUID
    @Field(key: "center_id") public var centerID: UUID
    @Field(key: "lot") public var lot: String
    @Field(key: "physician_id") public var physicianID: UUID
    @Field(key: "justification") public var justification: String
    @Field(key: "requested_at_ms") public var requestedAtMilliseconds: Int64
    @Field(key: "signature_id") public var signatureID: UUID
    public init() {}
}

/// A manufacturing site's ordinary weekly slot count.
public final class ManufacturingCapacityRecord: Model, @unchecked Sendable {
    public static let schema = "manufacturing_capacities"
    @ID(key: .id) public var id: UUID?
    @Field(key: "site_id") public var siteID: UUID
    @Field(key: "slots_per_week") public var slotsPerWeek: Int
    @Timestamp(key: "updated_at", on: .update) public var updatedAt: Date?
    public init() {}
}

/// A manufacturing slot reserved for a therapy's collection.
public final class SlotBookingRecord: Model, @unchecked Sendable {
    public static let schema = "manufacturing_slot_bookings"
    @ID(key: .id) public var id: UUID?
    @Field(key: "site_id") public var siteID: UUID
    @Field(key: "therapy_id") public var therapyID: UUID
    @Field(key: "center_id") public var centerID: UUID
    @Field(key: "collection_date") public var collectionDate: String
    @Field(key: "iso_week") public var isoWeek: String
    /// `site code:week:n` while active; nil once cancelled.
    @OptionalField(key: "slot_key") public var slotKey: String?
    /// `active` or `cancelled`.
    @Field(key: "status") public var status: String
    @Field(key: "booked_by") public var bookedBy: UUID
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?
    public init() {}
}

/// One print of a bag's labels; print 1 is the original, later ones are reprints.
public final class LabelPrintRecord: Model, @unchecked Sendable {
    public static let schema = "label_prints"
    @ID(key: .id) public var id: UUID?
    @Field(key: "bag_id") public var bagID: UUID
    @Field(key: "center_id") public var centerID: UUID
    @Field(key: "print_number") public var printNumber: Int
    @Field(key: "printed_by") public var printedBy: UUID
    @Field(key: "printed_role") public var printedRole: String
    @Timestamp(key: "printed_at", on: .create) public var printedAt: Date?
    public init() {}
}
