extension ISBT128 {
    /// Why a string is not a well-formed ISBT 128 identifier.
    ///
    /// Positions are 1-based and count from the first character of the text as typed
    /// (so position 1 of a DIN is the first letter of the facility code). Descriptions
    /// name the problem in words a laboratory user can act on.
    public enum InputProblem: Error, Equatable, Sendable, CustomStringConvertible {
        /// The text has the wrong number of characters for `what`.
        case wrongLength(what: String, expected: Int, actual: Int)
        /// A lowercase letter; ISBT 128 identifiers are uppercase only, and we reject rather
        /// than silently upper-case so that a mistyped label is noticed.
        case lowercaseLetter(position: Int, character: Character)
        /// The letter O where ISBT 128 forbids it: anywhere in the first three characters of a
        /// facility code (`facilityStart` when it is the very first, where 0 is not allowed either).
        case letterO(position: Int, facilityStart: Bool)
        /// A character outside 0–9 and A–Z (or `*` for a check character).
        case characterOutsideAlphabet(position: Int, character: Character)
        /// The first character of a facility code is 0; allowed are A–N, P–Z and 1–9.
        case zeroAtFacilityStart(position: Int)
        /// A position that must hold a digit holds a letter.
        case digitExpected(position: Int, field: String, character: Character)
        /// A chain-of-identity identifier does not start with the literal `CH`.
        case missingChainOfIdentityLiteral(found: String)
        /// A year outside the range this API accepts.
        case yearOutOfRange(Int)
        /// A sequence number outside 0…999 999.
        case sequenceOutOfRange(Int)
        /// The numeric sequence for this facility and year has reached 999 999.
        case sequenceExhausted(facility: String, year: Int)
        /// The sequence holds letters, so a numeric successor cannot be derived from it.
        case sequenceNotNumeric(String)

        public var description: String {
            switch self {
            case let .wrongLength(what, expected, actual):
                return "wrong length: \(what) has \(expected) characters, got \(actual)"
            case let .lowercaseLetter(position, character):
                return "lowercase letter '\(character)' at position \(position): "
                    + "ISBT 128 uses uppercase A–Z only (did you mean '\(character.uppercased())'?)"
            case let .letterO(position, facilityStart):
                if facilityStart {
                    return "letter O at position \(position): a facility identification number starts with "
                        + "A–N, P–Z or 1–9, never the letter O"
                }
                return "letter O at position \(position): the facility identification number never uses "
                    + "the letter O (did you mean the digit 0?)"
            case let .characterOutsideAlphabet(position, character):
                let shown = character == " " ? "a space" : "character '\(character)'"
                return "\(shown) at position \(position) is outside 0–9 and A–Z"
            case let .zeroAtFacilityStart(position):
                return "digit 0 at position \(position): the facility identification number "
                    + "starts with A–N, P–Z or 1–9, never 0"
            case let .digitExpected(position, field, character):
                return "'\(character)' at position \(position): the \(field) must be digits 0–9"
            case let .missingChainOfIdentityLiteral(found):
                return "a chain-of-identity identifier starts with the literal CH, found '\(found)'"
            case let .yearOutOfRange(year):
                return "year \(year) is out of range (expected 0…9999; its last two digits are used)"
            case let .sequenceOutOfRange(sequence):
                return "sequence number \(sequence) is out of range 0…999999"
            case let .sequenceExhausted(facility, year):
                return "sequence numbers for facility \(facility) in year \(year) are exhausted (999999 used)"
            case let .sequenceNotNumeric(sequence):
                return "sequence '\(sequence)' contains letters; only numeric sequences can be incremented"
            }
        }
    }
}
