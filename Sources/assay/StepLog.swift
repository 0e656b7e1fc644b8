import AuditModel
import AuditPlan
import Foundation
import Synchronization

/// Shows a run's progress and per-stage timings on standard error.
///
/// - `silent`: nothing but warnings.
/// - `live`: for a terminal. Once the run has taken longer than a moment, a status line names the
///   current step and the time so far, redrawn in place; when the run took a second or more, one line of
///   per-stage timings replaces it at the end.
/// - `verbose`: one line per finished step with its time, then the per-stage timings.
final class StepLog: Sendable {
    enum Mode: Sendable {
        case silent, live, verbose
    }

    private struct Running {
        var current: AuditStep?
        var currentStart: ContinuousClock.Instant
        var stageTimes: [AuditStep.Stage: Duration] = [:]
        /// Stages in the order they first ran.
        var stageOrder: [AuditStep.Stage] = []
        var statusShown = false
        var finished = false
    }

    let mode: Mode
    /// How long a run goes before the live status line appears.
    let momentBeforeStatus: Duration
    /// How long a run must take for the live mode to print its timings.
    let longRun: Duration
    private let output: @Sendable (String) -> Void
    private let start = ContinuousClock.now
    private let state: Mutex<Running>

    /// Creates a log writing to `output` (standard error by default).
    init(
        mode: Mode, momentBeforeStatus: Duration = .milliseconds(500), longRun: Duration = .seconds(1),
        output: @escaping @Sendable (String) -> Void = StepLog.writeToStandardError
    ) {
        self.mode = mode
        self.momentBeforeStatus = momentBeforeStatus
        self.longRun = longRun
        self.output = output
        state = Mutex(Running(currentStart: start))
        guard mode == .live else { return }
        // Redraws the status line four times a second until the run finishes.
        Thread.detachNewThread { [weak self] in
            while let log = self, !log.state.withLock({ $0.finished }) {
                log.redrawStatus()
                Thread.sleep(forTimeInterval: 0.25)
            }
        }
    }

    deinit { abandon() }

    /// Ends the current step (timing it) and begins `step`.
    func begin(_ step: AuditStep) {
        let now = ContinuousClock.now
        let line: String? = state.withLock { running in
            guard !running.finished else { return nil }
            let ended = endCurrent(&running, at: now)
            running.current = step
            running.currentStart = now
            return ended
        }
        if let line { output(line + "\n") }
        redrawStatus()
    }

    /// Prints a warning on its own line, clearing the status line first.
    func warn(_ message: String) {
        state.withLock { running in
            output((running.statusShown ? Self.clearLine : "") + "warning: \(message)\n")
            running.statusShown = false
        }
    }

    /// Ends the last step and prints the per-stage timings (live: only for a run that was not short).
    func finish() {
        let now = ContinuousClock.now
        let summary: String = state.withLock { running in
            guard !running.finished else { return "" }
            running.finished = true
            var text = running.statusShown ? Self.clearLine : ""
            running.statusShown = false
            if let line = endCurrent(&running, at: now) { text += line + "\n" }
            let total = start.duration(to: now)
            if mode == .verbose || (mode == .live && total >= longRun) {
                text +=
                    Self.timings(running.stageOrder.map { ($0, running.stageTimes[$0] ?? .zero) }, total: total) + "\n"
            }
            if mode == .verbose, let bytes = Self.peakResidentBytes() {
                text += Self.peakMemory(bytes) + "\n"
            }
            return text
        }
        if !summary.isEmpty { output(summary) }
    }

    /// Stops showing progress without a summary (the run failed); clears the status line.
    func abandon() {
        state.withLock { running in
            if running.statusShown { output(Self.clearLine) }
            running.statusShown = false
            running.finished = true
        }
    }

    /// Adds the current step's time to its stage; in verbose mode, returns its log line.
    private func endCurrent(_ running: inout Running, at now: ContinuousClock.Instant) -> String? {
        guard let step = running.current else { return nil }
        let elapsed = running.currentStart.duration(to: now)
        if running.stageTimes[step.stage] == nil { running.stageOrder.append(step.stage) }
        running.stageTimes[step.stage, default: .zero] += elapsed
        running.current = nil
        guard mode == .verbose else { return nil }
        // The peak so far beside each step, so a step that raises it shows itself.
        let peak = Self.peakResidentBytes().map { ", peak \(Self.megabytes($0)) MB" } ?? ""
        return "assay: \(Self.seconds(elapsed))\(peak)  \(step.stage.rawValue): \(step.subject)"
    }

    private func redrawStatus() {
        guard mode == .live else { return }
        let now = ContinuousClock.now
        let elapsed = start.duration(to: now)
        guard elapsed >= momentBeforeStatus else { return }
        state.withLock { running in
            guard !running.finished, let step = running.current else { return }
            var subject = step.subject
            if subject.count > 48 { subject = subject.prefix(47) + "…" }
            output(Self.clearLine + "assay: \(step.stage.rawValue): \(subject) … \(Self.seconds(elapsed))")
            running.statusShown = true
        }
    }

    /// The time of every stage so far, in the order the stages first ran (the current step included).
    func stageTimings() -> [StageTiming] {
        let now = ContinuousClock.now
        return state.withLock { running in
            var times = running.stageTimes
            var order = running.stageOrder
            if let step = running.current {
                if times[step.stage] == nil { order.append(step.stage) }
                times[step.stage, default: .zero] += running.currentStart.duration(to: now)
            }
            return order.map { stage in StageTiming(stage: stage.rawValue, seconds: Self.rounded(times[stage] ?? .zero))
            }
        }
    }

    /// A duration in seconds, to the millisecond.
    private static func rounded(_ duration: Duration) -> Double {
        let (whole, fraction) = duration.components
        return ((Double(whole) + Double(fraction) / 1e18) * 1000).rounded() / 1000
    }

    /// `assay: read 0.01 s · tokenize 0.05 s · … · total 1.23 s`, stages in the order they ran.
    static func timings(_ times: [(AuditStep.Stage, Duration)], total: Duration) -> String {
        let parts = times.map { stage, time in "\(stage.rawValue) \(seconds(time))" }
        return "assay: " + (parts + ["total \(seconds(total))"]).joined(separator: " · ")
    }

    /// `assay: peak memory 1,234 MB (resident set)`: the process's high-water mark so far.
    static func peakMemory(_ bytes: Int) -> String {
        "assay: peak memory \(megabytes(bytes)) MB (resident set)"
    }

    /// Bytes as whole megabytes with thousands separators, e.g. `1,234`.
    static func megabytes(_ bytes: Int) -> String {
        (Double(bytes) / 1_000_000).rounded().formatted(
            .number.grouping(.automatic).locale(Locale(identifier: "en_US")))
    }

    /// The process's peak resident set size in bytes (what `/usr/bin/time -v` reports as maximum resident
    /// set size), or `nil` where the system does not say.
    static func peakResidentBytes() -> Int? {
        var usage = rusage()
        #if os(Linux)
            guard getrusage(RUSAGE_SELF.rawValue, &usage) == 0 else { return nil }
            return Int(usage.ru_maxrss) * 1024  // kilobytes on Linux
        #else
            guard getrusage(RUSAGE_SELF, &usage) == 0 else { return nil }
            return Int(usage.ru_maxrss)  // bytes on macOS
        #endif
    }

    /// A duration as seconds with two decimals, e.g. `0.05 s`.
    static func seconds(_ duration: Duration) -> String {
        let (whole, fraction) = duration.components
        return String(format: "%.2f s", Double(whole) + Double(fraction) / 1e18)
    }

    private static let clearLine = "\r\u{1B}[2K"

    @Sendable static func writeToStandardError(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}
