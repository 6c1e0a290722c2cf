import CartographCore
import Fluent
import Foundation

/// Settings a center's administrators keep for the whole center.
public enum CenterSettings {
    /// Sets the number patients and caregivers are told to call day and night: digits with the
    /// separators people write (`+86 10 1234 5678`, `(010) 1234-5678`), 5 to 20 digits. Audited.
    public static func setEmergencyPhone(_ raw: String, by actor: ActingUser, on db: Database) async throws {
        try AccountAdministration.requireAdmin(actor)
        let phone = raw.trimmingCharacters(in: .whitespaces)
        let allowed = Set("0123456789+-() ")
        let digits = phone.filter(\.isASCII).filter(\.isNumber).count
        guard phone.count <= 30, phone.allSatisfy({ allowed.contains($0) }), (5...20).contains(digits),
              !phone.dropFirst().contains("+") else {
            throw StoreError.invalid([FieldError("phone", "a telephone number: 5 to 20 digits, with + only in front and spaces, dashes or brackets between")])
        }
        try await change(\.emergencyPhone, to: phone, action: "center.emergencyPhoneSet", by: actor, on: db) { $0 ?? "" }
    }

    /// The distances a center may set, in kilometres. Patients are asked to "stay near the treatment
    /// center for the first 4 weeks" (seed 003, FUCASO's patient information); how near is the
    /// center's own policy, which the profile does not fix.
    public static let stayWithinRange = 1...500

    /// Sets how far from the center patients stay during the monitoring window, in whole kilometres,
    /// or clears it (nil). Audited.
    public static func setStayWithin(kilometres: Int?, by actor: ActingUser, on db: Database) async throws {
        try AccountAdministration.requireAdmin(actor)
        if let km = kilometres, !stayWithinRange.contains(km) {
            throw StoreError.invalid([FieldError("kilometres", "a whole number of kilometres from \(stayWithinRange.lowerBound) to \(stayWithinRange.upperBound)")])
        }
        try await change(\.stayWithinKilometres, to: kilometres, action: "center.stayWithinSet", by: actor, on: db) { $0.map(String.init) ?? "" }
    }

    /// Changes one setting of the actor's center and records the old and new values in the audit
    /// trail, in one transaction.
    private static func change<Value: Sendable>(_ setting: ReferenceWritableKeyPath<Center, Value>, to value: Value, action: String,
                                                by actor: ActingUser, on db: Database,
                                                _ text: @escaping @Sendable (Value) -> String) async throws {
        try await db.transaction { tx in
            guard let center = try await Center.find(actor.centerID, on: tx) else { throw StoreError.notFound("center") }
            let old = center[keyPath: setting]
            center[keyPath: setting] = value
            try await center.update(on: tx)
            try await AuditTrail.record(on: tx, actor: actor.userID, center: actor.centerID, action: action, entity: "center",
                                        entityID: actor.centerID.uuidString, payload: ["from": text(old), "to": text(value)])
        }
    }
}
