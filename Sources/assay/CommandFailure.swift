import ArgumentParser
import Foundation

/// Runs `body`; any error it throws is printed as one `error: …` line on standard error and the
/// process exits with code 2 (bad input or runtime error).
func failingWithExitCode2(_ body: () throws -> Void) throws {
    do {
        try body()
    } catch let exit as ExitCode {
        throw exit
    } catch {
        printError("\(error)")
        throw ExitCode(2)
    }
}

/// Prints `error: message` to standard error.
func printError(_ message: String) {
    FileHandle.standardError.write(Data("error: \(message)\n".utf8))
}

/// A failure of the command line itself (not of an input file), reported with exit code 2.
struct UsageFailure: Error, CustomStringConvertible {
    let description: String
}
