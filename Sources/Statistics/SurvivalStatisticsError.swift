import Foundation

/// Why a survival computation refused its input. Every description names the offending
/// field, row or group so that a command-line user can fix the file.
public enum SurvivalStatisticsError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Two parallel arrays (times, events, groups, covariates) differ in length.
    case lengthMismatch(field: String, expected: Int, actual: Int)
    /// A value outside its domain, e.g. a negative or non-finite time.
    case invalidValue(field: String, index: Int, value: String, expected: String)
    /// A cell of an input table that cannot be read; `row` is the 1-based data row
    /// (the header is not counted).
    case invalidCell(row: Int, column: String, value: String, expected: String)
    /// A column named on the command line is not in the table header.
    case unknownColumn(String, available: [String])
    /// A scalar argument out of range (conf level, successes, …).
    case invalidArgument(name: String, value: String, expected: String)
    /// No usable observation remains.
    case noObservations(String)
    /// A group declared as a level has no observation.
    case emptyGroup(String)
    /// A comparison needs at least two groups.
    case tooFewGroups(found: Int)
    /// The Cox information matrix is not positive definite (collinear or constant covariates).
    case singularInformation(String)

    public var description: String {
        switch self {
        case let .lengthMismatch(field, expected, actual):
            return "\(field): has \(actual) values; expected \(expected) (one per observation)"
        case let .invalidValue(field, index, value, expected):
            return "\(field): value \(value) at index \(index) is invalid; expected \(expected)"
        case let .invalidCell(row, column, value, expected):
            return "row \(row), column \"\(column)\": value \"\(value)\" is invalid; expected \(expected)"
        case let .unknownColumn(name, available):
            return "column \"\(name)\" is not in the input; available columns: "
                + available.map { "\"\($0)\"" }.joined(separator: ", ")
        case let .invalidArgument(name, value, expected):
            return "\(name): value \(value) is invalid; expected \(expected)"
        case let .noObservations(context):
            return "no usable observations: \(context)"
        case let .emptyGroup(name):
            return "group \"\(name)\" has no observations"
        case let .tooFewGroups(found):
            return "group: found \(found) group(s); the comparison needs at least 2"
        case let .singularInformation(context):
            return "Cox information matrix is singular (\(context)); remove collinear or constant covariates"
        }
    }
}
