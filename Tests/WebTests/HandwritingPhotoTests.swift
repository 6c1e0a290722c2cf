import CartographCore
import Foundation
import Testing
import TestSupport

/// The handwriting photo (`HandwritingPhoto` in CartographCore): JPEG and PNG read by their structure,
/// and where and when they were taken removed. Fixtures: `PhotoFixtures`.
@Suite("Handwriting photo")
struct HandwritingPhotoTests {
    static let jpeg = PhotoFixtures.jpeg, cleanJPEG = PhotoFixtures.cleanJPEG, png = PhotoFixtures.png, cleanPNG = PhotoFixtures.cleanPNG

    @Test("a JPEG keeps its picture and loses Exif and comments; a PNG loses its text and eXIf chunks")
    func stripped() throws {
        let j = try HandwritingPhoto(reading: Self.jpeg)
        #expect(j.format == .jpeg && j.bytes == Self.cleanJPEG)
        #expect(j.bytes.range(of: Data("GPS".utf8)) == nil && j.bytes.range(of: Data("home".utf8)) == nil)
        let p = try HandwritingPhoto(reading: Self.png)
        #expect(p.format == .png && p.bytes == Self.cleanPNG)
        #expect(p.bytes.range(of: Data("31.2304".utf8)) == nil)
        // Already clean stays as it is.
        #expect(try HandwritingPhoto(reading: Self.cleanPNG).bytes == Self.cleanPNG)
        #expect(try HandwritingPhoto(reading: Self.cleanJPEG).bytes == Self.cleanJPEG)
    }

    @Test("refused: empty, too large, not an image (GIF, text, a renamed file), truncated, a bad checksum, no header")
    func refused() {
        func problem(_ d: Data) -> HandwritingPhoto.Problem? {
            do { _ = try HandwritingPhoto(reading: d); return nil } catch { return error as? HandwritingPhoto.Problem }
        }
        #expect(problem(Data()) == .empty)
        #expect(problem(Data(count: HandwritingPhoto.maximumBytes + 1)) == .tooLarge(HandwritingPhoto.maximumBytes + 1))
        #expect(problem(Data("GIF89a\u{01}\u{00}".utf8)) == .notAnImage)
        #expect(problem(Data("<svg onload=alert(1)>".utf8)) == .notAnImage)
        for cut in [4, 30, Self.jpeg.count - 1] {
            if case .damaged? = problem(Self.jpeg.prefix(cut)) {} else { Issue.record("JPEG cut at \(cut) accepted") }
        }
        for cut in [12, 40, Self.png.count - 4] {
            if case .damaged? = problem(Self.png.prefix(cut)) {} else { Issue.record("PNG cut at \(cut) accepted") }
        }
        var corrupted = Self.png
        corrupted[20] ^= 0xFF   // inside IHDR's data
        if case .damaged? = problem(corrupted) {} else { Issue.record("a PNG with a bad CRC was accepted") }
        // A PNG signature followed by a chunk that is not IHDR.
        let noHeader = Data(Self.png.prefix(8)) + Data(Self.png[33...])
        if case .damaged? = problem(noHeader) {} else { Issue.record("a PNG without IHDR first was accepted") }
    }
}
