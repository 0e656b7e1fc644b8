import ArgumentParser
import Foundation

/// How much the command says on standard error while it works; shared by `audit` and `gate`.
struct ProgressOptions: ParsableArguments {
    @Flag(help: "Print no progress, timings or summary table (errors and warnings still go to standard error).")
    var quiet = false

    @Flag(
        help: "Print every step and its time, then the peak memory, on standard error, even when it is not a terminal."
    )
    var verbose = false

    @Flag(
        help: ArgumentHelp(
            "Record each stage's time in the JSON result (`timings`); off by default, so the same inputs give the same bytes."
        ))
    var timings = false

    func validate() throws {
        if quiet && verbose { throw ValidationError("--quiet and --verbose contradict each other") }
    }

    /// A log for this run: `--quiet` is silent, `--verbose` logs every step; otherwise a live status line
    /// when standard error is a terminal outside CI, and nothing when it is piped or under CI.
    func makeLog(environment: [String: String] = ProcessInfo.processInfo.environment) -> StepLog {
        if quiet { return StepLog(mode: .silent) }
        if verbose { return StepLog(mode: .verbose) }
        let underCI = environment["CI"].map { !$0.isEmpty && $0 != "false" && $0 != "0" } ?? false
        let dumbTerminal = environment["TERM"] == "dumb"
        let interactive = isatty(STDERR_FILENO) == 1 && !underCI && !dumbTerminal
        return StepLog(mode: interactive ? .live : .silent)
    }
}
