/// Which fields (JSON keys or CSV header names) hold a row's text, label, per-rater labels and embedding vector.
public struct FieldMapping: Sendable, Equatable {
    /// The field holding the text; required in every row.
    public var text: String
    /// The field holding the label; optional per row.
    public var label: String
    /// The field holding an array of labels, one per rater; optional per row.
    public var annotators: String
    /// The field holding each row's embedding vector, or `nil` (the default) to read no vectors.
    /// When set, every row must have it: a non-empty array of JSON numbers (in CSV/TSV, a cell holding
    /// one), all rows of the same length; see `DatasetReader`.
    public var vectors: String?
    /// Two fields holding labels from two sources (say the intended label and an LLM judge's), read
    /// like the label and compared with Cohen's κ; empty (the default) to read none.
    public var comparedLabels: [String]
    /// The field naming each row's split (`train`, `validation`, `test`…), read like a label; optional
    /// per row. The real dataset's `test` and `validation` rows are held out for train-on-synthetic,
    /// test-on-real utility.
    public var split: String

    /// Creates a mapping; the defaults are `text`, `label` and `annotators`, no vectors and no compared labels.
    public init(
        text: String = "text", label: String = "label", annotators: String = "annotators", vectors: String? = nil,
        comparedLabels: [String] = [], split: String = "split"
    ) {
        self.text = text
        self.label = label
        self.annotators = annotators
        self.vectors = vectors
        self.comparedLabels = comparedLabels
        self.split = split
    }
}
