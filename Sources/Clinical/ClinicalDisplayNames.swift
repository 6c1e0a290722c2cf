/// The clinic's words for coded values that pages, messages and exports show to people; the raw
/// values stay the API's and the store's.

extension LabAnalyte {
    public var displayName: String {
        switch self {
        case .serumMProtein: "Serum M-protein"
        case .urineMProtein: "Urine M-protein (24 h)"
        case .serumImmunofixation: "Serum immunofixation"
        case .urineImmunofixation: "Urine immunofixation"
        case .kappaFreeLightChain: "Kappa free light chain"
        case .lambdaFreeLightChain: "Lambda free light chain"
        case .marrowPlasmaCells: "Marrow plasma cells"
        case .marrowClonality: "Marrow clonal plasma cells"
        case .plasmacytomaSPD: "Plasmacytoma size (SPD)"
        case .newLesion: "New bone or soft-tissue lesion"
        case .mrd: "MRD"
        case .petCT: "PET/CT"
        case .circulatingPlasmaCells: "Circulating plasma cells"
        case .calcium: "Calcium"
        case .hyperviscosity: "Hyperviscosity"
        case .transgeneCopies: "CAR transgene copies"
        case .absoluteNeutrophilCount: "Absolute neutrophil count (ANC)"
        case .platelets: "Platelets"
        case .hemoglobin: "Hemoglobin"
        case .crp: "C-reactive protein (CRP)"
        case .ferritin: "Ferritin"
        case .ldh: "Lactate dehydrogenase (LDH)"
        case .creatinine: "Creatinine"
        }
    }
}

extension DeathCause {
    public var displayName: String {
        switch self {
        case .diseaseProgression: "disease progression"
        case .infection: "infection"
        case .cytokineReleaseSyndrome: "cytokine release syndrome"
        case .neurotoxicity: "neurotoxicity (ICANS)"
        case .secondPrimaryMalignancy: "second primary malignancy"
        case .cardiovascular: "cardiovascular"
        case .other: "other"
        case .unknown: "unknown"
        }
    }
}

extension TransgeneInTumour {
    public var displayName: String {
        switch self {
        case .detected: "detected"
        case .notDetected: "not detected"
        case .pending: "pending"
        }
    }
}
