import CartographCore
import Clinical
import Foundation

/// Bedside safety assessments of a virtual patient, written as a nurse charts them and graded by the
/// ASTCT 2019 engines through `SafetyAssessmentGrading.grade` (rule set `VIRTUAL-BEDSIDE-1`).
///
/// What the nurse finds depends on the highest cytokine level `C` since the previous assessment and
/// on the patient's own thresholds (fever threshold θ, log-normal IIV; encephalopathy threshold θₙ):
///
/// | finding | when |
/// |---|---|
/// | temperature 38.0 + 0.9·log₂(C/θ) °C (≤ 41) | C ≥ θ, before tocilizumab; otherwise 36.6 ± 0.25 °C |
/// | hypotension without vasopressor, or nasal cannula 2 L/min (one sign, per patient; both from 1.5×) | C ≥ θ·m₂ |
/// | norepinephrine 0.1 µg/kg/min, or high-flow cannula 30 L/min | C ≥ θ·m₃ |
/// | norepinephrine + epinephrine, or BiPAP | C ≥ θ·m₃·m₄ |
/// | ICE deficits 1 + ⌊2·log₂(C/θₙ)⌋ (≤ 10), taken from attention, writing, orientation, naming, commands | C ≥ θₙ |
///
/// Management (drives grading only through the recorded interventions, ASTCT 2019: fever is no longer
/// required once anti-cytokine therapy is given): tocilizumab two hours after the first assessment
/// showing hypotension or oxygen need (common practice, Neelapu SS et al., Nat Rev Clin Oncol
/// 2018;15:47); corticosteroids after a grade ≥ 3 finding or an ICE ≤ 6. After tocilizumab the
/// temperature is normal. The model's cytokine course is not changed by treatment (*assumption*:
/// management shortens symptoms, not tumour kill or CAR-T expansion).
public enum VirtualPatientBedside {
    public static let ruleSet = "VIRTUAL-BEDSIDE-1"

    /// Assessments on `VirtualPatientSchedule.bedsideDays` before `untilDay` (exclusive), graded.
    ///
    /// - Throws: the grading engine's `ValidationFailure` (not expected: every field is written
    ///   inside its domain).
    public static func assessments(_ patient: FucasoVirtualPatient, course: FucasoPatientCourse, code: String,
                                   infusion: CalendarDate, untilDay: Int,
                                   random r: inout VirtualPatientRandom) throws -> [SafetyGradedAssessment] {
        try observations(patient, course: course, code: code, infusion: infusion, untilDay: untilDay, random: &r).map(\.graded)
    }

    /// The bedside observations as a nurse records them, each with its grades (what `--into` stores
    /// through the safety repository, which grades them again on save).
    public static func observations(_ patient: FucasoVirtualPatient, course: FucasoPatientCourse, code: String,
                                    infusion: CalendarDate, untilDay: Int, random r: inout VirtualPatientRandom) throws
        -> [(observed: SafetyAssessment, graded: SafetyGradedAssessment)]
    {
        let p = patient.parameters
        let theta = patient.feverThreshold
        let grade2 = theta * p.grade2Multiple
        let grade3 = theta * p.grade3Multiple
        let grade4 = grade3 * p.grade4OverGrade3
        let hypotensive = r.chance(0.5)
        var interventions: [SafetyIntervention] = []
        var tocilizumabGiven = false, steroidsGiven = false
        var out: [(observed: SafetyAssessment, graded: SafetyGradedAssessment)] = []
        var previous = 0
        for day in VirtualPatientSchedule.bedsideDays where day < untilDay {
            let c = course.peakCytokine(sinceDay: previous, toDay: day)
            previous = day
            // 08:00 China Standard Time is 00:00 UTC of the same calendar date.
            let at = Date(timeIntervalSince1970: Double(infusion.adding(days: day).daysSinceEpoch) * 86_400)
            let temperature: Double
            if c >= theta && !tocilizumabGiven {
                temperature = min(38.0 + 0.9 * log2(c / theta) + 0.1 * abs(r.normal()), 41.0)
            } else {
                temperature = min(max(36.6 + 0.25 * r.normal(), 35.8), 37.5)
            }
            var hypotension = false
            var pressors: [SafetyVasopressorDose] = []
            var device = CRSOxygenDevice.none
            var flow: Double?
            if c >= grade2 {
                let both = c >= 1.5 * grade2
                if hypotensive || both { hypotension = true }
                if !hypotensive || both { device = .nasalCannula; flow = 2 }
            }
            if c >= grade3 {
                if hypotensive {
                    hypotension = true
                    pressors = [SafetyVasopressorDose(drug: .norepinephrine, dose: 0.1, unit: .microgramsPerKilogramPerMinute)]
                } else {
                    device = .highFlowNasalCannula; flow = 30
                }
            }
            if c >= grade4 {
                if hypotensive {
                    pressors.append(SafetyVasopressorDose(drug: .epinephrine, dose: 0.05, unit: .microgramsPerKilogramPerMinute))
                } else {
                    device = .bipap; flow = nil
                }
            }
            let systolic = hypotension ? (pressors.isEmpty ? 84.0 : 92.0) : 118 + 8 * r.normal()
            var ice = SafetyICEItems(orientation: 4, naming: 3, followsCommands: 1, writing: 1, attention: 1)
            var deficits = 0
            if c >= patient.neurotoxicityThreshold {
                deficits = min(10, 1 + Int(2 * log2(c / patient.neurotoxicityThreshold)))
                var left = deficits
                func take(_ v: inout Int) { let k = min(v, left); v -= k; left -= k }
                take(&ice.attention); take(&ice.writing); take(&ice.orientation); take(&ice.naming); take(&ice.followsCommands)
            }
            let assessment = SafetyAssessment(
                studyDay: day, recordedAt: at, temperatureC: (temperature * 10).rounded() / 10,
                systolicMmHg: max(60, min(200, systolic.rounded())), diastolicMmHg: nil,
                hypotension: hypotension, vasopressors: pressors, oxygenDevice: device,
                oxygenFlowLitersPerMinute: flow, ice: ice, interventions: interventions)
            let grades = try SafetyAssessmentGrading.grade(assessment)
            out.append((assessment, SafetyGradedAssessment(id: "\(code)-S\(day)", assessment: assessment, grades: grades)))
            if (hypotension || device != .none) && !tocilizumabGiven {
                tocilizumabGiven = true
                interventions.append(SafetyIntervention(kind: .tocilizumab, givenAt: at.addingTimeInterval(7_200)))
            }
            if (c >= grade3 || deficits >= 4) && !steroidsGiven {
                steroidsGiven = true
                interventions.append(SafetyIntervention(kind: .corticosteroid, givenAt: at.addingTimeInterval(7_200)))
            }
        }
        return out
    }
}
