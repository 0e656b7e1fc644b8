/// The outcome of an audit: the single source for every renderer and for the gate.
public struct AuditResult: Sendable, Equatable {
    /// Version of the JSON layout; bumped on any incompatible change.
    public static let currentSchemaVersion = 1

    /// The JSON layout version of this result.
    public var schemaVersion: Int
    /// The tool's name and version.
    public var tool: ToolInfo
    /// The settings the numbers were computed with.
    public var configuration: AuditSettings
    /// One entry per dataset: the real reference first (when given), then the synthetic ones in argument order.
    public var datasets: [DatasetResult]
    /// How rows were embedded and projected, when an embedding metric was computed.
    public var embedding: EmbeddingSummary?
    /// How the neighbour graphs were searched (exact or approximate, with measured recall), when an audit
    /// needed them.
    public var neighbourSearch: NeighbourSearchSummary?
    /// The time each stage took, in the order the stages ran; written to the JSON only when recorded
    /// (`assay audit --timings`), so that by default the same inputs give the same bytes.
    public var timings: [StageTiming]?
    /// Whether each synthetic dataset is fit to train on, and why; set by the caller that decides it (the CLI,
    /// with the default thresholds or a gate configuration's), `nil` until then.
    public var verdict: AuditVerdict?
    /// The descriptors of the catalogue the audit ran with: titles, directions and cards for the reports.
    /// Not part of the JSON; a result read back from JSON has the descriptors its reader gives it.
    public var catalog: MetricCatalog

    /// Creates a result.
    public init(
        tool: ToolInfo = ToolInfo(), configuration: AuditSettings, datasets: [DatasetResult],
        embedding: EmbeddingSummary? = nil, neighbourSearch: NeighbourSearchSummary? = nil,
        timings: [StageTiming]? = nil, catalog: MetricCatalog = MetricCatalog([]),
        schemaVersion: Int = AuditResult.currentSchemaVersion, verdict: AuditVerdict? = nil
    ) {
        self.verdict = verdict
        self.schemaVersion = schemaVersion
        self.tool = tool
        self.configuration = configuration
        self.datasets = datasets
        self.embedding = embedding
        self.neighbourSearch = neighbourSearch
        self.timings = timings
        self.catalog = catalog
    }

    /// The real reference dataset's entry, if one was given.
    public var real: DatasetResult? { datasets.first { $0.role == .real } }

    /// The descriptor of `id` (``MetricDescriptor/unknown(_:)`` when the catalogue lacks it).
    public func descriptor(_ id: MetricID) -> MetricDescriptor { catalog[id] }
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

/// The time one stage of an audit took.
public struct StageTiming: Sendable, Equatable, Codable {
    /// The stage, e.g. `neighbour graphs`.
    public var stage: String
    /// Wall-clock seconds, summed over every step of the stage.
    public var seconds: Double

    /// Creates a timing.
    public init(stage: String, seconds: Double) {
        self.stage = stage
        self.seconds = seconds
    }
}

/// The metrics of one dataset, overall and per label, with what the metric families found.
public struct DatasetResult: Sendable, Equatable {
    /// Whether a dataset is the real reference or a synthetic candidate.
    public enum Role: String, Sendable, Codable, Hashable {
        /// The real data of the task.
        case real
        /// Generated data under audit.
        case synthetic
    }

    /// Display name.
    public var name: String
    /// Real reference or synthetic candidate.
    public var role: Role
    /// The path as given.
    public var path: String
    /// Number of rows.
    public var rows: Int
    /// Rows per label (rows without a label are not counted).
    public var labelCounts: [String: Int]
    /// Rows without a label.
    public var unlabelledRows: Int
    /// SHA-256 of the bytes the dataset was read from, when it was read from a file or standard input.
    public var sha256: String?
    /// The value of each computed metric over the whole dataset.
    public var metrics: [MetricID: MetricValue]
    /// The same metrics on the rows of each label.
    public var perLabel: [String: [MetricID: MetricValue]]
    /// Clusters, copies and the projection, when embeddings were computed.
    public var embedding: EmbeddingDetails?
    /// Rows per token-length bin (``TokenLengthHistogram/binLabels``), when a token statistic was computed.
    public var tokenLengthHistogram: [Int]?
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
    /// How the dataset was measured when it was put back together from shard states (`assay merge`).
    public var mergedFromShards: ShardMergeSummary?
    /// One entry per row: what each family found about it. Not part of the JSON report (see
    /// `assay audit --instances`).
    public var rowFindings: [RowFinding] = []

    /// Creates a dataset result.
    public init(
        name: String, role: Role, path: String, rows: Int, labelCounts: [String: Int] = [:], unlabelledRows: Int = 0,
        metrics: [MetricID: MetricValue] = [:], perLabel: [String: [MetricID: MetricValue]] = [:],
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

    /// Adds a family's section: its values, intervals and details, and its fields of each row.
    ///
    /// - Precondition: two sections never set the same detail, except ``embedding``, whose parts they
    ///   may share.
    public mutating func merge(_ section: DatasetSection) {
        metrics.merge(section.metrics) { _, new in new }
        for (label, values) in section.perLabel { perLabel[label, default: [:]].merge(values) { _, new in new } }
        intervals.merge(section.intervals) { _, new in new }
        if let details = section.embedding { embedding = embedding?.merging(details) ?? details }
        Self.take(section.tokenLengthHistogram, into: &tokenLengthHistogram)
        Self.take(section.subjectivity, into: &subjectivity)
        Self.take(section.labelModel, into: &labelModel)
        Self.take(section.naturalness, into: &naturalness)
        Self.take(section.fidelity, into: &fidelity)
        guard !section.rowFindings.isEmpty else { return }
        precondition(section.rowFindings.count == rowFindings.count, "one finding per row")
        for index in rowFindings.indices { rowFindings[index].merge(section.rowFindings[index]) }
    }

    private static func take<Value>(_ value: Value?, into slot: inout Value?) {
        guard let value else { return }
        precondition(slot == nil, "two sections set the same detail")
        slot = value
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
    /// How the unit vectors were stored, which every embedding metric read: `float32` or `float16`.
    public var precision: String

    /// Creates a summary.
    public init(embedder: String, dimension: Int, explainedVariance: [Double], precision: String = "float32") {
        self.embedder = embedder
        self.dimension = dimension
        self.explainedVariance = explainedVariance
        self.precision = precision
    }

    private enum CodingKeys: String, CodingKey {
        case embedder, dimension
        case explainedVariance = "explained_variance"
        case precision = "vector_precision"
    }

    /// Decodes a summary; results written before the precision was recorded stored float32 vectors.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        embedder = try container.decode(String.self, forKey: .embedder)
        dimension = try container.decode(Int.self, forKey: .dimension)
        explainedVariance = try container.decode([Double].self, forKey: .explainedVariance)
        precision = try container.decodeIfPresent(String.self, forKey: .precision) ?? "float32"
    }
}
