/// How a dataset's subjectivity was measured, and its most ambiguous rows.
public struct SubjectivityDetails: Sendable, Equatable, Codable {
    /// `annotations` (the rows' raters) or `real_neighbours` (the labels of the nearest labelled real rows).
    public var method: String
    /// For `real_neighbours`: how many nearest real rows vote.
    public var neighbours: Int?
    /// For `real_neighbours`: the value a row would get if its neighbours were drawn at random from the
    /// real labels, 1 − the most frequent real label's share; compare the estimates with it.
    public var chanceLevel: Double?
    /// Instance subjectivity at or above which a row counts as highly subjective.
    public var highlySubjectiveThreshold: Double
    /// Rows with a subjectivity value (two or more votes).
    public var ratedRows: Int
    /// The most subjective rows, most subjective first (ties: higher vote entropy, then smaller row); capped.
    public var mostAmbiguous: [AmbiguousRow]

    /// Creates details.
    public init(
        method: String, neighbours: Int?, chanceLevel: Double? = nil, highlySubjectiveThreshold: Double, ratedRows: Int,
        mostAmbiguous: [AmbiguousRow]
    ) {
        self.method = method
        self.neighbours = neighbours
        self.chanceLevel = chanceLevel
        self.highlySubjectiveThreshold = highlySubjectiveThreshold
        self.ratedRows = ratedRows
        self.mostAmbiguous = mostAmbiguous
    }

    private enum CodingKeys: String, CodingKey {
        case method, neighbours
        case chanceLevel = "chance_level"
        case highlySubjectiveThreshold = "highly_subjective_threshold"
        case ratedRows = "rated_rows"
        case mostAmbiguous = "most_ambiguous"
    }
}

/// One row whose votes disagree.
public struct AmbiguousRow: Sendable, Equatable, Codable {
    /// The row (0-based, file order).
    public var row: Int
    /// Its text.
    public var text: String
    /// Its label, if it has one.
    public var label: String?
    /// Votes per label.
    public var votes: [String: Int]
    /// 1 − the majority label's share of the votes.
    public var subjectivity: Double
    /// The votes' entropy over ln K.
    public var voteEntropy: Double

    /// Creates an entry.
    public init(row: Int, text: String, label: String?, votes: [String: Int], subjectivity: Double, voteEntropy: Double)
    {
        self.row = row
        self.text = text
        self.label = label
        self.votes = votes
        self.subjectivity = subjectivity
        self.voteEntropy = voteEntropy
    }

    private enum CodingKeys: String, CodingKey {
        case row, text, label, votes, subjectivity
        case voteEntropy = "vote_entropy"
    }
}
