import AssayUtilities
import AuditModel
import AuditPlan
import DistributionDistances
import EmbeddingDistances
import LabelModels
import LinearAlgebra
import TextTokenization

extension MetricID {
    /// Cross-validated ROC AUC of a classifier telling this dataset's embeddings from the real ones.
    public static let discriminatorAUC = MetricID("discriminator_auc")
    /// MAUVE between this dataset's and the real embeddings.
    public static let mauve = MetricID("mauve")
    /// Share of synthetic rows inside some real row's 5-NN ball.
    public static let embeddingPrecision = MetricID("embedding_precision")
    /// Share of real rows inside some synthetic row's 5-NN ball.
    public static let embeddingRecall = MetricID("embedding_recall")
    /// Mean number of real 5-NN balls a synthetic row lies in, over 5.
    public static let embeddingDensity = MetricID("embedding_density")
    /// Share of real rows whose 5-NN ball holds a synthetic row.
    public static let embeddingCoverage = MetricID("embedding_coverage")
}

/// `discriminator_auc`, `mauve`, `embedding_precision`, `embedding_recall`, `embedding_density`,
/// `embedding_coverage`: how well the synthetic rows' embeddings match the real rows' as distributions
/// (`Metrics/discriminator.md`, `Metrics/mauve.md`, `Metrics/precision-recall.md`), with the rows the
/// discriminator finds most and least synthetic and the words that set the dataset apart.
enum EmbeddingFidelity {
    static let descriptors = [
        MetricDescriptor(
            .discriminatorAUC, title: "Discriminator AUC",
            summary:
                "cross-validated ROC AUC of a logistic regression telling these embeddings from the real ones (0.5: indistinguishable)",
            direction: .lowerIsBetter, dimension: .distance, card: "Metrics/discriminator.md"),
        MetricDescriptor(
            .mauve, title: "MAUVE",
            summary:
                "area under the divergence frontier of k-means histograms of these and the real embeddings (1: same)",
            direction: .higherIsBetter, dimension: .distance, card: "Metrics/mauve.md"),
        MetricDescriptor(
            .embeddingPrecision, title: "Embedding precision",
            summary: "share of rows inside some real row's 5-nearest-neighbour ball (realism)",
            direction: .higherIsBetter, dimension: .distance, card: "Metrics/precision-recall.md"),
        MetricDescriptor(
            .embeddingRecall, title: "Embedding recall",
            summary:
                "share of real rows inside some row's 5-nearest-neighbour ball (how much of the real data is reached)",
            direction: .higherIsBetter, dimension: .distance, card: "Metrics/precision-recall.md"),
        MetricDescriptor(
            .embeddingDensity, title: "Embedding density",
            summary: "mean number of real 5-NN balls a row lies in, over 5 (about 1 for real-like rows)",
            direction: .closerToRealIsBetter, dimension: .distance, card: "Metrics/precision-recall.md"),
        MetricDescriptor(
            .embeddingCoverage, title: "Embedding coverage",
            summary: "share of real rows whose 5-nearest-neighbour ball holds one of these rows",
            direction: .higherIsBetter, dimension: .distance, card: "Metrics/precision-recall.md"),
    ]

    static let precisionRecall: [MetricID] = [
        .embeddingPrecision, .embeddingRecall, .embeddingDensity, .embeddingCoverage,
    ]

    /// One dataset's values, details and per-row scores.
    struct Outcome {
        var values: [MetricID: MetricValue] = [:]
        var intervals: [MetricID: ConfidenceInterval] = [:]
        var details: FidelityDetails?
        var perRow: [RowFinding]
    }

    /// The selected embedding tests of every whole dataset against the real one (the real one: its halves).
    static func outcomes(_ context: FamilyContext) -> [Outcome] {
        let chosen = descriptors.map(\.id).filter(context.wants)
        return context.inputs.datasets.indices.map { position in
            var outcome = Outcome(perRow: (0..<context.inputs.datasets[position].count).map(RowFinding.blank))
            guard let realIndex = context.inputs.realIndex else {
                for id in chosen { outcome.values[id] = .skipped(.noRealDataset(.comparison)) }
                return outcome
            }
            context.step(context.inputs.datasets[position].name)
            evaluate(position, realIndex: realIndex, chosen, context, into: &outcome)
            return outcome
        }
    }

    private static func evaluate(
        _ position: Int, realIndex: Int, _ chosen: [MetricID], _ context: FamilyContext, into outcome: inout Outcome
    ) {
        let seed = context.configuration.seed
        let isReal = position == realIndex
        let real = context.vectors[realIndex]
        let pair: (synthetic: MatrixRows, real: MatrixRows, positions: [Int])
        if isReal {
            let halves = context.products.graphs?.realHalves ?? RealHalves(real, seed: seed)
            pair = (MatrixRows(halves.matrixA), MatrixRows(halves.matrixB), [])
        } else {
            let embedding = context.vectors[position]
            pair = (embedding.unitRows, real.unitRows, embedding.positions)
        }
        guard min(pair.synthetic.count, pair.real.count) >= RealVersusSynthetic.minimumRows else {
            let reason: SkipReason =
                isReal
                ? .tooFewRealVectorsToSplit(needed: 2 * RealVersusSynthetic.minimumRows)
                : .tooFewVectorsOnEitherSide(needed: RealVersusSynthetic.minimumRows)
            for id in chosen { outcome.values[id] = .skipped(reason) }
            return
        }
        let dataset = context.inputs.datasets[position]
        var details = FidelityDetails(
            noiseFloor: isReal
                ? "between two seeded halves of the real rows (\(pair.synthetic.count) and \(pair.real.count))" : nil)
        if chosen.contains(.discriminatorAUC) {
            do {
                // At most half the classifier row limit per side: a seeded sample above it.
                let perSide = max(RealVersusSynthetic.minimumRows, context.inputs.configuration.classifierRowLimit / 2)
                let syntheticKept = StratifiedSample.rows(
                    groups: [Int](repeating: 0, count: pair.synthetic.count), size: perSide, seed: seed &+ 3)
                let realKept = StratifiedSample.rows(
                    groups: [Int](repeating: 0, count: pair.real.count), size: perSide, seed: seed &+ 4)
                let sampled = syntheticKept.count < pair.synthetic.count || realKept.count < pair.real.count
                let result = try TwoSampleDiscriminator.evaluate(
                    real: sampled ? MatrixRows(pair.real.selecting(realKept)) : pair.real,
                    synthetic: sampled ? MatrixRows(pair.synthetic.selecting(syntheticKept)) : pair.synthetic,
                    options: .init(seed: seed))
                outcome.values[.discriminatorAUC] = .finite(result.auc)
                if let interval = Self.aucInterval(
                    real: result.realScores, synthetic: result.syntheticScores, context.inputs.configuration)
                {
                    outcome.intervals[.discriminatorAUC] = interval
                }
                if sampled { details.discriminatorRows = [syntheticKept.count, realKept.count] }
                var scores = [Double?](repeating: nil, count: dataset.count)
                for (index, kept) in syntheticKept.enumerated() where kept < pair.positions.count {
                    let row = pair.positions[kept]
                    scores[row] = result.syntheticScores[index]
                    outcome.perRow[row].syntheticScore = result.syntheticScores[index].rounded(toPlaces: 6)
                }
                if !isReal {
                    details.mostSyntheticLooking = lookingRows(scores, dataset.texts, highest: true)
                    details.mostRealLooking = lookingRows(scores, dataset.texts, highest: false)
                    let tokens = context.tokens
                    details.discriminativeWords = words(
                        tokens.corpora[position], tokens.corpora[realIndex], tokens.vocabulary)
                }
            } catch {
                outcome.values[.discriminatorAUC] = .skipped(.undefined(error.description))
            }
        }
        if chosen.contains(.mauve) {
            do {
                let sample = (limited(pair.synthetic, seed: seed), limited(pair.real, seed: seed &+ 1))
                let result = try MAUVE.compute(
                    synthetic: sample.0, real: sample.1, configuration: MAUVEConfiguration(seed: seed))
                outcome.values[.mauve] = .finite(result.mauve)
                details.mauveClusters = result.clusterCount
                details.mauveRows = [sample.0.rows, sample.1.rows]
            } catch {
                outcome.values[.mauve] = .skipped(.undefined(error.description))
            }
        }
        if !chosen.filter(precisionRecall.contains).isEmpty {
            if let balls = context.graphs.balls[position] {
                let result = PrecisionRecall.result(
                    k: balls.k, synthetic: balls.synthetic, real: balls.real, syntheticRadii2: balls.syntheticRadii2,
                    realRadii2: balls.realRadii2)
                outcome.values[.embeddingPrecision] = .finite(result.precision)
                outcome.values[.embeddingRecall] = .finite(result.recall)
                outcome.values[.embeddingDensity] = .finite(result.density)
                outcome.values[.embeddingCoverage] = .finite(result.coverage)
                // Recall and coverage are shares of the real rows: Wilson's interval.
                let realRows = pair.real.count
                for (id, share) in [(MetricID.embeddingRecall, result.recall), (.embeddingCoverage, result.coverage)] {
                    let hits = (share * Double(realRows)).rounded()
                    guard realRows > 0, abs(hits - share * Double(realRows)) < 1e-6 else { continue }
                    outcome.intervals[id] = .wilson(successes: Int(hits), trials: realRows)
                }
                for (index, row) in pair.positions.enumerated() {
                    outcome.perRow[row].insideRealSupport = result.syntheticInsideReal[index]
                }
            } else {
                for id in precisionRecall {
                    outcome.values[id] = .skipped(
                        .tooFewVectorsOnEitherSide(needed: RealVersusSynthetic.neighbours + 1))
                }
            }
        }
        outcome.values = outcome.values.filter { chosen.contains($0.key) }
        outcome.intervals = outcome.intervals.filter { chosen.contains($0.key) }
        outcome.details = details
    }

    /// `matrix`, or a seeded sample of ``RealVersusSynthetic/mauveRowLimit`` of its rows (in row order) when
    /// it has more.
    private static func limited(_ rows: MatrixRows, seed: UInt64) -> Matrix {
        guard rows.count > RealVersusSynthetic.mauveRowLimit else { return rows.materialized() }
        let halves = NoiseFloorSplit.halves(count: rows.count, seed: seed)
        let shuffled = halves.a + halves.b
        return rows.selecting(Array(shuffled.prefix(RealVersusSynthetic.mauveRowLimit)).sorted())
    }

    /// A 95 % percentile bootstrap interval of the AUC of `synthetic` scores against `real` ones, resampling
    /// the pooled rows (the audit's seed and resamples). Each resample's AUC is the Mann–Whitney count over
    /// one pass of the scores sorted once (ties count one half).
    ///
    /// - Complexity: O(n log n) to sort, then O(B · n) for B resamples of n rows.
    static func aucInterval(real: [Double], synthetic: [Double], _ configuration: AuditConfiguration)
        -> ConfidenceInterval?
    {
        let scores = real + synthetic
        let realCount = real.count
        let order = scores.indices.sorted { scores[$0] < scores[$1] }
        var weights = [Int](repeating: 0, count: scores.count)
        return bootstrapInterval(itemCount: scores.count, configuration) { rows in
            for index in weights.indices { weights[index] = 0 }
            for row in rows { weights[row] += 1 }
            return weightedAUC(scores: scores, realCount: realCount, order: order, weights: weights)
        }
    }

    /// The AUC of rows `realCount...` (synthetic) against rows `..<realCount` (real) of `scores`, each row
    /// counted `weights[row]` times: Σ over synthetic-real pairs of [s > r] + ½[s = r], weighted, over the
    /// product of the two sides' weights; `order` sorts `scores` increasingly. `nil` when a side weighs 0.
    ///
    /// - Complexity: O(n).
    static func weightedAUC(scores: [Double], realCount: Int, order: [Int], weights: [Int]) -> Double? {
        var realBelow = 0.0
        var syntheticTotal = 0.0
        var pairs = 0.0
        var start = 0
        while start < order.count {
            var end = start
            var realTied = 0.0
            var syntheticTied = 0.0
            while end < order.count && scores[order[end]] == scores[order[start]] {
                let row = order[end]
                if row < realCount { realTied += Double(weights[row]) } else { syntheticTied += Double(weights[row]) }
                end += 1
            }
            pairs += syntheticTied * (realBelow + realTied / 2)
            realBelow += realTied
            syntheticTotal += syntheticTied
            start = end
        }
        guard realBelow > 0, syntheticTotal > 0 else { return nil }
        return pairs / (realBelow * syntheticTotal)
    }

    /// The rows with the highest (or lowest) out-of-fold probability of being synthetic.
    private static func lookingRows(_ scores: [Double?], _ texts: [String], highest: Bool) -> [ScoredRow] {
        let scored = scores.indices.compactMap { row in scores[row].map { (row, $0) } }
        let order = scored.sorted { a, b in
            a.1 != b.1 ? (highest ? a.1 > b.1 : a.1 < b.1) : a.0 < b.0
        }
        return order.prefix(RealVersusSynthetic.listLimit).map { row, score in
            ScoredRow(row: row, text: texts[row], score: score.rounded(toPlaces: 6))
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
            list.prefix(RealVersusSynthetic.wordLimit).map { term, word in
                DiscriminativeWord(
                    word: word, zScore: term.zScore.rounded(toPlaces: 4), syntheticCount: term.syntheticCount,
                    realCount: term.realCount)
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
