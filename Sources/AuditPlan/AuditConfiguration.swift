import AuditModel
import DatasetIO
import TextTokenization

/// Everything that decides an audit's numbers; recorded in every result as ``AuditModel/AuditSettings``.
public struct AuditConfiguration: Sendable, Equatable {
    /// The tokenizer every lexical metric uses.
    public var tokenizer: TokenizerKind
    /// The metrics to compute; `nil` computes every metric of the families the audit runs.
    public var metrics: [MetricID]?
    /// Which input fields hold text, label, annotations and vectors.
    public var fields: FieldMapping
    /// Cosine similarity at or above which two rows are near duplicates (`near_duplicate_rate`,
    /// `real_copy_rate`); in (0, 1].
    public var nearDuplicateThreshold: Double
    /// The most entries any list in the result holds (clusters, copies, rows of a cluster).
    public var listLimit: Int
    /// The most projected rows kept per dataset.
    public var projectionLimit: Int
    /// Seed of every random choice (bootstrap resamples, held-out splits); the same seed gives the same
    /// result.
    public var seed: UInt64
    /// Resamples per bootstrap confidence interval.
    public var bootstrapResamples: Int
    /// The most rows a classifier trains on: the real-data classifier and each synthetic dataset's (a seeded
    /// sample stratified by label above it), and the discriminator (half of it from each side).
    public var classifierRowLimit: Int
    /// Exact or approximate neighbour search, and the recall floor (recorded in the result's
    /// `neighbour_search`, not in its settings).
    public var neighbourSearch: NeighbourSearchSettings

    /// The default near-duplicate threshold.
    public static let defaultNearDuplicateThreshold = 0.95
    /// The default seed.
    public static let defaultSeed: UInt64 = 20_231_012
    /// The default number of bootstrap resamples.
    public static let defaultBootstrapResamples = 1000
    /// The default most rows a classifier trains on (`Metrics/utility.md` shows what it changes).
    public static let defaultClassifierRowLimit = 20_000

    /// Creates a configuration; by default every metric with the default tokenizer.
    public init(
        tokenizer: TokenizerKind = .default, metrics: [MetricID]? = nil, fields: FieldMapping = FieldMapping(),
        nearDuplicateThreshold: Double = AuditConfiguration.defaultNearDuplicateThreshold, listLimit: Int = 20,
        projectionLimit: Int = 1000, seed: UInt64 = AuditConfiguration.defaultSeed,
        bootstrapResamples: Int = AuditConfiguration.defaultBootstrapResamples,
        classifierRowLimit: Int = AuditConfiguration.defaultClassifierRowLimit,
        neighbourSearch: NeighbourSearchSettings = NeighbourSearchSettings()
    ) {
        self.tokenizer = tokenizer
        self.metrics = metrics
        self.fields = fields
        self.nearDuplicateThreshold = nearDuplicateThreshold
        self.listLimit = listLimit
        self.projectionLimit = projectionLimit
        self.seed = seed
        self.bootstrapResamples = bootstrapResamples
        self.classifierRowLimit = classifierRowLimit
        self.neighbourSearch = neighbourSearch
    }

    /// The settings as a result records them, with the metrics actually selected (in catalogue order).
    public func settings(metrics selected: [MetricID]) -> AuditSettings {
        AuditSettings(
            tokenizer: tokenizer.rawValue, metrics: selected, textField: fields.text, labelField: fields.label,
            annotatorsField: fields.annotators, vectorField: fields.vectors, comparedLabels: fields.comparedLabels,
            splitField: fields.split, nearDuplicateThreshold: nearDuplicateThreshold, listLimit: listLimit,
            projectionLimit: projectionLimit, seed: seed, bootstrapResamples: bootstrapResamples)
    }
}
