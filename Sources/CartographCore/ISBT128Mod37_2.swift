extension ISBT128 {
    /// ISO/IEC 7064 MOD 37-2: the pure check character system with modulus 37 and radix 2,
    /// used by ISBT 128 for the keyboard entry check character `K`.
    ///
    /// Definition (ISO/IEC 7064, pure systems): number the characters of the protected string
    /// from the right, the check character being position 1, and give each character `aᵢ` its
    /// value (0–9 → 0–9, A–Z → 10–35, `*` → 36; ST-001 Table 35). The check character is the
    /// one whose value makes
    ///
    ///     Σ aᵢ · 2^(i−1)  ≡  1   (mod 37).
    ///
    /// Solving for the check value `c` with the data sum `S = Σ aᵢ · 2^(i−1)` over i ≥ 2 gives
    /// `c = (38 − S mod 37) mod 37`, which is ST-001 Appendix A steps 1–6 word for word.
    /// A result of 36 is the supplementary character `*`.
    ///
    /// Error detection: every single substitution and every transposition of two adjacent
    /// characters changes the weighted sum by `(a − b) · 2^k`, which is non-zero modulo the prime
    /// 37 because `0 < |a − b| < 37` and `2^k` is invertible; so both are always detected.
    ///
    /// Domain: uppercase `0–9`, `A–Z` in the data; `*` only as a check character. Lowercase is
    /// not mapped (ST-001 §7.5.1: the method "does not allow for lower case alpha characters").
    public enum Mod37_2 {
        /// The 37 characters in value order: `0…9`, `A…Z`, `*` (ST-001 Table 35, RT035).
        public static let characters: [Character] = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ*")

        /// The ISO/IEC 7064 value of a character (0–36), or nil when it has none
        /// (lowercase letters, punctuation other than `*`, non-ASCII letters).
        public static func value(of character: Character) -> Int? {
            guard let ascii = character.asciiValue else { return nil }
            switch ascii {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): return Int(ascii - UInt8(ascii: "0"))
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): return Int(ascii - UInt8(ascii: "A")) + 10
            case UInt8(ascii: "*"): return 36
            default: return nil
            }
        }

        /// The check value (0–36) for `data`.
        ///
        /// Computed by the recursive (Horner) form of the definition: with `p₀ = 0` and
        /// `pⱼ = 2 · (pⱼ₋₁ + aⱼ) mod 37` read left to right, `pₙ = S mod 37` where the last data
        /// character carries weight 2¹; then `c = (38 − pₙ) mod 37`. Intermediate values stay
        /// below 2 · 73, so there is no overflow for strings of any length.
        ///
        /// - Throws: ``ISBT128/InputProblem`` naming the first character without a value
        ///   (`*` is not allowed in the data).
        public static func checkValue<S: StringProtocol>(for data: S) throws -> Int {
            var running = 0
            for (offset, character) in data.enumerated() {
                guard character != "*", let value = value(of: character) else {
                    throw ISBT128.problem(for: character, at: offset + 1)
                }
                running = (running + value) * 2 % 37
            }
            return (38 - running) % 37
        }

        /// The check character for `data` (`0–9`, `A–Z` or `*`).
        public static func checkCharacter<S: StringProtocol>(for data: S) throws -> Character {
            characters[try checkValue(for: data)]
        }

        /// Whether `protected` (data followed by its check character) satisfies
        /// `Σ aᵢ · 2^(i−1) ≡ 1 (mod 37)`.
        ///
        /// Evaluated directly from the congruence with the check character at weight 2⁰,
        /// independently of ``checkValue(for:)``. Returns false for strings shorter than 2
        /// characters, with a `*` anywhere but last, or with characters that have no value.
        public static func isValid<S: StringProtocol>(_ protected: S) -> Bool {
            let all = Array(protected)
            guard all.count >= 2 else { return false }
            var running = 0
            for (index, character) in all.enumerated() {
                if character == "*" && index != all.count - 1 { return false }
                guard let value = value(of: character) else { return false }
                running = (running * 2 + value) % 37
            }
            return running == 1
        }
    }

    /// The problem for a character that has no ISO/IEC 7064 data value.
    static func problem(for character: Character, at position: Int) -> InputProblem {
        if character.isLowercase, character.isASCII {
            return .lowercaseLetter(position: position, character: character)
        }
        return .characterOutsideAlphabet(position: position, character: character)
    }
}
