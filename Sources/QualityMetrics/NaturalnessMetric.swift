import Foundation

/// `naturalness` and `perplexity_real_lm`: how fluently the rows read under an n-gram language model of
/// the real data, and the per-row naturalness score built from it and the artefact flags
/// (`Metrics/naturalness.md`, `Metrics/perplexity.md`). Computed for whole datasets and for each label's
/// rows from the per-row scores of ``NaturalnessStage``; the real dataset's values are held out.
///
/// - Complexity: O(N) over the per-row scores.
struct NaturalnessMetric: MetricFamily {
    static let ids: [MetricID] = [.naturalness, .perplexityRealLM]
    var ids: [MetricID] { Self.ids }

    func evaluate(_ context: MetricContext, requested: [MetricID]) -> [MetricID: MetricValue] {
        let rows = context.rows
        var values: [MetricID: MetricValue] = [:]
        for id in requested {
            guard let perplexities = rows.perplexities, let scores = rows.naturalnessScores else {
                values[id] = .unavailable(reason: rows.languageModelUnavailable)
                continue
            }
            guard rows.rowCount > 0 else {
                values[id] = .unavailable(reason: "no rows")
                continue
            }
            switch id {
            case .naturalness:
                values[id] = .finite(scores.reduce(0, +) / Double(scores.count), otherwise: "not finite")
            default:
                // Token-weighted: exp of the mean negative log-probability over every predicted token,
                // each row predicting its tokens and the end of the sentence.
                var logProbability = 0.0
                var predicted = 0.0
                for row in 0..<rows.rowCount {
                    let count = Double(rows.corpus.length(ofRow: row) + 1)
                    logProbability -= count * log(perplexities[row])
                    predicted += count
                }
                values[id] = .finite(exp(-logProbability / predicted), otherwise: "not finite")
            }
        }
        return values
    }
}
