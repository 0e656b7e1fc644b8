/// Everything that decided an audit's numbers, as recorded in its result (the JSON `configuration`).
public struct AuditSettings: Sendable, Equatable {
    /// The tokenizer every lexical metric used (`default` or `whitespace`).
    public var tokenizer: String
    /// The metrics computed, in catalogue order.
    public var metrics: [MetricID]
    /// The field holding each row's text.
    public var textField: String
    /// The field holding each row's label.
    public var labelField: String
    /// The field holding each row's per-rater labels.
    public var annotatorsField: String
    /// The field holding each row's vector, when vectors came with the data.
    public var vectorField: String?
    /// The two label fields compared with Cohen's κ, when given.
    public var comparedLabels: [String]
    /// The field naming each row's split.
    public var splitField: String
    /// Cosine similarity at or above which rows are near duplicates.
    public var nearDuplicateThreshold: Double
    /// The most entries any list in the result holds.
    public var listLimit: Int
    /// The most projected rows kept per dataset.
    public var projectionLimit: Int
    /// Seed of every random choice.
    public var seed: UInt64
    /// Resamples per bootstrap confidence interval.
    public var bootstrapResamples: Int

    /// Creates settings.
    public init(
        tokenizer: String, metrics: [MetricID], textField: String = "text", labelField: String = "label",
        annotatorsField: String = "annotators", vectorField: String? = nil, comparedLabels: [String] = [],
        splitField: String = "split", nearDuplicateThreshold: Double, listLimit: Int, projectionLimit: Int,
        seed: UInt64, bootstrapResamples: Int
    ) {
        self.tokenizer = tokenizer
        self.metrics = metrics
        self.textField = textField
        self.labelField = labelField
        self.annotatorsField = annotatorsField
        self.vectorField = vectorField
        self.comparedLabels = comparedLabels
        self.splitField = splitField
        self.nearDuplicateThreshold = nearDuplicateThreshold
        self.listLimit = listLimit
        self.projectionLimit = projectionLimit
        self.seed = seed
        self.bootstrapResamples = bootstrapResamples
    }
}
