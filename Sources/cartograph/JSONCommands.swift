import ArgumentParser
import Clinical
import Foundation
import Kinetics

/// The JSON contracts: one object or an array of objects on standard input, the result as JSON on
/// standard output; invalid input → a message naming the field on standard error, nothing on standard
/// output, exit status 2.
enum JSONPipe {
    static func run(_ label: String, _ body: (Data) throws -> Data) throws {
        let input = FileHandle.standardInput.readDataToEndOfFile()
        let output: Data
        do { output = try body(input) } catch {
            FileHandle.standardError.write(Data("\(label): \(error)\n".utf8))
            throw ExitCode(2)
        }
        FileHandle.standardOutput.write(output + Data("\n".utf8))
    }
}

struct Grade: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Grade CRS, ICE, ICANS (ASTCT 2019), CAR-HEMATOTOX and ICAHT (EHA/EBMT 2023) from JSON on standard input.",
        subcommands: [CRS.self, ICE.self, ICANS.self, Hematotox.self, ICAHT.self])

    struct CRS: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "crs", abstract: "ASTCT 2019 CRS grade with reasons.")
        func run() throws { try JSONPipe.run("grade crs", GradingCommand.crs) }
    }
    struct ICE: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "ice", abstract: "ICE score (0–10).")
        func run() throws { try JSONPipe.run("grade ice", GradingCommand.ice) }
    }
    struct ICANS: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "icans", abstract: "ASTCT 2019 adult ICANS grade with reasons.")
        func run() throws { try JSONPipe.run("grade icans", GradingCommand.icans) }
    }
    struct Hematotox: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "hematotox", abstract: "CAR-HEMATOTOX score and risk before lymphodepletion.")
        func run() throws { try JSONPipe.run("grade hematotox", GradingCommand.hematotox) }
    }
    struct ICAHT: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "icaht", abstract: "Early and late ICAHT grades from an ANC series.")
        func run() throws { try JSONPipe.run("grade icaht", GradingCommand.icaht) }
    }
}

struct Response: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "IMWG 2016 response of one patient (object) or several (array) from JSON on standard input.")
    func run() throws { try JSONPipe.run("response", ResponseCommand.run) }
}

struct KineticsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "kinetics", abstract: "Cellular kinetics.", subcommands: [NCA.self])

    struct NCA: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "nca", abstract: "Non-compartmental analysis of a CAR transgene series from JSON on standard input.")
        func run() throws { try JSONPipe.run("kinetics nca", NCACommand.run) }
    }
}
