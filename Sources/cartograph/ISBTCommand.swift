import ArgumentParser
import CartographCore
import Foundation

/// `cartograph isbt …`: ISBT 128 keyboard entry check characters for Donation Identification
/// Numbers (ICCBBA ST-001 v6.2.2, Appendix A). Drop into the main executable and list
/// `ISBTCommand.self` among the root command's subcommands.
///
/// Exit status: 0 success, 1 check character mismatch (`validate`), 2 malformed input with a
/// message on standard error naming the problem. The logic lives in
/// `ISBT128.CommandLineContract`; this type only parses arguments and writes the outcome.
struct ISBTCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "isbt",
        abstract: "ISBT 128 donation identification number check characters (ISO/IEC 7064 MOD 37-2).",
        subcommands: [CheckCharacter.self, Validate.self])

    struct CheckCharacter: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "check-character",
            abstract: "Print the keyboard entry check character of a 13-character DIN.",
            discussion: "Uppercase only, no spaces: e.g. G123417654321 prints A.")

        @Argument(help: "The 13 characters αppppyynnnnnn, e.g. G123417654321.")
        var donationNumber: String

        func run() throws {
            try ISBTCommand.emit(ISBT128.CommandLineContract.checkCharacter(donationNumber))
        }
    }

    struct Validate: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "validate",
            abstract: "Exit 0 if a DIN's trailing check character matches, 1 if not, 2 if malformed.",
            discussion: "Uppercase only, no spaces: e.g. G123417654321A exits 0.")

        @Argument(help: "The 13-character DIN followed by its check character, e.g. G123417654321A.")
        var donationNumberWithCheckCharacter: String

        func run() throws {
            try ISBTCommand.emit(ISBT128.CommandLineContract.validate(donationNumberWithCheckCharacter))
        }
    }

    /// Writes the outcome's streams and ends with its exit status.
    static func emit(_ outcome: ISBT128.CommandOutcome) throws {
        if !outcome.standardOutput.isEmpty {
            FileHandle.standardOutput.write(Data(outcome.standardOutput.utf8))
        }
        if !outcome.standardError.isEmpty {
            FileHandle.standardError.write(Data(outcome.standardError.utf8))
        }
        if outcome.exitCode != 0 { throw ExitCode(outcome.exitCode) }
    }
}
