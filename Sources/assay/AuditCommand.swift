import ArgumentParser
import DatasetIO
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

    @Option(help: ArgumentHelp("Comma-separated metric ids (default: all; see `assay metrics`).", valueName: "ids"))
    var metrics: String?

    @Option(help: ArgumentHelp("Write the results as JSON to this file.", valueName: "file"))
    var json: String?

    @Flag(help: "Do not print the summary table.")
    var quiet = false

    func validate() throws {
        if real == nil && synthetic.isEmpty {
            throw ValidationError("give at least one dataset: --real PATH and/or synthetic PATH arguments")
        }
    }

    func run() throws {
        try failingWithExitCode2 {
            let selection = try metrics.map(MetricCatalog.parseSelection) ?? MetricID.allCases
            let output = json.map(OutputFile.init)
            try output?.validate()

            var sources: [(DatasetSource, DatasetRole)] = []
            if let real { sources.append((try DatasetSource(argument: real, format: input.format), .real)) }
            for argument in synthetic {
                sources.append((try DatasetSource(argument: argument, format: input.format), .synthetic))
            }
            try Self.checkDistinct(sources.map(\.0))

            let reader = DatasetReader(fields: input.fields)
            let datasets = try sources.map { source, role in try reader.read(source, role: role) }
            let configuration = AuditConfiguration(tokenizer: input.tokenizer, metrics: selection, fields: input.fields)
            let result = AuditEngine(configuration: configuration).run(datasets)

            if let output { try output.write(try JSONReport.render(result)) }
            if !quiet { print(SummaryTable.render(result), terminator: "") }
        }
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
