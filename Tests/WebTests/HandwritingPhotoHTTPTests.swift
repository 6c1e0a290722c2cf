import CartographCore
import Fluent
import Foundation
import NIOCore
import Store
import Testing
import TestSupport
import Vapor
import VaporTesting
@testable import Web

/// The self-check's handwriting photo over HTTP: sent from the phone's form, stored without its
/// metadata, seen by clinical staff of the center only, each view audited.
@Suite("Handwriting photo over HTTP", .serialized)
struct HandwritingPhotoHTTPTests {
    static func multipart(_ fields: [(String, String)], file: (name: String, type: String, data: Data)?) -> (String, ByteBuffer) {
        let boundary = "----cartograph-test-\(UUID().uuidString)"
        var body = Data()
        for (name, value) in fields {
            body += Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n".utf8)
        }
        if let file {
            body += Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"handwriting\"; filename=\"\(file.name)\"\r\nContent-Type: \(file.type)\r\n\r\n".utf8)
            body += file.data + Data("\r\n".utf8)
        }
        body += Data("--\(boundary)--\r\n".utf8)
        return ("multipart/form-data; boundary=\(boundary)", ByteBuffer(data: body))
    }

    func send(_ app: Application, _ session: (cookie: String, csrf: String), file: (name: String, type: String, data: Data)?) async throws -> TestingHTTPResponse {
        let (type, body) = Self.multipart([("_csrf", session.csrf), ("recordedAt", SelfCheckTests.local(Date().addingTimeInterval(-600))),
                                           ("temperatureC", "37.2"), ("troubleSpeakingOrWriting", "true")], file: file)
        var captured: TestingHTTPResponse?
        try await app.testing().test(.POST, "/me/check", headers: ["Cookie": "cartograph-session=\(session.cookie)", "Content-Type": type],
                                     body: body) { captured = $0 }
        return captured!
    }

    @Test("a photo with Exif is stored without it; the nurse sees it from the patient page; views are audited")
    func stored() async throws {
        try await withTestApp(today: SelfCheckTests.today.description) { app in
            // setup
            let (_, _, patient, session) = try await SelfCheckTests.setUp(app)
            // MUT
            let res = try await send(app, session, file: ("IMG_0001.JPG", "image/jpeg", PhotoFixtures.jpeg))
            #expect(res.status == .seeOther, "\(res.status): \(res.body.string.prefix(300))")
            // validate: stored clean, linked from the patient page, served to the nurse
            let stored = try #require(try await SelfCheckPhotoRecord.query(on: app.db).first())
            #expect(stored.bytes == PhotoFixtures.cleanJPEG && stored.contentType == "image/jpeg")
            let nurse = try await app.signIn(Fixtures.email(.nurse, center: "C01"))
            let page = try await app.page("/patients/\(patient)", cookie: nurse.cookie).body.string
            let link = "/patients/\(patient)/self-checks/\(stored.selfCheckID)/photo"
            #expect(page.contains("href=\"\(link)\""))
            let photo = try await app.page(link, cookie: nurse.cookie)
            #expect(photo.status == .ok && photo.headers.contentType?.description == "image/jpeg")
            #expect(Data(buffer: photo.body) == PhotoFixtures.cleanJPEG)
            #expect(photo.headers.first(name: .cacheControl) == "no-store")
            #expect(try await AuditEvent.query(on: app.db).filter(\.$action == "selfCheck.photoAttached").count() == 1)
            #expect(try await AuditEvent.query(on: app.db).filter(\.$action == "selfCheck.photoViewed").count() == 1)
            // refused: manufacturing, another center, the patient's own account (staff route), a wrong ID
            let manufacturing = try await app.signIn(Fixtures.email(.manufacturing, center: "C01"))
            #expect(try await app.page(link, cookie: manufacturing.cookie).status == .forbidden)
            let other = try await app.signIn(Fixtures.email(.nurse, center: "C02"))
            #expect(try await app.page(link, cookie: other.cookie).status == .notFound)
            #expect(try await app.page(link, cookie: session.cookie).status == .forbidden)
            #expect(try await app.page("/patients/\(patient)/self-checks/\(UUID())/photo", cookie: nurse.cookie).status == .notFound)
        }
    }

    @Test("not a photo, a damaged one, or a file that only claims to be a JPEG: refused beside the field, nothing stored")
    func refused() async throws {
        try await withTestApp(today: SelfCheckTests.today.description) { app in
            let (_, _, _, session) = try await SelfCheckTests.setUp(app)
            for file in [("notes.txt", "text/plain", Data("Today is a good day".utf8)),
                         ("fake.jpg", "image/jpeg", Data("<svg onload=alert(1)></svg>".utf8)),
                         ("cut.png", "image/png", PhotoFixtures.png.prefix(40))] {
                let res = try await send(app, session, file: file)
                #expect(res.status == .unprocessableEntity, "\(file.0): \(res.status)")
                #expect(FormRuleTests.errorBeside("handwriting", in: res.body.string) != nil, "\(file.0)")
            }
            #expect(try await SelfCheckRecord.query(on: app.db).count() == 0)
            #expect(try await SelfCheckPhotoRecord.query(on: app.db).count() == 0)
            // No photo at all is fine.
            #expect(try await send(app, session, file: nil).status == .seeOther)
        }
    }

    @Test("a form of a hundred parts is refused before it is decoded; a symptom box with a value other than true is refused, not taken as no")
    func formShape() async throws {
        try await withTestApp(today: SelfCheckTests.today.description) { app in
            let (_, _, _, session) = try await SelfCheckTests.setUp(app)
            let fields = [("_csrf", session.csrf), ("recordedAt", SelfCheckTests.local(Date().addingTimeInterval(-600))), ("temperatureC", "37.2")]
            let (type, body) = Self.multipart(fields + (0..<100).map { ("x\($0)", "c") }, file: nil)
            var status = HTTPStatus.ok
            try await app.testing().test(.POST, "/me/check", headers: ["Cookie": "cartograph-session=\(session.cookie)", "Content-Type": type],
                                         body: body) { status = $0.status }
            #expect(status == .badRequest)
            let (type2, body2) = Self.multipart(fields + [("chills", "yes")], file: nil)
            var refused: TestingHTTPResponse?
            try await app.testing().test(.POST, "/me/check", headers: ["Cookie": "cartograph-session=\(session.cookie)", "Content-Type": type2],
                                         body: body2) { refused = $0 }
            #expect(refused?.status == .unprocessableEntity)
            #expect(refused?.body.string.contains("tick the box or leave it empty") == true)
            #expect(try await SelfCheckRecord.query(on: app.db).count() == 0)
        }
    }
}
