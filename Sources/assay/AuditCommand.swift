import ArgumentParser
import DatasetIO
import LinearAlgebra
import QualityMetrics
import ReportRendering

struct AuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Compute quality metrics for synthetic datasets beside the real reference.",
        discussion: """
            Datasets are JSON Lines, CSV or TSV files, or - for standard input. Name one with NAME=PATH
            (default: the file's stem). Example:
              assay audit --real real.jsonl gpt4=gen_a.jsonl llama=gen_b.csv --json audit.json
            """
    )

    @Option(name: .long, help: ArgumentHelp("The real reference dataset.", valueName: "[NAME=]PATH"))
    var real: String?

    @Argument(help: ArgumentHelp("Synthetic datasets to audit.", valueName: "[NAME=]PATH"))
    var synthetic: [String] = []

    @OptionGroup var input: InputOptions

    @OptionGroup var embedding: EmbeddingOptions

    @Option(help: ArgumentHelp("Comma-separated metric ids (default: all; see `assay metrics`).", valueName: "ids"))
    var metrics: String?

    @Option(help: ArgumentHelp("Write the results as JSON to this file.", valueName: "file"))
    var json: String?

    @Option(help: ArgumentHelp("Write a self-contained HTML report to this file.", valueName: "file"))
    var html: String?

    @Option(help: ArgumentHelp("Write a Markdown summary (for a pull request or job summary) to this file.", valueName: "file"))
    var markdown: String?

    @Flag(help: "Do not print the summary table.")
    var quiet = false

    func validate() throws {
        if real == nil && synthetic.isEmpty {
            throw ValidationError("give at least one dataset: --real PATH and/or synthetic PATH arguments")
        }
    }

    func run() throws {
        BLAS.releaseIdleThreads()  // started when the library loaded; BLAS restarts them when it needs them
        try failingWithExitCode2 {
            let selection = try metrics.map(MetricCatalog.parseSelection) ?? MetricID.allCases
            let output = json.map(OutputFile.init)
            try output?.validate()
            let markdownOutput = markdown.map(OutputFile.init)
            try markdownOutput?.validate()
            let htmlOutput = html.map(OutputFile.init)
            try htmlOutput?.validate()

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
            var datasets = try sources.map { source, role in try reader.read(source, role: role) }
            for file in vectorFiles {
                guard let position = datasets.firstIndex(where: { $0.name == file.name }) else { continue }
                try Self.attach(NPYReader.read(path: file.path), from: file.path, to: &datasets[position])
            }
            let configuration = AuditConfiguration(
                tokenizer: input.tokenizer, metrics: selection, fields: input.fields,
                nearDuplicateThreshold: embedding.nearDuplicateThreshold)
            let engine = AuditEngine(configuration: configuration, embeddings: embedding.source)
            let result = try engine.run(datasets) { printWarning($0) }

            if let output { try output.write(try JSONReport.render(result)) }
            if let markdownOutput { try markdownOutput.write(MarkdownReport.render(result)) }
            if let htmlOutput { try htmlOutput.write(HTMLReport.render(result)) }
            if !quiet { print(SummaryTable.render(result), terminator: "") }
        }
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
