import DatasetIO
import TextTokenization

/// Everything that decides an audit's numbers; recorded in every result.
public struct AuditConfiguration: Sendable, Equatable {
    /// The tokenizer every lexical metric uses.
    public var tokenizer: TokenizerKind
    /// The metrics to compute, in catalogue order.
    public var metrics: [MetricID]
    /// Which input fields hold text, label, annotations and vectors.
    public var fields: FieldMapping
    /// Cosine similarity at or above which two rows are near duplicates (`near_duplicate_rate`,
    /// `real_copy_rate`); in (0, 1].
    public var nearDuplicateThreshold: Double
    /// The most entries any list in the result holds (clusters, copies, rows of a cluster).
    public var listLimit: Int
    /// The most projected rows kept per dataset.
    public var projectionLimit: Int

    /// The default near-duplicate threshold.
    public static let defaultNearDuplicateThreshold = 0.95

    /// Creates a configuration; by default every metric with the default tokenizer.
    public init(
        tokenizer: TokenizerKind = .default, metrics: [MetricID] = MetricID.allCases, fields: FieldMapping = FieldMapping(),
        nearDuplicateThreshold: Double = AuditConfiguration.defaultNearDuplicateThreshold, listLimit: Int = 20,
        projectionLimit: Int = 1000
    ) {
        self.tokenizer = tokenizer
        self.metrics = metrics.sorted()
        self.fields = fields
        self.nearDuplicateThreshold = nearDuplicateThreshold
        self.listLimit = listLimit
        self.projectionLimit = projectionLimit
    }

    /// Whether any selected metric needs embeddings.
    public var needsEmbeddings: Bool {
        metrics.contains { [.remoteClique, .chamfer, .vendi, .nearDuplicateRate, .realCopyRate].contains($0) }
    }
}
