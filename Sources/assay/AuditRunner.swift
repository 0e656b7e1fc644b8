import AuditModel
import AuditPlan
import DatasetIO
import LinearAlgebra
import QualityMetrics

/// Reads the datasets named on the command line and runs the audit engine on them; shared by `audit`
/// and `gate`, so both read data and report bad input the same way.
struct AuditRunner {
    let real: String?
    let synthetic: [String]
    let input: InputOptions
    let embedding: EmbeddingOptions
    let sampling: SamplingOptions
    let neighbours: NeighbourOptions

    /// The audit of the datasets with `metrics`; warnings and progress go to `log`, and the stage timings
    /// into the result when `--timings` asks for them.
    func run(metrics: [MetricID], log: StepLog, recordTimings: Bool = false) throws -> AuditResult {
        var sources: [(DatasetSource, DatasetRole)] = []
        if let real { sources.append((try DatasetSource(argument: real, format: input.format), .real)) }
        for argument in synthetic {
            sources.append((try DatasetSource(argument: argument, format: input.format), .synthetic))
        }
        try Self.checkDistinct(sources.map(\.0))

        let vectorFiles = try embedding.vectorFiles()
        for file in vectorFiles where !sources.contains(where: { $0.0.name == file.name }) {
            throw UsageFailure(description: "--vectors \(file.name)=\(file.path): no dataset is named '\(file.name)'")
        }
        if let threads = embedding.threads { BLAS.setThreadCount(threads) }

        let reader = DatasetReader(fields: input.fields)
        var datasets = try sources.map { source, role in
            log.begin(AuditStep(.read, "\(source.name) (\(source.path == "-" ? "standard input" : source.path))"))
            return try reader.read(source, role: role)
        }
        for file in vectorFiles {
            guard let position = datasets.firstIndex(where: { $0.name == file.name }) else { continue }
            log.begin(AuditStep(.read, "vectors of \(file.name) (\(file.path))"))
            try Self.attach(
                NPYReader.read(path: file.path, location: embedding.location()), from: file.path,
                to: &datasets[position])
        }
        let configuration = Self.configuration(
            metrics: metrics, input: input, embedding: embedding, sampling: sampling, neighbours: neighbours)
        let needed = try AuditEngine.embedsTexts(datasets, configuration: configuration)
        let engine = AuditEngine(configuration: configuration, embeddings: try embedding.source(loadingModel: needed))
        var result = try engine.run(datasets, warn: log.warn, step: log.begin)
        if recordTimings { result.timings = log.stageTimings() }
        return result
    }

    /// The audit configuration the options describe.
    static func configuration(
        metrics: [MetricID], input: InputOptions, embedding: EmbeddingOptions, sampling: SamplingOptions,
        neighbours: NeighbourOptions
    ) -> AuditConfiguration {
        AuditConfiguration(
            tokenizer: input.tokenizer, metrics: metrics, fields: input.fields,
            nearDuplicateThreshold: embedding.nearDuplicateThreshold, seed: sampling.seed,
            bootstrapResamples: sampling.bootstrapResamples, classifierRowLimit: sampling.classifierRowLimit,
            neighbourSearch: neighbours.settings)
    }

    /// Gives `dataset` the vectors read from `path`, which must have one row per dataset row.
    static func attach(_ vectors: DatasetVectors, from path: String, to dataset: inout Dataset) throws {
        guard dataset.vectors == nil else {
            throw UsageFailure(description: "\(path): '\(dataset.name)' already has vectors from --vector-field")
        }
        guard vectors.rows == dataset.count else {
            throw UsageFailure(
                description: "\(path): \(vectors.rows) rows of vectors, but \(dataset.path) has \(dataset.count) rows")
        }
        dataset.vectors = vectors
    }

    /// Two datasets may not share a display name, and standard input can be read only once.
    static func checkDistinct(_ sources: [DatasetSource]) throws {
        var names = Set<String>()
        for source in sources where !names.insert(source.name).inserted {
            throw UsageFailure(description: "two datasets are named '\(source.name)'; name them with NAME=PATH")
        }
        if sources.filter({ $0.path == "-" }).count > 1 {
            throw UsageFailure(description: "standard input (-) can be given only once")
        }
    }
}
