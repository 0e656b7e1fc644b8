import DatasetIO
import Dispatch
import LabelAgreement
import LanguageModels
import TextArtefacts
import TextTokenization

/// The naturalness work an audit does once per dataset: every row through the artefact rules
/// (``ArtefactDetector``, with the dataset's and the real data's label names), the openings rows share,
/// and, with a real dataset, every row's perplexity under an n-gram language model of the real data and
/// its naturalness score.
///
/// The model (interpolated modified Kneser–Ney, order ``languageModelOrder``) is trained on the real rows
/// in a seeded ``crossValidationFolds``-fold split: each real row is scored by the model of the other
/// folds, so the real data's own perplexity is a held-out reference, and every other row by one of the
/// same fold models (row i by the model without fold i mod folds), so both are judged by models trained
/// on the same amount of real data.
struct NaturalnessStage {
    /// Per dataset and row, the artefact rules it trips.
    let artefacts: [[[ArtefactKind]]]
    /// Per dataset and row, its perplexity under the real data's model (held out for real rows); `nil`
    /// without a language model.
    let perplexities: [[Double]?]
    /// Per dataset and row, its naturalness score; `nil` without a language model.
    let naturalness: [[Double]?]
    /// Why ``perplexities`` and ``naturalness`` are `nil`.
    let languageModelUnavailable: String
    /// Per dataset, what the report lists.
    let details: [NaturalnessDetails]

    /// Examples kept per artefact kind.
    static let examplesPerKind = 5
    /// Openings listed per dataset.
    static let openingLimit = 5
    /// Most and least natural rows listed per dataset.
    static let naturalRowLimit = 10
    /// The language model's order (see `Metrics/perplexity.md`).
    static let languageModelOrder = 4
    /// Folds of the real data's cross-validated perplexity.
    static let crossValidationFolds = 5
    /// Each artefact a row trips multiplies its naturalness by this.
    static let artefactFactor = 0.5

    /// Runs the stage; the language model only when `languageModel` is set and a real dataset is given.
    ///
    /// - Complexity: O(total characters · p) for the rules' p ≈ 300 phrases, spread over all cores;
    ///   O(N) hash lookups for the openings; O(order · T) to train the model on T real tokens (and
    ///   `folds` times for the cross-validation) and O(order) lookups per scored token.
    static func run(
        _ datasets: [Dataset], corpora: [TokenizedCorpus], vocabulary: Vocabulary, realIndex: Int?,
        languageModel: Bool, seed: UInt64, step: (AuditStep) -> Void
    ) -> NaturalnessStage {
        step(AuditStep(.naturalness, "artefact rules on \(datasets.reduce(0) { $0 + $1.count }) rows"))
        let artefacts = detectArtefacts(datasets, realIndex: realIndex)
        var perplexities = [[Double]?](repeating: nil, count: datasets.count)
        var reason = "needs a real dataset to train the language model on (give one with --real)"
        if languageModel, let realIndex {
            step(AuditStep(.naturalness, "language model of \(datasets[realIndex].name), order \(languageModelOrder)"))
            switch scores(corpora, realIndex: realIndex, seed: seed) {
            case .success(let values): perplexities = values
            case .failure(let error): reason = error.reason
            }
        }
        let reference = realIndex.flatMap { perplexities[$0] }.map { $0.sorted() }
        let naturalness = datasets.indices.map { position -> [Double]? in
            guard let reference, let values = perplexities[position] else { return nil }
            return values.indices.map { row in
                artefacts[position][row].reduce(typicality(values[row], reference: reference)) { score, _ in
                    score * artefactFactor
                }
            }
        }
        let median = reference.flatMap { sorted in
            sorted.isEmpty
                ? nil
                : EmbeddingStage.rounded((sorted[(sorted.count - 1) / 2] + sorted[sorted.count / 2]) / 2, places: 4)
        }
        let details = datasets.indices.map { position in
            NaturalnessDetails(
                artefacts: findings(artefacts[position], texts: datasets[position].texts),
                openingTemplates: openings(corpora[position], vocabulary: vocabulary),
                leastNatural: naturalRows(
                    position, datasets: datasets, perplexities: perplexities, naturalness: naturalness,
                    artefacts: artefacts, least: true),
                mostNatural: naturalRows(
                    position, datasets: datasets, perplexities: perplexities, naturalness: naturalness,
                    artefacts: artefacts, least: false),
                languageModel: perplexities[position] == nil ? nil : modelDescription(corpora[realIndex ?? 0].rowCount),
                realMedianPerplexity: perplexities[position] == nil ? nil : median)
        }
        return NaturalnessStage(
            artefacts: artefacts, perplexities: perplexities, naturalness: naturalness,
            languageModelUnavailable: reason, details: details)
    }

    private static func modelDescription(_ realRows: Int) -> String {
        let folds = min(crossValidationFolds, realRows)
        return "modified Kneser–Ney \(languageModelOrder)-gram models of the \(realRows) real rows in a seeded "
            + "\(folds)-fold split: each real row scored by the model without its fold, every other row i by "
            + "the model without fold i mod \(folds)"
    }

    /// How typical of the real rows a perplexity is: 2 · min(F, 1 − F) for F, the share of real held-out
    /// perplexities below `value` (equal ones count ½, a mid-rank percentile). 1 at the real median, 0
    /// beyond every real row on either side: an unusually *low* perplexity (bland, generic, repeated
    /// wording, which language models tend to produce) is as atypical as an unusually high one. Over
    /// the real rows themselves it averages ½.
    ///
    /// - Complexity: O(log M) for M real rows.
    static func typicality(_ value: Double, reference sorted: [Double]) -> Double {
        guard !sorted.isEmpty else { return 0 }
        let below = partition(sorted) { $0 < value }
        let notAbove = partition(sorted) { $0 <= value }
        let share = (Double(below) + 0.5 * Double(notAbove - below)) / Double(sorted.count)
        return 2 * min(share, 1 - share)
    }

    /// The number of leading elements of `sorted` for which `isBefore` holds (it must hold on a prefix).
    private static func partition(_ sorted: [Double], _ isBefore: (Double) -> Bool) -> Int {
        var low = 0
        var high = sorted.count
        while low < high {
            let middle = (low + high) / 2
            if isBefore(sorted[middle]) { low = middle + 1 } else { high = middle }
        }
        return low
    }

    /// Every dataset's rows scored by the real data's fold models (``NGramLanguageModel/heldOutPerplexities(_:scoring:folds:seed:order:)``):
    /// each real row by the model without its fold, each other row by one of the same models.
    private static func scores(_ corpora: [TokenizedCorpus], realIndex: Int, seed: UInt64)
        -> Result<[[Double]?], UndefinedAgreement>
    {
        let real = corpora[realIndex]
        guard real.rowCount >= 2 else {
            return .failure(UndefinedAgreement("the real dataset needs two or more rows for a held-out perplexity"))
        }
        let others = corpora.indices.filter { $0 != realIndex }
        do {
            let scored = try NGramLanguageModel.heldOutPerplexities(
                real, scoring: others.map { corpora[$0] }, folds: min(crossValidationFolds, real.rowCount), seed: seed,
                order: languageModelOrder)
            var values = [[Double]?](repeating: nil, count: corpora.count)
            values[realIndex] = scored.training
            for (index, position) in others.enumerated() { values[position] = scored.others[index] }
            return .success(values)
        } catch {
            return .failure(UndefinedAgreement("the language model could not be trained: \(error)"))
        }
    }

    private static func detectArtefacts(_ datasets: [Dataset], realIndex: Int?) -> [[[ArtefactKind]]] {
        let realLabels = Set(realIndex.map { datasets[$0].labels.compactMap { $0 } } ?? [])
        let detectors = datasets.map { dataset in
            ArtefactDetector(labelNames: Set(dataset.labels.compactMap { $0 }).union(realLabels).sorted())
        }
        // Chunks of rows over all datasets, so one large dataset still uses every core.
        let chunk = 512
        var jobs: [(dataset: Int, rows: Range<Int>)] = []
        for (position, dataset) in datasets.enumerated() {
            for start in stride(from: 0, to: dataset.count, by: chunk) {
                jobs.append((position, start..<min(start + chunk, dataset.count)))
            }
        }
        let slots = ResultSlots<[[ArtefactKind]]>(count: jobs.count)
        let work = jobs
        DispatchQueue.concurrentPerform(iterations: work.count) { index in
            let job = work[index]
            let texts = datasets[job.dataset].texts
            slots.store(job.rows.map { detectors[job.dataset].detect(texts[$0]) }, at: index)
        }
        var artefacts = [[[ArtefactKind]]](repeating: [], count: datasets.count)
        for (job, flags) in zip(jobs, slots.values) { artefacts[job.dataset].append(contentsOf: flags) }
        return artefacts
    }

    private static func findings(_ flags: [[ArtefactKind]], texts: [String]) -> [String: ArtefactFindings] {
        var result: [String: ArtefactFindings] = [:]
        for kind in ArtefactKind.allCases {
            let rows = flags.indices.filter { flags[$0].contains(kind) }
            guard !rows.isEmpty else { continue }
            result[kind.rawValue] = ArtefactFindings(
                rows: rows.count, examples: rows.prefix(examplesPerKind).map { TextRow(row: $0, text: texts[$0]) })
        }
        return result
    }

    /// The least (or most) natural rows of dataset `position`: by naturalness, then perplexity (higher
    /// is less natural), then row.
    private static func naturalRows(
        _ position: Int, datasets: [Dataset], perplexities: [[Double]?], naturalness: [[Double]?],
        artefacts: [[[ArtefactKind]]], least: Bool
    ) -> [NaturalRow] {
        guard let scores = naturalness[position], let values = perplexities[position] else { return [] }
        let order = scores.indices.sorted { a, b in
            if scores[a] != scores[b] { return least ? scores[a] < scores[b] : scores[a] > scores[b] }
            if values[a] != values[b] { return least ? values[a] > values[b] : values[a] < values[b] }
            return a < b
        }
        return order.prefix(naturalRowLimit).map { row in
            NaturalRow(
                row: row, text: datasets[position].texts[row],
                naturalness: EmbeddingStage.rounded(scores[row], places: 6),
                perplexity: EmbeddingStage.rounded(values[row], places: 4),
                flags: artefacts[position][row].map(\.rawValue))
        }
    }

    /// The most common openings of ``ArtefactMetric/openingTokens`` tokens shared by two or more rows:
    /// most rows first, then by the opening's text.
    private static func openings(_ corpus: TokenizedCorpus, vocabulary: Vocabulary) -> [OpeningTemplate] {
        let k = ArtefactMetric.openingTokens
        var counts: [[UInt32]: Int] = [:]
        for row in 0..<corpus.rowCount {
            let tokens = corpus.tokens(ofRow: row)
            guard tokens.count >= k else { continue }
            counts[Array(tokens.prefix(k)), default: 0] += 1
        }
        let shared = counts.filter { $0.value >= 2 }.map { entry in
            (text: entry.key.map { vocabulary.token(for: $0) ?? "?" }.joined(separator: " "), rows: entry.value)
        }
        let n = Double(max(corpus.rowCount, 1))
        return shared.sorted {
            $0.rows != $1.rows
                ? $0.rows > $1.rows
                : $0.text.unicodeScalars.map(\.value).lexicographicallyPrecedes($1.text.unicodeScalars.map(\.value))
        }.prefix(openingLimit).map {
            OpeningTemplate(
                opening: $0.text, rows: $0.rows, share: EmbeddingStage.rounded(Double($0.rows) / n, places: 6))
        }
    }
}
