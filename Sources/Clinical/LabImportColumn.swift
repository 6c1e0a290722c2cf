/// The columns of a laboratory CSV file, in their documented order (`LabImport.header`).
///
/// Header names are matched case-insensitively after trimming spaces. `patient`, `date`, `analyte`,
/// `value` and `unit` are required in the header; the other four may be left out of the header when
/// no row needs them.
public enum LabImportColumn: String, Sendable, Equatable, Hashable, Codable, CaseIterable {
    /// Pseudonymous patient code, `C01-0007`.
    case patient
    /// Sample date, ISO 8601 `YYYY-MM-DD`.
    case date
    /// A `LabAnalyte` raw value, `serumMProtein`.
    case analyte
    /// A decimal number (`1.25`, `3e-5`; point as the decimal separator), or `positive`/`negative`, or
    /// `true`/`false`, as the analyte's `valueKind` says.
    case value
    /// One of the analyte's units (`LabAnalyte.units`: `g/dL` or `g/L` for serumMProtein), kept as entered;
    /// empty for categorical analytes.
    case unit
    /// MRD only: `NGF` or `NGS`.
    case method
    /// MRD only: sensitivity as a fraction, `1e-5`.
    case sensitivity
    /// Transgene only: assay lower limit of detection, copies/µg.
    case llod
    /// Transgene only: assay lower limit of quantification, copies/µg.
    case lloq

    public var isRequired: Bool {
        switch self {
        case .patient, .date, .analyte, .value, .unit: true
        case .method, .sensitivity, .llod, .lloq: false
        }
    }
}
