extension ISBT128 {
    /// A Chain of Identity (CoI) Identifier, ISBT 128 Data Structure 040: data identifier `&/`
    /// followed by the 15-character content `CHαppppyynnnnnn` — the literal `CH`, the issuing
    /// facility's FIN, the nominal year of issue and a six-character sequence.
    ///
    /// One CoI Identifier is issued per therapy and carried by every collection and product of
    /// that therapy, so repeat apheresis collections stay linked to the one patient.
    ///
    /// Source: ST-001 v6.2.2 §2.4.40 (structure: `nnnnnn` is alphanumeric A–Z, 0–9) and §7.5 /
    /// Table 30 (a keyboard entry check character is *required* whenever its text is printed).
    /// We compute `K` over the 15-character data content, as §7.5 prescribes for every data
    /// structure ("calculated from [the data content string]"); ST-028 itself was not
    /// available to confirm with a published CoI example.
    ///
    /// This type only formats, parses, validates and derives successors; remembering the last
    /// sequence issued (and doing so atomically) belongs to the store.
    public struct ChainOfIdentityIdentifier: Sendable, Hashable, Codable, CustomStringConvertible {
        /// Facility that issued the identifier.
        public let facility: FacilityIdentificationNumber
        /// The last two digits of the nominal year of issue (0…99).
        public let nominalYear: Int
        /// The six-character sequence, `0–9` and `A–Z` (Cartograph issues digits only).
        public let sequence: String

        /// Builds an identifier with a numeric sequence.
        /// - Parameters:
        ///   - year: nominal year of issue, 0…9999; only its last two digits are kept.
        ///   - sequenceNumber: 0…999 999, printed zero-padded to six digits.
        public init(facility: FacilityIdentificationNumber, year: Int, sequenceNumber: Int) throws {
            guard (0...9999).contains(year) else { throw InputProblem.yearOutOfRange(year) }
            guard (0...999_999).contains(sequenceNumber) else { throw InputProblem.sequenceOutOfRange(sequenceNumber) }
            self.facility = facility
            self.nominalYear = year % 100
            self.sequence = ISBT128.zeroPadded(sequenceNumber, width: 6)
        }

        /// Parses `CHαppppyynnnnnn`, with or without the leading data identifier `&/`.
        /// - Throws: ``ISBT128/InputProblem``; positions count from the first character typed.
        public init(parsing text: String) throws {
            let identifierOffset = text.hasPrefix("&/") ? 2 : 0
            let characters = Array(text.dropFirst(identifierOffset))
            guard characters.count == 15 else {
                throw InputProblem.wrongLength(
                    what: "a chain-of-identity identifier (CHαppppyynnnnnn)", expected: 15, actual: characters.count)
            }
            let first = identifierOffset + 1
            try ISBT128.validateAlphabet(characters, startingAt: first)
            guard characters[0] == "C", characters[1] == "H" else {
                throw InputProblem.missingChainOfIdentityLiteral(found: String(characters[0..<2]))
            }
            try ISBT128.validateFacility(Array(characters[2..<7]), startingAt: first + 2)
            try ISBT128.validateDigits(characters[7..<9], field: "year", startingAt: first + 7)
            self.facility = FacilityIdentificationNumber(unchecked: String(characters[2..<7]))
            self.nominalYear = Int(String(characters[7..<9]))!
            self.sequence = String(characters[9..<15])
        }

        /// The next identifier to issue.
        ///
        /// - Parameters:
        ///   - facility: the configured issuing facility.
        ///   - year: the nominal year of issue (0…9999, last two digits kept).
        ///   - lastSequenceNumber: the highest sequence already issued for this facility and
        ///     nominal year, or nil when none has been (the first is then 000001; 000000 is
        ///     never issued so that it can never be mistaken for "unset").
        /// - Throws: ``ISBT128/InputProblem/sequenceExhausted(facility:year:)`` after 999 999.
        public static func next(
            facility: FacilityIdentificationNumber, year: Int, lastSequenceNumber: Int?
        ) throws -> ChainOfIdentityIdentifier {
            guard (0...9999).contains(year) else { throw InputProblem.yearOutOfRange(year) }
            let last = lastSequenceNumber ?? 0
            guard (0...999_999).contains(last) else { throw InputProblem.sequenceOutOfRange(last) }
            guard last < 999_999 else { throw InputProblem.sequenceExhausted(facility: facility.code, year: year % 100) }
            return try ChainOfIdentityIdentifier(facility: facility, year: year, sequenceNumber: last + 1)
        }

        /// The identifier after this one, same facility and year.
        /// - Throws: ``ISBT128/InputProblem/sequenceNotNumeric(_:)`` for a lettered sequence,
        ///   or ``ISBT128/InputProblem/sequenceExhausted(facility:year:)`` after 999 999.
        public func next() throws -> ChainOfIdentityIdentifier {
            guard let number = sequenceNumber else { throw InputProblem.sequenceNotNumeric(sequence) }
            return try Self.next(facility: facility, year: nominalYear, lastSequenceNumber: number)
        }

        /// The sequence as a number, or nil when it holds letters.
        public var sequenceNumber: Int? {
            sequence.allSatisfy(\.isASCIIDigitForISBT128) ? Int(sequence) : nil
        }

        /// The 15-character data content `CHαppppyynnnnnn`.
        public var characters: String {
            "CH" + facility.code + ISBT128.zeroPadded(nominalYear, width: 2) + sequence
        }

        /// The complete data structure `&/CHαppppyynnnnnn`, as encoded in a bar code.
        public var barcodeData: String { "&/" + characters }

        /// The MOD 37-2 checksum (0–36) of the 15-character data content.
        public var checkValue: Int { (try? Mod37_2.checkValue(for: characters)) ?? 0 }

        /// The keyboard entry check character `K`, printed boxed after the eye-readable text.
        public var checkCharacter: Character { Mod37_2.characters[checkValue] }

        /// Eye-readable grouping `CH X9999 26 000001` (check character not included).
        public var eyeReadable: String {
            "CH \(facility.code) \(ISBT128.zeroPadded(nominalYear, width: 2)) \(sequence)"
        }

        public var description: String { characters }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            try self.init(parsing: try container.decode(String.self))
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            try container.encode(characters)
        }
    }
}
