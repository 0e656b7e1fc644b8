import ArgumentParser
import DatasetIO
import TextTokenization

/// How datasets are read and tokenized; shared by every subcommand that reads data.
struct InputOptions: ParsableArguments {
    @Option(help: "Field (JSON key or CSV column) holding the text.")
    var textField = "text"

    @Option(help: "Field holding the label (optional per row).")
    var labelField = "label"

    @Option(help: "Field holding an array of labels, one per rater (optional per row).")
    var annotatorsField = "annotators"

    @Option(help: "Field holding each row's embedding, an array of numbers (default: embed the text).")
    var vectorField: String?

    @Option(help: "Input format: jsonl, csv or tsv (default: from the file extension; JSON Lines for stdin).")
    var format: DatasetFormat?

    @Option(help: "Tokenizer: default (Unicode-aware words, lower-cased) or whitespace (Python str.split()).")
    var tokenizer: TokenizerKind = .default

    var fields: FieldMapping {
        FieldMapping(text: textField, label: labelField, annotators: annotatorsField, vectors: vectorField)
    }
}

extension DatasetFormat: ExpressibleByArgument {}
extension TokenizerKind: ExpressibleByArgument {}
