import Foundation

/// Photos as a phone sends them, written outside Swift (Python's `struct` and `zlib`), each with the
/// metadata a phone adds and its expected clean form.
public enum PhotoFixtures {
    /// SOI, APP0 (JFIF), APP1 (Exif with a GPS latitude), COM, APP14 (Adobe), DQT, SOF0, SOS, data
    /// with a stuffed FF00 and a restart marker, EOI.
    public static let jpeg = Data(base64Encoded: "/9j/4AAQSkZJRgABAQAAAQABAAD/4QAgRXhpZgAATU0AKkdQU0xhdGl0dWRlIDMxLjIzMDRO//4AE2hvbWUgYWRkcmVzcyBoZXJl/+4ADkFkb2JlAGQAAAAAAf/bAEMAAQIDBAUGBwgJCgsMDQ4PEBESExQVFhcYGRobHB0eHyAhIiMkJSYnKCkqKywtLi8wMTIzNDU2Nzg5Ojs8PT4/QP/AAAsIAAEAAQEBEQD/2gAIAQEAAD8AEjT/AFb/0Hj/2Q==")!
    /// The same without APP1 and COM.
    public static let cleanJPEG = Data(base64Encoded: "/9j/4AAQSkZJRgABAQAAAQABAAD/7gAOQWRvYmUAZAAAAAAB/9sAQwABAgMEBQYHCAkKCwwNDg8QERITFBUWFxgZGhscHR4fICEiIyQlJicoKSorLC0uLzAxMjM0NTY3ODk6Ozw9Pj9A/8AACwgAAQABAQERAP/aAAgBAQAAPwASNP8AVv/QeP/Z")!
    /// A 1×1 grey PNG with a tEXt chunk (a place) and an eXIf chunk, CRCs by zlib.
    public static let png = Data(base64Encoded: "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAAAAAA6fptVAAAAI3RFWHRDb21tZW50AHRha2VuIGF0IDMxLjIzMDROIDEyMS40NzM3RYBZ+JUAAAALZVhJZk1NACpHUFNJTkZPf6gsDQAAAApJREFUeJxjaAAAAIIAgXfNcrYAAAAASUVORK5CYII=")!
    public static let cleanPNG = Data(base64Encoded: "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAAAAAA6fptVAAAACklEQVR4nGNoAAAAggCBd81ytgAAAABJRU5ErkJggg==")!
}
