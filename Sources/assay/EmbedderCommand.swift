import ArgumentParser
import Foundation
import LinearAlgebra
import SentenceEmbeddings
import TextEncoders

struct EmbedderCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "embedder",
        abstract: "Build embedding models.",
        subcommands: [DistillCommand.self]
    )
}

struct DistillCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "distill",
        abstract: "Distil a static embedding model (Model2Vec method) from all-MiniLM-L6-v2.",
        discussion: """
            Runs every vocabulary token through the model as [CLS] token [SEP], keeps the mean of the last hidden \
            states, reduces them to --dims principal components and weights each token by SIF (Zipf's law over the \
            vocabulary order). Writes a Model2Vec model folder (model.safetensors, tokenizer.json, config.json) that \
            `--embedder static:DIR` reads; the same inputs give the same bytes. The folder is replaced only by a \
            complete model.
            """
    )

    @Option(
        name: .customLong("from"),
        help: ArgumentHelp(
            "The source model: 'minilm' (found as --embedder minilm finds it) or 'minilm:DIR'.", valueName: "model"))
    var source = "minilm"

    @Option(help: "Principal components kept (1 … the source's dimension, 384 for all-MiniLM-L6-v2).")
    var dims = 256

    @Option(help: ArgumentHelp("The model folder to write.", valueName: "dir"))
    var out: String

    @Option(help: "The SIF coefficient a of the weights a / (a + p), in (0, 1).")
    var sifCoefficient = StaticDistillation.defaultSIFCoefficient

    @Option(help: "Threads for the forward pass (default: all cores).")
    var threads: Int?

    @Flag(help: "Print nothing but errors.")
    var quiet = false

    func validate() throws {
        guard source == "minilm" || (source.hasPrefix("minilm:") && source.count > "minilm:".count) else {
            throw ValidationError("--from must be 'minilm' or 'minilm:DIR', got '\(source)'")
        }
        guard dims >= 1 else { throw ValidationError("--dims must be at least 1, got \(dims)") }
        guard sifCoefficient > 0, sifCoefficient < 1 else {
            throw ValidationError("--sif-coefficient must be in (0, 1), got \(sifCoefficient)")
        }
        if let threads, threads < 1 { throw ValidationError("--threads must be at least 1, got \(threads)") }
        guard !out.isEmpty else { throw ValidationError("--out needs a folder") }
    }

    func run() throws {
        try failingWithExitCode2 {
            let model = try EmbeddingOptions.miniLM(source, option: "--from", threads: threads)
            guard dims <= model.dimension else {
                throw UsageFailure(
                    description: "--dims \(dims): the source model has only \(model.dimension) dimensions")
            }
            let tokens = StaticDistillation.keptTokenIDs(model.encoder.tokenizer).count
            guard dims < tokens else {
                throw UsageFailure(description: "--dims \(dims): the source model keeps only \(tokens) tokens")
            }
            let outputPath = URL(fileURLWithPath: out).standardizedFileURL.path
            guard outputPath != URL(fileURLWithPath: model.directory).standardizedFileURL.path else {
                throw UsageFailure(description: "--out \(out): that is the source model's folder")
            }
            let started = Date()
            let distilled = try StaticDistillation(
                from: model.encoder, dimensions: dims, sifCoefficient: sifCoefficient, workers: threads)
            try distilled.write(to: out, sourceName: MiniLMEmbedder.modelName, sourceIdentity: model.identity)
            if !quiet {
                let seconds = String(format: "%.1f", Date().timeIntervalSince(started))
                let share = String(format: "%.1f", distilled.explainedVarianceRatio * 100)
                FileHandle.standardError.write(
                    Data(
                        ("assay: distilled \(distilled.tokens.count) tokens × \(dims) dimensions (\(share) % of the variance) "
                            + "from \(model.identity) into \(out) in \(seconds) s\n").utf8))
            }
        }
    }
}
