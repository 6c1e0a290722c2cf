import Fluent
import SQLKit

/// `db` as an SQL database, for the reads and writes that go around the ORM (plain columns, one
/// statement for many rows); `purpose` names what needed it in the error a non-SQL database gets.
func plainSQL(_ db: Database, for purpose: String) throws -> any SQLDatabase {
    guard let sql = db as? any SQLDatabase else { throw StoreError.conflict("\(purpose) needs an SQL database") }
    return sql
}
