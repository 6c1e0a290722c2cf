import Crypto
import Foundation

/// Time-based one-time passwords as authenticator apps compute them: RFC 6238 over RFC 4226's HOTP,
/// with HMAC-SHA-1, a 30-second step counted from the Unix epoch and 6 digits — the parameters every
/// common authenticator app assumes when it reads an `otpauth://totp/` URI.
///
/// HOTP(K, C) = Truncate(HMAC-SHA-1(K, C)) mod 10^digits, where C is the 8-byte big-endian counter and
/// Truncate takes the 31 bits at the offset named by the digest's last nibble (RFC 4226 §5.3). TOTP sets
/// C = floor(unixTime / 30) (RFC 6238 §4.2).
public enum TimeBasedOneTimePassword {
    public static let step: TimeInterval = 30
    public static let digits = 6

    /// The counter (time step) an instant falls in.
    public static func counter(at date: Date) -> Int64 {
        Int64((date.timeIntervalSince1970 / step).rounded(.down))
    }

    /// The code for a counter, zero-padded to `digits`.
    public static func code(secret: [UInt8], counter: Int64, digits: Int = digits) -> String {
        var big = UInt64(bitPattern: counter).bigEndian
        let message = withUnsafeBytes(of: &big) { Data($0) }
        let mac = Array(HMAC<Insecure.SHA1>.authenticationCode(for: message, using: SymmetricKey(data: secret)))
        let offset = Int(mac[mac.count - 1] & 0x0f)
        let binary = (UInt32(mac[offset] & 0x7f) << 24) | (UInt32(mac[offset + 1]) << 16) | (UInt32(mac[offset + 2]) << 8) | UInt32(mac[offset + 3])
        var modulus: UInt32 = 1
        for _ in 0..<digits { modulus *= 10 }
        let value = String(binary % modulus)
        return String(repeating: "0", count: max(0, digits - value.count)) + value
    }

    /// The counter whose code `code` is, looking one step either side of `date` for clock drift, or nil.
    /// A counter at or before `usedUpTo` is refused, so a code seen over a shoulder cannot be used again.
    public static func matchingCounter(_ code: String, secret: [UInt8], at date: Date, usedUpTo: Int64?) -> Int64? {
        let trimmed = code.filter { !$0.isWhitespace }
        guard trimmed.count == digits, trimmed.allSatisfy(\.isASCII), trimmed.allSatisfy(\.isNumber) else { return nil }
        let now = counter(at: date)
        for c in [now, now - 1, now + 1] where c > (usedUpTo ?? Int64.min) {
            // Compared in constant time: every character, whatever the first difference.
            let expected = Array(self.code(secret: secret, counter: c).utf8)
            if zip(expected, Array(trimmed.utf8)).reduce(0, { $0 | ($1.0 ^ $1.1) }) == 0 { return c }
        }
        return nil
    }

    /// A new random secret of 20 bytes (160 bits, RFC 4226 §4's recommended length).
    public static func newSecret() -> [UInt8] {
        var g = SystemRandomNumberGenerator()
        return (0..<20).map { _ in UInt8.random(in: 0...255, using: &g) }
    }

    /// The URI an authenticator app reads (the de facto `otpauth` format, as published for Google
    /// Authenticator): issuer and account in the label, the secret in base32 without padding.
    public static func uri(secret: [UInt8], account: String, issuer: String) -> String {
        let allowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-._~@"))
        let label = (issuer + ":" + account).addingPercentEncoding(withAllowedCharacters: allowed.union(CharacterSet(charactersIn: ":"))) ?? account
        let iss = issuer.addingPercentEncoding(withAllowedCharacters: allowed) ?? issuer
        return "otpauth://totp/\(label)?secret=\(Base32.encode(secret))&issuer=\(iss)&algorithm=SHA1&digits=\(digits)&period=\(Int(step))"
    }
}

/// RFC 4648 §6 base32 (alphabet A–Z, 2–7), written without padding as authenticator apps expect, read
/// case-insensitively with spaces and padding ignored.
public enum Base32 {
    static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")

    public static func encode(_ bytes: [UInt8]) -> String {
        var out = "", buffer: UInt32 = 0, bits = 0
        for b in bytes {
            buffer = (buffer << 8) | UInt32(b); bits += 8
            while bits >= 5 {
                out.append(alphabet[Int((buffer >> UInt32(bits - 5)) & 31)]); bits -= 5
            }
        }
        if bits > 0 { out.append(alphabet[Int((buffer << UInt32(5 - bits)) & 31)]) }
        return out
    }

    public static func decode(_ text: String) -> [UInt8]? {
        var out: [UInt8] = [], buffer: UInt32 = 0, bits = 0
        for ch in text.uppercased() where ch != " " && ch != "=" {
            guard let v = alphabet.firstIndex(of: ch) else { return nil }
            buffer = (buffer << 5) | UInt32(v); bits += 5
            if bits >= 8 { out.append(UInt8((buffer >> UInt32(bits - 8)) & 0xff)); bits -= 8 }
        }
        return out
    }
}
