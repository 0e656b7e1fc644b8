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
    /// Seed of every random choice (bootstrap resamples, held-out splits); the same seed gives the same
    /// result.
    public var seed: UInt64
    /// Resamples per bootstrap confidence interval.
    public var bootstrapResamples: Int

    /// How many nearest labelled real rows estimate a row's subjectivity when it has no raters.
    public static let subjectivityNeighbours = 10

    /// The default near-duplicate threshold.
    public static let defaultNearDuplicateThreshold = 0.95

    /// Creates a configuration; by default every metric with the default tokenizer.
    public init(
        tokenizer: TokenizerKind = .default, metrics: [MetricID] = MetricID.allCases,
        fields: FieldMapping = FieldMapping(),
        nearDuplicateThreshold: Double = AuditConfiguration.defaultNearDuplicateThreshold, listLimit: Int = 20,
        projectionLimit: Int = 1000, seed: UInt64 = AuditConfiguration.defaultSeed,
        bootstrapResamples: Int = AuditConfiguration.defaultBootstrapResamples
    ) {
        self.tokenizer = tokenizer
        self.metrics = metrics.sorted()
        self.fields = fields
        self.nearDuplicateThreshold = nearDuplicateThreshold
        self.listLimit = listLimit
        self.projectionLimit = projectionLimit
        self.seed = seed
        self.bootstrapResamples = bootstrapResamples
    }

    /// The default seed.
    public static let defaultSeed: UInt64 = 20_231_012
    /// The default number of bootstrap resamples.
    public static let defaultBootstrapResamples = 1000

    /// Whether any selected metric needs embeddings whatever the data (the subjectivity estimate needs
    /// them too, see ``needsSubjectivityEstimate(everyDatasetHasRaters:)``).
    public var needsEmbeddings: Bool {
        metrics.contains { [.remoteClique, .chamfer, .vendi, .nearDuplicateRate, .realCopyRate].contains($0) }
            || needsLabelModels || needsFidelity
    }

    /// Whether a selected metric needs every row's artefact flags.
    public var needsArtefacts: Bool {
        metrics.contains { ArtefactMetric.ids.contains($0) } || needsLanguageModel
    }

    /// Whether a selected metric needs the real data's language model.
    public var needsLanguageModel: Bool {
        metrics.contains { NaturalnessMetric.ids.contains($0) }
    }

    /// Whether a selected metric compares the embeddings with the real ones as distributions.
    public var needsFidelity: Bool {
        metrics.contains { FidelityMetric.ids.contains($0) }
    }

    /// Whether a selected metric needs the label classifiers (label fidelity, invalid labels, utility).
    public var needsLabelModels: Bool {
        metrics.contains { $0 == .labelFidelity || $0 == .invalidLabelRate || UtilityMetric.ids.contains($0) }
    }

    /// Whether subjectivity must be estimated from the nearest real rows: `estimated_subjectivity_mean`
    /// is selected, or an audit-level subjectivity metric is and not every dataset has raters.
    public func needsSubjectivityEstimate(everyDatasetHasRaters: Bool) -> Bool {
        metrics.contains(.estimatedSubjectivityMean)
            || (!everyDatasetHasRaters && metrics.contains { $0 == .highlySubjectiveRate || $0 == .subjectivityTask })
    }
}
