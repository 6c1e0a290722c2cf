@testable import CartographCore
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
        // Structure without a picture: only SOI and EOI; image data before any frame header; a PNG
        // declaring 0 × 0 or 2³¹−1 × 2³¹−1 pixels; a PNG whose only IDAT is empty.
        #expect(problem(Data([0xFF, 0xD8, 0xFF, 0xD9])) == .damaged("no image data"))
        let sos: [UInt8] = [0xFF, 0xDA, 0x00, 0x08, 0x01, 0x01, 0x00, 0x00, 0x3F, 0x00]
        #expect(problem(Data([0xFF, 0xD8] + sos + [0x12, 0x34, 0xFF, 0xD9])) == .damaged("image data before any frame header"))
        func chunk(_ type: String, _ data: [UInt8]) -> [UInt8] {
            let body = Array(type.utf8) + data
            let crc = HandwritingPhoto.crc32(body[...])
            return [UInt8(data.count >> 24 & 0xFF), UInt8(data.count >> 16 & 0xFF), UInt8(data.count >> 8 & 0xFF), UInt8(data.count & 0xFF)]
                + body + [UInt8(crc >> 24 & 0xFF), UInt8(crc >> 16 & 0xFF), UInt8(crc >> 8 & 0xFF), UInt8(crc & 0xFF)]
        }
        let signature = Array(Self.png.prefix(8))
        func header(_ side: UInt32) -> [UInt8] {
            let s = [UInt8(side >> 24 & 0xFF), UInt8(side >> 16 & 0xFF), UInt8(side >> 8 & 0xFF), UInt8(side & 0xFF)]
            return chunk("IHDR", s + s + [8, 0, 0, 0, 0])
        }
        let idat = Array(Self.cleanPNG[33..<(Self.cleanPNG.count - 12)])
        #expect(problem(Data(signature + header(1) + idat + chunk("IEND", []))) == nil, "the rebuilt 1 × 1 PNG is valid")
        #expect(problem(Data(signature + header(0) + idat + chunk("IEND", []))) == .damaged("0 × 0 pixels"))
        #expect(problem(Data(signature + header(0x7FFF_FFFF) + idat + chunk("IEND", []))) == .damaged("2147483647 × 2147483647 pixels"))
        #expect(problem(Data(signature + header(1) + chunk("IDAT", []) + chunk("IEND", []))) == .damaged("no image data"))
        // The size in the message has a decimal: 5 MB and 1 byte is not "5 MB".
        #expect(HandwritingPhoto.Problem.tooLarge(5 * 1_048_576 + 1).description == "the photo is 5.0 MB; at most 5 MB")
        #expect(HandwritingPhoto.Problem.tooLarge(6_186_598).description == "the photo is 5.9 MB; at most 5 MB")
        // A PNG signature followed by a chunk that is not IHDR.
        let noHeader = Data(Self.png.prefix(8)) + Data(Self.png[33...])
        if case .damaged? = problem(noHeader) {} else { Issue.record("a PNG without IHDR first was accepted") }
    }
}
