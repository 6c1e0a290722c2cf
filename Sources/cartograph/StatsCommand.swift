import ArgumentParser
import Foundation
import Statistics

/// `cartograph stats km|logrank|cox|proportion`: survival statistics from a CSV file, JSON on standard
/// output, agreeing with R `survival` to 1e-6. Bad input: the problem on standard error, nothing on
/// standard output, exit status 2.
struct StatsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats",
        abstract: "Survival statistics (agrees with R survival 3.5 to 1e-6).",
        subcommands: [KM.self, LogRank.self, Cox.self, Proportion.self])

    static func emit<T: Encodable>(_ report: T) throws {
        var data = try SurvivalCommands.encode(report)
        data.append(0x0A)
        FileHandle.standardOutput.write(data)
    }

    /// Runs a subcommand's work; any failure is reported as the contract says (stderr, exit 2).
    static func contract(_ work: () throws -> Void) throws {
        do { try work() } catch {
            FileHandle.standardError.write(Data("stats: \(error)\n".utf8))
            throw ExitCode(2)
        }
    }
}

extension SurvivalConfidenceType: ExpressibleByArgument {}
extension CoxTieMethod: ExpressibleByArgument {}

struct KM: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "km", abstract: "Kaplan–Meier estimate per group.")
    @ArgumentParser.Option(help: "CSV file with a header line.") var input: String
    @ArgumentParser.Option(help: "Follow-up time column.") var time: String
    @ArgumentParser.Option(help: "Event column: 1 = event, 0 = censored.") var event: String
    @ArgumentParser.Option(help: "Group column (omit for one group \"all\").") var group: String?
    @ArgumentParser.Option(name: .customLong("conf-type"), help: "log (default), log-log or plain.") var confType: SurvivalConfidenceType = .log
    @ArgumentParser.Option(name: .customLong("conf-level"), help: "Confidence level.") var confLevel: Double = 0.95
    @ArgumentParser.Flag(help: "Also test the groups with the log-rank test (needs --group); adds \"logrank\" to the output, as `stats logrank` prints it, from the same reading of the file.")
    var logrank = false

    /// The contract's object, plus `logrank` when asked for.
    struct WithLogRank: Encodable {
        var km: KaplanMeierReport
        var logrank: LogRankReport
        func encode(to encoder: Encoder) throws {
            try km.encode(to: encoder)
            var c = encoder.container(keyedBy: Keys.self)
            try c.encode(logrank, forKey: .logrank)
        }
        enum Keys: String, CodingKey { case logrank }
    }

    func run() throws {
        try StatsCommand.contract {
            if logrank && group == nil {
                throw ValidationError("--logrank needs --group: the log-rank test compares groups")
            }
            let columns = try CSVColumnReader.read(path: input, columns: [time, event] + (group.map { [$0] } ?? []))
            if logrank, let group {
                let both = try SurvivalCommands.kaplanMeierAndLogRank(columns: columns, time: time, event: event, group: group,
                                                                      confType: confType, confLevel: confLevel)
                try StatsCommand.emit(WithLogRank(km: both.km, logrank: both.logRank))
            } else {
                try StatsCommand.emit(SurvivalCommands.kaplanMeier(columns: columns, time: time, event: event, group: group,
                                                                   confType: confType, confLevel: confLevel))
            }
        }
    }
}

struct LogRank: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "logrank", abstract: "Log-rank test between groups.")
    @ArgumentParser.Option(help: "CSV file with a header line.") var input: String
    @ArgumentParser.Option(help: "Follow-up time column.") var time: String
    @ArgumentParser.Option(help: "Event column: 1 = event, 0 = censored.") var event: String
    @ArgumentParser.Option(help: "Group column.") var group: String
    @ArgumentParser.Option(help: "Optional stratum column (R strata()).") var strata: String?

    func run() throws {
        try StatsCommand.contract {
            let columns = try CSVColumnReader.read(path: input, columns: [time, event, group] + (strata.map { [$0] } ?? []))
            try StatsCommand.emit(SurvivalCommands.logRank(columns: columns, time: time, event: event, group: group, strata: strata))
        }
    }
}

struct Cox: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "cox", abstract: "Cox proportional-hazards model.")
    @ArgumentParser.Option(help: "CSV file with a header line.") var input: String
    @ArgumentParser.Option(help: "Follow-up time column.") var time: String
    @ArgumentParser.Option(help: "Event column: 1 = event, 0 = censored.") var event: String
    @ArgumentParser.Option(help: "Numeric covariate columns, comma separated.") var covariates: String
    @ArgumentParser.Option(help: "efron (default) or breslow.") var ties: CoxTieMethod = .efron
    @ArgumentParser.Option(help: "Optional stratum column (R strata()).") var strata: String?

    func run() throws {
        try StatsCommand.contract {
            let names = covariates.split(separator: ",", omittingEmptySubsequences: false)
                .map { $0.trimmingCharacters(in: .whitespaces) }
            if names.contains(where: \.isEmpty) {
                throw SurvivalStatisticsError.invalidArgument(name: "covariates", value: "\"\(covariates)\"",
                                                              expected: "column names separated by commas")
            }
            let columns = try CSVColumnReader.read(path: input, columns: [time, event] + names + (strata.map { [$0] } ?? []))
            let report = try SurvivalCommands.cox(columns: columns, time: time, event: event, covariates: names,
                                                  ties: ties, strata: strata)
            if !report.converged {
                FileHandle.standardError.write(Data("stats: warning: Cox model did not converge in 20 iterations\n".utf8))
            }
            try StatsCommand.emit(report)
        }
    }
}

struct Proportion: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "proportion", abstract: "Clopper–Pearson exact interval.")
    @ArgumentParser.Option(help: "Number of successes x.") var successes: Int
    @ArgumentParser.Option(help: "Number of trials n.") var total: Int
    @ArgumentParser.Option(name: .customLong("conf-level"), help: "Confidence level.") var confLevel: Double = 0.95

    func run() throws {
        try StatsCommand.contract {
            try StatsCommand.emit(SurvivalCommands.proportion(successes: successes, total: total, confLevel: confLevel))
        }
    }
}
