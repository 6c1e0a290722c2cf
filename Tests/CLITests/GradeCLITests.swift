import Foundation
import Testing

/// End-to-end checks of the `cartograph grade` commands: stdout, stderr and exit status.
/// Skipped when the executable has not been built next to the test bundle.
@Suite struct GradeCLITests {
    static let binary: URL? = {
        var dir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = dir.appendingPathComponent("cartograph")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            dir = dir.deletingLastPathComponent()
        }
        return nil
    }()

    private func run(_ command: String, stdin: String) throws -> (status: Int32, out: String, err: String) {
        let process = Process()
        process.executableURL = try #require(Self.binary)
        process.arguments = ["grade", command]
        let input = Pipe(), output = Pipe(), error = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = error
        try process.run()
        input.fileHandleForWriting.write(Data(stdin.utf8))
        try input.fileHandleForWriting.close()
        let out = output.fileHandleForReading.readDataToEndOfFile()
        let err = error.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: out, as: UTF8.self), String(decoding: err, as: UTF8.self))
    }

    @Test func gradesOnStdout() throws {
        // setup: ASTCT worked example (39.5 °C, one vasopressor, low-flow cannula) → grade 3.
        // MUT
        let r = try run("crs", stdin: #"{"temperatureC": 39.5, "vasopressors": ["norepinephrine"], "oxygenDevice": "nasalCannula", "oxygenFlowLitersPerMinute": 2}"#)
        // validate
        #expect(r.status == 0)
        #expect(r.out.hasPrefix(#"{"grade":3,"#))
        #expect(r.err.isEmpty)
    }

    @Test func invalidInputExits2WithNothingOnStdout() throws {
        // setup / MUT
        let r = try run("icans", stdin: #"{"iceScore": 8, "seizure": "tonic"}"#)
        // validate
        #expect(r.status == 2)
        #expect(r.out.isEmpty)
        #expect(r.err.contains("seizure: unknown value \"tonic\""))
    }
}
