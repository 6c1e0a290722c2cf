import Testing
@testable import CartographCore

/// `cartograph isbt check-character` / `validate`: stdout, stderr and exit codes.
@Suite("ISBT 128 command-line contract")
struct ISBT128CommandLineContractTests {
    @Test("check-character prints the character alone on one line")
    func checkCharacter() {
        // setup — ST-001 Appendix A: G123417654321 → A
        // MUT
        let outcome = ISBT128.CommandLineContract.checkCharacter("G123417654321")
        // validate
        #expect(outcome == ISBT128.CommandOutcome(standardOutput: "A\n", exitCode: 0))
    }

    @Test("validate exits 0 on a match and 1 on a mismatch")
    func validate() {
        // setup — Red Book: G123498654321 → H
        // MUT
        let match = ISBT128.CommandLineContract.validate("G123498654321H")
        let mismatch = ISBT128.CommandLineContract.validate("G123498654321G")
        // validate
        #expect(match == ISBT128.CommandOutcome(exitCode: 0))
        #expect(mismatch.exitCode == 1)
        #expect(mismatch.standardOutput.isEmpty)
        #expect(mismatch.standardError.contains("check character H"))
    }

    @Test("bad input exits 2 with nothing on stdout and the problem named", arguments: [
        ("G12341765432", "wrong length"),          // 12 characters
        ("G1234176543210", "wrong length"),        // 14 characters to check-character
        ("O123417654321", "letter O"),
        ("g123417654321", "lowercase"),
        ("G1234-7654321", "outside 0–9 and A–Z"),
        ("G1234 7654321", "a space at position 6"),
        ("0123417654321", "never 0"),
    ])
    func checkCharacterRejects(argument: String, phrase: String) {
        // setup / MUT
        let outcome = ISBT128.CommandLineContract.checkCharacter(argument)
        // validate
        #expect(outcome.exitCode == 2)
        #expect(outcome.standardOutput.isEmpty)
        #expect(outcome.standardError.contains(phrase), "\(outcome.standardError)")
    }

    @Test("validate rejects malformed input with exit 2", arguments: [
        ("G123417654321", "wrong length"),          // check character missing
        ("O123417654321A", "letter O"),
        ("G123417654321a", "lowercase"),
        ("G123417654321-", "outside 0–9 and A–Z"),
    ])
    func validateRejects(argument: String, phrase: String) {
        // setup / MUT
        let outcome = ISBT128.CommandLineContract.validate(argument)
        // validate
        #expect(outcome.exitCode == 2)
        #expect(outcome.standardOutput.isEmpty)
        #expect(outcome.standardError.contains(phrase), "\(outcome.standardError)")
    }
}
