import CartographCore
import Crypto
import Foundation

/// Which passwords an account may have, and the exact bytes the hash is taken over.
///
/// NIST SP 800-63B §5.1.1.2: at least 12 characters here (the guideline's floor is 8; a clinical
/// system holding identities asks more), no composition rules, up to 256 characters, every character
/// counts (no silent truncation), refused when on the common-password list or when it contains the
/// account's own e-mail name. NUL is refused: bcrypt's C implementation would stop reading there.
public enum PasswordPolicy {
    public static let minimumLength = 12
    public static let maximumLength = 256

    /// What is wrong with `password` for the account `email`, as field errors on `field`; empty when it is acceptable.
    public static func problems(_ password: String, email: String, field: String = "password") -> [FieldError] {
        var c = FieldErrorCollector()
        c.require(password.count >= minimumLength, field, "at least \(minimumLength) characters (it has \(password.count)); a few unrelated words make a strong one")
        c.require(password.count <= maximumLength, field, "at most \(maximumLength) characters")
        c.require(!password.unicodeScalars.contains("\u{0}"), field, "must not contain a NUL character")
        let lowered = password.lowercased()
        c.require(!CommonPasswords.list.contains(lowered), field, "is one of the most common passwords; choose another")
        let name = email.split(separator: "@").first.map { $0.lowercased() } ?? ""
        c.require(name.count < 4 || !lowered.contains(name), field, "must not contain the account's e-mail name")
        return c.errors
    }

    /// The text bcrypt hashes for `password`. bcrypt reads only 72 bytes, so a longer password is first
    /// reduced to its SHA-256 (base64, 44 bytes, marked): every character of any length then counts.
    /// Passwords of up to 72 bytes hash as themselves, so accounts made before this rule still verify.
    public static func material(_ password: String) -> String {
        let bytes = Array(password.utf8)
        guard bytes.count > 72 else { return password }
        return "sha256:" + Data(SHA256.hash(data: bytes)).base64EncodedString()
    }

    /// True when `password` can be checked at all: a NUL would end bcrypt's reading early, so a password
    /// with one never matches.
    public static func verifiable(_ password: String) -> Bool {
        !password.unicodeScalars.contains("\u{0}") && password.count <= maximumLength
    }
}
