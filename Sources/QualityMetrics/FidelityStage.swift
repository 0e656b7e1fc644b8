import DatasetIO
import Dispatch
import DistributionDistances
import EmbeddingDistances
import LabelAgreement
import LabelModels
import LinearAlgebra
import TextTokenization

/// The real-versus-synthetic work an audit does once per synthetic dataset, on the unit embeddings: a
/// classifier two-sample test (``TwoSampleDiscriminator``), MAUVE and precision / recall / density /
/// coverage, plus the words that most set the dataset apart (``DiscriminativeTerms``). The real dataset
/// gets the same numbers between two seeded halves of its own rows: the noise floor.
struct FidelityStage {
    /// Per dataset, the values of the selected metrics of ``FidelityMetric`` (whole datasets).
    let values: [[MetricID: MetricValue]]
    /// Per dataset and row, the discriminator's out-of-fold probability that the row is synthetic
    /// (synthetic datasets, rows with a vector).
    let syntheticScores: [[Double?]]
    /// Per dataset and row, whether the row lies inside some real row's k-NN ball (synthetic datasets).
    let insideRealSupport: [[Bool?]]
    /// Per dataset, what the report lists.
    let details: [FidelityDetails?]

    /// Neighbours of the precision / recall / density / coverage balls (Naeem et al. 2020).
    static let neighbours = 5
    /// At most this many rows per side go into MAUVE (a seeded sample above it), as in the MAUVE paper's
    /// 5,000 generations; k-means on more rows costs much and changes little.
    static let mauveRowLimit = 5000
    /// Rows with a vector each side needs: 2 per fold of the discriminator's 5, more than the 5 neighbours
    /// of the balls; below it the numbers say little.
    static let minimumRows = 10
    /// Rows listed as most synthetic- and most real-looking, and words per side.
    static let listLimit = 10
    static let wordLimit = 15

    /// Runs the stage for the requested metrics.
    ///
    /// - Complexity: per synthetic dataset of N rows against M real rows in d dimensions: the
    ///   discriminator O(folds · iterations · (N + M) · d); MAUVE O((N + M)·d² + restarts · iterations ·
    ///   (N + M)·K·m) with K = (N + M)/20 clusters (at most ``mauveRowLimit`` rows per side); PRDC O(N·M·d)
    ///   in GEMM tiles; the words O(T) for T tokens.
    static func run(
        _ datasets: [Dataset], rows: [EmbeddingRows], corpora: [TokenizedCorpus], vocabulary: Vocabulary,
        realIndex: Int, configuration: AuditConfiguration, step: (AuditStep) -> Void
    ) -> FidelityStage {
        let requested = FidelityMetric.ids.filter(configuration.metrics.contains)
        let seed = configuration.seed
        let real = rows[realIndex]
        var values: [[MetricID: MetricValue]] = []
        var syntheticScores: [[Double?]] = []
        var inside: [[Bool?]] = []
        var details: [FidelityDetails?] = []
        for (position, dataset) in datasets.enumerated() {
            let pair: (synthetic: Matrix, real: Matrix, positions: [Int])
            if position == realIndex {
                let halves = NoiseFloorSplit.halves(count: real.count, seed: seed)
                pair = (real.unitRows.selectingRows(halves.a), real.unitRows.selectingRows(halves.b), [])
            } else {
                pair = (rows[position].unitRows, real.unitRows, rows[position].positions)
            }
            step(AuditStep(.fidelity, "\(dataset.name), \(pair.synthetic.rows) × \(pair.real.rows) rows"))
            var entry: [MetricID: MetricValue] = [:]
            var scores = [Double?](repeating: nil, count: dataset.count)
            var support = [Bool?](repeating: nil, count: dataset.count)
            guard min(pair.synthetic.rows, pair.real.rows) >= minimumRows else {
                let reason =
                    position == realIndex
                    ? "needs \(2 * minimumRows) or more real rows with a vector, to split in halves"
                    : "needs \(minimumRows) or more rows with a vector in this and in the real dataset"
                values.append(
                    Dictionary(uniqueKeysWithValues: requested.map { ($0, MetricValue.unavailable(reason: reason)) }))
                syntheticScores.append(Array(repeating: nil, count: dataset.count))
                inside.append(Array(repeating: nil, count: dataset.count))
                details.append(nil)
                continue
            }
            var detail = FidelityDetails(
                noiseFloor: position == realIndex
                    ? "between two seeded halves of the real rows (\(pair.synthetic.rows) and \(pair.real.rows))" : nil)
            if requested.contains(.discriminatorAUC) {
                do {
                    let result = try TwoSampleDiscriminator.evaluate(
                        real: pair.real, synthetic: pair.synthetic, options: .init(seed: seed))
                    entry[.discriminatorAUC] = .finite(result.auc, otherwise: "not finite")
                    for (index, row) in pair.positions.enumerated() { scores[row] = result.syntheticScores[index] }
                    if position != realIndex {
                        detail.mostSyntheticLooking = lookingRows(scores, dataset, highest: true)
                        detail.mostRealLooking = lookingRows(scores, dataset, highest: false)
                        detail.discriminativeWords = words(corpora[position], corpora[realIndex], vocabulary)
                    }
                } catch {
                    entry[.discriminatorAUC] = .unavailable(reason: error.description)
                }
            }
            if requested.contains(.mauve) {
                do {
                    let sample = (
                        limited(pair.synthetic, seed: seed), limited(pair.real, seed: seed &+ 1)
                    )
                    let result = try MAUVE.compute(
                        synthetic: sample.0, real: sample.1, configuration: MAUVEConfiguration(seed: seed))
                    entry[.mauve] = .finite(result.mauve, otherwise: "not finite")
                    detail.mauveClusters = result.clusterCount
                    detail.mauveRows = [sample.0.rows, sample.1.rows]
                } catch {
                    entry[.mauve] = .unavailable(reason: error.description)
                }
            }
            let prdc: [MetricID] = [.embeddingPrecision, .embeddingRecall, .embeddingDensity, .embeddingCoverage]
            if requested.contains(where: prdc.contains) {
                do {
                    let result = try PrecisionRecall.compute(synthetic: pair.synthetic, real: pair.real, k: neighbours)
                    entry[.embeddingPrecision] = .finite(result.precision, otherwise: "not finite")
                    entry[.embeddingRecall] = .finite(result.recall, otherwise: "not finite")
                    entry[.embeddingDensity] = .finite(result.density, otherwise: "not finite")
                    entry[.embeddingCoverage] = .finite(result.coverage, otherwise: "not finite")
                    for (index, row) in pair.positions.enumerated() { support[row] = result.syntheticInsideReal[index] }
                } catch {
                    for id in prdc { entry[id] = .unavailable(reason: error.description) }
                }
            }
            values.append(entry.filter { requested.contains($0.key) })
            syntheticScores.append(scores)
            inside.append(support)
            details.append(detail)
        }
        return FidelityStage(
            values: values, syntheticScores: syntheticScores, insideRealSupport: inside, details: details)
    }

    /// `matrix`, or a seeded sample of ``mauveRowLimit`` of its rows (in row order) when it has more.
    private static func limited(_ matrix: Matrix, seed: UInt64) -> Matrix {
        guard matrix.rows > mauveRowLimit else { return matrix }
        let halves = NoiseFloorSplit.halves(count: matrix.rows, seed: seed)
        let shuffled = halves.a + halves.b
        return matrix.selectingRows(Array(shuffled.prefix(mauveRowLimit)).sorted())
    }

    /// The rows with the highest (or lowest) out-of-fold probability of being synthetic.
    private static func lookingRows(_ scores: [Double?], _ dataset: Dataset, highest: Bool) -> [ScoredRow] {
        let scored = scores.indices.compactMap { row in scores[row].map { (row, $0) } }
        let order = scored.sorted { a, b in
            a.1 != b.1 ? (highest ? a.1 > b.1 : a.1 < b.1) : a.0 < b.0
        }
        return order.prefix(listLimit).map { row, score in
            ScoredRow(row: row, text: dataset.texts[row], score: EmbeddingStage.rounded(score, places: 6))
        }
    }

    /// The words most over- and under-used against the real data (Monroe et al. 2008 weighted log-odds);
    /// tokens without a letter or digit (punctuation, emoji) are left out of the lists.
    private static func words(_ synthetic: TokenizedCorpus, _ real: TokenizedCorpus, _ vocabulary: Vocabulary)
        -> DiscriminativeWords?
    {
        guard let terms = try? DiscriminativeTerms.scores(synthetic: synthetic.tokenIDs, real: real.tokenIDs) else {
            return nil
        }
        let named = terms.compactMap { term -> (DiscriminativeTerms.Term, String)? in
            guard let word = vocabulary.token(for: term.token),
                word.unicodeScalars.contains(where: { $0.properties.isAlphabetic || $0.properties.numericType != nil })
            else { return nil }
            return (term, word)
        }
        func entries(_ list: some Sequence<(DiscriminativeTerms.Term, String)>) -> [DiscriminativeWord] {
            list.prefix(wordLimit).map { term, word in
                DiscriminativeWord(
                    word: word, zScore: EmbeddingStage.rounded(term.zScore, places: 4),
                    syntheticCount: term.syntheticCount, realCount: term.realCount)
            }
        }
        // Strongest first, ties by token id.
        let over = named.filter { $0.0.zScore > 0 }.sorted {
            $0.0.zScore != $1.0.zScore ? $0.0.zScore > $1.0.zScore : $0.0.token < $1.0.token
        }
        let under = named.filter { $0.0.zScore < 0 }.sorted {
            $0.0.zScore != $1.0.zScore ? $0.0.zScore < $1.0.zScore : $0.0.token < $1.0.token
        }
        return DiscriminativeWords(synthetic: entries(over), real: entries(under))
    }
}

extension Matrix {
    /// The rows at `rows`, in that order.
    ///
    /// - Complexity: O(rows.count · columns).
    func selectingRows(_ rows: [Int]) -> Matrix {
        let d = columns
        var values: [Float] = []
        values.reserveCapacity(rows.count * d)
        for row in rows { values.append(contentsOf: storage[(row * d)..<((row + 1) * d)]) }
        return Matrix(unchecked: values, rows: rows.count, columns: d)
    }
}
