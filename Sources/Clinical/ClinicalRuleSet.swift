/// The published rule sets the grading engines implement.
///
/// Every result names the rule set that produced it, so a stored grade stays interpretable when
/// a later revision (a new ASTCT or EHA/EBMT consensus) is added beside the current one.
public enum ClinicalRuleSet: String, Sendable, Equatable, Codable, CaseIterable {
    /// ASTCT consensus grading of CRS, ICANS and the ICE score: Lee DW et al.,
    /// Biol Blood Marrow Transplant 2019;25:625-638.
    case astct2019 = "ASTCT-2019"
    /// CAR-HEMATOTOX pre-lymphodepletion score: Rejeski K et al., Blood 2021;138:2499-2513.
    case carHematotox2021 = "CAR-HEMATOTOX-2021"
    /// EHA/EBMT consensus grading of immune effector cell-associated hematotoxicity (ICAHT):
    /// Rejeski K et al., Blood 2023;142:865-877.
    case ehaEbmtICAHT2023 = "EHA-EBMT-ICAHT-2023"
    /// EASIX (Luft T et al., Lancet Haematol 2017) and m-EASIX (Pennisi M et al., Blood Adv 2021).
    case easix = "EASIX"
    /// International Staging System: Greipp PR et al., J Clin Oncol 2005;23:3412-3420.
    case iss2005 = "ISS-2005"
    /// Revised ISS: Palumbo A et al., J Clin Oncol 2015;33:2863-2869.
    case riss2015 = "R-ISS-2015"
    /// Second revision of the ISS: D'Agostino M et al., J Clin Oncol 2022;40:3406-3418.
    case r2iss2022 = "R2-ISS-2022"
}
