import ArgumentParser
import Fluent
import Foundation
import SQLKit
import Store
import Vapor
import Web

/// `cartograph backup --to FILE` and `cartograph restore --from FILE --database TARGET`.
///
/// SQLite is copied with `VACUUM INTO`, a consistent snapshot taken while the server keeps running
/// (SQLite ≥ 3.27); PostgreSQL with `pg_dump --format=custom` and `pg_restore`, from Debian's
/// `postgresql-client`. Neither command ever overwrites: a backup goes to a new file, and a restore
/// goes to a new SQLite file or an empty PostgreSQL database. A restore ends by walking the copy's audit
/// chain; it exits 1 if the chain is broken.
struct Backup: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Copy the database to a new file while it runs (SQLite: VACUUM INTO; PostgreSQL: pg_dump --format=custom).")
    @ArgumentParser.Option(help: "The backup file to create; never overwritten.") var to: String
    @OptionGroup var db: DatabaseOptions

    func run() async throws {
        let settings = Settings.from(databasePath: db.database)
        let target = URL(fileURLWithPath: to).standardizedFileURL.path
        guard !FileManager.default.fileExists(atPath: target) else {
            warn("error: \(target) exists; a backup never overwrites, name a new file")
            throw ExitCode(1)
        }
        switch settings.database {
        case .sqlite(let path):
            guard FileManager.default.fileExists(atPath: path) else {
                warn("error: no database at \(path)")
                throw ExitCode(2)
            }
            try await withApplication(settings, migrate: false) { app in
                guard let sql = app.db as? SQLDatabase else { throw ExitCode(1) }
                try await sql.raw("VACUUM INTO \(bind: target)").run()
            }
        case .postgres(let url):
            try PostgresTools.run("pg_dump", ["--format=custom", "--no-owner", "--file", target], url: url)
        }
        let size = (try? FileManager.default.attributesOfItem(atPath: target)[.size] as? Int) ?? 0
        print("backup of the \(settings.database.kind) database written to \(target) (\(size) bytes)")
    }
}

struct Restore: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Restore a backup into a new SQLite file or an empty PostgreSQL database, then verify its audit trail.")
    @ArgumentParser.Option(help: "A file written by cartograph backup.") var from: String
    @OptionGroup var db: DatabaseOptions

    enum Kind { case sqlite, postgresDump }

    /// What the file holds, by its first bytes: "SQLite format 3\0" or pg_dump's "PGDMP".
    static func kind(of path: String) -> Kind? {
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        let head = (try? handle.read(upToCount: 16)) ?? Data()
        if head.starts(with: Data("SQLite format 3".utf8) + [0]) { return .sqlite }
        if head.starts(with: Data("PGDMP".utf8)) { return .postgresDump }
        return nil
    }

    func run() async throws {
        guard db.database != nil || !(ProcessInfo.processInfo.environment["DATABASE_URL"] ?? "").isEmpty else {
            warn("error: name the database to restore into with --database (a new SQLite file or an empty postgres:// database)")
            throw ExitCode(2)
        }
        let settings = Settings.from(databasePath: db.database)
        guard FileManager.default.fileExists(atPath: from) else {
            warn("error: no backup at \(from)")
            throw ExitCode(2)
        }
        guard let kind = Self.kind(of: from) else {
            warn("error: \(from) is neither an SQLite backup nor a pg_dump custom-format file")
            throw ExitCode(1)
        }
        switch (kind, settings.database) {
        case (.sqlite, .sqlite(let path)):
            guard !FileManager.default.fileExists(atPath: path) else {
                warn("error: \(path) exists; a restore never overwrites, name a new file")
                throw ExitCode(1)
            }
            let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try FileManager.default.copyItem(atPath: from, toPath: path)
        case (.postgresDump, .postgres(let url)):
            let tables = try await withApplication(settings, migrate: false) { app -> Int in
                struct Count: Decodable { let n: Int }
                return try await (app.db as! SQLDatabase)
                    .raw("SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema = current_schema()")
                    .first(decoding: Count.self)?.n ?? 0
            }
            guard tables == 0 else {
                warn("error: the target database holds \(tables) tables; a restore goes into an empty database")
                throw ExitCode(1)
            }
            try PostgresTools.run("pg_restore", ["--no-owner", "--exit-on-error", "--single-transaction", from], url: url)
        case (.sqlite, .postgres):
            warn("error: \(from) is an SQLite backup; restore it into an SQLite file (--database path.sqlite)")
            throw ExitCode(1)
        case (.postgresDump, .sqlite):
            warn("error: \(from) is a PostgreSQL dump; restore it into an empty postgres:// database")
            throw ExitCode(1)
        }
        let result = try await withApplication(settings) { app in try await AuditTrail.verify(on: app.db) }
        switch result {
        case .intact(let n):
            print("restored \(from) into the \(settings.database.kind) database; audit trail intact: \(n) records")
        case let .broken(sequence, reason):
            print("restored \(from), but its audit trail is broken at record \(sequence): \(reason)")
            throw ExitCode(1)
        }
    }
}

/// Runs PostgreSQL's own client tools. The password travels in `PGPASSWORD`, never on the command
/// line where other users of the machine could read it.
enum PostgresTools {
    static func locate(_ tool: String) -> String? {
        let env = ProcessInfo.processInfo.environment
        let candidates = (env["PATH"] ?? "").split(separator: ":").map { "\($0)/\(tool)" }
            + ((try? FileManager.default.contentsOfDirectory(atPath: "/usr/lib/postgresql")) ?? [])
                .sorted { $0.compare($1, options: .numeric) == .orderedDescending }.map { "/usr/lib/postgresql/\($0)/bin/\(tool)" }
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    static func run(_ tool: String, _ arguments: [String], url: String) throws {
        guard let executable = locate(tool) else {
            warn("error: \(tool) not found; install Debian's postgresql-client")
            throw ExitCode(1)
        }
        guard var components = URLComponents(string: url) else {
            warn("error: the database URL cannot be read")
            throw ExitCode(2)
        }
        var environment = ProcessInfo.processInfo.environment
        if let password = components.password { environment["PGPASSWORD"] = password }
        components.password = nil
        // libpq reads postgres:// URLs itself; sslmode and the rest pass through.
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments + ["--dbname", components.string ?? url]
        process.environment = environment
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            warn("error: \(tool) exited with status \(process.terminationStatus)")
            throw ExitCode(1)
        }
    }
}
