import AuditModel
import AuditPlan
import Foundation

extension MetricID {
    /// Mean per-row naturalness: how typical of real rows its perplexity is, halved per artefact.
    public static let naturalness = MetricID("naturalness")
    /// Token-weighted perplexity under an n-gram language model of the real data (held out for the real rows).
    public static let perplexityRealLM = MetricID("perplexity_real_lm")
}

/// `naturalness`: the mean over rows of each row's naturalness, 2·min(F, 1 − F) for F the row's percentile
/// among the real held-out perplexities, halved for each artefact it trips (`Metrics/naturalness.md`).
///
/// - Complexity: O(N) over the family's per-row scores.
struct NaturalnessScore: RowDataMetric {
    var descriptor: MetricDescriptor {
        MetricDescriptor(
            .naturalness, title: "Naturalness",
            summary:
                "mean over rows of how typical of real rows its perplexity is (two-sided percentile), halved per artefact",
            direction: .higherIsBetter, dimension: .naturalness, card: "Metrics/naturalness.md")
    }

    func value(in scope: MetricScope, _ data: RowData) -> MetricValue {
        guard let scores = data.scores[scope.dataset] else { return .skipped(data.missingModel) }
        guard scope.rowCount > 0 else { return .skipped(.noRows) }
        return .finite(scope.rows.reduce(0) { $0 + scores[$1] } / Double(scope.rowCount))
    }
}

/// `perplexity_real_lm`: token-weighted perplexity, exp of the mean negative log-probability over every
/// predicted token, each row predicting its tokens and the end of the sentence (`Metrics/perplexity.md`).
///
/// - Complexity: O(N) over the plan's per-row perplexities.
struct Perplexity: RowDataMetric {
    var descriptor: MetricDescriptor {
        MetricDescriptor(
            .perplexityRealLM, title: "Perplexity (real-data LM)",
            summary: "perplexity under a modified Kneser–Ney 4-gram model of the real data (real rows held out)",
            direction: .closerToRealIsBetter, dimension: .naturalness, card: "Metrics/perplexity.md")
    }

    func value(in scope: MetricScope, _ data: RowData) -> MetricValue {
        guard let perplexities = data.perplexities[scope.dataset] else { return .skipped(data.missingModel) }
        guard scope.rowCount > 0 else { return .skipped(.noRows) }
        let corpus = scope.context.tokens.corpora[scope.dataset]
        var logProbability = 0.0
        var predicted = 0.0
        for row in scope.rows {
            let count = Double(corpus.length(ofRow: row) + 1)
            logProbability -= count * log(perplexities[row])
            predicted += count
        }
        return .finite(exp(-logProbability / predicted))
    }
}
