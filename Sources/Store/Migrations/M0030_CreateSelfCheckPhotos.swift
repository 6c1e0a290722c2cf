import Fluent
import SQLKit

/// The photo of the handwriting prompt a patient may send with a self-check (metadata already
/// stripped: `HandwritingPhoto`).
struct M0030_CreateSelfCheckPhotos: AsyncMigration {
    func prepare(on db: Database) async throws {
        try await db.schema("self_check_photos")
            .id()
            .field("self_check_id", .uuid, .required, .references("self_checks", "id"))
            .field("content_type", .string, .required)
            .field("bytes", .data, .required)
            .field("sha256", .string, .required)
            .unique(on: "self_check_id")
            .create()
    }
    func revert(on db: Database) async throws {
        try await db.schema("self_check_photos").delete()
    }
}
