import Foundation
import PropertyBased
import Store
import Testing

/// One-time passwords against the published test vectors: RFC 4226 Appendix D (HOTP), RFC 6238
/// Appendix B (TOTP, SHA-1) and RFC 4648 §10 (base32).
@Suite("Time-based one-time passwords")
struct TimeBasedOneTimePasswordTests {
    static let rfcSecret = Array("12345678901234567890".utf8)

    @Test("RFC 4226 Appendix D: HOTP values for counters 0–9")
    func hotp() {
        let expected = ["755224", "287082", "359152", "969429", "338314", "254676", "287922", "162583", "399871", "520489"]
        #expect((0..<10).map { TimeBasedOneTimePassword.code(secret: Self.rfcSecret, counter: Int64($0)) } == expected)
    }

    @Test("RFC 6238 Appendix B: 8-digit SHA-1 codes at its six times, including past 2038")
    func totp() {
        let vectors: [(TimeInterval, String)] = [(59, "94287082"), (1_111_111_109, "07081804"), (1_111_111_111, "14050471"),
                                                 (1_234_567_890, "89005924"), (2_000_000_000, "69279037"), (20_000_000_000, "65353130")]
        for (t, code) in vectors {
            let counter = TimeBasedOneTimePassword.counter(at: Date(timeIntervalSince1970: t))
            #expect(TimeBasedOneTimePassword.code(secret: Self.rfcSecret, counter: counter, digits: 8) == code, "T = \(t)")
        }
    }

    @Test("RFC 4648 §10: base32 of the empty string to \"foobar\", without padding, read back case-insensitively")
    func base32() {
        let vectors = [("", ""), ("f", "MY"), ("fo", "MZXQ"), ("foo", "MZXW6"), ("foob", "MZXW6YQ"), ("fooba", "MZXW6YTB"), ("foobar", "MZXW6YTBOI")]
        for (plain, encoded) in vectors {
            #expect(Base32.encode(Array(plain.utf8)) == encoded)
            #expect(Base32.decode(encoded.lowercased() + "======") == Array(plain.utf8))
        }
        #expect(Base32.decode("MZ1W") == nil, "1 is not in the alphabet")
    }

    @Test("a code is accepted one step either side of now, never further, never twice, never with other characters")
    func window() async {
        await propertyCheck(input: Gen.int(in: 1_000_000...3_000_000_000), Gen.int(in: -3...3)) { seconds, offset in
            let now = Date(timeIntervalSince1970: TimeInterval(seconds))
            let secret = Self.rfcSecret
            let counter = TimeBasedOneTimePassword.counter(at: now) + Int64(offset)
            let code = TimeBasedOneTimePassword.code(secret: secret, counter: counter)
            let found = TimeBasedOneTimePassword.matchingCounter(code, secret: secret, at: now, usedUpTo: nil)
            if abs(offset) <= 1 {
                #expect(found == counter)
                #expect(TimeBasedOneTimePassword.matchingCounter(code, secret: secret, at: now, usedUpTo: counter) == nil, "replayed")
            } else if let found {
                // Another step in the window may share the code by chance (1 in 10^6); it is then that step.
                #expect(abs(found - TimeBasedOneTimePassword.counter(at: now)) <= 1)
            }
        }
        let now = Date(timeIntervalSince1970: 59)
        for bad in ["", "12345", "1234567", "12a456", "١٢٣٤٥٦", "94287082"] {
            #expect(TimeBasedOneTimePassword.matchingCounter(bad, secret: Self.rfcSecret, at: now, usedUpTo: nil) == nil, "\(bad)")
        }
    }

    @Test("the otpauth URI names issuer, account and the base32 secret")
    func uri() {
        let uri = TimeBasedOneTimePassword.uri(secret: Array("foobar".utf8), account: "qa@c01.test", issuer: "Cartograph")
        #expect(uri == "otpauth://totp/Cartograph:qa@c01.test?secret=MZXW6YTBOI&issuer=Cartograph&algorithm=SHA1&digits=6&period=30")
    }
}
