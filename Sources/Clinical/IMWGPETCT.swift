/// A PET/CT read for imaging-plus MRD negativity.
///
/// Source: Kumar SK et al., Lancet Oncol 2016;17:e328 (IMWG consensus criteria for response and MRD),
/// MRD table, imaging-plus MRD-negative: "MRD negativity as defined by NGF or NGS plus disappearance
/// of every area of increased tracer uptake found at baseline or a preceding PET/CT or decrease to
/// less than mediastinal blood pool SUV or decrease to less than that of surrounding normal tissue".
///
/// The engine takes the radiologist's reading, not SUVs: the rule compares each lesion with its own
/// baseline and surroundings, which only the reader can do. JSON values `negative` / `positive`.
public enum IMWGPETCT: String, Sendable, Equatable, Codable, CaseIterable {
    /// Every area of increased uptake found at baseline or a preceding PET/CT has disappeared or fallen
    /// below the mediastinal blood pool SUV or below the surrounding normal tissue.
    case negative
    /// At least one such area persists (or a new one appeared).
    case positive
}
