import Fluent
import Foundation
import SQLKit

/// Indexes for every lookup a page or a writer makes by therapy, bag or center, and keys that turn two
/// center-wide scans into indexed lookups, so that the cost of one patient's records does not grow with
/// the number of patients in the database.
///
/// - `patient_identities.hospital_number_key` and `person_key`: the duplicate check at enrolment
///   (`PatientRepository.possibleDuplicates`) compares hospital numbers, and names with the date of
///   birth, trimmed and case-insensitive; the keys hold exactly those normalised forms.
/// - `custody_events.lot_key`: a lot number is unique per site, compared trimmed and case-insensitive;
///   the key is set on `manufactured` events only.
///
/// Existing rows get their keys here, from the same normalisation the writers use.
struct M0031_AddLookupIndexes: AsyncMigration {
    static let indexes: [(name: String, table: String, columns: [String])] = [
        ("safety_assessments_therapy", "safety_assessments", ["therapy_id", "assessed_at"]),
        ("interventions_therapy", "interventions", ["therapy_id", "given_at"]),
        ("screenings_therapy", "screenings", ["therapy_id"]),
        ("dose_calculations_therapy", "dose_calculations", ["therapy_id"]),
        ("custody_bags_therapy", "custody_bags", ["therapy_id"]),
        ("custody_bags_center", "custody_bags", ["center_id"]),
        ("custody_deviations_therapy", "custody_deviations", ["therapy_id"]),
        ("custody_deviations_center", "custody_deviations", ["center_id"]),
        ("custody_events_site_lot", "custody_events", ["site", "lot_key"]),
        ("electronic_signatures_entity", "electronic_signatures", ["entity", "entity_id"]),
        ("release_results_bag", "release_results", ["bag_id"]),
        ("exceptional_release_requests_bag", "exceptional_release_requests", ["bag_id"]),
        ("lab_result_corrections_therapy", "lab_result_corrections", ["therapy_id"]),
        ("manufacturing_slot_bookings_therapy", "manufacturing_slot_bookings", ["therapy_id"]),
        ("patient_identities_hospital_number", "patient_identities", ["hospital_number_key"]),
        ("patient_identities_person", "patient_identities", ["person_key"]),
        ("audit_events_entity", "audit_events", ["entity_id"]),
    ]

    func prepare(on db: Database) async throws {
        // One column per statement: SQLite adds one column per ALTER TABLE.
        try await db.schema("patient_identities").field("hospital_number_key", .string).update()
        try await db.schema("patient_identities").field("person_key", .string).update()
        try await db.schema("custody_events").field("lot_key", .string).update()
        guard let sql = db as? SQLDatabase else { return }
        try await Self.backfill(on: sql)
        for index in Self.indexes {
            try await index.columns.reduce(sql.create(index: index.name).on(index.table)) { $0.column($1) }.run()
        }
    }

    /// Gives every identity and every `manufactured` event its keys, from the same normalisation the
    /// writers use.
    static func backfill(on sql: any SQLDatabase) async throws {
        struct Identity: Decodable {
            let id: UUID
            let given_name: String, family_name: String, date_of_birth: String, hospital_number: String
        }
        for i in try await sql.select().columns("id", "given_name", "family_name", "date_of_birth", "hospital_number")
            .from("patient_identities").all(decoding: Identity.self) {
            try await sql.update("patient_identities")
                .set("hospital_number_key", to: IdentityKeys.hospitalNumber(i.hospital_number))
                .set("person_key", to: IdentityKeys.person(given: i.given_name, family: i.family_name, dateOfBirth: i.date_of_birth))
                .where("id", .equal, i.id).run()
        }
        struct Manufactured: Decodable { let id: UUID; let details: String }
        for e in try await sql.select().columns("id", "details").from("custody_events")
            .where("kind", .equal, "manufactured").all(decoding: Manufactured.self) {
            struct Details: Decodable { struct Lot: Decodable { let lot: String }; let manufactured: Lot? }
            guard let lot = (try? JSONDecoder().decode(Details.self, from: Data(e.details.utf8)))?.manufactured?.lot else { continue }
            try await sql.update("custody_events").set("lot_key", to: IdentityKeys.lot(lot)).where("id", .equal, e.id).run()
        }
    }

    func revert(on db: Database) async throws {
        if let sql = db as? SQLDatabase {
            for index in Self.indexes { try await sql.drop(index: index.name).run() }
        }
        try await db.schema("custody_events").deleteField("lot_key").update()
        try await db.schema("patient_identities").deleteField("hospital_number_key").update()
        try await db.schema("patient_identities").deleteField("person_key").update()
    }
}

/// The normalised forms the duplicate check and the lot check compare: trimmed of spaces and line
/// breaks, lower-cased (Unicode's default case mapping).
enum IdentityKeys {
    static func normalised(_ s: String) -> String { s.trimmingCharacters(in: .whitespacesAndNewlines).lowercased() }
    static func hospitalNumber(_ s: String) -> String { normalised(s) }
    /// Given name, family name and date of birth, each as `length:text` so no two triples share a key.
    static func person(given: String, family: String, dateOfBirth: String) -> String {
        [normalised(given), normalised(family), dateOfBirth].map { "\($0.utf8.count):\($0)" }.joined(separator: "|")
    }
    static func lot(_ s: String) -> String { normalised(s) }
}
