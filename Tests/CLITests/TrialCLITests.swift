import Foundation
import Testing

/// `cartograph trial` as a process: the JSON contract's fields and exit 2 on bad options.
@Suite struct TrialCLITests {
    @Test("--format json holds every field the contract names, proportions as fractions, null when a median is not reached")
    func jsonContract() throws {
        // MUT
        let r = try StatsCLITests.run(["trial", "--preset", "fumanba-1", "--patients", "8", "--seed", "3", "--format", "json", "--quiet",
                                       "--replicates", "2"])
        // validate
        #expect(r.status == 0, "\(r.err)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(r.out.utf8)) as? [String: Any])
        for key in ["patients", "evaluable", "orr", "crOrBetter", "mrdNegative", "naive", "pfs", "pfsNaive", "os",
                    "mrdNegativityDurationMedianMonths", "crs", "icans", "persistenceMedianDays", "vcnDetectableAt12Months",
                    "vcnDetectableAt24Months", "medianFollowUpMonths"] {
            #expect(object.keys.contains(key), "missing \(key)")
        }
        #expect(object["patients"] as? Int == 8)
        let orr = try #require(object["orr"] as? Double)
        #expect((0...1).contains(orr))
        let pfs = try #require(object["pfs"] as? [String: Any])
        #expect(pfs.keys.sorted() == ["at12Months", "medianMonths"])
        let naive = try #require(object["naive"] as? [String: Any])
        #expect(naive.keys.sorted() == ["crOrBetter", "orr"])
        // Each calibration row carries the model's expectation over the 2 replicate trials.
        let rows = try #require(object["comparison"] as? [[String: Any]])
        #expect(rows.count == 17)
        let cr = try #require(rows.first { $0["id"] as? String == "cr" })
        #expect(cr["expected"] is Double && cr["expectedInside"] is Bool && cr["trialsInside"] is Double)
    }

    @Test("a bad option exits 2 naming it, with nothing on standard output")
    func badOptions() throws {
        for (args, flag) in [(["--scfv", "camelid"], "--scfv"), (["--dose", "0"], "--dose"), (["--preset", "karmma"], "--preset"),
                             (["--prior-lines", "1"], "--prior-lines"), (["--replicates", "1001"], "--replicates")] {
            let r = try StatsCLITests.run(["trial", "--quiet", "--patients", "2"] + args)
            #expect(r.status == 2, "\(args): \(r.err)")
            #expect(r.out.isEmpty)
            #expect(r.err.contains(flag), "\(r.err)")
        }
    }
}
