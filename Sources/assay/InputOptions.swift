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

    @Option(help: "Field naming the row's split; the real data's test and validation rows are held out (optional).")
    var splitField = "split"

    @Option(help: "Field holding each row's embedding, an array of numbers (default: embed the text).")
    var vectorField: String?

    @Option(
        help: ArgumentHelp(
            "Two label fields to compare with Cohen's kappa, e.g. label,llm_label.", valueName: "FIELD_A,FIELD_B"))
    var compareLabels: String?

    @Option(help: "Input format: jsonl, csv or tsv (default: from the file extension; JSON Lines for stdin).")
    var format: DatasetFormat?

    @Option(help: "Tokenizer: default (Unicode-aware words, lower-cased) or whitespace (Python str.split()).")
    var tokenizer: TokenizerKind = .default

    func validate() throws {
        if let compareLabels, comparedFields.count != 2 || comparedFields[0] == comparedFields[1] {
            throw ValidationError(
                "--compare-labels expects two different field names, FIELD_A,FIELD_B; got '\(compareLabels)'")
        }
    }

    /// The fields named by `--compare-labels`, trimmed.
    private var comparedFields: [String] {
        (compareLabels ?? "").split(separator: ",", omittingEmptySubsequences: false).map {
            String($0.drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
        }.filter { !$0.isEmpty }
    }

    var fields: FieldMapping {
        FieldMapping(
            text: textField, label: labelField, annotators: annotatorsField, vectors: vectorField,
            comparedLabels: compareLabels == nil ? [] : comparedFields, split: splitField)
    }
}

extension DatasetFormat: ExpressibleByArgument {}
extension TokenizerKind: ExpressibleByArgument {}
