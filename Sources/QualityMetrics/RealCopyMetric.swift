/// `real_copy_rate` and `real_exact_copy_rate`: how much of a synthetic dataset is copied from the real one.
///
/// - `real_copy_rate`: share of the rows with a nonzero vector whose nearest real row (by cosine
///   similarity of the embeddings) is at or above the near-duplicate threshold.
/// - `real_exact_copy_rate`: share of all rows whose normalised text
///   (``TextNormalization/duplicateKey(_:)``) is a real row's.
///
/// - Complexity: O(N) here; the nearest-real search (O(N·M·d) in GEMM tiles) runs once per dataset in
///   the engine.
struct RealCopyMetric: MetricFamily {
    let ids: [MetricID] = [.realCopyRate, .realExactCopyRate]

    func evaluate(_ context: MetricContext, requested: [MetricID]) -> [MetricID: MetricValue] {
        var values: [MetricID: MetricValue] = [:]
        for id in requested {
            values[id] = id == .realCopyRate ? Self.copyRate(context) : Self.exactCopyRate(context)
        }
        return values
    }

    private static func copyRate(_ context: MetricContext) -> MetricValue {
        guard let similarities = context.rows.realSimilarity else {
            return .unavailable(reason: context.rows.realComparison)
        }
        let compared = similarities.filter { $0 > -.infinity }
        guard !compared.isEmpty else { return .unavailable(reason: "no rows with a nonzero vector") }
        let copies = compared.lazy.filter { EmbeddingSpreadMetric.isNear($0, context.nearDuplicateThreshold) }.count
        return .number(Double(copies) / Double(compared.count))
    }

    private static func exactCopyRate(_ context: MetricContext) -> MetricValue {
        guard let flags = context.rows.copiesRealText else { return .unavailable(reason: context.rows.realComparison) }
        guard !flags.isEmpty else { return .unavailable(reason: "no rows") }
        return .number(Double(flags.lazy.filter { $0 }.count) / Double(flags.count))
    }
}
