/// The three identifiers compared at the bedside.
public enum BedsideVerificationField: String, Codable, Sendable, CaseIterable, Hashable, CodingKeyRepresentable {
    /// The chain-of-identity identifier on the bag's label.
    case bagChainOfIdentity
    /// The donation identification number on the bag's label.
    case bagDIN
    /// The chain-of-identity identifier on the patient's wristband.
    case wristbandChainOfIdentity
}

/// What the bedside check found. Anything but `match` blocks the infusion.
public enum BedsideVerificationOutcome: Codable, Sendable, Hashable {
    case match
    /// What differs, per field, in words the nurse can act on.
    case mismatch(reasons: [BedsideVerificationField: String])

    public var isMatch: Bool { self == .match }
}

/// What was scanned or typed at the bedside, and what the therapy expects.
public struct BedsideVerificationInput: Codable, Sendable, Hashable {
    public var bagChainOfIdentity: String
    public var bagDIN: String
    public var wristbandChainOfIdentity: String
    /// The therapy's chain-of-identity identifier, from Cartograph's record (not from the bag).
    public var expectedChainOfIdentity: ISBT128.ChainOfIdentityIdentifier
    /// The DIN of the bag dispensed for this therapy, from Cartograph's record.
    public var expectedDIN: ISBT128.DonationIdentificationNumber

    public init(bagChainOfIdentity: String, bagDIN: String, wristbandChainOfIdentity: String,
                expectedChainOfIdentity: ISBT128.ChainOfIdentityIdentifier,
                expectedDIN: ISBT128.DonationIdentificationNumber) {
        self.bagChainOfIdentity = bagChainOfIdentity; self.bagDIN = bagDIN
        self.wristbandChainOfIdentity = wristbandChainOfIdentity
        self.expectedChainOfIdentity = expectedChainOfIdentity; self.expectedDIN = expectedDIN
    }
}

/// Identity verification before administration (required by the FACT-JACIE immune effector cell
/// standards, as summarised in clinical-standards.md), done at the bedside: bag CoI, bag DIN and
/// wristband CoI must each equal what the therapy's record expects.
public enum BedsideVerification {
    /// Compares each scanned or typed identifier with the expected one.
    ///
    /// Every field is read with ``readChainOfIdentity(_:)`` / ``readDIN(_:)`` and compared whole; the
    /// wristband is compared with the therapy's record, not with the bag, so a wrong bag on the right
    /// patient and the right bag on the wrong patient are both named.
    public static func verify(_ input: BedsideVerificationInput) -> BedsideVerificationOutcome {
        var reasons: [BedsideVerificationField: String] = [:]
        func compare<T: Equatable & CustomStringConvertible>(_ field: BedsideVerificationField, _ read: BedsideRead<T>, _ expected: T) {
            switch read {
            case .value(let v) where v == expected: break
            case .value(let v): reasons[field] = differenceText(found: v.description, expected: expected.description)
            case .unreadable(let why): reasons[field] = why
            }
        }
        compare(.bagChainOfIdentity, readChainOfIdentity(input.bagChainOfIdentity), input.expectedChainOfIdentity)
        compare(.bagDIN, readDIN(input.bagDIN), input.expectedDIN)
        compare(.wristbandChainOfIdentity, readChainOfIdentity(input.wristbandChainOfIdentity), input.expectedChainOfIdentity)
        return reasons.isEmpty ? .match : .mismatch(reasons: reasons)
    }

    /// Reads a chain-of-identity identifier as scanned or typed.
    ///
    /// Accepted forms, after ``normalise(_:)``: the bar code data `&/CHαppppyynnnnnn`, the 15-character
    /// content `CHαppppyynnnnnn`, the eye-readable grouping `CH X9999 26 000001`, and any of these
    /// followed by the keyboard entry check character `K`, which is then verified (ST-001 §7.5).
    public static func readChainOfIdentity(_ text: String) -> BedsideRead<ISBT128.ChainOfIdentityIdentifier> {
        var s = normalise(text)
        guard !s.isEmpty else { return .unreadable("nothing was scanned or typed") }
        if s.hasPrefix("&/") { s.removeFirst(2) }
        var checkCharacter: Character?
        if s.count == 16 { checkCharacter = s.removeLast() }
        do {
            let coi = try ISBT128.ChainOfIdentityIdentifier(parsing: s)
            if let k = checkCharacter, !ISBT128.Mod37_2.isValid(coi.characters + String(k)) {
                return .unreadable("check character '\(k)' does not fit \(coi.characters) (expected '\(coi.checkCharacter)'); look at the label again")
            }
            return .value(coi)
        } catch {
            return .unreadable("unreadable: \(error)")
        }
    }

    /// Reads a donation identification number as scanned or typed.
    ///
    /// Accepted forms, after ``normalise(_:)``: the bar code data `=αppppyynnnnnnff` (data identifier
    /// `=`, 13 characters, 2 flag characters), the 13 characters alone, the eye-readable grouping
    /// `X9999 26 000001`, and the 13 characters followed by the check character `K`, which is then
    /// verified. Flags 60–96 are a type 3 checksum (60 + MOD 37-2 value, ST-001 Table 3 and Appendix
    /// A.2) and are verified; any other flag pair carries process information Cartograph does not
    /// interpret and is accepted as it is.
    public static func readDIN(_ text: String) -> BedsideRead<ISBT128.DonationIdentificationNumber> {
        var s = normalise(text)
        guard !s.isEmpty else { return .unreadable("nothing was scanned or typed") }
        var flags: String?
        var checkCharacter: Character?
        if s.hasPrefix("=") {
            s.removeFirst()
            guard s.count == 15 else {
                return .unreadable("a DIN bar code holds = followed by 15 characters (13 + 2 flags), got \(s.count)")
            }
            flags = String(s.suffix(2))
            s.removeLast(2)
        } else if s.count == 14 {
            checkCharacter = s.removeLast()
        }
        do {
            let din = try ISBT128.DonationIdentificationNumber(parsing: s)
            if let k = checkCharacter, !ISBT128.Mod37_2.isValid(din.characters + String(k)) {
                return .unreadable("check character '\(k)' does not fit \(din.characters) (expected '\(din.checkCharacter)'); look at the label again")
            }
            if let f = flags, let n = Int(f), f.allSatisfy(\.isASCII), (60...96).contains(n), f != din.type3FlagCharacters {
                return .unreadable("flag characters \(f) do not fit \(din.characters) (expected \(din.type3FlagCharacters)); scan again")
            }
            return .value(din)
        } catch {
            return .unreadable("unreadable: \(error)")
        }
    }

    /// Removes every whitespace character (spaces of the eye-readable grouping, a scanner's trailing
    /// return or tab) and upper-cases ASCII `a–z`. Nothing else is changed: non-ASCII look-alikes
    /// (Cyrillic С, full-width letters) and the letter O typed for the digit 0 stay as they are, so they
    /// never match; a lowercase entry matches only when its upper-cased form equals the expected
    /// identifier character for character.
    public static func normalise(_ text: String) -> String {
        String(text.compactMap { c -> Character? in
            if c.isWhitespace { return nil }
            if let a = c.asciiValue, a >= UInt8(ascii: "a"), a <= UInt8(ascii: "z") { return Character(Unicode.Scalar(a - 32)) }
            return c
        })
    }

    /// `found X999926000002, expected X999926000001 (first difference at character 13)`.
    static func differenceText(found: String, expected: String) -> String {
        let position = zip(found, expected).prefix { $0 == $1 }.count + 1
        return "found \(found), expected \(expected) (first difference at character \(position))"
    }
}

/// The result of reading one identifier: the parsed value or why it could not be read.
public enum BedsideRead<Value: Sendable & Hashable>: Sendable, Hashable {
    case value(Value)
    case unreadable(String)
}
