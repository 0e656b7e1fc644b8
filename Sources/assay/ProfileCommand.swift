import ArgumentParser
import AuditModel
import AuditPlan
import DatasetIO
import Foundation
import LinearAlgebra
import ShardStates

struct ProfileCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "profile",
        abstract: "Write the mergeable state of one shard of a synthetic dataset (for `assay merge`).",
        discussion: """
            A state holds the exact counts of the shard's rows (n-grams, lengths, labels, normalised texts) and
            its rows with the smallest seeded sampling keys, embedded. `assay merge` puts the shards back
            together. Either read a whole file and keep every N-th row:
              assay profile gen.jsonl --shard 0/4 --out gen.0.state   (… 3/4)
            or profile a file that holds rows K ..< K + rows of the dataset (a Spark partition):
              assay profile part-00003.jsonl --name gen --first-row 30000 --out gen.3.state
            Profile every shard with the same options (tokenizer, fields, seed, --sample-rows, embedder).
            """
    )

    @Argument(help: ArgumentHelp("The dataset (or the part of it) to read.", valueName: "[NAME=]PATH"))
    var dataset: String

    @Option(help: ArgumentHelp("Keep the rows r with r % N == I (0-based row numbers).", valueName: "I/N"))
    var shard: String?

    @Option(help: ArgumentHelp("The file holds the dataset's rows from this 0-based row number on.", valueName: "K"))
    var firstRow: Int?

    @Option(
        help: ArgumentHelp("The dataset's name (default: from NAME=PATH, else the file's stem).", valueName: "name"))
    var name: String?

    @Option(help: ArgumentHelp("Write the state to this file.", valueName: "file"))
    var out: String

    @Option(
        help: ArgumentHelp(
            "The most rows of the dataset's merged sample, behind every metric that is not a count.",
            valueName: "rows"))
    var sampleRows = ShardProfiler.defaultSampleRows

    @Option(
        name: .customLong("exact-ngram-limit"),
        help: ArgumentHelp(
            "The most distinct n-grams of one order (per dataset or label) kept exactly; above, a HyperLogLog "
                + "sketch counts them (±0.41 % standard error).", valueName: "n"))
    var exactNGramLimit = DatasetStatistics.defaultExactLimit

    @OptionGroup var input: InputOptions

    @OptionGroup var embedding: EmbeddingOptions

    @Option(help: "Seed of the row sample; merge with the same --seed.")
    var seed: UInt64 = AuditConfiguration.defaultSeed

    @OptionGroup var progress: ProgressOptions

    func validate() throws {
        if shard != nil && firstRow != nil { throw ValidationError("give --shard I/N or --first-row K, not both") }
        if let firstRow, firstRow < 0 { throw ValidationError("--first-row must be at least 0, got \(firstRow)") }
        if shard != nil, shardPart(fileRows: 0) == nil {
            throw ValidationError("--shard expects I/N with 0 <= I < N, e.g. 0/4; got '\(shard ?? "")'")
        }
        guard sampleRows >= 1 else { throw ValidationError("--sample-rows must be at least 1, got \(sampleRows)") }
        guard exactNGramLimit >= 0 else {
            throw ValidationError("--exact-ngram-limit must be at least 0, got \(exactNGramLimit)")
        }
        guard embedding.vectors.isEmpty else {
            throw ValidationError("--vectors is not read by profile; give vectors with --vector-field")
        }
    }

    /// The part `--shard` or `--first-row` names (the whole file when neither is given).
    private func shardPart(fileRows: Int) -> ShardPart? {
        guard let shard else { return .range(first: firstRow ?? 0, rows: fileRows) }
        let parts = shard.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let index = Int(parts[0]), let count = Int(parts[1]), count >= 1,
            (0..<count).contains(index), count <= 1_000_000
        else { return nil }
        return .everyNth(index: index, count: count, fileRows: fileRows)
    }

    func run() throws {
        BLAS.releaseIdleThreads()
        try failingWithExitCode2 {
            let output = OutputFile(path: out)
            try output.validate()
            var source = try DatasetSource(argument: dataset, format: input.format)
            if let name { source.name = name }
            if URL(fileURLWithPath: out).standardizedFileURL == URL(fileURLWithPath: source.path).standardizedFileURL {
                throw UsageFailure(
                    description: "--out \(out): is the dataset being profiled; write the state elsewhere")
            }
            if let threads = embedding.threads { BLAS.setThreadCount(threads) }
            let log = progress.makeLog()
            defer { log.abandon() }
            log.begin(AuditStep(.read, "\(source.name) (\(source.path == "-" ? "standard input" : source.path))"))
            let data = try DatasetReader(fields: input.fields).read(source, role: .synthetic)
            guard let part = shardPart(fileRows: data.count) else { throw UsageFailure(description: "bad --shard") }
            log.begin(AuditStep(.tokenize, "profile of \(data.name), \(data.count) rows"))
            let profiler = ShardProfiler(
                tokenizer: input.tokenizer, fields: input.fields, seed: seed, sampleRows: sampleRows,
                embedder: try embedding.source().embedder, exactNGramLimit: exactNGramLimit)
            let state = try profiler.profile(data, part: part)
            try output.write(bytes: ShardStateFile.encode(state), log: log)
            log.finish()
            if !progress.quiet {
                print(
                    "\(out): \(state.statistics.whole.rows) rows of '\(state.dataset)', \(state.sample.count) sampled")
            }
        }
    }
}
