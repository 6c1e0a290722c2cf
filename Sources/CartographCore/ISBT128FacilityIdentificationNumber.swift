extension ISBT128 {
    /// The five-character Facility Identification Number (FIN) `αpppp` that ICCBBA assigns to a
    /// registered facility; it opens every DIN and CoI Identifier the facility issues.
    ///
    /// Syntax (ST-001 v6.2.2 §2.4.1 and §2.4.40):
    /// - `α`: A–N, P–Z or 1–9 (never the letter O, never 0);
    /// - `pppp`: the first two A–N, P–Z or 0–9, the last two digits. ICCBBA notes that current
    ///   usage is numeric in all four and letters "may be introduced into positions 1 and 2 in
    ///   the future"; we accept them now so that a future FIN is not rejected.
    ///
    /// Syntax is all we can check: which codes are assigned lives in ICCBBA's licensed
    /// Registered Facilities database.
    public struct FacilityIdentificationNumber: Sendable, Hashable, Codable, CustomStringConvertible {
        /// The five characters, e.g. `X9999`.
        public let code: String

        /// Validates `code` as a FIN.
        /// - Throws: ``ISBT128/InputProblem`` naming the first offending character.
        public init(_ code: String) throws {
            let characters = Array(code)
            guard characters.count == 5 else {
                throw InputProblem.wrongLength(
                    what: "a facility identification number (αpppp)", expected: 5, actual: characters.count)
            }
            try ISBT128.validateFacility(characters, startingAt: 1)
            self.code = code
        }

        /// The default facility code shipped with Cartograph: `X9999`.
        ///
        /// It is syntactically valid (so every code path can be exercised) but it is NOT a
        /// Facility Identification Number assigned by ICCBBA to this program, and it has not
        /// been checked against ICCBBA's (licensed) Registered Facilities database. Identifiers
        /// made with it must never leave a test or demonstration system; a centre configures its
        /// own ICCBBA-assigned FIN before labelling real products.
        public static let placeholder = FacilityIdentificationNumber(unchecked: "X9999")

        /// Whether this is the shipped ``placeholder`` rather than a configured code.
        public var isPlaceholder: Bool { self == Self.placeholder }

        public var description: String { code }

        init(unchecked code: String) { self.code = code }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            try self.init(try container.decode(String.self))
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            try container.encode(code)
        }
    }

    /// Checks five characters as `αpppp`; `position` is the 1-based position of `α` in the
    /// text the user typed, so problems name the position they see.
    static func validateFacility(_ characters: [Character], startingAt position: Int) throws {
        try validateAlphabet(characters, startingAt: position)
        let first = characters[0]
        if first == "O" { throw InputProblem.letterO(position: position, facilityStart: true) }
        if first == "0" { throw InputProblem.zeroAtFacilityStart(position: position) }
        for offset in 1...2 where characters[offset] == "O" {
            throw InputProblem.letterO(position: position + offset, facilityStart: false)
        }
        for offset in 3...4 where !characters[offset].isASCIIDigitForISBT128 {
            throw InputProblem.digitExpected(
                position: position + offset, field: "last two characters of the facility code",
                character: characters[offset])
        }
    }

    /// Rejects anything outside uppercase `0–9`, `A–Z`, naming lowercase letters separately.
    static func validateAlphabet(_ characters: [Character], startingAt position: Int) throws {
        for (offset, character) in characters.enumerated() {
            let isAllowed = character.isASCIIDigitForISBT128
                || (character.asciiValue.map { $0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z") } ?? false)
            if !isAllowed { throw problem(for: character, at: position + offset) }
        }
    }

    /// Requires digits in `characters`, reporting `field` by name.
    static func validateDigits(_ characters: ArraySlice<Character>, field: String, startingAt position: Int) throws {
        for (offset, character) in characters.enumerated() where !character.isASCIIDigitForISBT128 {
            throw InputProblem.digitExpected(position: position + offset, field: field, character: character)
        }
    }
}

extension Character {
    /// ASCII 0–9 only (`Character.isNumber` also accepts other scripts' digits and fractions).
    var isASCIIDigitForISBT128: Bool {
        guard let ascii = asciiValue else { return false }
        return ascii >= UInt8(ascii: "0") && ascii <= UInt8(ascii: "9")
    }
}
