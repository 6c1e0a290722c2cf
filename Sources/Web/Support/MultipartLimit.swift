import Foundation
import Vapor

/// A cap on the parts of a `multipart/form-data` body, checked on the raw bytes before the body is
/// decoded. The decoder's time grows with the square of the number of parts (measured here: 40,000
/// one-byte parts in a 5 MB body took 42 s of CPU), and a form of Cartograph's has at most a dozen.
enum MultipartLimit {
    static let maximumParts = 64

    /// Refuses (400) a multipart body with more than `maximumParts` parts; other bodies pass.
    static func check(_ req: Request) throws {
        guard let type = req.headers.contentType, type.type == "multipart",
              let boundary = type.parameters["boundary"], !boundary.isEmpty, let body = req.body.data else { return }
        let marker = Data(("--" + boundary).utf8)
        let bytes = Data(buffer: body)
        var count = 0
        var from = bytes.startIndex
        while let found = bytes.range(of: marker, in: from..<bytes.endIndex) {
            count += 1
            // The closing delimiter counts once more than the parts.
            guard count <= maximumParts + 1 else {
                throw Abort(.badRequest, reason: "the form has more than \(maximumParts) parts")
            }
            from = found.upperBound
        }
    }
}
