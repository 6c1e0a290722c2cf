import Foundation
import Testing
@testable import CartographCore

@Suite("Electronic signatures and canonical bytes")
struct CustodySignatureTests {
    struct Sample: Codable {
        var zeta: Int
        var alpha: String
        var when: Date
        var path: String
    }

    @Test("canonical JSON sorts keys, has no whitespace, keeps slashes and writes UTC milliseconds")
    func canonicalBytes() throws {
        // setup: 86 400 s after the epoch is 1970-01-02T00:00:00.000Z; 0.25 s later adds .250
        let sample = Sample(zeta: 1, alpha: "a", when: Date(timeIntervalSince1970: 86_400.25), path: "a/b")
        // MUT
        let text = String(decoding: try CustodyCanonicalJSON.bytes(of: sample), as: UTF8.self)
        // validate (written by hand)
        #expect(text == #"{"alpha":"a","path":"a/b","when":"1970-01-02T00:00:00.250Z","zeta":1}"#)
    }

    @Test("timestamps before the epoch count down correctly")
    func negativeTimestamp() {
        // setup / MUT / validate: one millisecond before the epoch is 1969-12-31T23:59:59.999Z
        #expect(CustodyCanonicalJSON.timestamp(Date(timeIntervalSince1970: -0.001)) == "1969-12-31T23:59:59.999Z")
        // 2026-03-01T00:00Z = day 20 513 (see CustodyFixture.base) plus 13:45:30 = 49 530 s
        #expect(CustodyCanonicalJSON.timestamp(CustodyFixture.base.addingTimeInterval(49_530)) == "2026-03-01T13:45:30.000Z")
    }

    @Test("each role signs only its meanings")
    func roleMeanings() throws {
        // setup / MUT / validate
        #expect(Role.qa.permittedSignatureMeanings == [.qaRelease, .exceptionalRelease, .qaRejection, .custodyHandover, .deviationClosure])
        #expect(Role.nurse.permittedSignatureMeanings == [.bedsideVerification, .custodyHandover])
        #expect(Role.physician.permittedSignatureMeanings == [.bedsideVerification, .custodyHandover, .physicianRequest])
        #expect(Role.statistician.permittedSignatureMeanings.isEmpty)
        #expect(Role.admin.permittedSignatureMeanings.isEmpty)
        #expect(throws: SignatureRequestError.roleMayNotSign(role: .nurse, meaning: .deviationClosure)) {
            try SignatureRequest(signerID: "n-1", signerName: "N. Nurse", role: .nurse, meaning: .deviationClosure,
                                 signedAt: CustodyFixture.base, record: ["deviation": 1])
        }
        #expect(throws: SignatureRequestError.missingSigner(field: "signerName")) {
            try SignatureRequest(signerID: "q-1", signerName: " ", role: .qa, meaning: .qaRelease,
                                 signedAt: CustodyFixture.base, record: ["lot": "LOT-1"])
        }
    }

    @Test("the manifest changes when one byte of the record changes, and shows name, role, time and meaning")
    func manifest() throws {
        // setup
        let a = try SignatureRequest(signerID: "q-1", signerName: "Q. Reviewer", role: .qa, meaning: .qaRelease,
                                     signedAt: CustodyFixture.base, record: ["lot": "LOT-1"])
        let b = try SignatureRequest(signerID: "q-1", signerName: "Q. Reviewer", role: .qa, meaning: .qaRelease,
                                     signedAt: CustodyFixture.base, record: ["lot": "LOT-2"])
        // MUT
        let ma = try a.manifestBytes(), mb = try b.manifestBytes()
        // validate
        #expect(ma != mb)
        #expect(try a.manifestBytes() == ma)
        #expect(a.recordCanonicalBytes == Data(#"{"lot":"LOT-1"}"#.utf8))
        #expect(a.manifestation == "Signed by Q. Reviewer (Quality assurance) on 2026-03-01T00:00:00.000Z — QA release")
    }
}
