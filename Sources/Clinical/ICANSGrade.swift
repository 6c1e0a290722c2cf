/// An ICANS grade with the findings that drove it.
public struct ICANSGradeResult: Sendable, Equatable, Codable {
    /// 0 (no ICANS) ... 5 (death due to ICANS).
    public var grade: Int
    /// Plain-language findings, the deciding ones first.
    public var reasons: [String]
    public var ruleSet: ClinicalRuleSet

    public init(grade: Int, reasons: [String], ruleSet: ClinicalRuleSet = .astct2019) {
        self.grade = grade
        self.reasons = reasons
        self.ruleSet = ruleSet
    }
}

/// ASTCT 2019 consensus grading of immune effector cell-associated neurotoxicity syndrome (adults).
///
/// Source: Lee DW et al., Biol Blood Marrow Transplant 2019;25:625-638, Table 8 (ICANS grading for
/// adults) and footnotes. The grade is the most severe of five domains, counting only events not
/// attributable to another cause:
///
/// | domain | 1 | 2 | 3 | 4 |
/// |---|---|---|---|---|
/// | ICE score | 7-9 | 3-6 | 0-2 | 0, unarousable and unable to perform ICE |
/// | consciousness | awakens spontaneously | awakens to voice | awakens only to tactile stimulus | unarousable, stupor or coma |
/// | seizure | - | - | rapidly resolving clinical seizure; non-convulsive seizure on EEG resolving with intervention | prolonged (> 5 min); repetitive without return to baseline |
/// | motor | - | - | - | deep focal motor weakness |
/// | raised ICP / edema | - | - | focal/local edema | diffuse edema; posturing; CN VI palsy; papilledema; Cushing's triad |
///
/// Decisions where the paper is silent:
/// - ICE 10 with no other finding is grade 0 (10 is the normal score).
/// - ICE 0 in an awake patient (global aphasia) is grade 3; grade 4 comes from being unarousable,
///   which the consciousness domain carries.
/// - `iceScore == nil` (not performed): grade 4 only if unarousable; otherwise the grade comes from
///   the other domains and the reasons say ICE was not assessed.
/// - Attributable to another cause: grade 0 with that reason, unless death due to ICANS is recorded
///   (grade 5 always wins).
/// - Tremor and myoclonus are graded by CTCAE and are not inputs.
public enum ICANSGrading {
    public static let ruleSet = ClinicalRuleSet.astct2019

    /// Grades one assessment. Throws `ClinicalInputError` if `iceScore` is outside 0...10.
    public static func grade(_ a: ICANSAssessment) throws -> ICANSGradeResult {
        try a.validate()
        if a.deathDueToICANS {
            return ICANSGradeResult(grade: 5, reasons: ["death due to ICANS"])
        }
        if a.attributableToOtherCause {
            return ICANSGradeResult(grade: 0, reasons: ["neurological findings attributable to another cause: not ICANS"])
        }
        var findings: [(grade: Int, reason: String)] = []
        var notes: [String] = []

        switch a.iceScore {
        case .some(10): break
        case .some(let ice) where ice >= 7: findings.append((1, "ICE score \(ice) (7-9): grade 1"))
        case .some(let ice) where ice >= 3: findings.append((2, "ICE score \(ice) (3-6): grade 2"))
        case .some(let ice):
            let aphasia = ice == 0 && a.consciousness != .unarousable ? ", awake (e.g. global aphasia)" : ""
            findings.append((3, "ICE score \(ice) (0-2)\(aphasia): grade 3"))
        case .none:
            if a.consciousness == .unarousable {
                notes.append("ICE could not be performed because the patient is unarousable")
            } else {
                notes.append("ICE not assessed: graded from the other domains")
            }
        }
        if a.consciousness == .unarousable, let ice = a.iceScore, ice > 0 {
            notes.append("ICE score \(ice) recorded although unarousable: check the assessment")
        }

        switch a.consciousness {
        case .awake: break
        case .awakensSpontaneously: findings.append((1, "depressed consciousness, awakens spontaneously: grade 1"))
        case .awakensToVoice: findings.append((2, "depressed consciousness, awakens to voice: grade 2"))
        case .awakensToTactileStimulus: findings.append((3, "depressed consciousness, awakens only to tactile stimulus: grade 3"))
        case .unarousable: findings.append((4, "unarousable (stupor or coma): grade 4"))
        }

        switch a.seizure {
        case .none: break
        case .rapidlyResolving: findings.append((3, "clinical seizure that resolved rapidly: grade 3"))
        case .nonconvulsiveResolvedWithIntervention:
            findings.append((3, "non-convulsive seizure on EEG resolved with intervention: grade 3"))
        case .prolonged: findings.append((4, "life-threatening prolonged seizure (> 5 min): grade 4"))
        case .repetitiveWithoutReturnToBaseline:
            findings.append((4, "repetitive seizures without return to baseline: grade 4"))
        }

        if a.deepFocalMotorWeakness { findings.append((4, "deep focal motor weakness: grade 4")) }

        switch a.cerebralEdema {
        case .none: break
        case .focal: findings.append((3, "focal/local cerebral edema on neuroimaging: grade 3"))
        case .diffuse: findings.append((4, "diffuse cerebral edema on neuroimaging: grade 4"))
        }
        if a.posturing { findings.append((4, "decerebrate or decorticate posturing: grade 4")) }
        if a.cranialNerveVIPalsy { findings.append((4, "cranial nerve VI palsy: grade 4")) }
        if a.papilledema { findings.append((4, "papilledema: grade 4")) }
        if a.cushingsTriad { findings.append((4, "Cushing's triad: grade 4")) }

        let grade = findings.map(\.grade).max() ?? 0
        // Stable sort: most severe first, otherwise in domain order.
        let ordered = findings.enumerated().sorted { ($0.element.grade, -$0.offset) > ($1.element.grade, -$1.offset) }
            .map(\.element.reason)
        let reasons = ordered.isEmpty ? ["no ICANS findings in any graded domain"] : ordered
        return ICANSGradeResult(grade: grade, reasons: reasons + notes)
    }
}
