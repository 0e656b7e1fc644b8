import AuditModel
import AuditPlan
import DatasetIO
import QualityMetrics
import TextTokenization

/// The audit of datasets put back together from shard states, beside a real dataset read whole.
///
/// The audit engine runs on each dataset's merged sample (all of its rows when it fits, so the report is
/// the single-machine one); then the metrics that follow from counts (``QualityMetrics/MergeableMetrics``)
/// are replaced by their values over every row, the row and label counts by the full ones, and each
/// dataset records which metrics cover every row (``AuditModel/ShardMergeSummary``).
public struct MergedAudit: Sendable {
    /// What decides the numbers; its tokenizer and seed must be those the shards were profiled with.
    public var configuration: AuditConfiguration
    /// The embedder the shards were profiled with (it embeds the real data).
    public var embeddings: EmbeddingSource

    /// A merged audit.
    public init(configuration: AuditConfiguration, embeddings: EmbeddingSource) {
        self.configuration = configuration
        self.embeddings = embeddings
    }

    /// The result for `real` (if given) and the `merged` datasets.
    ///
    /// - Throws: ``ShardStateError/mismatch(path:reason:)`` when the states' tokenizer, seed or embedder
    ///   differ from this audit's; `AuditError` from the engine.
    /// - Complexity: the audit of the samples, plus O(m log m) for the counts.
    public func run(
        real: Dataset?, merged: [MergedDataset], warn: (String) -> Void = { _ in },
        step: @escaping @Sendable (AuditStep) -> Void = { _ in }
    ) throws -> AuditResult {
        var source = embeddings
        var recorded: [String: [Float]] = [:]
        for dataset in merged {
            let settings = dataset.settings
            let path = dataset.sample.path
            guard settings.tokenizer == configuration.tokenizer.rawValue else {
                throw ShardStateError.mismatch(
                    path: path,
                    reason: "profiled with --tokenizer \(settings.tokenizer); merge with the same tokenizer")
            }
            guard settings.seed == configuration.seed else {
                throw ShardStateError.mismatch(
                    path: path, reason: "profiled with --seed \(settings.seed); merge with the same seed")
            }
            if let identity = settings.embedder, identity != embeddings.embedder.identity {
                throw ShardStateError.mismatch(
                    path: path,
                    reason: "embedded by \(identity), but this merge embeds with \(embeddings.embedder.identity); "
                        + "give the same --embedder")
            }
            if let vectors = dataset.embeddedVectors {
                for (row, text) in dataset.sample.texts.enumerated() { recorded[text] = Array(vectors.row(row)) }
            }
        }
        if !recorded.isEmpty { source.embedder = RecordedEmbedder(base: embeddings.embedder, recorded: recorded) }

        let datasets = (real.map { [$0] } ?? []) + merged.map(\.sample)
        var result = try AuditEngine(configuration: configuration, embeddings: source).run(
            datasets, warn: warn, step: step)
        // The real side of the distances reads lengths, labels and token types, not the n-gram sets, which a
        // sketch from the start keeps small.
        let realCounts = real.map {
            Self.counts(
                DatasetStatistics(
                    texts: $0.texts, labels: $0.labels, tokenizer: configuration.tokenizer, exactLimit: 0),
                realTexts: nil)
        }
        let realTexts = real.map { Set($0.texts.map { StableHash.of(TextNormalization.duplicateKey($0)) }) }
        for (offset, dataset) in merged.enumerated() {
            let position = (real == nil ? 0 : 1) + offset
            Self.applyCounts(
                of: dataset, real: (realCounts, realTexts), to: &result.datasets[position], catalog: result.catalog)
            if !dataset.isComplete {
                estimate(&result.datasets[position], catalog: result.catalog)
                warn(
                    "'\(dataset.sample.name)': \(dataset.rows) rows in \(dataset.shards) shard states; the metrics "
                        + "other than counts (row and label counts, distinct-n, exact duplicates and copies of real rows, opening "
                        + "templates, token "
                        + "statistics, "
                        + "distances of lengths, labels and vocabulary) are computed on a seeded sample of "
                        + "\(dataset.sample.count) rows")
            }
        }
        return result
    }

    /// Gives the sampled metrics that are means over rows an interval for their value over every row.
    private func estimate(_ entry: inout DatasetResult, catalog: MetricCatalog) {
        guard var summary = entry.mergedFromShards else { return }
        // The engine gave these means their intervals on the sample already; they estimate the mean over every row.
        let estimates = SampleEstimates.intervals(entry, configuration: configuration).filter {
            !summary.exactMetrics.contains($0.key)
        }
        entry.intervals.merge(estimates) { old, _ in old }
        // Self-BLEU and Chamfer grow with the rows compared against: an interval of the sample's value says
        // nothing of the value over every row.
        for id in [MetricID.selfBLEU2, .selfBLEU3, .selfBLEU4, .chamfer] { entry.intervals[id] = nil }
        summary.estimatedMetrics = catalog.ids.filter { estimates[$0] != nil }
        entry.mergedFromShards = summary
    }

    /// Replaces the count-based values of `entry` by those over every row of `dataset`.
    /// `real` holds the real data's counts and its normalised texts' hashes, when a real dataset was given.
    private static func applyCounts(
        of dataset: MergedDataset, real: (counts: DatasetCounts?, texts: Set<UInt64>?), to entry: inout DatasetResult,
        catalog: MetricCatalog
    ) {
        let realCounts = real.counts
        let statistics = dataset.statistics
        let counts = Self.counts(statistics, realTexts: real.texts)
        entry.rows = statistics.whole.rows
        entry.labelCounts = statistics.labelCounts
        entry.unlabelledRows = statistics.unlabelledRows
        if entry.tokenLengthHistogram != nil {
            entry.tokenLengthHistogram = TokenLengthHistogram.counts(counts.whole.sortedLengths)
        }
        var exact: Set<MetricID> = []
        var sketched: Set<MetricID> = []
        let perLabelIDs = Set(entry.perLabel.values.flatMap(\.keys))
        for id in MergeableMetrics.scopeMetrics where entry.metrics[id] != nil {
            // No value from counts (a copy rate without real data): the sample run's reason stands.
            guard let value = MergeableMetrics.value(id, of: counts.whole) else { continue }
            entry.metrics[id] = value
            // Over every row, not the sample's.
            entry.intervals[id] = value.number == nil ? nil : MergeableMetrics.interval(id, of: counts.whole)
            if let order = Self.ngramOrder(id), statistics.usesSketch(order: order) {
                sketched.insert(id)
                if let number = value.number { entry.intervals[id] = Self.sketchInterval(number) }
            } else {
                exact.insert(id)
            }
            guard perLabelIDs.contains(id) else { continue }
            for (label, scope) in statistics.perLabel {
                if let labelValue = MergeableMetrics.value(id, of: Self.counts(scope, realTexts: real.texts)) {
                    entry.perLabel[label, default: [:]][id] = labelValue
                }
            }
        }
        // Train on real, test on real: the synthetic rows play no part.
        for id in [MetricID.trtrAccuracy, .trtrMacroF1, .trtrBalancedAccuracy] where entry.metrics[id] != nil {
            exact.insert(id)
        }
        if let realCounts {
            for id in MergeableMetrics.distanceMetrics where entry.metrics[id] != nil {
                entry.metrics[id] = MergeableMetrics.distance(id, of: counts, fromReal: realCounts)
                exact.insert(id)
            }
        }
        entry.mergedFromShards = ShardMergeSummary(
            states: dataset.shards, rows: statistics.whole.rows, sampleRows: dataset.sample.count,
            seed: dataset.settings.seed, exactMetrics: catalog.ids.filter(exact.contains),
            sketchedMetrics: catalog.ids.filter(sketched.contains))
    }

    /// The n-gram order (0-based) that `id` counts, for `distinct_1` … `distinct_4`.
    private static func ngramOrder(_ id: MetricID) -> Int? {
        [MetricID.distinct1, .distinct2, .distinct3, .distinct4].firstIndex(of: id)
    }

    /// A distinct-n value from a sketch ± 1.96 times the sketch's relative standard error (the total count of
    /// n-grams in the denominator is exact).
    private static func sketchInterval(_ value: Double) -> ConfidenceInterval {
        let half = 1.959_963_984_540_054 * HyperLogLog.relativeStandardError * value
        return ConfidenceInterval(
            lower: max(0, value - half), upper: min(1, value + half), level: 0.95, resamples: 0, validResamples: 0,
            seed: 0,
            method: .hyperLogLog)
    }

    private static func counts(_ statistics: DatasetStatistics, realTexts: Set<UInt64>?) -> DatasetCounts {
        DatasetCounts(
            whole: counts(statistics.whole, realTexts: realTexts), labelCounts: statistics.labelCounts,
            tokenCounts: statistics.tokenCounts)
    }

    private static func counts(_ scope: ScopeStatistics, realTexts: Set<UInt64>?) -> ScopeCounts {
        ScopeCounts(
            rows: scope.rows, distinctTexts: scope.texts.distinct, ngramTotals: scope.ngramTotals,
            // A sketch's estimate can pass the exact total when nearly every n-gram is distinct.
            distinctNGrams: zip(scope.ngrams, scope.ngramTotals).map { min($0.count, $1) },
            sortedLengths: scope.sortedRowLengths,
            realCopies: realTexts.map(scope.texts.occurrences), largestOpeningGroup: scope.openings.counts.max() ?? 0)
    }
}
