import ArgumentParser
import CartographCore
import Foundation
import Store
import Vapor
import Web
#if canImport(Glibc)
import Glibc
#endif

struct UserCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "user", abstract: "Manage accounts.", subcommands: [Add.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create an account (the first admin included). The center is created when it does not exist yet.")
        @ArgumentParser.Option(help: "Center code, e.g. C01.") var center: String
        @ArgumentParser.Option(help: "Role: \(Role.staff.map(\.rawValue).joined(separator: ", ")).") var role: String
        @ArgumentParser.Option(help: "Email address; it is the sign-in name.") var email: String
        @ArgumentParser.Option(help: "Name shown in the app (defaults to the email).") var name: String?
        @ArgumentParser.Option(help: "Center name, when the center is created.") var centerName: String?
        @ArgumentParser.Option(help: "Center time zone (IANA), when the center is created.") var timeZone = "Asia/Shanghai"
        @ArgumentParser.Flag(help: "Read the password from standard input instead of a prompt.") var passwordStdin = false
        @OptionGroup var db: DatabaseOptions

        func run() async throws {
            guard let parsedRole = Role(rawValue: role), parsedRole.isStaff else {
                warn("error: --role: unknown role \"\(role)\"; expected one of \(Role.staff.map(\.rawValue).joined(separator: ", "))")
                throw ExitCode(2)
            }
            let password = passwordStdin ? (readLine(strippingNewline: true) ?? "") : prompt()
            let problems = PasswordPolicy.problems(password, email: email)
            guard problems.isEmpty else {
                for p in problems { warn("error: the password: \(p.message)") }
                throw ExitCode(2)
            }
            let settings = Settings.from(databasePath: db.database)
            try await withApplication(settings) { app in
                _ = try await AccountRepository.ensureCenter(code: center, name: centerName ?? center, timeZone: timeZone, on: app.db)
                do {
                    let user = try await AccountRepository.createUser(centerCode: center, email: email, displayName: name ?? email,
                                                                      role: parsedRole, passwordHash: try app.password.hash(PasswordPolicy.material(password)),
                                                                      actor: nil, on: app.db)
                    print("created \(user.email) (\(parsedRole.rawValue)) in center \(center)")
                } catch let e as StoreError {
                    warn("error: \(e)")
                    throw ExitCode(2)
                }
            }
        }

        func prompt() -> String {
            #if canImport(Glibc)
            if let p = getpass("Password: ") { return String(cString: p) }
            #endif
            return readLine(strippingNewline: true) ?? ""
        }
    }
}

struct AuditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "audit", abstract: "Check the audit trail.", subcommands: [Verify.self])

    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Walk the hash chain of audit_events; exit 0 when intact, 1 naming the first broken record, 2 when there is no such database.")
        @OptionGroup var db: DatabaseOptions

        func run() async throws {
            let settings = Settings.from(databasePath: db.database)
            // Verifying must never create what it verifies: a mistyped path is an error, not an empty, "intact" trail.
            if case .sqlite(let path) = settings.database, !FileManager.default.fileExists(atPath: path) {
                warn("error: no database at \(path)")
                throw ExitCode(2)
            }
            let result = try await withApplication(settings) { app in try await AuditTrail.verify(on: app.db) }
            switch result {
            case .intact(let n):
                print("audit trail intact: \(n) records")
            case let .broken(sequence, reason):
                print("audit trail broken at record \(sequence): \(reason)")
                throw ExitCode(1)
            }
        }
    }
}
