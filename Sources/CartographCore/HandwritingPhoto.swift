import Foundation

/// A photograph of the handwriting prompt, as a patient's phone takes it: checked to be a JPEG or a PNG
/// by its structure (not by the name or the type the browser claims), and stripped of everything but
/// the picture before it is stored.
///
/// Phones write where and when a photo was taken into it (Exif GPS tags in a JPEG's APP1 segment,
/// `eXIf` and text chunks in a PNG). A patient's home address has no place in the record, so those are
/// removed: a JPEG keeps only its JFIF (APP0) and Adobe colour (APP14) headers and the image segments
/// (ITU-T T.81, Annex B); a PNG keeps only the critical chunks and the colour and transparency ones
/// (PNG specification, 3rd edition, §5.6 and §11).
public struct HandwritingPhoto: Sendable, Equatable {
    public enum Format: String, Sendable { case jpeg = "image/jpeg", png = "image/png" }

    public var format: Format
    /// The picture without its metadata.
    public var bytes: Data

    /// Five megabytes: a phone photo of a line of writing, with room to spare.
    public static let maximumBytes = 5 * 1024 * 1024
    /// The longest side a photo may declare, in pixels (a 200-megapixel phone camera is 16,320 wide);
    /// larger is a file made to exhaust the browser that opens it.
    public static let largestSide = 20_000

    public enum Problem: Error, Equatable, CustomStringConvertible {
        case empty, tooLarge(Int), notAnImage, damaged(String)
        public var description: String {
            switch self {
            case .empty: "the photo is empty"
            case .tooLarge(let n): "the photo is \(String(format: "%.1f", Double(n) / 1_048_576)) MB; at most 5 MB"
            case .notAnImage: "choose a photo (JPEG or PNG)"
            case .damaged(let why): "the photo could not be read (\(why)); take it again"
            }
        }
    }

    public init(reading data: Data) throws {
        guard !data.isEmpty else { throw Problem.empty }
        guard data.count <= Self.maximumBytes else { throw Problem.tooLarge(data.count) }
        let b = [UInt8](data)
        if b.count >= 3, b[0] == 0xFF, b[1] == 0xD8, b[2] == 0xFF {
            format = .jpeg
            bytes = try Self.cleanJPEG(b)
        } else if b.count >= 8, b[0..<8].elementsEqual([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) {
            format = .png
            bytes = try Self.cleanPNG(b)
        } else {
            throw Problem.notAnImage
        }
    }

    /// JPEG: SOI, then marker segments (`FF xx`, a big-endian length that counts itself) up to SOS,
    /// after which the entropy-coded data runs to EOI and is copied whole.
    static func cleanJPEG(_ b: [UInt8]) throws -> Data {
        var out: [UInt8] = [0xFF, 0xD8]
        var i = 2
        var frame = false
        while i < b.count {
            guard b[i] == 0xFF else { throw Problem.damaged("no marker at byte \(i)") }
            // Fill bytes (FF FF …) may pad before a marker.
            var j = i + 1
            while j < b.count, b[j] == 0xFF { j += 1 }
            guard j < b.count else { throw Problem.damaged("ends inside a marker") }
            let marker = b[j]
            i = j + 1
            switch marker {
            case 0xD9:
                // The end of the image before any image data: there is no picture.
                throw Problem.damaged("no image data")
            case 0xD0...0xD7, 0x01:
                out += [0xFF, marker]
                continue
            default:
                guard i + 1 < b.count else { throw Problem.damaged("ends inside a segment") }
                let length = Int(b[i]) << 8 | Int(b[i + 1])
                guard length >= 2, i + length <= b.count else { throw Problem.damaged("a segment runs past the end") }
                let segment = b[(i - 2)..<(i + length)]
                if (0xC0...0xCF).contains(marker), ![0xC4, 0xC8, 0xCC].contains(marker) {
                    // A frame header (SOFn): precision, height, width; a picture has both dimensions.
                    guard length >= 8 else { throw Problem.damaged("a frame header is too short") }
                    let height = Int(b[i + 3]) << 8 | Int(b[i + 4]), width = Int(b[i + 5]) << 8 | Int(b[i + 6])
                    guard (1...Self.largestSide).contains(width), (1...Self.largestSide).contains(height) else {
                        throw Problem.damaged("\(width) × \(height) pixels")
                    }
                    frame = true
                }
                // APP1–APP15 (Exif, XMP, maker notes …) go, except APP14 (Adobe colour transform); comments go.
                let metadata = (0xE1...0xEF).contains(marker) && marker != 0xEE || marker == 0xFE
                if !metadata { out += segment }
                i += length
                if marker == 0xDA {
                    guard frame else { throw Problem.damaged("image data before any frame header") }
                    guard b.count - i > 2 else { throw Problem.damaged("no image data") }
                    // Entropy-coded data: copy to the end of the file; EOI is in it.
                    out += b[i...]
                    guard b.count >= 2, b[b.count - 2] == 0xFF, b[b.count - 1] == 0xD9 else { throw Problem.damaged("no end of image") }
                    return Data(out)
                }
            }
        }
        throw Problem.damaged("no end of image")
    }

    /// PNG: the signature, then chunks (length, type, data, CRC) to IEND. Ancillary chunks other than
    /// colour and transparency information are dropped; every kept chunk's CRC is checked.
    static func cleanPNG(_ b: [UInt8]) throws -> Data {
        let kept: Set<String> = ["IHDR", "PLTE", "IDAT", "IEND", "tRNS", "gAMA", "cHRM", "sRGB", "iCCP", "sBIT", "pHYs"]
        var out = Array(b[0..<8])
        var i = 8
        var sawHeader = false
        var imageBytes = 0
        while i + 12 <= b.count {
            let length = Int(b[i]) << 24 | Int(b[i + 1]) << 16 | Int(b[i + 2]) << 8 | Int(b[i + 3])
            guard length >= 0, i + 12 + length <= b.count else { throw Problem.damaged("a chunk runs past the end") }
            let typeBytes = b[(i + 4)..<(i + 8)]
            guard typeBytes.allSatisfy({ (0x41...0x5A).contains($0) || (0x61...0x7A).contains($0) }) else { throw Problem.damaged("a chunk has no name") }
            let type = String(decoding: typeBytes, as: UTF8.self)
            if !sawHeader {
                guard type == "IHDR", length == 13 else { throw Problem.damaged("no header") }
                let width = Int(b[i + 8]) << 24 | Int(b[i + 9]) << 16 | Int(b[i + 10]) << 8 | Int(b[i + 11])
                let height = Int(b[i + 12]) << 24 | Int(b[i + 13]) << 16 | Int(b[i + 14]) << 8 | Int(b[i + 15])
                guard (1...Self.largestSide).contains(width), (1...Self.largestSide).contains(height) else {
                    throw Problem.damaged("\(width) × \(height) pixels")
                }
                sawHeader = true
            }
            if type == "IDAT" { imageBytes += length }
            let crc = UInt32(b[i + 8 + length]) << 24 | UInt32(b[i + 9 + length]) << 16 | UInt32(b[i + 10 + length]) << 8 | UInt32(b[i + 11 + length])
            guard crc == Self.crc32(b[(i + 4)..<(i + 8 + length)]) else { throw Problem.damaged("\(type) fails its checksum") }
            if kept.contains(type) { out += b[i..<(i + 12 + length)] }
            i += 12 + length
            if type == "IEND" {
                guard imageBytes > 0 else { throw Problem.damaged("no image data") }
                return Data(out)
            }
        }
        throw Problem.damaged("no end of image")
    }

    /// CRC-32 as PNG uses it (ISO 3309 polynomial 0xEDB88320, reflected).
    static func crc32(_ bytes: ArraySlice<UInt8>) -> UInt32 {
        var c: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            c ^= UInt32(byte)
            for _ in 0..<8 { c = c & 1 == 1 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
        }
        return c ^ 0xFFFF_FFFF
    }
}
