import ArgumentParser
import Foundation

@main
struct Cartograph: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cartograph",
        abstract: "Runs an autologous CAR-T cell therapy program end to end.",
        subcommands: [Serve.self, Migrate.self, Demo.self, UserCommand.self, AuditCommand.self, Backup.self, Restore.self,
                      ISBTCommand.self, Grade.self, Response.self, KineticsCommand.self, StatsCommand.self, TrialCommand.self])

    /// Runs the chosen command. Bad command lines (a missing option, an unknown value) exit 2 like any
    /// other bad input, with the problem and the usage on standard error.
    static func main() async {
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                print(fullMessage(for: error))
                return
            }
            if code == .validationFailure {
                FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }
}

/// `--database PATH` for every command that touches data; `DATABASE_URL` (PostgreSQL) wins when set.
struct DatabaseOptions: ParsableArguments {
    @ArgumentParser.Option(help: "SQLite file, or a postgres:// URL. Wins over DATABASE_URL and CARTOGRAPH_DATABASE; without it, DATABASE_URL, then CARTOGRAPH_DATABASE, then ./var/cartograph.sqlite.")
    var database: String?
}
