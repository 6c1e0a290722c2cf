import CartographCore
import Clinical
import Foundation
import Outcomes
import Testing
@testable import Trial

/// Records, determinism, the runner, its JSON contract and the calibration machinery.
@Suite struct FucasoTrialTests {
    @Test func recordsAreValidAndGradeThroughTheEngines() throws {
        // setup: 40 patients of the preset.
        let options = FucasoTrialOptions(patients: 40, seed: 3, keepRecords: true)
        // MUT
        let r = try FucasoTrial.run(options)
        // validate: every lab passes LabResult.problems; every bedside assessment carries engine
        // grades; everything is dated by the cut; the engines find measurable disease in everyone.
        let records = try #require(r.records)
        #expect(records.count == 40)
        for rec in records {
            #expect(rec.labs.allSatisfy { $0.problems.isEmpty }, "\(rec.patientCode)")
            #expect(rec.labs.allSatisfy { $0.sampleDate <= options.dataCut && $0.patientCode == rec.patientCode })
            #expect(!rec.safety.isEmpty && rec.safety.allSatisfy { $0.crsGrade != nil && $0.icansGrade != nil })
            #expect(rec.events.allSatisfy { $0.date <= options.dataCut })
            #expect(rec.labs.contains { $0.analyte == .transgeneCopies && $0.lowerLimitOfDetection != nil })
            #expect(rec.labs.contains { $0.analyte == .mrd && $0.method == .nextGenerationFlow && $0.sensitivity == 1e-5 })
            let derived = OutcomePatient.derive(rec)
            #expect(!derived.measurableDisease.isEmpty, "\(rec.patientCode)")
            #expect(derived.problems.isEmpty, "\(rec.patientCode): \(derived.problems)")
        }
        #expect(r.report.evaluable >= 38)
    }

    @Test("every follow-up contact is recorded once, even when a visit falls on the data cut (the preset's 109 patients)")
    func contactsAreUnique() throws {
        // setup: the preset as `cartograph trial --into` runs it; patient 51 of this run has a protocol
        // visit on the data cut, which the vital-status sweep used to add a second time.
        let r = try FucasoTrial.run(FucasoTrialOptions(keepRecords: true))
        // MUT
        let (courses, _) = try VirtualPatientCourseScript.courses(r)
        // validate: no date twice among a patient's contacts, nor among the follow-up visits of a course
        for rec in try #require(r.records) {
            #expect(Set(rec.contactDates).count == rec.contactDates.count, "\(rec.patientCode)")
        }
        for course in courses {
            let visits = course.steps.compactMap { step -> CalendarDate? in
                if case .followUpVisit(let date) = step { return date } else { return nil }
            }
            #expect(Set(visits).count == visits.count, "\(course.enrolment.hospitalNumber)")
        }
        #expect(courses.count == 109)
    }

    @Test func aPatientIsTheSameWhateverTheCohortAndThreads() throws {
        // setup: patient 17 in a 20-patient run on one thread and a 45-patient run on two.
        let small = FucasoTrialOptions(patients: 20, seed: 77, keepRecords: true, threads: 1)
        var large = small
        large.patients = 45
        large.threads = 2
        // MUT
        let a = try FucasoTrial.simulate(small), b = try FucasoTrial.simulate(large)
        // validate
        #expect(a.records![17] == b.records![17])
        #expect(a.truths![17] == b.truths![17])
        #expect(a.patients[17] == b.patients[17])
        #expect(a.records![16] != a.records![17])
    }

    @Test func progressionStopsResponseAssessmentAndStartsNewTherapy() throws {
        // setup: 60 patients with a high BCMA-negative fraction, so many progress.
        var p = FucasoCalibratedParameters.fitted
        p.antigenNegativeFractionNaive = 1e-3
        let r = try FucasoTrial.run(FucasoTrialOptions(patients: 60, seed: 8, keepRecords: true, parameters: p))
        // MUT
        let progressed = zip(r.records!, r.truths!).filter { $0.1.progressionDay != nil }
        // validate: a progression event, no IMWG finding after it, new therapy 7 days later when alive.
        #expect(progressed.count >= 5)
        for (rec, truth) in progressed {
            let event = try #require(rec.events.first { $0.kind == .progression })
            #expect(rec.labs.filter { $0.analyte.isIMWGFinding }.allSatisfy { $0.sampleDate <= event.date })
            #expect(truth.progressionDay! <= rec.infusionDate!.days(to: event.date))
            if let therapy = rec.events.first(where: { $0.kind == .newTherapy }) {
                #expect(event.date.days(to: therapy.date) == 7)
            }
            if truth.deathCause == .myelomaAfterProgression {
                #expect(rec.events.contains { $0.kind == .death && $0.date > event.date })
            }
        }
    }

    @Test func summaryHasEveryFieldOfTheContract() throws {
        // setup
        let r = try FucasoTrial.run(FucasoTrialOptions(patients: 30, seed: 4))
        // MUT
        let data = try JSONEncoder().encode(r.summary)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        // validate: issue 7's keys, nested keys, fractions in 0…1.
        for key in ["patients", "evaluable", "orr", "crOrBetter", "mrdNegative", "naive", "pfs", "pfsNaive", "os",
                    "mrdNegativityDurationMedianMonths", "crs", "icans", "persistenceMedianDays",
                    "vcnDetectableAt12Months", "vcnDetectableAt24Months", "medianFollowUpMonths"] {
            #expect(object[key] != nil, "missing \(key)")
        }
        for key in ["pfs", "pfsNaive", "os"] {
            let s = try #require(object[key] as? [String: Any])
            #expect(s.keys.contains("medianMonths") && s.keys.contains("at12Months"))
        }
        #expect((object["naive"] as? [String: Any])?.keys.sorted() == ["crOrBetter", "orr"])
        #expect((object["crs"] as? [String: Any])?.keys.sorted() == ["anyGrade", "grade3OrHigher"])
        #expect((object["icans"] as? [String: Any])?.keys.sorted() == ["anyGrade"])
        #expect(object["patients"] as? Int == 30)
        for key in ["orr", "crOrBetter", "mrdNegative", "vcnDetectableAt12Months"] {
            if let v = object[key] as? Double { #expect(v >= 0 && v <= 1) }
        }
        #expect(r.comparison.count == FucasoPublishedFigures.calibrationSet.count)
        #expect(r.predictions.map(\.id) == ["pfsMedian", "pfsNaiveMedian", "osMedian", "mrdDurationMedian"])
    }

    @Test func medianNotReachedIsWrittenAsNull() throws {
        // MUT
        let data = try JSONEncoder().encode(FucasoSurvivalFigure(medianMonths: nil, at12Months: 0.8))
        // validate
        #expect(String(data: data, encoding: .utf8)!.contains("\"medianMonths\":null"))
    }

    @Test func publishedIntervalsAreThePapersOrClopperPearson() {
        // MUT
        let set = Dictionary(uniqueKeysWithValues: FucasoPublishedFigures.calibrationSet.map { ($0.id, $0) })
        // validate: the published CI for 12-month PFS (Li 2024: 68.6–86.0); exact limits for 103/107
        // (R binom.test(103, 107): 0.9070–0.9897).
        #expect(set["pfs12"]!.lower == 0.686 && set["pfs12"]!.upper == 0.860)
        #expect(abs(set["orr"]!.lower - 0.9070) < 5e-4 && abs(set["orr"]!.upper - 0.9897) < 5e-4)
        #expect(set["orr"]!.contains(0.95) && !set["orr"]!.contains(0.90))
        // Held-out figures carry names only.
        #expect(FucasoPublishedFigures.heldOut.count == 4)
        #expect(set.keys.allSatisfy { id in !FucasoPublishedFigures.heldOut.contains { $0.id == id } })
    }

    @Test func jsonContractRunsAndRejectsBadFields() throws {
        // MUT
        let out = try FucasoTrialCommand.run(#"[{"patients": 12, "seed": 2}, {"patients": 12, "scfv": "murine"}]"#.data(using: .utf8)!)
        let list = try #require(try JSONSerialization.jsonObject(with: out) as? [[String: Any]])
        // validate: order kept, summary at top level, scenario echoed.
        #expect(list.count == 2)
        #expect(list[0]["patients"] as? Int == 12)
        #expect((list[1]["scenario"] as? [String: Any])?["scfv"] as? String == "murine")
        func field(_ json: String) -> String? {
            do { _ = try FucasoTrialCommand.run(json.data(using: .utf8)!); return nil } catch let e as FucasoTrialOptionError {
                return e.field
            } catch { return "other" }
        }
        #expect(field(#"{"scfv": "llama"}"#) == "scfv")
        #expect(field(#"{"patients": 0}"#) == "patients")
        #expect(field(#"{"patients": "ten"}"#) == "patients")
        #expect(field(#"{"dose": true}"#) == "dose")
        #expect(field(#"{"tumourBurden": 2}"#) == "tumourBurden")
        #expect(field(#"[{"priorLines": 2}]"#) == "[0].priorLines")
        #expect(field(#"{"followUpMonths": 121}"#) == "followUpMonths")
        #expect(field(#"{"dissociationRate": 20}"#) == "dissociationRate")
        #expect(field(#"{"patients": 1"#) == "input")
        #expect(field(#"{"patients": 2000, "replicates": 501}"#) == "replicates")
        #expect(field(#"{"replicates": -1}"#) == "replicates")
    }

    @Test func nelderMeadFindsTheRosenbrockMinimum() {
        // MUT: f(x, y) = (1 − x)² + 100 (y − x²)², minimum 0 at (1, 1).
        let r = FucasoNelderMead.minimize(start: [-1.2, 1], step: [0.5, 0.5], maxEvaluations: 5000, tolerance: 1e-14) { v in
            let (x, y) = (v[0], v[1])
            return (1 - x) * (1 - x) + 100 * (y - x * x) * (y - x * x)
        }
        // validate
        #expect(abs(r.point[0] - 1) < 1e-3 && abs(r.point[1] - 1) < 1e-3)
        #expect(r.value < 1e-6)
    }

    @Test func nelderMeadSolvesAQuadraticInFiveDimensions() {
        // MUT: Σ i·(x_i − i)², minimum at x_i = i.
        let r = FucasoNelderMead.minimize(start: [0, 0, 0, 0, 0], step: [1, 1, 1, 1, 1], maxEvaluations: 20_000, tolerance: 1e-16) { v in
            v.enumerated().reduce(0) { $0 + Double($1.offset + 1) * pow($1.element - Double($1.offset + 1), 2) }
        }
        // validate
        for (i, x) in r.point.enumerated() { #expect(abs(x - Double(i + 1)) < 1e-3) }
    }

    @Test func calibrationObjectivePenalisesDistanceInStandardErrors() {
        // setup: an evaluation exactly at every published value, then one figure off by 2 SE.
        let figures = FucasoCalibration.efficacyFigures
        var means: [String: Double] = [:]
        for f in figures { means[f.id] = f.published }
        var e = FucasoCalibration.Evaluation(means: means, replicateValues: [:], replicates: 1)
        let theta = [0.0, 0.0]
        // MUT / validate
        #expect(FucasoCalibration.objective(e, theta: theta, prior: theta) == 0)
        let f = figures.first { $0.id == "cr" }!
        e.means["cr"] = f.published + 2 * (f.upper - f.lower) / 3.92
        #expect(FucasoCalibration.objective(e, theta: theta, prior: theta).isApproximatelyEqual(to: 4, relativeTolerance: 1e-9))
        // A parameter one decade from its prior adds 1.
        #expect(FucasoCalibration.objective(e, theta: [log(10.0), 0], prior: theta).isApproximatelyEqual(to: 5, relativeTolerance: 1e-9))
    }

    @Test func generatedParameterFileHoldsEveryParameterAndItsProvenance() {
        // setup
        var p = FucasoModelParameters()
        p.killRate = 1.25
        // MUT
        let source = FucasoCalibration.swiftSource(p, header: [#"step "3" only"#, "the fit"])
        // validate: every stored parameter assigned, the header as comments and as an escaped literal.
        #expect(source.contains("        p.killRate = 1.25\n"))
        for label in Mirror(reflecting: p).children.compactMap(\.label) { #expect(source.contains("p.\(label) = "), "\(label)") }
        #expect(source.contains("// step \"3\" only\n// the fit\n"))
        #expect(source.contains(#"        "step \"3\" only","#))
        // The committed set says how it was made.
        #expect(!FucasoCalibratedParameters.provenance.isEmpty)
    }

    @Test func optionsNameTheBadField() {
        // MUT / validate
        func field(_ o: FucasoTrialOptions) -> String? {
            do { try o.validate(); return nil } catch let e as FucasoTrialOptionError { return e.field } catch { return "other" }
        }
        #expect(field(FucasoTrialOptions()) == nil)
        #expect(field(FucasoTrialOptions(patients: 0)) == "patients")
        #expect(field(FucasoTrialOptions(dose: 0)) == "dose")
        #expect(field(FucasoTrialOptions(priorLines: 24)) == "priorLines")
        #expect(field(FucasoTrialOptions(tumorBurden: 11)) == "tumorBurden")
        #expect(field(FucasoTrialOptions(dissociationRate: 1e-7)) == "dissociationRate")
        #expect(field(FucasoTrialOptions(threads: 0)) == "threads")
        var replicated = FucasoTrialOptions(patients: 109)
        replicated.replicates = 1001
        #expect(field(replicated) == "replicates")
        replicated.patients = 2000; replicated.replicates = 501  // 1,002,000 virtual patients
        #expect(field(replicated) == "replicates")
        replicated.replicates = 500
        #expect(field(replicated) == nil)
    }

    @Test func expectationIsTheMeanOfReplicateTrialsWhoseFirstIsTheRunItself() throws {
        // setup: a 15-patient run with 3 replicate trials, and the two later trials' patients run on their own.
        var o = FucasoTrialOptions(patients: 15, seed: 31, keepRecords: false)
        o.replicates = 3
        // MUT
        let r = try FucasoTrial.run(o)
        let e = try #require(r.replicates)
        // validate: trial 1 is the run (its own report, computed apart); each row's expectation is the
        // mean of the three trials; the share inside counts the trials inside the published interval.
        #expect(e.replicates == 3 && e.patientsPerTrial == 15)
        let later = try FucasoTrial.simulate(FucasoTrialOptions(patients: 45, seed: 31, keepRecords: false))
        for (k, range) in [(1, 15..<30), (2, 30..<45)] {
            let report = CohortReport.summarise(Array(later.patients[range]), dataCut: o.dataCut)
            #expect(e.replicateValues["cr"]?[k] == report.crOrBetter.estimate)
        }
        for row in r.comparison {
            let figure = FucasoPublishedFigures.calibrationSet.first { $0.id == row.id }!
            guard let values = e.replicateValues[row.id], values.count == 3 else { continue }
            #expect(values[0] == row.simulated, "\(row.id)")
            let mean = (values[0] + values[1] + values[2]) / 3
            #expect(abs(row.expected! - mean) < 1e-12, "\(row.id)")
            #expect(row.expectedInside == figure.contains(mean))
            #expect(row.trialsInside == Double(values.filter(figure.contains).count) / 3)
        }
        // Without replicates the rows carry no expectation.
        let plain = try FucasoTrial.run(FucasoTrialOptions(patients: 15, seed: 31, keepRecords: false))
        #expect(plain.replicates == nil && plain.comparison.allSatisfy { $0.expected == nil && $0.expectedInside == nil })
    }
}
