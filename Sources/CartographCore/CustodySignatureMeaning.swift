/// What a person means by an electronic signature.
///
/// 21 CFR Part 11 §11.50 requires every signed record to show the signer's printed name, the date and
/// time of signing and "the meaning (such as review, approval, responsibility, or authorship)" of the
/// signature; §11.70 requires the signature to be linked to its record so it cannot be copied onto
/// another. Cartograph follows that spirit: each signature names one of these meanings, and a role may
/// only sign the meanings listed in ``permittedRoles``.
public enum SignatureMeaning: String, Codable, Sendable, CaseIterable, Hashable {
    /// QA releases a lot that met its release specification.
    case qaRelease
    /// QA releases an out-of-specification lot on the treating physician's request.
    case exceptionalRelease
    /// QA rejects a lot (it will not be infused).
    case qaRejection
    /// A nurse or physician confirms at the bedside that bag, wristband and therapy match.
    case bedsideVerification
    /// Whoever hands a bag over (or takes it) confirms the handover.
    case custodyHandover
    /// QA closes a deviation (a temperature excursion or other quarantine) and gives the reason.
    case deviationClosure
    /// The treating physician requests the exceptional release of an out-of-specification lot.
    case physicianRequest

    /// The roles that may sign with this meaning.
    ///
    /// Center policy, mirroring who is responsible for each act:
    /// - lot disposition and deviation closure are quality decisions: `qa` only;
    /// - bedside verification is done by the people who give the infusion: `nurse`, `physician`;
    /// - the request to infuse an out-of-specification lot is a medical decision: `physician` only;
    /// - a custody handover may be signed by anyone who handles bags (`coordinator`, `nurse`,
    ///   `physician`, `manufacturing`, `qa`).
    /// `statistician` and `admin` sign nothing: neither handles product nor decides about it.
    public var permittedRoles: Set<Role> {
        switch self {
        case .qaRelease, .exceptionalRelease, .qaRejection, .deviationClosure: [.qa]
        case .bedsideVerification: [.nurse, .physician]
        case .physicianRequest: [.physician]
        case .custodyHandover: [.coordinator, .nurse, .physician, .manufacturing, .qa]
        }
    }

    /// Words printed beside the signature (§11.50(a)(3)).
    public var displayName: String {
        switch self {
        case .qaRelease: "QA release"
        case .exceptionalRelease: "Exceptional release"
        case .qaRejection: "QA rejection"
        case .bedsideVerification: "Bedside verification"
        case .custodyHandover: "Custody handover"
        case .deviationClosure: "Deviation closure"
        case .physicianRequest: "Physician request"
        }
    }
}

extension Role {
    /// The signature meanings this role may sign (the inverse of ``SignatureMeaning/permittedRoles``).
    public var permittedSignatureMeanings: [SignatureMeaning] {
        SignatureMeaning.allCases.filter { $0.permittedRoles.contains(self) }
    }
}
