import Fluent
import Foundation

/// A GMP site that turns a patient's cells into the product.
public final class ManufacturingSite: Model, @unchecked Sendable {
    public static let schema = "manufacturing_sites"
    @ID(key: .id) public var id: UUID?
    @Field(key: "code") public var code: String
    @Field(key: "name") public var name: String
    @Field(key: "time_zone") public var timeZone: String
    /// ISBT 128 facility identification number used on its labels.
    @Field(key: "facility_code") public var facilityCode: String
    /// The center whose manufacturing staff and administrator run the site and set its capacity;
    /// nil until one is named.
    @OptionalField(key: "operator_center_id") public var operatorCenterID: UUID?
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?

    public init() {}
    public init(id: UUID? = nil, code: String, name: String, timeZone: String, facilityCode: String, operatorCenterID: UUID? = nil) {
        self.id = id; self.code = code; self.name = name; self.timeZone = timeZone; self.facilityCode = facilityCode
        self.operatorCenterID = operatorCenterID
    }
}
