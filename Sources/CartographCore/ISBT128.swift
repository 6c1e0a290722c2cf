/// ISBT 128, the ICCBBA standard for identifying medical products of human origin.
///
/// Cartograph uses two of its data structures:
/// - the Donation Identification Number (DIN, Data Structure 001, `=αppppyynnnnnnff`), printed
///   on every apheresis bag and final product, and
/// - the Chain of Identity (CoI) Identifier (Data Structure 040, `&/CHαppppyynnnnnn`), one per
///   therapy, which links repeat collections to the product made from them.
///
/// Each is printed with a keyboard entry check character `K` computed by ISO/IEC 7064
/// MOD 37-2 (``ISBT128/Mod37_2``), drawn in a box beside the eye-readable text.
///
/// Source: ICCBBA, *ISBT 128 Standard Technical Specification* ST-001 v6.2.2 (April 2023):
/// §2.4.1 (DIN), §2.4.40 (CoI Identifier), §7.5 and Appendix A (check character), §6.1
/// (linear bar codes). The CoI Identifier is further governed by ST-028, which was not
/// available while this was written; the rules here follow ST-001 only.
///
/// Real Facility Identification Numbers are assigned by ICCBBA to licensed facilities; see
/// ``ISBT128/FacilityIdentificationNumber/placeholder`` for the configurable fake default.
public enum ISBT128 {
    /// The rule set these types implement, for audit records and label footers.
    public static let ruleSetVersion = "ISBT128-ST001-v6.2.2"
}
