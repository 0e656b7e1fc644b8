import DatasetIO
import Dispatch
import LabelAgreement
import LinearAlgebra
import TextTokenization

/// Runs an audit: tokenizes every dataset once (one vocabulary shared by all), then computes the
/// selected metrics on each dataset and on each of its labels.
///
/// Datasets and label subsets are evaluated in parallel; the result does not depend on scheduling.
public struct AuditEngine: Sendable {
    /// What to compute and how.
    public let configuration: AuditConfiguration
    /// Where embeddings come from for datasets without vectors.
    public let embeddings: EmbeddingSource

    /// Creates an engine; by default embedding with the built-in hashing embedder, uncached.
    public init(configuration: AuditConfiguration, embeddings: EmbeddingSource = EmbeddingSource()) {
        self.configuration = configuration
        self.embeddings = embeddings
    }

    /// Audits `datasets` (the real reference, if any, should come first). `warn` receives problems that
    /// do not stop the audit (an unusable embedding cache, for example); `step` is told as each step
    /// begins, for progress display.
    ///
    /// - Complexity: O(T) for T tokens for the lexical metrics; the embedding metrics add embedding,
    ///   O(N²·d) exact nearest-neighbour search per dataset in GEMM tiles, and O(N·d²) for Vendi; the
    ///   label classifiers O(iterations·N·d·K) per dataset; bootstrap intervals O(B·N·K); the artefact
    ///   rules O(characters); the real data's language models O(folds·order·T) for T real tokens; the
    ///   real-vs-synthetic tests O(N·M·d) per synthetic dataset (see ``FidelityStage``).
    public func run(
        _ datasets: [Dataset], warn: (String) -> Void = { _ in }, step: (AuditStep) -> Void = { _ in }
    ) throws(AuditError) -> AuditResult {
        step(AuditStep(.tokenize, "\(datasets.count) datasets, \(datasets.reduce(0) { $0 + $1.count }) rows"))
        let (corpora, vocabulary, textKeys) = prepare(datasets)
        let realIndex = datasets.firstIndex { $0.role == .real }
        let naturalness =
            configuration.needsArtefacts
            ? NaturalnessStage.run(
                datasets, corpora: corpora, vocabulary: vocabulary, realIndex: realIndex,
                languageModel: configuration.needsLanguageModel, seed: configuration.seed, step: step)
            : nil
        // Subjectivity comes from raters only when every dataset has them, so values compare like with like.
        let fromRaters = datasets.allSatisfy { $0.annotations.contains { ($0?.count ?? 0) >= 2 } }
        let estimate = configuration.needsSubjectivityEstimate(everyDatasetHasRaters: fromRaters)
        let stage =
            configuration.needsEmbeddings || estimate
            ? try EmbeddingStage.run(
                datasets, realIndex: realIndex, configuration: configuration, source: embeddings,
                estimatesSubjectivity: estimate, warn: warn, step: step)
            : nil
        var models: LabelModelStage?
        var modelReason = "no labelled real dataset to train on (give one with --real)"
        if configuration.needsLabelModels, let stage, let realIndex {
            switch try LabelModelStage.run(
                datasets, rows: stage.rows, realIndex: realIndex, configuration: configuration, step: step)
            {
            case .success(let trained): models = trained
            case .failure(let error): modelReason = error.reason
            }
        }
        var fidelity: FidelityStage?
        if configuration.needsFidelity, let stage, let realIndex {
            fidelity = FidelityStage.run(
                datasets, rows: stage.rows, corpora: corpora, vocabulary: vocabulary, realIndex: realIndex,
                configuration: configuration, step: step)
        }
        var jobs: [(dataset: Int, label: String?, rows: RowSubset)] = []
        var presetNeighbors: [NeighborList?] = []
        var wholeRows: [RowSubset] = []
        for (position, dataset) in datasets.enumerated() {
            let whole = RowSubset(
                corpus: corpora[position], textKeys: textKeys?[position], embedding: stage?.rows[position],
                realSimilarity: stage?.realSimilarity[position],
                copiesRealText: Self.copiesRealText(position, realIndex: realIndex, textKeys: textKeys),
                realComparison: position == realIndex
                    ? "this is the real dataset" : "no real dataset to compare with (give one with --real)",
                labels: dataset.labels, annotations: dataset.annotations,
                neighbourLabels: stage?.neighbourLabels[position],
                subjectivityFromRaters: fromRaters, comparedLabels: dataset.comparedLabels,
                predictions: models?.predictions[position], realLabelSet: models.map { Set($0.labels) },
                utility: models?.utility[position], labelModelUnavailable: modelReason,
                realReference: realIndex.flatMap { index in
                    index == position ? nil : (corpora[index], datasets[index].labels)
                },
                noiseFloorSeed: position == realIndex ? configuration.seed : nil,
                artefacts: naturalness?.artefacts[position], perplexities: naturalness?.perplexities[position] ?? nil,
                naturalnessScores: naturalness?.naturalness[position] ?? nil,
                languageModelUnavailable: naturalness?.languageModelUnavailable
                    ?? "needs a real dataset to train the language model on (give one with --real)",
                fidelity: fidelity?.values[position])
            wholeRows.append(whole)
            jobs.append((position, nil, whole))
            presetNeighbors.append(stage?.neighbors[position])
            for (label, rows) in Self.rowsByLabel(dataset) {
                jobs.append((position, label, whole.subset(rows)))
                presetNeighbors.append(nil)
            }
        }

        let families = MetricRegistry.families.compactMap { family -> (any MetricFamily, [MetricID])? in
            let requested = family.ids.filter(configuration.metrics.contains)
            return requested.isEmpty ? nil : (family, requested)
        }
        step(AuditStep(.metrics, "\(datasets.count) datasets and \(jobs.count - datasets.count) labels"))
        let subsets = jobs.map(\.rows)
        let neighbors = presetNeighbors
        let outputs = ResultSlots<[MetricID: MetricValue]>(count: subsets.count)
        DispatchQueue.concurrentPerform(iterations: subsets.count) { index in
            let context = MetricContext(
                rows: subsets[index], nearDuplicateThreshold: configuration.nearDuplicateThreshold,
                neighbors: neighbors[index])
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
                unlabelledRows: dataset.labels.lazy.filter { $0 == nil }.count, metrics: [:], sha256: dataset.sha256)
        }
        if let stage {
            for position in results.indices { results[position].embedding = stage.details[position] }
        }
        if let models {
            for position in results.indices { results[position].labelModel = models.details[position] }
        }
        if let naturalness {
            for position in results.indices { results[position].naturalness = naturalness.details[position] }
        }
        if let fidelity {
            for position in results.indices { results[position].fidelity = fidelity.details[position] }
        }
        if configuration.metrics.contains(where: { $0 == .meanTokens || $0 == .medianTokens }) {
            for position in results.indices {
                results[position].tokenLengthHistogram = TokenLengthHistogram.counts(corpora[position])
            }
        }
        var subjectivityPerRow = [[InstanceSubjectivity?]](repeating: [], count: datasets.count)
        if configuration.metrics.contains(where: {
            $0.descriptor.dimension == .labels || $0.descriptor.dimension == .subjectivity
        }) {
            step(AuditStep(.metrics, "confidence intervals and ambiguous rows"))
            let analyses = ResultSlots<([MetricID: ConfidenceInterval], SubjectivityDetails?, [InstanceSubjectivity?])>(
                count: datasets.count)
            let rows = wholeRows
            DispatchQueue.concurrentPerform(iterations: datasets.count) { position in
                let analysis = LabelAnalysis.analyse(
                    rows[position], dataset: datasets[position], realLabels: realIndex.map { datasets[$0].labels },
                    configuration: configuration)
                analyses.store((analysis.intervals, analysis.subjectivity, analysis.perRow), at: position)
            }
            for (position, analysis) in analyses.values.enumerated() {
                results[position].intervals = analysis.0
                results[position].subjectivity = analysis.1
                subjectivityPerRow[position] = analysis.2
            }
        }
        for (position, dataset) in datasets.enumerated() {
            var nearest = [Double?](repeating: nil, count: dataset.count)
            if let stage, let list = stage.neighbors[position] {
                for (index, row) in stage.rows[position].positions.enumerated() where list.indices[index] >= 0 {
                    nearest[row] = EmbeddingStage.rounded(Double(list.similarities[index]), places: 6)
                }
            }
            let nearestReal = stage?.realSimilarity[position]
            results[position].rowFindings = dataset.texts.indices.map { row in
                let subjectivity = subjectivityPerRow[position][safe: row] ?? nil
                return RowFinding(
                    row: row, line: dataset.lineNumbers[row], label: dataset.labels[row],
                    subjectivity: subjectivity.map { EmbeddingStage.rounded($0.minorityShare, places: 6) },
                    voteEntropy: subjectivity.map { EmbeddingStage.rounded($0.voteEntropy, places: 6) },
                    predicted: models?.predictions[position][row],
                    labelQuality: models?.labelQuality[position][row].map { EmbeddingStage.rounded($0, places: 6) },
                    nearestSimilarity: nearest[row],
                    nearestRealSimilarity: nearestReal.flatMap { values in
                        values[row] > -.infinity ? EmbeddingStage.rounded(Double(values[row]), places: 6) : nil
                    },
                    flags: naturalness?.artefacts[position][row].map(\.rawValue),
                    perplexity: (naturalness?.perplexities[position]?[row]).map {
                        EmbeddingStage.rounded($0, places: 4)
                    },
                    naturalness: (naturalness?.naturalness[position]?[row]).map {
                        EmbeddingStage.rounded($0, places: 6)
                    },
                    syntheticScore: (fidelity?.syntheticScores[position][row] ?? nil).map {
                        EmbeddingStage.rounded($0, places: 6)
                    },
                    insideRealSupport: fidelity?.insideRealSupport[position][row] ?? nil)
            }
        }
        for (job, values) in zip(jobs, outputs.values) {
            if let label = job.label {
                results[job.dataset].perLabel[label] = values
            } else {
                results[job.dataset].metrics = values
            }
        }
        return AuditResult(configuration: configuration, datasets: results, embedding: stage?.summary)
    }

    /// Every dataset's tokens (one vocabulary shared by all) and, when a selected metric needs them, the
    /// ids of its rows' normalised texts. Tokenizing is sequential (the vocabulary is shared); the texts
    /// are normalised beside it, on another thread.
    private func prepare(_ datasets: [Dataset]) -> (
        corpora: [TokenizedCorpus], vocabulary: Vocabulary, textKeys: [[UInt32]]?
    ) {
        let needsKeys = configuration.metrics.contains { $0 == .exactDuplicateRate || $0 == .realExactCopyRate }
        let corpora = ResultSlots<([TokenizedCorpus], Vocabulary)>(count: 1)
        let keys = ResultSlots<[[UInt32]]>(count: 1)
        DispatchQueue.concurrentPerform(iterations: needsKeys ? 2 : 1) { task in
            if task == 0 {
                let tokenizer = configuration.tokenizer.makeTokenizer()
                var vocabulary = Vocabulary()
                let tokenized = datasets.map {
                    TokenizedCorpus(texts: $0.texts, tokenizer: tokenizer, vocabulary: &vocabulary)
                }
                corpora.store((tokenized, vocabulary), at: 0)
            } else {
                var ids: [String: UInt32] = [:]
                keys.store(datasets.map { Self.textKeys($0.texts, ids: &ids) }, at: 0)
            }
        }
        return (corpora.values[0].0, corpora.values[0].1, needsKeys ? keys.values[0] : nil)
    }

    /// Per text, the id of its ``TextNormalization/duplicateKey(_:)`` in `ids`, which is shared by every
    /// dataset of the run (so keys compare across datasets); new keys get the next id.
    private static func textKeys(_ texts: [String], ids: inout [String: UInt32]) -> [UInt32] {
        ids.reserveCapacity(ids.count + texts.count)
        return texts.map { text in
            let key = TextNormalization.duplicateKey(text)
            if let id = ids[key] { return id }
            let id = UInt32(truncatingIfNeeded: ids.count)
            ids[key] = id
            return id
        }
    }

    /// Per row of dataset `position`, whether its normalised text is one of the real dataset's; `nil` for
    /// the real dataset itself, without one, or when the keys were not computed.
    private static func copiesRealText(_ position: Int, realIndex: Int?, textKeys: [[UInt32]]?) -> [Bool]? {
        guard let realIndex, realIndex != position, let textKeys else { return nil }
        let real = Set(textKeys[realIndex])
        return textKeys[position].map(real.contains)
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

extension Array {
    fileprivate subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}
