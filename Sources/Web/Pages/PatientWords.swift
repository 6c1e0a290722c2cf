import CartographCore

/// What each step of the journey means, in plain words for patients and their families, with the
/// durations taken from the product's profile so that a second product says its own.
///
/// Written for a reader of about twelve years of reading age, from the seed documents' patient
/// explanations (seed 003: the six steps, the four weeks near the center).
enum PatientWords {
    static func meaning(of stage: JourneyStage, profile: ProductProfile) -> String {
        let w = profile.windows
        switch stage {
        case .screening:
            return tr("Tests that check whether this treatment is right for you.")
        case .collection:
            return tr("Blood is taken from a vein and a machine keeps some of your white blood cells (T cells). The rest of your blood goes back to you. It takes a few hours.")
        case .manufacturing:
            return tr("In a laboratory your T cells are changed so they can find and attack myeloma cells, then grown and tested. This takes about \(weeks(w.manufacturingDays.latest)) weeks.")
        case .lymphodepletion:
            let drugs = profile.lymphodepletion.drugs.map { tr(source: $0.name) }
            let named = drugs.count == 2 ? tr("\(drugs[0]) and \(drugs[1])") : drugs.joined(separator: tr(", "))
            return tr("For \(profile.lymphodepletion.days) days you get chemotherapy (\(named)) to make room in your body for the new cells.")
        case .infusion:
            return tr("Your own changed cells are given back to you through a drip, in one session.")
        case .shortTermMonitoring:
            return tr("The care team watches you closely for side effects. You must stay within reach of the treatment center for \(weeks(w.stayNearCenterDays)) weeks after the infusion, with a caregiver nearby.")
        case .longTermFollowUp:
            return tr("Regular visits check how the treatment is working and how you are, for many years.")
        case .notEligible, .collectionFailed, .manufacturingFailed, .outOfSpecification, .notInfused, .followUpEnded:
            return tr("Your care team will talk with you about what happens next.")
        }
    }

    static func status(_ status: JourneyPlan.Step.Status) -> String {
        switch status {
        case .done: tr("Done")
        case .inProgress: tr("Happening now")
        case .planned: tr("Coming up")
        case .overdue: tr("Running late: the center will be in touch")
        case .notReached: tr("Later")
        case .cancelled: tr("Not needed")
        }
    }

    private static func weeks(_ days: Int) -> Int { max(1, Int((Double(days) / 7).rounded())) }
}
