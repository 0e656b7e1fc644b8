/// `self_bleu_2`, `self_bleu_3`, `self_bleu_4`: the mean over rows of each row's BLEU-n against all
/// other rows (see ``SelfBLEU``).
///
/// - Complexity: O(T · 4) for T tokens; no loop over pairs of rows.
struct SelfBLEUMetric: MetricFamily {
    let ids: [MetricID] = [.selfBLEU2, .selfBLEU3, .selfBLEU4]

    func evaluate(_ context: MetricContext, requested: [MetricID]) -> [MetricID: MetricValue] {
        guard context.rowCount >= 2 else {
            let reason = "needs at least 2 rows, found \(context.rowCount)"
            return Dictionary(uniqueKeysWithValues: requested.map { ($0, .unavailable(reason: reason)) })
        }
        let orders = requested.map(MetricCatalog.selfBLEUOrder)
        let scorer = SelfBLEU(maxOrder: orders.max() ?? 4)
        let precisions = scorer.precisions(index: context.ngramIndex, corpus: context.rows.corpus)
        var values: [MetricID: MetricValue] = [:]
        for (id, n) in zip(requested, orders) {
            guard let scores = SelfBLEU.scores(precisions, order: n) else { continue }
            values[id] = .finite(ExactSum.fsum(scores) / Double(scores.count), otherwise: "not a finite number")
        }
        return values
    }
}
