import DatasetIO

/// The outcome of an audit: the single source for every renderer and, later, the gate.
public struct AuditResult: Sendable, Equatable {
    /// Version of the JSON layout; bumped on any incompatible change.
    public static let currentSchemaVersion = 1

    /// The JSON layout version of this result.
    public var schemaVersion: Int
    /// The tool's name and version.
    public var tool: ToolInfo
    /// The configuration the numbers were computed with.
    public var configuration: AuditConfiguration
    /// One entry per dataset: the real reference first (when given), then the synthetic ones in argument order.
    public var datasets: [DatasetResult]
    /// How rows were embedded and projected, when an embedding metric was computed.
    public var embedding: EmbeddingSummary?

    /// Creates a result.
    public init(
        tool: ToolInfo = ToolInfo(), configuration: AuditConfiguration, datasets: [DatasetResult],
        embedding: EmbeddingSummary? = nil, schemaVersion: Int = AuditResult.currentSchemaVersion
    ) {
        self.schemaVersion = schemaVersion
        self.tool = tool
        self.configuration = configuration
        self.datasets = datasets
        self.embedding = embedding
    }

    /// The real reference dataset's entry, if one was given.
    public var real: DatasetResult? { datasets.first { $0.role == .real } }
}

/// Identifies the program that produced a result.
public struct ToolInfo: Sendable, Equatable, Codable {
    /// Always `assay`.
    public var name: String
    /// Semantic version of Assay.
    public var version: String

    /// The running Assay.
    public init(name: String = "assay", version: String = AssayVersion.current) {
        self.name = name
        self.version = version
    }
}

/// Assay's version.
public enum AssayVersion {
    /// The current version string.
    public static let current = "0.1.0"
}

/// The metrics of one dataset, overall and per label.
public struct DatasetResult: Sendable, Equatable {
    /// Display name.
    public var name: String
    /// Real reference or synthetic candidate.
    public var role: DatasetRole
    /// The path as given.
    public var path: String
    /// Number of rows.
    public var rows: Int
    /// Rows per label (rows without a label are not counted).
    public var labelCounts: [String: Int]
    /// Rows without a label.
    public var unlabelledRows: Int
    /// The value of each computed metric over the whole dataset.
    public var metrics: [MetricID: MetricValue]
    /// The same metrics on the rows of each label.
    public var perLabel: [String: [MetricID: MetricValue]]
    /// Clusters, copies and the projection, when embeddings were computed.
    public var embedding: EmbeddingDetails?
    /// Rows per token-length bin (``TokenLengthHistogram/binLabels``), when a token statistic was computed.
    public var tokenLengthHistogram: [Int]?
    /// SHA-256 of the bytes the dataset was read from (``Dataset/sha256``).
    public var sha256: String?
    /// Bootstrap confidence intervals of some metrics over the whole dataset (agreement, subjectivity).
    public var intervals: [MetricID: ConfidenceInterval] = [:]
    /// Where the subjectivity values came from, and the most ambiguous rows.
    public var subjectivity: SubjectivityDetails?
    /// The label classifiers' split, disputed labels and labels outside the real set.
    public var labelModel: LabelModelDetails?
    /// Artefact findings and shared openings, when a naturalness metric was computed.
    public var naturalness: NaturalnessDetails?
    /// The discriminator's most synthetic- and real-looking rows, discriminative words, MAUVE's quantisation.
    public var fidelity: FidelityDetails?
    /// One entry per row: its subjectivity and the real-trained classifier's view of its label. Not part
    /// of the JSON report (see `assay audit --instances`).
    public var rowFindings: [RowFinding] = []

    /// Creates a dataset result.
    public init(
        name: String, role: DatasetRole, path: String, rows: Int, labelCounts: [String: Int] = [:],
        unlabelledRows: Int = 0, metrics: [MetricID: MetricValue], perLabel: [String: [MetricID: MetricValue]] = [:],
        embedding: EmbeddingDetails? = nil, sha256: String? = nil
    ) {
        self.name = name
        self.role = role
        self.path = path
        self.rows = rows
        self.labelCounts = labelCounts
        self.unlabelledRows = unlabelledRows
        self.metrics = metrics
        self.perLabel = perLabel
        self.embedding = embedding
        self.sha256 = sha256
    }
}

/// How an audit's rows were embedded, and the projection shared by all datasets.
public struct EmbeddingSummary: Sendable, Equatable, Codable {
    /// The embedder's identity (`vectors` when the input supplied them).
    public var embedder: String
    /// Vector dimension.
    public var dimension: Int
    /// Variance along each of the two projection axes (principal components of all datasets' unit
    /// embeddings together), rounded to 6 decimals.
    public var explainedVariance: [Double]

    /// Creates a summary.
    public init(embedder: String, dimension: Int, explainedVariance: [Double]) {
        self.embedder = embedder
        self.dimension = dimension
        self.explainedVariance = explainedVariance
    }

    private enum CodingKeys: String, CodingKey {
        case embedder, dimension
        case explainedVariance = "explained_variance"
    }
}
