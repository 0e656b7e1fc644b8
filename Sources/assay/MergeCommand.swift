import ArgumentParser
import AuditModel
import AuditPlan
import DatasetIO
import LinearAlgebra
import QualityMetrics
import ReportRendering
import ShardStates

struct MergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Audit synthetic datasets put back together from their shard states (`assay profile`).",
        discussion: """
            The report is the one `assay audit` writes for the whole datasets: counts (rows, labels, distinct-n,
            exact duplicates and copies of real rows, token statistics, distances of lengths, labels and
            vocabulary) over every row,
            the other metrics over each dataset's seeded sample (all of its rows when it has no more than
            --sample-rows). Give the options the shards were profiled with (tokenizer, seed, embedder). Example:
              assay merge gen.*.state --real real.jsonl --json audit.json --html report.html
            """
    )

    @Argument(help: ArgumentHelp("Shard states of one or more synthetic datasets.", valueName: "STATE"))
    var states: [String]

    @Option(help: ArgumentHelp("The real reference dataset.", valueName: "[NAME=]PATH"))
    var real: String?

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
        if states.isEmpty { throw ValidationError("give at least one shard state") }
        guard embedding.vectors.isEmpty else {
            throw ValidationError("--vectors is not read by merge; profile the shards with --vector-field")
        }
    }

    func run() throws {
        BLAS.releaseIdleThreads()
        try failingWithExitCode2 {
            let catalog = MetricFamilies.catalog
            let selection = try metrics.map(catalog.parseSelection) ?? catalog.ids
            try reports.checkWritable()
            let policy = try verdict.policy()
            if let threads = embedding.threads { BLAS.setThreadCount(threads) }
            let log = progress.makeLog()
            defer { log.abandon() }

            var merge = ShardMerge()
            for path in states {
                log.begin(AuditStep(.read, "shard state \(path)"))
                try merge.add(ShardStateFile.decode(FileInput.readAll(path: path), path: path), path: path)
            }
            let merged = try merge.finish()
            var realDataset: Dataset?
            if let real {
                let source = try DatasetSource(argument: real, format: input.format)
                if merged.contains(where: { $0.sample.name == source.name }) {
                    throw UsageFailure(
                        description: "the real dataset and a shard state are both named '\(source.name)'; "
                            + "name the real one with NAME=PATH")
                }
                log.begin(AuditStep(.read, "\(source.name) (\(source.path == "-" ? "standard input" : source.path))"))
                realDataset = try DatasetReader(fields: input.fields).read(source, role: .real)
            }
            let configuration = AuditRunner.configuration(
                metrics: selection, input: input, embedding: embedding, sampling: sampling, neighbours: neighbours)
            var result = try MergedAudit(configuration: configuration, embeddings: try embedding.source()).run(
                real: realDataset, merged: merged, warn: log.warn, step: log.begin)
            if progress.timings { result.timings = log.stageTimings() }
            result = result.judged(by: policy)
            try reports.write(result, log: log)
            log.finish()
            if !progress.quiet { print(SummaryTable.render(result, wording: CommandLineWording()), terminator: "") }
        }
    }
}
