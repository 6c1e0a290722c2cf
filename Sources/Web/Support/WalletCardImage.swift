import Foundation
import Vapor

/// Draws the wallet card as a PNG for the phone, with the headless Chromium the server is given
/// (`Settings.chromium`): the card's page (no script: every value in it is escaped) is written to a
/// private temporary folder and Chromium screenshots it at twice the pixel density, with every host
/// name unresolvable, so the drawing can reach nothing outside the page. One drawing at a time, each
/// stopped after 30 s. (Chromium 156's `--blink-settings=scriptEnabled=false` stops its screenshot
/// from being written, so scripts are not switched off by flag.)
actor WalletCardImage {
    static let shared = WalletCardImage()
    /// CSS pixels of the window: the card (24 rem wide on screen) with every row, long names wrapped, and a margin.
    static let width = 420, height = 400

    enum Failure: Error { case unavailable, failed(String) }

    func png(html: String, chromium: String) async throws -> Data {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cartograph-card-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: false,
                                                attributes: [.posixPermissions: 0o700])
        defer { try? FileManager.default.removeItem(at: folder) }
        let page = folder.appendingPathComponent("card.html"), image = folder.appendingPathComponent("card.png")
        try Data(html.utf8).write(to: page)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: chromium)
        process.arguments = ["--headless=new", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run",
                             "--disable-extensions", "--host-resolver-rules=MAP * ~NOTFOUND",
                             "--user-data-dir=\(folder.appendingPathComponent("profile").path)",
                             "--force-device-scale-factor=2", "--window-size=\(Self.width),\(Self.height)",
                             "--screenshot=\(image.path)", page.absoluteString]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(30)
        while process.isRunning {
            if Date() > deadline { process.terminate(); throw Failure.failed("Chromium took more than 30 s") }
            try await Task.sleep(nanoseconds: 50_000_000)
        }
        guard process.terminationStatus == 0, let data = try? Data(contentsOf: image),
              data.starts(with: [0x89, 0x50, 0x4E, 0x47]) else {
            throw Failure.failed("Chromium ended with status \(process.terminationStatus) and no image")
        }
        return data
    }
}
