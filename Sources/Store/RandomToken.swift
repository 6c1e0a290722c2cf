import Foundation

/// A secret for a session key or an API token: `bytes` bytes from the system's cryptographic
/// generator, as URL-safe base64 without padding (fits a cookie, a header and a URL unescaped).
func randomURLSafeToken(bytes count: Int = 32) -> String {
    var generator = SystemRandomNumberGenerator()
    let bytes = (0..<count).map { _ in UInt8.random(in: 0...255, using: &generator) }
    return Data(bytes).base64EncodedString()
        .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
}
