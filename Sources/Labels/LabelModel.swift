import Charts
/// Everything printed on one Cartograph product label: an apheresis bag of autologous starting
/// material or a bag of the final CAR-T product.
///
/// The label carries two ISBT 128 bar codes — the Chain of Identity Identifier
/// (`&/CHαppppyynnnnnn`) and the Donation Identification Number (`=αppppyynnnnnnff`) — each
/// with its eye-readable text and boxed keyboard entry check character (ST-001 v6.2.2 §7.4.1,
/// §7.5.1.1). Check characters are computed here from the identifiers, never supplied, so the
/// box always matches the bar code.
///
/// `isManufacturerCopy` produces the copy that travels to manufacturing: the renderers then
/// never read the patient's name or date of birth, so neither can appear in the output
/// (DESIGN: "the manufacturing side sees the chain-of-identity ID and the product, never the
/// patient's name").
public struct LabelModel: Sendable, Equatable {
    /// What the labelled container holds.
    public enum BagKind: String, Sendable, Equatable, Codable, CaseIterable {
        /// Autologous starting material from leukapheresis.
        case apheresisBag = "apheresis-bag"
        /// The manufactured CAR-T product.
        case finalProduct = "final-product"

        /// Heading printed on the label.
        public var labelHeading: String {
            switch self {
            case .apheresisBag: return "APHERESIS BAG"
            case .finalProduct: return "FINAL PRODUCT"
            }
        }

        /// Caption of the production date: collection for a bag, manufacture for the product.
        public var productionDateCaption: String {
            switch self {
            case .apheresisBag: return "Collected"
            case .finalProduct: return "Manufactured"
            }
        }
    }

    /// A calendar date in the centre's time zone, printed ISO 8601 (`2026-03-17`), one of the
    /// two formats ST-001 §7.4.4.2 allows.
    public struct CalendarDay: Sendable, Hashable, Comparable, Codable {
        public let year: Int
        public let month: Int
        public let day: Int

        /// - Throws: ``LabelModelError/invalidDate`` outside year 1…9999 or for a day that
        ///   does not exist in the proleptic Gregorian calendar.
        public init(year: Int, month: Int, day: Int) throws {
            guard (1...9999).contains(year), (1...12).contains(month) else {
                throw LabelModelError.invalidDate
            }
            let isLeap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
            let lengths = [31, isLeap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
            guard (1...lengths[month - 1]).contains(day) else {
                throw LabelModelError.invalidDate
            }
            self.year = year
            self.month = month
            self.day = day
        }

        /// `YYYY-MM-DD`.
        public var iso8601: String {
            func pad(_ value: Int, _ width: Int) -> String {
                let digits = String(value)
                return String(repeating: "0", count: max(0, width - digits.count)) + digits
            }
            return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
        }

        public static func < (lhs: CalendarDay, rhs: CalendarDay) -> Bool {
            (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
        }
    }

    /// The 15-character CoI data content `CHαppppyynnnnnn` (without `&/`).
    public let chainOfIdentityID: String
    /// The 13-character DIN `αppppyynnnnnn`.
    public let donationIdentificationNumber: String
    /// The DIN flag characters encoded after the DIN (default `00`, not printed).
    public let donationFlags: String
    public var productName: String
    public var bagKind: BagKind
    /// Collection date (apheresis bag) or manufacture date (final product).
    public var productionDate: CalendarDay
    public var expiryDate: CalendarDay
    /// Optional expiry time with zone, printed after the date, e.g. `23:59 CET`.
    public var expiryTime: String?
    /// Storage instruction, e.g. `Store at ≤ −150 °C (vapour phase of liquid nitrogen)`.
    public var storageTemperature: String
    public var patientName: String?
    public var patientDateOfBirth: CalendarDay?
    /// When true, all patient identity is omitted from every rendering.
    public var isManufacturerCopy: Bool

    /// - Throws: ``LabelModelError`` when an identifier is malformed (uppercase `0–9`/`A–Z`
    ///   only; CoI 15 characters starting `CH`; DIN 13; flags 2).
    public init(
        chainOfIdentityID: String,
        donationIdentificationNumber: String,
        donationFlags: String = "00",
        productName: String,
        bagKind: BagKind,
        productionDate: CalendarDay,
        expiryDate: CalendarDay,
        expiryTime: String? = nil,
        storageTemperature: String,
        patientName: String? = nil,
        patientDateOfBirth: CalendarDay? = nil,
        isManufacturerCopy: Bool
    ) throws {
        guard chainOfIdentityID.count == 15, chainOfIdentityID.hasPrefix("CH"),
              LabelCheckCharacter.compute(chainOfIdentityID) != nil
        else { throw LabelModelError.invalidChainOfIdentityID(chainOfIdentityID) }
        guard donationIdentificationNumber.count == 13,
              LabelCheckCharacter.compute(donationIdentificationNumber) != nil
        else { throw LabelModelError.invalidDonationIdentificationNumber(donationIdentificationNumber) }
        guard donationFlags.count == 2, LabelCheckCharacter.compute(donationFlags) != nil
        else { throw LabelModelError.invalidDonationFlags(donationFlags) }
        self.chainOfIdentityID = chainOfIdentityID
        self.donationIdentificationNumber = donationIdentificationNumber
        self.donationFlags = donationFlags
        self.productName = productName
        self.bagKind = bagKind
        self.productionDate = productionDate
        self.expiryDate = expiryDate
        self.expiryTime = expiryTime
        self.storageTemperature = storageTemperature
        self.patientName = patientName
        self.patientDateOfBirth = patientDateOfBirth
        self.isManufacturerCopy = isManufacturerCopy
    }

    /// Check character printed boxed after the CoI text (over the 15-character content).
    public var chainOfIdentityCheckCharacter: Character { LabelCheckCharacter.compute(chainOfIdentityID)! }
    /// Check character printed boxed after the DIN text (over the 13 characters, no flags).
    public var donationCheckCharacter: Character { LabelCheckCharacter.compute(donationIdentificationNumber)! }

    /// Bar code data of the CoI Identifier, `&/CH…` (ST-001 Data Structure 040).
    public var chainOfIdentityBarcodeData: String { "&/" + chainOfIdentityID }
    /// Bar code data of the DIN, `=αppppyynnnnnnff` (ST-001 Data Structure 001).
    public var donationBarcodeData: String { "=" + donationIdentificationNumber + donationFlags }

    /// `CH X9999 26 000001`.
    public var chainOfIdentityEyeReadable: String {
        let c = Array(chainOfIdentityID)
        return "CH \(String(c[2..<7])) \(String(c[7..<9])) \(String(c[9..<15]))"
    }

    /// `X9999 26 000001` (ST-001 §7.4.1 grouping).
    public var donationEyeReadable: String {
        let c = Array(donationIdentificationNumber)
        return "\(String(c[0..<5])) \(String(c[5..<7])) \(String(c[7..<13]))"
    }

    /// The patient lines to print: nil for a manufacturer's copy, whatever is known otherwise.
    var printablePatientIdentity: (name: String?, dateOfBirth: CalendarDay?)? {
        isManufacturerCopy ? nil : (patientName, patientDateOfBirth)
    }
}

/// Why a ``LabelModel`` cannot be built. Messages quote identifiers only, never patient data.
public enum LabelModelError: Error, Equatable, Sendable, CustomStringConvertible {
    case invalidChainOfIdentityID(String)
    case invalidDonationIdentificationNumber(String)
    case invalidDonationFlags(String)
    /// A day that does not exist; the values are not quoted (it may be a date of birth).
    case invalidDate

    public var description: String {
        switch self {
        case let .invalidChainOfIdentityID(id): return "label: '\(id)' is not a 15-character CoI identifier CHαppppyynnnnnn"
        case let .invalidDonationIdentificationNumber(din): return "label: '\(din)' is not a 13-character DIN (uppercase 0–9, A–Z)"
        case let .invalidDonationFlags(flags): return "label: '\(flags)' is not two DIN flag characters"
        case .invalidDate: return "label: a date is not a valid calendar day (year 1–9999)"
        }
    }
}
