import Foundation
import CartographCore

extension SafetyAssessment {
    /// Domains checked by `validate()`, published so a form can show them beside the fields.
    public enum Limits {
        public static let studyDay = -60...3650
        /// Narrower than the CRS engine's 25...45: a bedside reading below 30 °C is a typo or a
        /// probe error, and 101.3 typed in °F is still caught. Above 43 °C: core temperatures beyond
        /// 42–43 °C are seen only in heat stroke and malignant hyperthermia, not as CRS fever (CRS
        /// fevers in the ASTCT consensus series peak around 39–41 °C); a 45 is a typo for 40.5 or 38.5.
        public static let temperatureC: ClosedRange<Double> = 30...43
        public static let systolicMmHg: ClosedRange<Double> = 40...260
        public static let diastolicMmHg: ClosedRange<Double> = 20...200
        public static let oxygenFlowLitersPerMinute: ClosedRange<Double> = 0...80
    }

    /// The interventions given at or before `recordedAt`, in the order they were given.
    public var interventionsGivenSoFar: [SafetyIntervention] {
        interventions.filter { $0.givenAt <= recordedAt }.sorted { $0.givenAt < $1.givenAt }
    }

    /// ASTCT 2019's "antipyretics or anti-cytokine therapy received": true when any tocilizumab,
    /// corticosteroid, anakinra or antipyretic dose was given at or before this assessment. A dose
    /// given later, even on the same day, does not count, so re-grading an old assessment after new
    /// treatment leaves its grade unchanged.
    public var antipyreticOrAnticytokineGiven: Bool { !interventionsGivenSoFar.isEmpty }

    /// Checks every field against `Limits` and the cross-field rules, reporting all problems together.
    ///
    /// Cross-field rules: diastolic below systolic; a flow needs an oxygen device; a vasopressor needs
    /// hypotension recorded as present; a vasopressor dose
    /// > 0 within its unit's plausible range; each ICE item within its maximum; and the temperature
    /// is required unless fever cannot change the CRS grade (antipyretic/anti-cytokine given, fever
    /// attributed to another cause, or death due to CRS), as the CRS engine requires, so a forgotten
    /// temperature never grades a hypotensive patient 0.
    ///
    /// - Throws: `ValidationFailure` whose `FieldError`s name the fields (`vasopressors[1].dose`,
    ///   `ice.orientation`).
    public func validate() throws {
        var check = FieldErrorCollector()
        check.require(Limits.studyDay.contains(studyDay), "studyDay", "\(studyDay) is out of range -60...3650")
        if let t = temperatureC {
            check.require(t.isFinite && Limits.temperatureC.contains(t), "temperatureC",
                          "\(t.safetyText) °C is out of range 30...43 (°C, not °F)")
        } else if !(antipyreticOrAnticytokineGiven || feverAttributableToOtherCause || deathDueToCRS) {
            check.add("temperatureC", "required: fever >= 38.0 °C decides CRS unless an antipyretic or "
                + "anti-cytokine therapy was given or the fever has another cause")
        }
        if let s = systolicMmHg {
            check.require(s.isFinite && Limits.systolicMmHg.contains(s), "systolicMmHg", "\(s.safetyText) is out of range 40...260 mmHg")
        }
        if let d = diastolicMmHg {
            check.require(d.isFinite && Limits.diastolicMmHg.contains(d), "diastolicMmHg", "\(d.safetyText) is out of range 20...200 mmHg")
            if let s = systolicMmHg, d.isFinite, s.isFinite, d >= s {
                check.add("diastolicMmHg", "\(d.safetyText) mmHg is not below the systolic \(s.safetyText) mmHg")
            }
        }
        // A running vasopressor is treatment of hypotension: "no hypotension" with a pressor is a
        // contradiction the CRS grade cannot resolve (grades 2–4 hinge on it), so it is asked back.
        if !vasopressors.isEmpty && !hypotension {
            check.add("hypotension", "a vasopressor is running (\(vasopressors.map(\.drug.rawValue).joined(separator: ", "))): "
                      + "record hypotension as yes, or remove the vasopressor")
        }
        for (i, v) in vasopressors.enumerated() {
            let range = v.unit.plausibleRange
            check.require(v.dose.isFinite && v.dose > 0 && v.dose <= range.upperBound, "vasopressors[\(i)].dose",
                          "\(v.dose.safetyText) \(v.unit.rawValue) is outside 0 (exclusive)...\(range.upperBound.safetyText)")
        }
        if let flow = oxygenFlowLitersPerMinute {
            check.require(flow.isFinite && Limits.oxygenFlowLitersPerMinute.contains(flow), "oxygenFlowLitersPerMinute",
                          "\(flow.safetyText) is out of range 0...80 L/min")
            check.require(oxygenDevice != .none, "oxygenFlowLitersPerMinute", "a flow is given but oxygenDevice is none")
        }
        if let ice {
            for item in ice.itemsWithLimits {
                check.require((0...item.maximum).contains(item.value), "ice.\(item.field)",
                              "\(item.value) is out of range 0...\(item.maximum)")
            }
        }
        try check.throwIfAny()
    }

    /// The ASTCT 2019 CRS inputs of this assessment. Fever attribution, hypotension, device and flow
    /// pass through; vasopressors keep their drug names (duplicates are counted once by the engine);
    /// `antipyreticOrAnticytokineGiven` comes from the intervention history. Blood pressure values
    /// are not CRS inputs.
    public var crsAssessment: CRSAssessment {
        CRSAssessment(
            temperatureC: temperatureC,
            feverAttributableToOtherCause: feverAttributableToOtherCause,
            antipyreticOrAnticytokineGiven: antipyreticOrAnticytokineGiven,
            hypotension: hypotension,
            vasopressors: vasopressors.map(\.drug),
            oxygenDevice: oxygenDevice,
            oxygenFlowLitersPerMinute: oxygenFlowLitersPerMinute,
            deathDueToCRS: deathDueToCRS)
    }

    /// The ASTCT 2019 ICANS inputs: the ICE total (the sum of the five items, `nil` when ICE was not
    /// assessed) and the other domains as recorded.
    public var icansAssessment: ICANSAssessment {
        ICANSAssessment(
            iceScore: ice.map { $0.orientation + $0.naming + $0.followsCommands + $0.writing + $0.attention },
            consciousness: consciousness,
            seizure: seizure,
            deepFocalMotorWeakness: deepFocalMotorWeakness,
            posturing: posturing,
            cranialNerveVIPalsy: cranialNerveVIPalsy,
            papilledema: papilledema,
            cushingsTriad: cushingsTriad,
            cerebralEdema: cerebralEdema,
            attributableToOtherCause: neurologicFindingsAttributableToOtherCause,
            deathDueToICANS: deathDueToICANS)
    }
}

extension Double {
    /// Short text for messages: `38`, `37.9`, `0.05` (no trailing zeros). Named apart from
    /// `Clinical`'s internal helper so the two can share a module.
    var safetyText: String {
        if rounded() == self && abs(self) < 1e15 { return String(Int64(self)) }
        return String(format: "%g", self)
    }
}
