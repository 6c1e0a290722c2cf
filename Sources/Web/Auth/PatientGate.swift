import CartographCore
import Vapor

/// Where a patient's or caregiver's account may go: its own pages under `/me`, and signing out.
/// Everything else refuses it (deny by default), so a page or endpoint added later never reaches a
/// patient account unless it is added here on purpose.
enum PatientGate {
    static func allows(_ path: String) -> Bool {
        path == "/me" || path.hasPrefix("/me/") || path == "/signout"
    }

    static let refusal = "a patient or caregiver account reaches only its own pages, under /me"
}
