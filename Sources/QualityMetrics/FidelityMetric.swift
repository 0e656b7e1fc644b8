/// `discriminator_auc`, `mauve`, `embedding_precision`, `embedding_recall`, `embedding_density`,
/// `embedding_coverage`: how well the synthetic rows' embeddings match the real rows' as distributions
/// (`Metrics/discriminator.md`, `Metrics/mauve.md`, `Metrics/precision-recall.md`). Computed once per
/// whole dataset by ``FidelityStage``; the real dataset's values compare two seeded halves of it.
struct FidelityMetric: MetricFamily {
    static let ids: [MetricID] = [
        .discriminatorAUC, .mauve, .embeddingPrecision, .embeddingRecall, .embeddingDensity, .embeddingCoverage,
    ]
    var ids: [MetricID] { Self.ids }

    func evaluate(_ context: MetricContext, requested: [MetricID]) -> [MetricID: MetricValue] {
        var values: [MetricID: MetricValue] = [:]
        for id in requested {
            if let fidelity = context.rows.fidelity {
                values[id] = fidelity[id] ?? .unavailable(reason: context.rows.fidelityUnavailable)
            } else {
                values[id] = .unavailable(reason: context.rows.fidelityUnavailable)
            }
        }
        return values
    }
}
