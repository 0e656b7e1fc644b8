import AssayUtilities
import AuditModel
import AuditPlan

extension MetricID {
    /// Mean BLEU-2 of each row against all other rows.
    public static let selfBLEU2 = MetricID("self_bleu_2")
    /// Mean BLEU-3 of each row against all other rows.
    public static let selfBLEU3 = MetricID("self_bleu_3")
    /// Mean BLEU-4 of each row against all other rows.
    public static let selfBLEU4 = MetricID("self_bleu_4")
}

/// `self_bleu_2`, `self_bleu_3`, `self_bleu_4`: the mean over rows of each row's BLEU-n against all
/// other rows (see ``SelfBLEU``). The clipped precisions are computed once per scope, up to the highest
/// selected order, and shared by the three.
///
/// - Complexity: O(T · n) for T tokens; no loop over pairs of rows.
struct SelfBLEUMetric: ScopeMetric {
    /// The n.
    let order: Int

    /// The plan's shared tokens.
    var requirements: Requirements { Requirements(tokens: true) }

    var descriptor: MetricDescriptor {
        MetricDescriptor(
            [.selfBLEU2, .selfBLEU3, .selfBLEU4][order - 2], title: "Self-BLEU-\(order)",
            summary: "mean BLEU-\(order) of each row against all other rows (NLTK semantics, smoothing method1)",
            direction: .lowerIsBetter, dimension: .diversity, card: "Metrics/self-bleu.md")
    }

    func value(in scope: MetricScope) -> MetricValue {
        guard scope.rowCount >= 2 else { return .skipped(.tooFewRows(needed: 2, found: scope.rowCount)) }
        guard let scores = SelfBLEU.scores(Self.precisions(in: scope), order: order) else {
            return .skipped(.notFinite)
        }
        return .finite(ExactSum.fsum(scores) / Double(scores.count))
    }

    /// The bootstrap interval of the mean over rows, each row's score against the whole dataset held fixed.
    ///
    /// - Complexity: O(B · N) for B resamples, the precisions being cached by ``value(in:)``.
    func interval(of value: Double, in scope: MetricScope) -> ConfidenceInterval? {
        guard let scores = SelfBLEU.scores(Self.precisions(in: scope), order: order) else { return nil }
        return meanInterval(scores, scope.context.inputs.configuration)
    }

    /// Every row's clipped n-gram matches up to the highest selected order, computed once per scope.
    private static func precisions(in scope: MetricScope) -> SelfBLEU.Precisions {
        let highest =
            [4, 3, 2].first { scope.context.wants([MetricID.selfBLEU2, .selfBLEU3, .selfBLEU4][$0 - 2]) } ?? 4
        return scope.cached("lexical.selfBLEU") {
            SelfBLEU(maxOrder: highest).precisions(index: scope.ngramIndex, corpus: scope.corpus)
        }
    }
}
