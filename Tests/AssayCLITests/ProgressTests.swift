import AuditPlan
import Foundation
import Synchronization
import Testing

@testable import assay

/// Progress and timings on standard error: `--verbose`, `--quiet`, silence when piped, the live line.
@Suite("progress on standard error")
struct ProgressTests {
    static let arguments = ["audit", "--real", "Fixtures/real.jsonl", "Fixtures/gen_diverse.jsonl", "--no-cache"]

    @Test func pipedRunsPrintNoProgress() throws {
        let outcome = try AssayProcess.run(Self.arguments, environment: ["CI": ""])
        #expect(outcome.status == 0, "\(outcome.standardError)")
        #expect(outcome.standardError.isEmpty)
        #expect(outcome.standardOutput.contains("self_bleu_4"))
    }

    @Test func verboseLogsEveryStepThenTheStageTimings() throws {
        let folder = try AssayCLITests.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let html = folder.appendingPathComponent("report.html").path
        let outcome = try AssayProcess.run(Self.arguments + ["--verbose", "--html", html])
        #expect(outcome.status == 0, "\(outcome.standardError)")
        let lines = outcome.standardError.split(separator: "\n").map(String.init)
        // The last line: the peak memory, then the line before it: the per-stage timings.
        let memory = try #require(lines.last)
        #expect(memory.hasPrefix("assay: peak memory ") && memory.hasSuffix(" MB (resident set)"), "\(memory)")
        let megabytes = Int(memory.dropFirst("assay: peak memory ".count).prefix { $0 != " " }.filter { $0 != "," })
        #expect((megabytes ?? 0) >= 1 && (megabytes ?? 0) < 100_000)
        let steps = lines.dropLast(2).map { line in
            line.split(separator: "  ", maxSplits: 1).last.map { String($0.prefix { $0 != ":" }) } ?? ""
        }
        #expect(
            steps == [
                "read", "read", "tokenize", "embed", "projection", "neighbour graphs", "neighbour graphs",
                "neighbour graphs", "neighbour graphs", "classifier", "classifier", "language model",
                // The families that read vectors first, then (the vectors let go) those that read only text.
                "embedding spread", "duplicates and memorisation", "labels and utility", "labels and utility",
                "subjectivity", "real vs synthetic", "real vs synthetic", "real vs synthetic", "lexical diversity",
                "naturalness", "naturalness", "write",
            ])
        #expect(lines.first?.hasPrefix("assay: ") == true)
        // Each step with the peak memory so far: `assay: 0.01 s, peak 12 MB  read: …`.
        #expect(lines.dropLast(2).allSatisfy { $0.contains(" s, peak ") && $0.contains(" MB  ") }, "\(lines)")
        #expect(lines.first?.hasSuffix("  read: real (Fixtures/real.jsonl)") == true)
        let timings = lines.dropLast().last
        #expect(timings?.contains("read ") == true && timings?.contains(" · total ") == true)
        #expect(outcome.standardOutput.contains("self_bleu_4"), "the summary table still goes to standard output")
    }

    @Test func quietPrintsNothingButErrors() throws {
        let quiet = try AssayProcess.run(Self.arguments + ["--quiet"])
        #expect(quiet.status == 0)
        #expect(quiet.standardOutput.isEmpty && quiet.standardError.isEmpty)
        let both = try AssayProcess.run(Self.arguments + ["--quiet", "--verbose"])
        #expect(both.status == 64)
        #expect(both.standardError.contains("--quiet and --verbose contradict each other"))
    }

    @Test func gateLogsStepsToo() throws {
        let outcome = try AssayProcess.run(
            [
                "gate", "--config", "Fixtures/gate/assay.yml", "--real", "Fixtures/real.jsonl",
                "Fixtures/gen_diverse.jsonl",
                "--no-cache", "--verbose",
            ])
        #expect(outcome.standardError.contains("  tokenize: 2 datasets"))
        #expect(outcome.standardError.contains(" · total "))
    }

    @Test func modeFollowsFlagsTerminalAndCI() throws {
        #expect(try ProgressOptions.parse(["--verbose"]).makeLog(environment: ["CI": "true"]).mode == .verbose)
        #expect(try ProgressOptions.parse(["--quiet"]).makeLog(environment: [:]).mode == .silent)
        // The tests' standard error is a pipe or a file, never a terminal: silent, CI or not.
        let plain = try ProgressOptions.parse([])
        #expect(plain.makeLog(environment: ["CI": "false"]).mode == .silent)
        #expect(plain.makeLog(environment: ["CI": "true"]).mode == .silent)
    }

    @Test func liveLineShowsTheStepThenClearsForTheTimings() throws {
        let written = Mutex<[String]>([])
        let log = StepLog(mode: .live, momentBeforeStatus: .zero, longRun: .zero) { text in
            written.withLock { $0.append(text) }
        }
        log.begin(AuditStep(.embed, "3 texts, hashing-v1"))
        Thread.sleep(forTimeInterval: 0.4)
        log.warn("the cache is read-only")
        log.begin(AuditStep(.family("lexical diversity"), "10 metrics"))
        log.finish()
        log.finish()
        let text = written.withLock { $0.joined() }
        #expect(text.contains("\r\u{1B}[2Kassay: embed: 3 texts, hashing-v1 … "))
        #expect(text.contains("\r\u{1B}[2Kwarning: the cache is read-only\n"))
        let last = text.components(separatedBy: "\r\u{1B}[2K").last ?? ""
        #expect(
            last.hasPrefix("assay: embed 0.4") && last.contains(" · lexical diversity 0.") && last.hasSuffix(" s\n"))
        #expect(text.components(separatedBy: " · total ").count == 2, "finish is idempotent")
    }

    @Test func timingsListStagesInRunOrder() {
        #expect(StepLog.peakMemory(1_878_400_000) == "assay: peak memory 1,878 MB (resident set)")
        let line = StepLog.timings([(.read, .milliseconds(1234)), (.write, .milliseconds(10))], total: .seconds(2))
        #expect(line == "assay: read 1.23 s · write 0.01 s · total 2.00 s")
    }
}
