import ArgumentParser

@main
struct Cartograph: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cartograph",
        abstract: "Runs an autologous CAR-T cell therapy program end to end.",
        subcommands: [Serve.self, Migrate.self, Demo.self, UserCommand.self, AuditCommand.self,
                      ISBTCommand.self, Grade.self, Response.self, KineticsCommand.self])
}

/// `--database PATH` for every command that touches data; `DATABASE_URL` (PostgreSQL) wins when set.
struct DatabaseOptions: ParsableArguments {
    @ArgumentParser.Option(help: "SQLite file (default ./var/cartograph.sqlite). Ignored when DATABASE_URL is set.")
    var database: String?
}
