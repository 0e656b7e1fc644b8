import DatasetIO
import Dispatch
import TextTokenization

/// Runs an audit: tokenizes every dataset once (one vocabulary shared by all), then computes the
/// selected metrics on each dataset and on each of its labels.
///
/// Datasets and label subsets are evaluated in parallel; the result does not depend on scheduling.
public struct AuditEngine: Sendable {
    /// What to compute and how.
    public let configuration: AuditConfiguration

    /// Creates an engine.
    public init(configuration: AuditConfiguration) {
        self.configuration = configuration
    }

    /// Audits `datasets` (the real reference, if any, should come first).
    ///
    /// - Complexity: O(T) for T tokens over all datasets for every current metric, plus a sort of row
    ///   lengths for the median.
    public func run(_ datasets: [Dataset]) -> AuditResult {
        let (corpora, textKeys) = prepare(datasets)
        var jobs: [(dataset: Int, label: String?, rows: RowSubset)] = []
        for (position, dataset) in datasets.enumerated() {
            let whole = RowSubset(corpus: corpora[position], textKeys: textKeys?[position])
            jobs.append((position, nil, whole))
            for (label, rows) in Self.rowsByLabel(dataset) {
                jobs.append((position, label, whole.subset(rows)))
            }
        }

        let families = MetricRegistry.families.compactMap { family -> (any MetricFamily, [MetricID])? in
            let requested = family.ids.filter(configuration.metrics.contains)
            return requested.isEmpty ? nil : (family, requested)
        }
        let subsets = jobs.map(\.rows)
        let outputs = ResultSlots<[MetricID: MetricValue]>(count: subsets.count)
        DispatchQueue.concurrentPerform(iterations: subsets.count) { index in
            let context = MetricContext(rows: subsets[index])
            var values: [MetricID: MetricValue] = [:]
            for (family, requested) in families {
                values.merge(family.evaluate(context, requested: requested)) { $1 }
            }
            outputs.store(values, at: index)
        }

        var results = datasets.map { dataset in
            DatasetResult(
                name: dataset.name, role: dataset.role, path: dataset.path, rows: dataset.count,
                labelCounts: dataset.labels.reduce(into: [:]) { counts, label in
                    if let label { counts[label, default: 0] += 1 }
                },
                unlabelledRows: dataset.labels.lazy.filter { $0 == nil }.count, metrics: [:])
        }
        for (job, values) in zip(jobs, outputs.values) {
            if let label = job.label {
                results[job.dataset].perLabel[label] = values
            } else {
                results[job.dataset].metrics = values
            }
        }
        return AuditResult(configuration: configuration, datasets: results)
    }

    /// Every dataset's tokens (one vocabulary shared by all) and, when a selected metric needs them, the
    /// ids of its rows' normalised texts. Tokenizing is sequential (the vocabulary is shared); the texts
    /// are normalised beside it, on another thread.
    private func prepare(_ datasets: [Dataset]) -> (corpora: [TokenizedCorpus], textKeys: [[UInt32]]?) {
        let needsKeys = configuration.metrics.contains(.exactDuplicateRate)
        let corpora = ResultSlots<[TokenizedCorpus]>(count: 1)
        let keys = ResultSlots<[[UInt32]]>(count: 1)
        DispatchQueue.concurrentPerform(iterations: needsKeys ? 2 : 1) { task in
            if task == 0 {
                let tokenizer = configuration.tokenizer.makeTokenizer()
                var vocabulary = Vocabulary()
                corpora.store(
                    datasets.map { TokenizedCorpus(texts: $0.texts, tokenizer: tokenizer, vocabulary: &vocabulary) },
                    at: 0)
            } else {
                keys.store(datasets.map { Self.textKeys($0.texts) }, at: 0)
            }
        }
        return (corpora.values[0], needsKeys ? keys.values[0] : nil)
    }

    /// Per text, the id of its ``TextNormalization/duplicateKey(_:)``, ids in order of first appearance.
    private static func textKeys(_ texts: [String]) -> [UInt32] {
        var ids: [String: UInt32] = [:]
        ids.reserveCapacity(texts.count)
        return texts.map { text in
            let key = TextNormalization.duplicateKey(text)
            if let id = ids[key] { return id }
            let id = UInt32(truncatingIfNeeded: ids.count)
            ids[key] = id
            return id
        }
    }

    /// Row indices of each label, labels in sorted order.
    private static func rowsByLabel(_ dataset: Dataset) -> [(String, [Int])] {
        var rows: [String: [Int]] = [:]
        for (row, label) in dataset.labels.enumerated() {
            if let label { rows[label, default: []].append(row) }
        }
        return rows.sorted { $0.key < $1.key }
    }
}
