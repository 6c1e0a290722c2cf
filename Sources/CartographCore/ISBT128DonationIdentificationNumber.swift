extension ISBT128 {
    /// A Donation Identification Number (DIN), ISBT 128 Data Structure 001: the 13 characters
    /// `αppppyynnnnnn` — facility code `αpppp`, nominal year `yy`, sequence `nnnnnn`.
    ///
    /// Source: ST-001 v6.2.2 §2.4.1 (structure), §7.4.1 (eye-readable text), §7.5 and
    /// Appendix A (keyboard entry check character `K`, computed over the 13 characters only,
    /// never over the data identifier `=` or the flag characters).
    public struct DonationIdentificationNumber: Sendable, Hashable, Codable, CustomStringConvertible {
        /// Facility that assigned the number.
        public let facility: FacilityIdentificationNumber
        /// The last two digits of the nominal year of assignment (0…99).
        public let nominalYear: Int
        /// The sequence number within the year for this facility (0…999 999).
        public let sequenceNumber: Int

        /// Builds a DIN from its parts.
        /// - Parameters:
        ///   - year: the nominal year; only its last two digits are kept, so `2026` and `26`
        ///     give the same DIN (ST-001: "the last two digits of the nominal year").
        ///     Domain 0…9999.
        ///   - sequenceNumber: 0…999 999.
        public init(facility: FacilityIdentificationNumber, year: Int, sequenceNumber: Int) throws {
            guard (0...9999).contains(year) else { throw InputProblem.yearOutOfRange(year) }
            guard (0...999_999).contains(sequenceNumber) else { throw InputProblem.sequenceOutOfRange(sequenceNumber) }
            self.facility = facility
            self.nominalYear = year % 100
            self.sequenceNumber = sequenceNumber
        }

        /// Parses the 13 characters `αppppyynnnnnn` exactly as printed without spaces.
        ///
        /// Strict by design: no leading `=`, no flags, no spaces, no lowercase.
        /// - Throws: ``ISBT128/InputProblem`` for the first problem found, checked in this
        ///   order: length, alphabet (lowercase, other characters), facility code, year and
        ///   sequence digits.
        public init(parsing text: String) throws {
            let characters = Array(text)
            guard characters.count == 13 else {
                throw InputProblem.wrongLength(
                    what: "a donation identification number (αppppyynnnnnn)", expected: 13, actual: characters.count)
            }
            try ISBT128.validateAlphabet(characters, startingAt: 1)
            try ISBT128.validateFacility(Array(characters[0..<5]), startingAt: 1)
            try ISBT128.validateDigits(characters[5..<7], field: "year (positions 6–7)", startingAt: 6)
            try ISBT128.validateDigits(characters[7..<13], field: "sequence number (positions 8–13)", startingAt: 8)
            self.facility = FacilityIdentificationNumber(unchecked: String(characters[0..<5]))
            self.nominalYear = Int(String(characters[5..<7]))!
            self.sequenceNumber = Int(String(characters[7..<13]))!
        }

        /// The 13 characters `αppppyynnnnnn`.
        public var characters: String {
            facility.code + ISBT128.zeroPadded(nominalYear, width: 2) + ISBT128.zeroPadded(sequenceNumber, width: 6)
        }

        /// The ISO/IEC 7064 MOD 37-2 checksum (0–36) of the 13 characters.
        public var checkValue: Int {
            // The characters are validated on construction, so the computation cannot fail.
            (try? Mod37_2.checkValue(for: characters)) ?? 0
        }

        /// The keyboard entry check character `K`, printed boxed after the eye-readable DIN.
        public var checkCharacter: Character { Mod37_2.characters[checkValue] }

        /// Type 3 flag characters: 60 plus the MOD 37-2 checksum, as two digits (ST-001 Table 3
        /// and Appendix A.2). They are never printed as text.
        public var type3FlagCharacters: String { String(60 + checkValue) }

        /// The bar code data `=αppppyynnnnnnff` with flag characters `flags`
        /// (default `00`, "flag not used").
        public func barcodeData(flags: String = "00") -> String { "=" + characters + flags }

        /// The eye-readable DIN grouped as facility, year and sequence (`X9999 26 000001`),
        /// one of the presentations shown in ST-001 §7.4.1. The check character is not
        /// included: print it boxed (see ``checkCharacter``).
        public var eyeReadable: String {
            "\(facility.code) \(ISBT128.zeroPadded(nominalYear, width: 2)) \(ISBT128.zeroPadded(sequenceNumber, width: 6))"
        }

        public var description: String { characters }

        /// The DIN with the next sequence number in the same facility and year.
        /// - Throws: ``ISBT128/InputProblem/sequenceExhausted(facility:year:)`` after 999 999.
        public func next() throws -> DonationIdentificationNumber {
            guard sequenceNumber < 999_999 else {
                throw InputProblem.sequenceExhausted(facility: facility.code, year: nominalYear)
            }
            return try DonationIdentificationNumber(facility: facility, year: nominalYear, sequenceNumber: sequenceNumber + 1)
        }

        /// Checks 14 typed characters: the 13-character DIN followed by its check character.
        ///
        /// - Returns: true when the check character matches, false when it does not.
        /// - Throws: ``ISBT128/InputProblem`` when the text is not a DIN plus one character from
        ///   `0–9`, `A–Z`, `*` — a malformed entry is a different failure from a mistyped one.
        public static func verify(withCheckCharacter text: String) throws -> Bool {
            let characters = Array(text)
            guard characters.count == 14 else {
                throw InputProblem.wrongLength(
                    what: "a donation identification number with its check character (αppppyynnnnnnK)",
                    expected: 14, actual: characters.count)
            }
            let din = try DonationIdentificationNumber(parsing: String(characters[0..<13]))
            let typed = characters[13]
            guard Mod37_2.value(of: typed) != nil else { throw ISBT128.problem(for: typed, at: 14) }
            return Mod37_2.isValid(din.characters + String(typed))
        }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            try self.init(parsing: try container.decode(String.self))
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            try container.encode(characters)
        }
    }

    /// `value` as decimal digits, left-padded with zeros to `width`.
    static func zeroPadded(_ value: Int, width: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
