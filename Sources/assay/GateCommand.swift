import ArgumentParser
import AuditModel
import Foundation
import LinearAlgebra
import QualityGate
import QualityMetrics
import ReportRendering

struct GateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gate",
        abstract: "Check synthetic datasets against the thresholds in a YAML file; exit 1 when a rule fails.",
        discussion: """
            Every run decides each synthetic dataset's verdict (fit, fit with warnings, not fit) with the
            default thresholds of Metrics/verdict.md; a dataset that is not fit fails the gate, so
            `assay gate --real real.jsonl gen.jsonl` alone is a zero-configuration gate. The optional
            configuration holds rules under `gates:` (each names a metric and min / max /
            min_ratio_to_real / max_ratio_to_real / max_regression, with optional severity (fail|warn),
            datasets and labels) and changed thresholds under `verdict:`. --json writes the audit result (the same document as `assay audit --json`,
            usable as a later --baseline); --gate-json writes the gate's verdict and checks. Only the metrics the rules need are computed. Example:
              assay gate --config assay.yml --real real.jsonl gen.jsonl --junit gate.xml --markdown gate.md
            Exit codes: 0 every fail-severity rule holds and no dataset is not fit (warnings allowed), 1
            otherwise, 2 bad input
            or a bad configuration. With GITHUB_ACTIONS=true, failures are also printed as annotations.
            """
    )

    @Option(
        help: ArgumentHelp(
            "The gate configuration (YAML): rules under `gates:`, changed verdict thresholds under `verdict:`. "
                + "Without it the gate checks the verdict's default thresholds.", valueName: "file"))
    var config: String?

    @Option(name: .long, help: ArgumentHelp("The real reference dataset.", valueName: "[NAME=]PATH"))
    var real: String?

    @Argument(help: ArgumentHelp("Synthetic datasets to check.", valueName: "[NAME=]PATH"))
    var synthetic: [String] = []

    @OptionGroup var input: InputOptions

    @OptionGroup var embedding: EmbeddingOptions

    @OptionGroup var sampling: SamplingOptions

    @OptionGroup(title: "Neighbour search") var neighbours: NeighbourOptions

    @Option(help: ArgumentHelp("An earlier `assay audit --json` result, for max_regression rules.", valueName: "file"))
    var baseline: String?

    @Option(help: ArgumentHelp("Write JUnit XML (one test case per rule and dataset) to this file.", valueName: "file"))
    var junit: String?

    @Option(help: ArgumentHelp("Write the audit result as JSON to this file.", valueName: "file"))
    var json: String?

    @Option(
        name: .customLong("gate-json"),
        help: ArgumentHelp(
            "Write the gate's verdict and checks as JSON to this file (separate from --json).", valueName: "file"))
    var gateJSON: String?

    @Option(
        help: ArgumentHelp("Write the gate table and the audit summary as Markdown to this file.", valueName: "file"))
    var markdown: String?

    @Option(help: ArgumentHelp("Write the self-contained HTML report to this file.", valueName: "file"))
    var html: String?

    @OptionGroup var progress: ProgressOptions

    func validate() throws {
        if synthetic.isEmpty { throw ValidationError("give at least one synthetic dataset to check") }
    }

    func run() throws {
        BLAS.releaseIdleThreads()
        var exitCode: Int32 = 0
        try failingWithExitCode2 {
            let outputs = [junit, json, markdown, html, gateJSON].map { $0.map(OutputFile.init) }
            for output in outputs { try output?.validate() }
            let catalog = MetricFamilies.catalog
            let gate = try config.map(VerdictOptions.read) ?? GateConfiguration(rules: [])
            let baselineResult = try baseline.map { path -> AuditResult in
                guard let data = FileManager.default.contents(atPath: path) else {
                    throw UsageFailure(description: "\(path): cannot read the baseline")
                }
                do {
                    var baseline = try JSONReport.parse(data)
                    baseline.catalog = catalog
                    return baseline
                } catch {
                    throw UsageFailure(description: "\(path): not an assay audit result (\(error))")
                }
            }
            let log = progress.makeLog()
            defer { log.abandon() }
            let runner = AuditRunner(
                real: real, synthetic: synthetic, input: input, embedding: embedding, sampling: sampling,
                neighbours: neighbours)
            var result = try runner.run(
                metrics: catalog.ordered(gate.metrics), log: log, recordTimings: progress.timings)
            let wording = CommandLineWording()
            let report = try GateEvaluator.evaluate(
                gate, result: result, baseline: baselineResult, path: config ?? "", wording: wording)
            result.verdict = report.datasetVerdict

            if let output = outputs[0] { try output.write(GateRenderers.junit(report), log: log) }
            if let output = outputs[1] { try output.write(JSONReport.render(result, wording: wording), log: log) }
            if let output = outputs[2] {
                try output.write(MarkdownReport.render(result, gate: report, wording: wording), log: log)
            }
            if let output = outputs[3] {
                try output.write(HTMLReport.render(result, gate: report, wording: wording), log: log)
            }
            if let output = outputs[4] { try output.write(GateRenderers.json(report), log: log) }
            log.finish()
            if !progress.quiet { print(GateRenderers.summary(report), terminator: "") }
            if ProcessInfo.processInfo.environment["GITHUB_ACTIONS"] == "true" {
                print(GateRenderers.githubAnnotations(report, configPath: config), terminator: "")
            }
            exitCode = report.exitCode
        }
        if exitCode != 0 { throw ExitCode(exitCode) }
    }
}
