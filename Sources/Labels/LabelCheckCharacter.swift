import Charts
import CartographCore

/// The ISO/IEC 7064 MOD 37-2 keyboard entry check character printed boxed on ISBT 128 labels
/// (ICCBBA ST-001 v6.2.2 §7.5, Appendix A), computed by `ISBT128.Mod37_2` so a label can never print a
/// check character that differs from the one Cartograph validates.
enum LabelCheckCharacter {
    /// The check character for uppercase `0–9`/`A–Z` text, or nil for any other character.
    static func compute(_ text: String) -> Character? {
        try? ISBT128.Mod37_2.checkCharacter(for: text)
    }
}
