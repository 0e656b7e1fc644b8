/// One metric family's part of one dataset's result: its metric values (whole dataset and per label),
/// intervals, details and per-row fields. The plan merges the sections of every family into the
/// ``DatasetResult`` (``DatasetResult/merge(_:)``).
public struct DatasetSection: Sendable, Equatable {
    /// Values over the whole dataset.
    public var metrics: [MetricID: MetricValue]
    /// Values over the rows of each label.
    public var perLabel: [String: [MetricID: MetricValue]]
    /// Bootstrap confidence intervals over the whole dataset.
    public var intervals: [MetricID: ConfidenceInterval]
    /// Near-duplicate clusters, copies of real rows, the projection.
    public var embedding: EmbeddingDetails?
    /// Rows per token-length bin.
    public var tokenLengthHistogram: [Int]?
    /// Subjectivity's method and most ambiguous rows.
    public var subjectivity: SubjectivityDetails?
    /// The label classifiers' split and disputed labels.
    public var labelModel: LabelModelDetails?
    /// Artefacts, openings, least and most natural rows.
    public var naturalness: NaturalnessDetails?
    /// What gives the dataset away against the real one.
    public var fidelity: FidelityDetails?
    /// One entry per row holding this family's fields (row identity is the result's); empty when the family
    /// adds nothing per row.
    public var rowFindings: [RowFinding]

    /// An empty section.
    public init(
        metrics: [MetricID: MetricValue] = [:], perLabel: [String: [MetricID: MetricValue]] = [:],
        intervals: [MetricID: ConfidenceInterval] = [:], rowFindings: [RowFinding] = []
    ) {
        self.metrics = metrics
        self.perLabel = perLabel
        self.intervals = intervals
        self.rowFindings = rowFindings
    }
}
