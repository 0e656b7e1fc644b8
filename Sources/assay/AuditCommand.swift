import ArgumentParser
import AuditModel
import DatasetIO
import LinearAlgebra
import QualityGate
import QualityMetrics
import ReportRendering

struct AuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Compute quality metrics for synthetic datasets beside the real reference.",
        discussion: """
            Datasets are JSON Lines, CSV or TSV files, or - for standard input. Name one with NAME=PATH
            (default: the file's stem). Several synthetic datasets go into one report with a leaderboard;
            `assay compare` is the same command. Example:
              assay audit --real real.jsonl gpt4=gen_a.jsonl llama=gen_b.csv --json audit.json --html report.html
            """,
        aliases: ["compare"]
    )

    @Option(name: .long, help: ArgumentHelp("The real reference dataset.", valueName: "[NAME=]PATH"))
    var real: String?

    @Argument(help: ArgumentHelp("Synthetic datasets to audit.", valueName: "[NAME=]PATH"))
    var synthetic: [String] = []

    @OptionGroup var input: InputOptions

    @OptionGroup var embedding: EmbeddingOptions

    @OptionGroup var sampling: SamplingOptions

    @OptionGroup(title: "Neighbour search") var neighbours: NeighbourOptions

    @Option(help: ArgumentHelp("Comma-separated metric ids (default: all; see `assay metrics`).", valueName: "ids"))
    var metrics: String?

    @OptionGroup var reports: ReportOptions

    @OptionGroup(title: "Verdict") var verdict: VerdictOptions

    @OptionGroup var progress: ProgressOptions

    func validate() throws {
        if real == nil && synthetic.isEmpty {
            throw ValidationError("give at least one dataset: --real PATH and/or synthetic PATH arguments")
        }
    }

    func run() throws {
        BLAS.releaseIdleThreads()  // started when the library loaded; BLAS restarts them when it needs them
        try failingWithExitCode2 {
            let catalog = MetricFamilies.catalog
            let selection = try metrics.map(catalog.parseSelection) ?? catalog.ids
            try reports.checkWritable()
            let policy = try verdict.policy()

            let log = progress.makeLog()
            defer { log.abandon() }
            let runner = AuditRunner(
                real: real, synthetic: synthetic, input: input, embedding: embedding, sampling: sampling,
                neighbours: neighbours)
            let result = try runner.run(metrics: selection, log: log, recordTimings: progress.timings).judged(
                by: policy)
            try reports.write(result, log: log)
            log.finish()
            if !progress.quiet { print(SummaryTable.render(result, wording: CommandLineWording()), terminator: "") }
        }
    }
}
