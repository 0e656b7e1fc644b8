import AuditModel

/// The words every report uses for a dataset put back together from shard states (`assay merge`).
enum ShardMergeText {
    /// The mark beside a value computed on a merged dataset's seeded sample rather than on every row.
    static let sampleMark = "†"

    /// Whether `dataset`'s value of `id` was computed on its sample.
    static func isSampled(_ dataset: DatasetResult, _ id: MetricID) -> Bool {
        dataset.mergedFromShards?.isSampled(id) ?? false
    }

    /// One sentence, unescaped: how many states, and which metrics cover every row.
    static func note(_ dataset: DatasetResult) -> String? {
        guard let merge = dataset.mergedFromShards else { return nil }
        let states = "\(dataset.name): merged from \(merge.states) shard state\(merge.states == 1 ? "" : "s")"
        let sketched =
            merge.sketchedMetrics.isEmpty
            ? ""
            : "; \(merge.sketchedMetrics.map(\.rawValue).joined(separator: ", ")) count distinct n-grams with a "
                + "HyperLogLog sketch (95 % interval about ± 0.8 %)"
        if merge.isComplete { return "\(states); every metric covers all \(merge.rows) rows\(sketched)" }
        let exact =
            merge.exactMetrics.isEmpty
            ? "the row and label counts" : merge.exactMetrics.map(\.rawValue).joined(separator: ", ")
        let estimated =
            merge.estimatedMetrics.isEmpty
            ? ""
            : "; of these, \(merge.estimatedMetrics.map(\.rawValue).joined(separator: ", ")) average over rows and carry a "
                + "95 % interval for their value over all rows (Wilson for shares, bootstrap for means)"
        return "\(states); \(exact) cover all \(merge.rows) rows, the other metrics (\(sampleMark)) a seeded sample of "
            + "\(merge.sampleRows) rows (seed \(merge.seed))\(estimated)\(sketched)"
    }
}
