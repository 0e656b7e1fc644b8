import AuditModel
import Foundation
import QualityMetrics

/// Hand-built audit results for renderer and gate tests, with the real catalogue's descriptors.
public enum TestResults {
    /// Settings as a default audit records them, with `metrics` (in catalogue order).
    public static func settings(tokenizer: String = "default", metrics: [MetricID]) -> AuditSettings {
        AuditSettings(
            tokenizer: tokenizer, metrics: MetricFamilies.catalog.ordered(metrics), nearDuplicateThreshold: 0.95,
            listLimit: 20, projectionLimit: 1000, seed: 20_231_012, bootstrapResamples: 1000)
    }

    /// A result of `datasets` computed with `metrics`, carrying the catalogue's descriptors.
    public static func result(
        tokenizer: String = "default", metrics: [MetricID], datasets: [DatasetResult],
        embedding: EmbeddingSummary? = nil
    ) -> AuditResult {
        let settings = settings(tokenizer: tokenizer, metrics: metrics)
        return AuditResult(
            configuration: settings, datasets: datasets, embedding: embedding,
            catalog: MetricFamilies.catalog.restricted(to: settings.metrics))
    }
}

extension MetricValue {
    /// A missing value whose reason reads `words`.
    public static func unavailable(_ words: String) -> MetricValue { .skipped(.recorded(words)) }
}

extension TestResults {
    /// A result read from JSON (as `assay audit --json` writes it), with the catalogue's descriptors.
    public static func decoded(_ data: Data) throws -> AuditResult {
        var result = try JSONDecoder().decode(AuditResult.self, from: data)
        result.catalog = MetricFamilies.catalog.restricted(to: result.configuration.metrics)
        return result
    }

    /// The committed `Reports/fixtures-audit.json`, decoded.
    public static func fixturesAudit() throws -> AuditResult {
        try decoded(try Data(contentsOf: RepositoryPaths.root.appendingPathComponent("Reports/fixtures-audit.json")))
    }
}
