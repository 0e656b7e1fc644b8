/// What the real-versus-synthetic tests found for one dataset: the rows the discriminator finds most
/// and least synthetic, the words that most set the dataset apart, and how MAUVE quantised the rows.
public struct FidelityDetails: Sendable, Equatable, Codable {
    /// For the real dataset: what its values compare (two seeded halves of it).
    public var noiseFloor: String?
    /// The rows with the highest out-of-fold probability of being synthetic.
    public var mostSyntheticLooking: [ScoredRow] = []
    /// The rows with the lowest: they pass for real.
    public var mostRealLooking: [ScoredRow] = []
    /// The tokens this dataset over- and under-uses against the real data.
    public var discriminativeWords: DiscriminativeWords?
    /// MAUVE's number of k-means clusters.
    public var mauveClusters: Int?
    /// The rows MAUVE used, synthetic then real (a seeded sample above 5,000 per side).
    public var mauveRows: [Int]?
    /// The rows the discriminator used, synthetic then real, when it used a seeded sample of one side (more
    /// than half the classifier row limit); `nil` when it used every row.
    public var discriminatorRows: [Int]?

    /// Creates details.
    public init(noiseFloor: String? = nil) {
        self.noiseFloor = noiseFloor
    }

    private enum CodingKeys: String, CodingKey {
        case noiseFloor = "noise_floor"
        case mostSyntheticLooking = "most_synthetic_looking"
        case mostRealLooking = "most_real_looking"
        case discriminativeWords = "discriminative_words"
        case mauveClusters = "mauve_clusters"
        case mauveRows = "mauve_rows"
        case discriminatorRows = "discriminator_rows"
    }
}

/// A row with the discriminator's out-of-fold probability that it is synthetic.
public struct ScoredRow: Sendable, Equatable, Codable {
    /// The row (0-based, file order).
    public var row: Int
    /// Its text.
    public var text: String
    /// P(synthetic), 6 decimals.
    public var score: Double

    /// Creates an entry.
    public init(row: Int, text: String, score: Double) {
        self.row = row
        self.text = text
        self.score = score
    }
}

/// The most synthetic-leaning and most real-leaning tokens of a dataset against the real data.
public struct DiscriminativeWords: Sendable, Equatable, Codable {
    /// Over-used against the real data, highest z first.
    public var synthetic: [DiscriminativeWord]
    /// Under-used (real-leaning), lowest z first.
    public var real: [DiscriminativeWord]

    /// Creates the lists.
    public init(synthetic: [DiscriminativeWord], real: [DiscriminativeWord]) {
        self.synthetic = synthetic
        self.real = real
    }
}

/// A token with its weighted log-odds z-score (Monroe et al. 2008) and its counts on both sides.
public struct DiscriminativeWord: Sendable, Equatable, Codable {
    /// The token.
    public var word: String
    /// z-score: positive leans synthetic, negative real (4 decimals).
    public var zScore: Double
    /// Occurrences in this dataset.
    public var syntheticCount: Int
    /// Occurrences in the real dataset.
    public var realCount: Int

    /// Creates an entry.
    public init(word: String, zScore: Double, syntheticCount: Int, realCount: Int) {
        self.word = word
        self.zScore = zScore
        self.syntheticCount = syntheticCount
        self.realCount = realCount
    }

    private enum CodingKeys: String, CodingKey {
        case word
        case zScore = "z"
        case syntheticCount = "count"
        case realCount = "real_count"
    }
}
