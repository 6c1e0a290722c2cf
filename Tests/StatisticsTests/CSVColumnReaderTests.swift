import Foundation
import Testing
@testable import Statistics
import Statistics

/// RFC 4180 behaviour of the CLI's CSV reader.
@Suite struct CSVColumnReaderTests {
    func parse(_ text: String, _ wanted: [String]) throws -> SurvivalColumns {
        let bytes = Array(text.utf8)
        return try bytes.withUnsafeBufferPointer { try CSVColumnReader.parse($0, wanted: wanted) }
    }

    func parseSplit(_ text: String, _ wanted: [String]) throws -> SurvivalColumns {
        let bytes = Array(text.utf8)
        return try bytes.withUnsafeBufferPointer { try CSVColumnReader.parse($0, wanted: wanted, splitAbove: 0) }
    }

    @Test("a file read in pieces gives the same columns in file order, blank lines and CRLF included")
    func piecesJoinInOrder() throws {
        // setup: 1,001 rows with LF and CRLF endings and blank lines, so piece bounds fall anywhere
        var text = "id,t,e\n"
        for i in 1...1001 { text += "\(i),\(i * 3),\(i % 2)" + (i % 7 == 0 ? "\r\n" : "\n") + (i % 50 == 0 ? "\n" : "") }
        // MUT
        let split = try parseSplit(text, ["t", "id"])
        // validate: row i holds id i and time 3i, in order
        #expect(try split.column("id") == (1...1001).map(String.init))
        #expect(try split.column("t") == (1...1001).map { String($0 * 3) })
        #expect(try split.column("t") == (try parse(text, ["t"])).column("t"))
    }

    @Test("the word-at-a-time scan splits fields exactly as a line-by-line split does, whatever their lengths and line ends")
    func wordScanAgreesWithANaiveSplit() throws {
        // setup: 400 records of 4 fields, each 0–11 bytes (so separators land at every offset of
        // an 8-byte word), ended by LF, CRLF or a lone CR, with blank lines between some; the
        // expected cells come from splitting the records built here, not from the reader.
        var generator = SplitMix(seed: 7)
        let alphabet = Array("0123456789-.abXY ".utf8)
        var text = "a,b,c,d\n"
        var expected: [[String]] = [[], [], [], []]
        for r in 0..<400 {
            var cells: [String] = []
            for _ in 0..<4 {
                let length = Int(generator.next() % 12)
                cells.append(String(decoding: (0..<length).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] }, as: UTF8.self))
            }
            for c in 0..<4 { expected[c].append(cells[c]) }
            let end = ["\n", "\r\n", "\r"][Int(generator.next() % 3)]
            text += cells.joined(separator: ",") + (r == 399 && generator.next() % 2 == 0 ? "" : end)
            if generator.next() % 9 == 0, r < 399 { text += "\n" }
        }
        // MUT: in one piece and in pieces
        for columns in [try parse(text, ["d", "a", "c", "b"]), try parseSplit(text, ["d", "a", "c", "b"])] {
            // validate
            #expect(columns.rowCount == 400)
            for (c, name) in ["a", "b", "c", "d"].enumerated() { #expect(try columns.column(name) == expected[c]) }
        }
    }

    @Test("short files, shorter than one word, and a final record without a line end")
    func shortFiles() throws {
        // setup: inputs inline; MUT / validate
        #expect(try parse("t\n5", ["t"]).column("t") == ["5"])
        #expect(try parse("t,e\n1,", ["e"]).column("e") == [""])
        #expect(try parse("t,e\n", ["t"]).rowCount == 0)
        #expect(try parse("t,e\r\n\r\n7,1\r\n", ["t", "e"]).column("e") == ["1"])
        do { _ = try parse("t,e\n1,2,3", ["t"]); Issue.record("three fields accepted") } catch {
            #expect("\(error)" == "row 1: has 3 fields; the header has 2")
        }
    }

    @Test("a bad record in a later piece is named by its row in the whole file")
    func pieceErrorsNameTheFileRow() throws {
        var text = "id,t,e\n"
        for i in 1...1000 { text += i == 900 ? "\(i),5\n" : "\(i),5,1\n" }
        #expect(throws: (any Error).self) { try parseSplit(text, ["t"]) }
        do { _ = try parseSplit(text, ["t"]) } catch {
            #expect("\(error)" == "row 900: has 2 fields; the header has 3")
        }
    }

    @Test func quotedFieldsWithCommasQuotesAndNewlines() throws {
        // setup: RFC 4180 §2.5–2.7 — quoted separators, line breaks and doubled quotes
        let text = "\"id\",\"arm\",t\r\n1,\"A, high dose\",5\r\n2,\"say \"\"B\"\"\",7\r\n3,\"two\nlines\",9\r\n"
        // MUT
        let columns = try parse(text, ["arm", "t"])
        // validate
        #expect(try columns.column("arm") == ["A, high dose", "say \"B\"", "two\nlines"])
        #expect(try columns.column("t") == ["5", "7", "9"])
        #expect(columns.rowCount == 3)
    }

    @Test func emptyCellsAndMissingFinalNewline() throws {
        // setup
        let text = "\u{FEFF}t,e,g\n1,,x\n2,1,\n3,0,y"
        // MUT
        let columns = try parse(text, ["t", "e", "g"])
        // validate
        #expect(try columns.column("e") == ["", "1", "0"])
        #expect(try columns.column("g") == ["x", "", "y"])
    }

    @Test func quotedRecordBetweenPlainRecords() throws {
        // setup: the fast unquoted path backs out of record 2 at its quote and the general
        // scanner re-reads it; record 3 has a quoted line break in an unwanted column
        let text = "a,b,c,note\n1,2,3,x\n4,\"5\",6,y\n7,8,9,\"multi\nline\"\n10,11,12,z\n"
        // MUT
        let columns = try parse(text, ["c", "a", "b"])
        // validate
        #expect(try columns.column("a") == ["1", "4", "7", "10"])
        #expect(try columns.column("b") == ["2", "5", "8", "11"])
        #expect(try columns.column("c") == ["3", "6", "9", "12"])
    }

    @Test func wrongFieldCountNamesTheRow() {
        // setup: inputs inline; MUT / validate
        #expect(throws: CSVColumnReader.ReadError.self) { try parse("t,e\n1,1\n2\n", ["t"]) }
        #expect(throws: CSVColumnReader.ReadError.self) { try parse("t,e\n1,\"1\n", ["t"]) }
    }

    @Test func unknownColumnIsReported() {
        // setup: inputs inline; MUT / validate
        #expect(throws: SurvivalStatisticsError.unknownColumn("status", available: ["t", "e"])) {
            try parse("t,e\n1,1\n", ["status"])
        }
    }
}

/// A small deterministic generator for test inputs (SplitMix64, Steele, Lea & Flood 2014).
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// The built `stats-cli` run as a process: JSON on stdout, or exit 2 with stderr only.
