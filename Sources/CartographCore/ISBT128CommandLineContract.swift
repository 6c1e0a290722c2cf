extension ISBT128 {
    /// What a command printed and how it exits; produced by pure functions so the command-line
    /// contract is testable without spawning a process.
    public struct CommandOutcome: Sendable, Equatable {
        /// Text for standard output (with its trailing newline), or empty.
        public var standardOutput: String
        /// Text for standard error (with its trailing newline), or empty.
        public var standardError: String
        /// Process exit status: 0 success, 1 check character mismatch, 2 malformed input.
        public var exitCode: Int32

        public init(standardOutput: String = "", standardError: String = "", exitCode: Int32) {
            self.standardOutput = standardOutput
            self.standardError = standardError
            self.exitCode = exitCode
        }
    }

    /// The `cartograph isbt …` command-line contract.
    ///
    /// - `check-character <13 characters>` prints the check character alone on one line, exit 0.
    /// - `validate <13 characters + check character>` exits 0 when the check character
    ///   matches, 1 when it does not (the expected character is named on standard error).
    /// - Malformed input — wrong length, the letter O (or 0) first, a lowercase letter, any
    ///   character outside 0–9 and A–Z (plus `*` as a check character), letters where digits
    ///   belong — exits 2 with nothing on standard output and a message naming the problem.
    ///
    /// Lowercase is rejected, not normalised: a label that was typed in lowercase was typed by
    /// hand from somewhere, and the person should look again rather than have it accepted.
    public enum CommandLineContract {
        /// `cartograph isbt check-character <DIN>`.
        public static func checkCharacter(_ argument: String) -> CommandOutcome {
            do {
                let din = try DonationIdentificationNumber(parsing: argument)
                return CommandOutcome(standardOutput: "\(din.checkCharacter)\n", exitCode: 0)
            } catch {
                return malformed(error)
            }
        }

        /// `cartograph isbt validate <DIN + check character>`.
        public static func validate(_ argument: String) -> CommandOutcome {
            do {
                if try DonationIdentificationNumber.verify(withCheckCharacter: argument) {
                    return CommandOutcome(exitCode: 0)
                }
                let din = try DonationIdentificationNumber(parsing: String(argument.prefix(13)))
                return CommandOutcome(
                    standardError: "check character mismatch: \(din.characters) has check character "
                        + "\(din.checkCharacter), got \(argument.suffix(1))\n",
                    exitCode: 1)
            } catch {
                return malformed(error)
            }
        }

        static func malformed(_ error: any Error) -> CommandOutcome {
            CommandOutcome(standardError: "error: \(error)\n", exitCode: 2)
        }
    }
}
