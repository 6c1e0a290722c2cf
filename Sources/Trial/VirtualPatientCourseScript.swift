import CartographCore
import Clinical

/// A virtual patient's records as the script a center's staff would have typed (`PatientCourse`), so
/// `cartograph trial --into` stores the cohort through the same repositories, rules, custody gate,
/// engines and audit trail as real patients (rule set `VIRTUAL-COURSE-1`).
///
/// The journey around the infusion follows the FUCASO process (seed 003): collection 40 days before
/// the infusion, manufacturing from the next day, release 10 days before, lymphodepletion on days −5,
/// −4, −3, infusion on Day 0. Screening and enrolment precede the collection. Identity is synthetic
/// and says so ("Virtual", the patient code as family name and hospital number).
public enum VirtualPatientCourseScript {
    public static let ruleSet = "VIRTUAL-COURSE-1"

    /// Every patient of a run kept with its records (`keepRecords`), in index order, with the bedside
    /// observations to record for each course.
    ///
    /// - Throws: `FucasoTrialOptionError` when the run dropped its records.
    public static func courses(_ result: FucasoTrialResult) throws -> (courses: [PatientCourse], bedside: [[SafetyAssessment]]) {
        guard let records = result.records, let truths = result.truths, let bedside = result.bedside else {
            throw FucasoTrialOptionError("keepRecords", "the run dropped its records; run with keepRecords to store the cohort")
        }
        var courses: [PatientCourse] = [], series: [[SafetyAssessment]] = []
        for i in records.indices {
            let outcome = VirtualPatientOutcome(records: records[i], truth: truths[i], bedside: bedside[i])
            guard let c = course(outcome, covariates: FucasoVirtualPatient.make(index: i, options: result.options).covariates) else { continue }
            courses.append(c)
            series.append(bedside[i])
        }
        return (courses, series)
    }

    /// - Parameters:
    ///   - outcome: the patient's records (already cut at the data cut).
    ///   - covariates: the patient's baseline characteristics (age, sex, weight, prior lines, …).
    ///   - deathCause: the simulated cause of a recorded death.
    public static func course(_ outcome: VirtualPatientOutcome, covariates c: VirtualPatientCovariates) -> PatientCourse? {
        let r = outcome.records
        guard let day0 = r.infusionDate else { return nil }
        let age = Int(c.ageYears)
        let enrolment = Enrolment(givenName: "Virtual", familyName: r.patientCode, dateOfBirth: day0.adding(days: -(age * 365 + 180)),
                                  hospitalNumber: r.patientCode, sex: c.male ? .male : .female, productID: "fucaso",
                                  enrolledOn: day0.adding(days: -50))
        var steps: [PatientCourse.Step] = [.screening(screening(c), on: day0.adding(days: -48)),
                                           .dose(weightKilograms: (c.weightKilograms * 10).rounded() / 10, product: nil)]
        let journey: [(JourneyEventKind, Int)] = [(.collectionScheduled, -40), (.collected, -40), (.manufacturingStarted, -39),
                                                  (.released, -10), (.lymphodepletionDose, -5), (.lymphodepletionDose, -4),
                                                  (.lymphodepletionDose, -3), (.infused, 0)]
        steps += journey.map { .event(JourneyEvent($0.0, on: day0.adding(days: $0.1))) }
        steps += r.labs.sorted { $0.sampleDate < $1.sampleDate }.map { .lab($0) }
        var dated: [(CalendarDate, Int, PatientCourse.Step)] = r.contactDates.filter { $0 > day0 }.map { ($0, 0, .followUpVisit(on: $0)) }
        for e in r.events {
            let cause = e.kind == .death ? deathCause(outcome.truth.deathCause) : nil
            dated.append((e.date, 1, .followUpEvent(FollowUpEventEntry(kind: FollowUpEventKind(e.kind), date: e.date, deathCause: cause,
                                                                       detail: "virtual patient (\(ruleSet))"))))
        }
        steps += dated.sorted { ($0.0, $0.1) < ($1.0, $1.1) }.map(\.2)
        return PatientCourse(enrolment: enrolment, steps: steps)
    }

    /// Screening that meets the FUCASO criteria, with the patient's own covariates.
    static func screening(_ c: VirtualPatientCovariates) -> ScreeningData {
        var lines = [PriorLine(drugClasses: [.proteasomeInhibitor, .immunomodulatoryDrug]),
                     PriorLine(drugClasses: [.antiCD38Antibody, .immunomodulatoryDrug]),
                     PriorLine(drugClasses: [.alkylatingAgent, .autologousTransplant])]
        while lines.count < max(3, c.priorLines) - (c.priorBCMACART ? 1 : 0) { lines.append(PriorLine(drugClasses: [.other])) }
        if c.priorBCMACART { lines.append(PriorLine(drugClasses: [.bcmaCART])) }
        return ScreeningData(
            ageYears: Int(c.ageYears), diagnosis: .multipleMyeloma, priorLines: lines, lastLineOutcome: .progressiveDisease, ecog: 1,
            labs: [.absoluteNeutrophilCount: 1800, .platelets: 110_000, .hemoglobin: 10.2, .creatinineClearance: 75,
                   .alanineAminotransferaseULN: 0.8, .totalBilirubinULN: 0.7, .leftVentricularEjectionFraction: 60, .oxygenSaturation: 97],
            activeInfection: false, extramedullaryDisease: c.extramedullaryDisease, highRiskCytogenetics: c.highRiskCytogenetics)
    }

    /// The follow-up form's cause of death.
    static func deathCause(_ c: VirtualPatientDeathCause?) -> DeathCause {
        switch c {
        case .myelomaAfterProgression: .diseaseProgression
        case .nonRelapse: .infection
        case .background, nil: .other
        }
    }
}
