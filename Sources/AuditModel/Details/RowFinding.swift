/// What the audit found about one row, for the per-row export (`assay audit --instances`).
public struct RowFinding: Sendable, Equatable, Codable {
    /// The row (0-based, file order).
    public var row: Int
    /// The line it starts on in its file (1-based).
    public var line: Int
    /// Its label.
    public var label: String?
    /// 1 − the majority label's share of its votes (raters, or the nearest real rows; see the dataset's
    /// `subjectivity.method`), when it has two or more votes.
    public var subjectivity: Double?
    /// The votes' entropy over ln K.
    public var voteEntropy: Double?
    /// The label the classifier trained on the real data predicts.
    public var predicted: String?
    /// That classifier's probability of the row's own label (cleanlab's self-confidence).
    public var labelQuality: Double?
    /// Cosine similarity to the nearest other row of the same dataset (near duplicates are ≥ the threshold).
    public var nearestSimilarity: Double?
    /// Cosine similarity to the nearest real row (synthetic datasets).
    public var nearestRealSimilarity: Double?

    /// The artefact rules it trips (``ArtefactKind`` raw values), when they were checked.
    public var flags: [String]?

    /// Its perplexity under the real data's language model (held out for real rows), 4 decimals.
    public var perplexity: Double?
    /// Its naturalness score (`Metrics/naturalness.md`), 6 decimals.
    public var naturalness: Double?

    /// The discriminator's out-of-fold probability that the row is synthetic (synthetic datasets).
    public var syntheticScore: Double?
    /// Whether the row lies inside some real row's 5-NN ball (synthetic datasets).
    public var insideRealSupport: Bool?

    /// Creates a finding.
    public init(
        row: Int, line: Int, label: String?, subjectivity: Double? = nil, voteEntropy: Double? = nil,
        predicted: String? = nil, labelQuality: Double? = nil, nearestSimilarity: Double? = nil,
        nearestRealSimilarity: Double? = nil, flags: [String]? = nil,
        perplexity: Double? = nil, naturalness: Double? = nil, syntheticScore: Double? = nil,
        insideRealSupport: Bool? = nil
    ) {
        self.row = row
        self.line = line
        self.label = label
        self.subjectivity = subjectivity
        self.voteEntropy = voteEntropy
        self.predicted = predicted
        self.labelQuality = labelQuality
        self.nearestSimilarity = nearestSimilarity
        self.nearestRealSimilarity = nearestRealSimilarity
        self.flags = flags
        self.perplexity = perplexity
        self.naturalness = naturalness
        self.syntheticScore = syntheticScore
        self.insideRealSupport = insideRealSupport
    }

    private enum CodingKeys: String, CodingKey {
        case row, line, label, subjectivity, predicted, flags, perplexity, naturalness
        case syntheticScore = "synthetic_score"
        case insideRealSupport = "inside_real_support"
        case voteEntropy = "vote_entropy"
        case labelQuality = "label_quality"
        case nearestSimilarity = "nearest_similarity"
        case nearestRealSimilarity = "nearest_real_similarity"
    }
}

extension RowFinding {
    /// A finding that only names its row: the start every family's per-row fields are added to.
    public static func blank(row: Int) -> RowFinding { RowFinding(row: row, line: 0, label: nil) }

    /// Takes every field that `other` has (its row, line and label are this one's).
    public mutating func merge(_ other: RowFinding) {
        subjectivity = other.subjectivity ?? subjectivity
        voteEntropy = other.voteEntropy ?? voteEntropy
        predicted = other.predicted ?? predicted
        labelQuality = other.labelQuality ?? labelQuality
        nearestSimilarity = other.nearestSimilarity ?? nearestSimilarity
        nearestRealSimilarity = other.nearestRealSimilarity ?? nearestRealSimilarity
        flags = other.flags ?? flags
        perplexity = other.perplexity ?? perplexity
        naturalness = other.naturalness ?? naturalness
        syntheticScore = other.syntheticScore ?? syntheticScore
        insideRealSupport = other.insideRealSupport ?? insideRealSupport
    }
}
