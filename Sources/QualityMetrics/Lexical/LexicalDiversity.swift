import AuditModel
import AuditPlan

/// Lexical diversity and size: distinct-n, self-BLEU, the compression ratio and tokens per row, on every
/// dataset and every label's rows, from the plan's shared tokens.
///
/// - Complexity: O(T · 4) for T tokens (one n-gram index per scope, shared by distinct-n and self-BLEU),
///   plus gzip over the texts for the compression ratio.
public struct LexicalDiversity: MetricFamily {
    /// The family's metrics, one type each.
    static let scopeMetrics: [any ScopeMetric] = [
        DistinctN(order: 1), DistinctN(order: 2), DistinctN(order: 3), DistinctN(order: 4),
        SelfBLEUMetric(order: 2), SelfBLEUMetric(order: 3), SelfBLEUMetric(order: 4),
        CompressionRatio(),
        TokensPerRow(.mean), TokensPerRow(.median),
    ]

    /// The family.
    public init() {}

    /// `lexical diversity`.
    public var name: String { "lexical diversity" }

    /// Its metrics, in report order.
    public var metrics: [MetricDescriptor] { Self.scopeMetrics.map(\.descriptor) }

    /// What the selected metrics read: tokens for all but the compression ratio (it reads the texts).
    public func requirements(for selection: Set<MetricID>, inputs: AuditInputs) -> Requirements {
        .of(Self.scopeMetrics, selection: selection)
    }

    /// Every selected metric on every scope; the token-length histogram with the token statistics.
    public func run(_ context: FamilyContext) throws(AuditError) -> [DatasetSection] {
        var sections = context.evaluate(Self.scopeMetrics)
        if context.wants(.meanTokens) || context.wants(.medianTokens) {
            for position in sections.indices {
                sections[position].tokenLengthHistogram = TokenLengthHistogram.counts(
                    context.tokens.corpora[position].lengths)
            }
        }
        return sections
    }
}

extension MetricScope {
    /// Every n-gram of the scope's rows up to order 4, indexed once for distinct-n and self-BLEU.
    var ngramIndex: NGramIndex { cached("lexical.ngrams") { NGramIndex(corpus, maxOrder: 4) } }
}
