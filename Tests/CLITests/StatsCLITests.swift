import Foundation
import Testing

/// `cartograph stats` as a process: the JSON contract, values worked by hand, and exit 2 on bad input.
@Suite struct StatsCLITests {
    static var binary: URL {
        var dir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = dir.appendingPathComponent("cartograph")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            dir = dir.deletingLastPathComponent()
        }
        return dir.appendingPathComponent("cartograph")
    }

    static func run(_ arguments: [String], environment: [String: String]? = nil, input: String? = nil) throws -> (status: Int32, out: String, err: String) {
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        if let environment { process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 } }
        let output = Pipe(), error = Pipe(), stdin = Pipe()
        process.standardOutput = output
        process.standardError = error
        process.standardInput = stdin
        try process.run()
        stdin.fileHandleForWriting.write(Data((input ?? "").utf8))
        try stdin.fileHandleForWriting.close()
        let out = output.fileHandleForReading.readDataToEndOfFile()
        let err = error.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: out, as: UTF8.self), String(decoding: err, as: UTF8.self))
    }

    static func csv(_ text: String) throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("km-\(UUID().uuidString).csv")
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    @Test("km: steps, survival and median by hand; a row with an empty cell is skipped and counted")
    func kaplanMeier() throws {
        // setup: times 1, 2+, 3, 4 (2 censored) and one row with no time.
        // S(1) = 3/4 = 0.75; at 3 two are at risk: S(3) = 0.75 × 1/2 = 0.375; S(4) = 0.
        // Median: the first time S ≤ 0.5 → 3.
        let path = try Self.csv("t,e\n1,1\n2,0\n3,1\n4,1\n,1\n")
        // MUT
        let r = try Self.run(["stats", "km", "--input", path, "--time", "t", "--event", "e"])
        // validate
        #expect(r.status == 0, "\(r.err)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(r.out.utf8)) as? [String: Any])
        #expect(json["skippedRows"] as? Int == 1)
        let group = try #require((json["groups"] as? [[String: Any]])?.first)
        #expect(group["group"] as? String == "all")
        #expect(group["n"] as? Int == 4)
        #expect(group["events"] as? Int == 3)
        #expect(group["median"] as? Double == 3)
        let steps = try #require(group["steps"] as? [[String: Any]])
        #expect(steps.map { $0["time"] as? Double } == [1, 3, 4])
        #expect(steps.map { $0["atRisk"] as? Int } == [4, 2, 1])
        #expect(steps.map { $0["survival"] as? Double } == [0.75, 0.375, 0])
    }

    @Test("proportion: Clopper–Pearson for 0 of 10 has a closed form, upper = 1 − 0.025^(1/10)")
    func proportion() throws {
        let r = try Self.run(["stats", "proportion", "--successes", "0", "--total", "10"])
        #expect(r.status == 0)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(r.out.utf8)) as? [String: Any])
        #expect(json["method"] as? String == "clopper-pearson")
        #expect(json["lower"] as? Double == 0)
        let upper = try #require(json["upper"] as? Double)
        #expect(abs(upper - (1 - pow(0.025, 0.1))) < 1e-12)
    }

    @Test("bad input exits 2 with the problem on stderr and nothing on stdout", arguments: [
        ["stats", "km", "--input", "/nonexistent.csv", "--time", "t", "--event", "e"],
        ["stats", "km", "--time", "t", "--event", "e"],
        ["stats", "proportion", "--successes", "11", "--total", "10"],
        ["stats", "cox", "--input", "/nonexistent.csv", "--time", "t", "--event", "e", "--covariates", "a,,b"],
    ])
    func badInput(arguments: [String]) throws {
        let r = try Self.run(arguments)
        #expect(r.status == 2)
        #expect(r.out.isEmpty)
        #expect(!r.err.isEmpty)
    }

    @Test("an event column with a value other than 0 or 1 names the row and column")
    func badEventValue() throws {
        let path = try Self.csv("t,e\n1,1\n2,7\n")
        let r = try Self.run(["stats", "km", "--input", path, "--time", "t", "--event", "e"])
        #expect(r.status == 2)
        #expect(r.out.isEmpty)
        #expect(r.err.contains("e"))
    }
}
