import TextArtefacts
import TextTokenization

/// The rows one set of metrics is computed on: a whole dataset, or the rows of one label.
struct RowSubset: Sendable {
    /// The rows' tokens.
    let corpus: TokenizedCorpus
    /// Per row, the id of its normalised text (``TextNormalization/duplicateKey(_:)``): two rows have
    /// the same id exactly when their keys are equal. `nil` when no selected metric needs them.
    let textKeys: [UInt32]?
    /// The rows' unit embeddings; `nil` when no selected metric needs them.
    let embedding: EmbeddingRows?
    /// Per row, its cosine similarity to the nearest row of the real dataset (`-infinity` for a row with a
    /// zero vector); `nil` for the real dataset itself, without a real dataset, or without embeddings.
    let realSimilarity: [Float]?
    /// Per row, whether its normalised text is a real row's; `nil` as for ``realSimilarity``.
    let copiesRealText: [Bool]?
    /// Why ``realSimilarity`` or ``copiesRealText`` is `nil`, for the metrics that need them.
    let realComparison: String
    /// Per row, its label (`nil` when it has none).
    let labels: [String?]
    /// Per row, its raters' labels (`nil` when it has none).
    let annotations: [[String]?]
    /// Per row, the labels of its nearest labelled real rows (``AuditConfiguration/subjectivityNeighbours``
    /// of them, fewer for a zero vector or a small real dataset), to estimate subjectivity without raters;
    /// `nil` when not computed.
    let neighbourLabels: [[String]]?
    /// One column per compared label field (``FieldMapping/comparedLabels``).
    let comparedLabels: [[String?]]
    /// Per row, the label the real-trained classifier predicts (labelled rows with a vector); `nil` when
    /// the classifiers did not run.
    let predictions: [String?]?
    /// The real label set, when the classifiers ran.
    let realLabelSet: Set<String>?
    /// The utility metrics of the whole dataset (`nil` for a label's rows or when the classifiers did not run).
    let utility: [MetricID: MetricValue]?
    /// Why the classifier metrics have no value, when the classifiers did not run.
    let labelModelUnavailable: String
    /// The real dataset's tokens and labels, for the distances of a whole synthetic dataset from it;
    /// `nil` for the real dataset, a label's rows, or without a real dataset.
    let realReference: (corpus: TokenizedCorpus, labels: [String?])?
    /// For the whole real dataset: the seed of the split into two halves whose distance from each other
    /// is the noise floor of the distance metrics.
    let noiseFloorSeed: UInt64?
    /// Per row, the artefact rules it trips (``ArtefactDetector``); `nil` when no selected metric needs them.
    let artefacts: [[ArtefactKind]]?
    /// Per row, its perplexity under the real data's language model (held out for real rows); `nil`
    /// without one.
    let perplexities: [Double]?
    /// Per row, its naturalness score; `nil` without a language model.
    let naturalnessScores: [Double]?
    /// Why ``perplexities`` is `nil`.
    let languageModelUnavailable: String
    /// The real-versus-synthetic metrics of the whole dataset (`nil` for a label's rows or when not computed).
    let fidelity: [MetricID: MetricValue]?
    /// Why ``fidelity`` is `nil`.
    let fidelityUnavailable: String
    /// Whether the audit-level subjectivity metrics use the raters' votes (every dataset has raters) or
    /// the estimate from the nearest real rows.
    let subjectivityFromRaters: Bool

    init(
        corpus: TokenizedCorpus, textKeys: [UInt32]?, embedding: EmbeddingRows? = nil, realSimilarity: [Float]? = nil,
        copiesRealText: [Bool]? = nil,
        realComparison: String = "no real dataset to compare with (give one with --real)",
        labels: [String?]? = nil, annotations: [[String]?]? = nil, neighbourLabels: [[String]]? = nil,
        subjectivityFromRaters: Bool = false, comparedLabels: [[String?]] = [], predictions: [String?]? = nil,
        realLabelSet: Set<String>? = nil, utility: [MetricID: MetricValue]? = nil,
        labelModelUnavailable: String = "no labelled real dataset to train on (give one with --real)",
        realReference: (corpus: TokenizedCorpus, labels: [String?])? = nil, noiseFloorSeed: UInt64? = nil,
        artefacts: [[ArtefactKind]]? = nil, perplexities: [Double]? = nil, naturalnessScores: [Double]? = nil,
        languageModelUnavailable: String = "needs a real dataset to train the language model on (give one with --real)",
        fidelity: [MetricID: MetricValue]? = nil,
        fidelityUnavailable: String = "needs a real dataset to compare with (give one with --real)"
    ) {
        precondition(textKeys == nil || corpus.rowCount == textKeys?.count, "keys must align with rows")
        precondition(realSimilarity == nil || corpus.rowCount == realSimilarity?.count, "similarities must align")
        precondition(copiesRealText == nil || corpus.rowCount == copiesRealText?.count, "copy flags must align")
        precondition(artefacts == nil || corpus.rowCount == artefacts?.count, "artefact flags must align")
        self.corpus = corpus
        self.textKeys = textKeys
        self.embedding = embedding
        self.realSimilarity = realSimilarity
        self.copiesRealText = copiesRealText
        self.realComparison = realComparison
        self.labels = labels ?? Array(repeating: nil, count: corpus.rowCount)
        self.annotations = annotations ?? Array(repeating: nil, count: corpus.rowCount)
        self.neighbourLabels = neighbourLabels
        self.subjectivityFromRaters = subjectivityFromRaters
        self.comparedLabels = comparedLabels
        self.predictions = predictions
        self.realLabelSet = realLabelSet
        self.utility = utility
        self.labelModelUnavailable = labelModelUnavailable
        self.realReference = realReference
        self.noiseFloorSeed = noiseFloorSeed
        self.artefacts = artefacts
        self.perplexities = perplexities
        self.naturalnessScores = naturalnessScores
        self.languageModelUnavailable = languageModelUnavailable
        self.fidelity = fidelity
        self.fidelityUnavailable = fidelityUnavailable
    }

    /// Number of rows.
    var rowCount: Int { corpus.rowCount }

    /// The rows at `rows`, in that order.
    func subset(_ rows: [Int]) -> RowSubset {
        var ids = [UInt32]()
        var offsets = [0]
        offsets.reserveCapacity(rows.count + 1)
        for row in rows {
            ids.append(contentsOf: corpus.tokens(ofRow: row))
            offsets.append(ids.count)
        }
        return RowSubset(
            corpus: TokenizedCorpus(tokenIDs: ids, rowOffsets: offsets),
            textKeys: textKeys.map { keys in rows.map { keys[$0] } },
            embedding: embedding?.subset(rows),
            realSimilarity: realSimilarity.map { values in rows.map { values[$0] } },
            copiesRealText: copiesRealText.map { flags in rows.map { flags[$0] } }, realComparison: realComparison,
            labels: rows.map { labels[$0] }, annotations: rows.map { annotations[$0] },
            neighbourLabels: neighbourLabels.map { lists in rows.map { lists[$0] } },
            subjectivityFromRaters: subjectivityFromRaters,
            comparedLabels: comparedLabels.map { column in rows.map { column[$0] } },
            predictions: predictions.map { values in rows.map { values[$0] } }, realLabelSet: realLabelSet,
            utility: nil,
            labelModelUnavailable: labelModelUnavailable, artefacts: artefacts.map { flags in rows.map { flags[$0] } },
            perplexities: perplexities.map { values in rows.map { values[$0] } },
            naturalnessScores: naturalnessScores.map { values in rows.map { values[$0] } },
            languageModelUnavailable: languageModelUnavailable, fidelity: nil,
            fidelityUnavailable: fidelity == nil ? fidelityUnavailable : "computed per dataset, not per label")
    }
}
