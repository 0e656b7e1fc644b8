/// Which fields (JSON keys or CSV header names) hold a row's text, label and per-rater labels.
public struct FieldMapping: Sendable, Equatable {
    /// The field holding the text; required in every row.
    public var text: String
    /// The field holding the label; optional per row.
    public var label: String
    /// The field holding an array of labels, one per rater; optional per row.
    public var annotators: String

    /// Creates a mapping; the defaults are `text`, `label` and `annotators`.
    public init(text: String = "text", label: String = "label", annotators: String = "annotators") {
        self.text = text
        self.label = label
        self.annotators = annotators
    }
}
