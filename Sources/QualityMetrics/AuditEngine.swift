import AuditModel
import AuditPlan
import DatasetIO

/// Every metric family Assay has, in report order: the catalogue of an audit.
public enum MetricFamilies {
    /// The families, in report order.
    public static let all: [any MetricFamily] = [
        LexicalDiversity(), EmbeddingSpread(), DuplicatesAndMemorisation(), LabelsAndUtility(), Subjectivity(),
        RealVersusSynthetic(), Naturalness(),
    ]

    /// Every metric's descriptor, in report order.
    public static let catalog = MetricCatalog(all.flatMap(\.metrics))
}

/// Runs an audit with every metric family: the library's entry point.
///
/// Plans the audit (`AuditPlan`) from the families and the datasets, then runs it: each shared
/// product is computed once and every family adds its section. The result does not depend on scheduling.
public struct AuditEngine: Sendable {
    /// What to compute and how.
    public let configuration: AuditConfiguration
    /// Where embeddings come from for datasets without vectors.
    public let embeddings: EmbeddingSource

    /// Creates an engine; by default embedding with the built-in hashing embedder, uncached.
    public init(configuration: AuditConfiguration, embeddings: EmbeddingSource = EmbeddingSource()) {
        self.configuration = configuration
        self.embeddings = embeddings
    }

    /// Whether auditing `datasets` under `configuration` embeds texts: some selected metric reads vectors and the
    /// datasets bring none of their own. A caller can then load an embedding model only when it is needed.
    ///
    /// - Throws: `AuditError.unknownMetric` for a metric no family has.
    /// - Complexity: O(total rows).
    public static func embedsTexts(_ datasets: [Dataset], configuration: AuditConfiguration) throws(AuditError)
        -> Bool
    {
        guard datasets.allSatisfy({ $0.vectors == nil }) else { return false }
        return try AuditPlan(families: MetricFamilies.all, datasets: datasets, configuration: configuration)
            .requirements.vectors
    }

    /// Audits `datasets` (the real reference, if any, should come first). `warn` receives problems that
    /// do not stop the audit (an unusable embedding cache, for example); `step` is told as each step
    /// begins, for progress display.
    ///
    /// - Throws: `AuditError` for an unknown metric, vectors that do not fit together, or a
    ///   failing embedder or computation.
    /// - Complexity: see `AuditPlan.run(embeddings:warn:step:)`.
    public func run(
        _ datasets: [Dataset], warn: (String) -> Void = { _ in },
        step: @escaping @Sendable (AuditStep) -> Void = { _ in }
    ) throws(AuditError) -> AuditResult {
        let plan = try AuditPlan(families: MetricFamilies.all, datasets: datasets, configuration: configuration)
        var result = try plan.run(embeddings: embeddings, warn: warn, step: step)
        for index in result.datasets.indices {
            let estimates = SampleEstimates.intervals(result.datasets[index], configuration: configuration)
            result.datasets[index].intervals.merge(estimates) { family, _ in family }
        }
        return result
    }
}
