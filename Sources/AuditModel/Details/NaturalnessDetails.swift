/// What the naturalness checks found in one dataset: how many rows trip each artefact rule, with
/// examples, and the openings many rows share.
public struct NaturalnessDetails: Sendable, Equatable, Codable {
    /// Per artefact kind (``ArtefactKind`` raw value) with at least one flagged row: its row count and
    /// the first flagged rows.
    public var artefacts: [String: ArtefactFindings]
    /// The most common 3-token openings shared by two or more rows, most rows first.
    public var openingTemplates: [OpeningTemplate]

    /// The rows with the lowest naturalness, least natural first (with a real dataset).
    public var leastNatural: [NaturalRow]
    /// The rows with the highest naturalness, most natural first.
    public var mostNatural: [NaturalRow]
    /// The language model the perplexities come from, in words.
    public var languageModel: String?
    /// The median of the real rows' held-out perplexities, where typicality peaks (4 decimals).
    public var realMedianPerplexity: Double?

    /// Creates details.
    public init(
        artefacts: [String: ArtefactFindings] = [:], openingTemplates: [OpeningTemplate] = [],
        leastNatural: [NaturalRow] = [], mostNatural: [NaturalRow] = [], languageModel: String? = nil,
        realMedianPerplexity: Double? = nil
    ) {
        self.artefacts = artefacts
        self.openingTemplates = openingTemplates
        self.leastNatural = leastNatural
        self.mostNatural = mostNatural
        self.languageModel = languageModel
        self.realMedianPerplexity = realMedianPerplexity
    }

    private enum CodingKeys: String, CodingKey {
        case artefacts
        case openingTemplates = "opening_templates"
        case leastNatural = "least_natural"
        case mostNatural = "most_natural"
        case languageModel = "language_model"
        case realMedianPerplexity = "real_median_perplexity"
    }
}

/// The rows of one dataset that trip one artefact rule.
public struct ArtefactFindings: Sendable, Equatable, Codable {
    /// How many rows trip it.
    public var rows: Int
    /// The first few of them, in row order.
    public var examples: [TextRow]

    /// Creates findings.
    public init(rows: Int, examples: [TextRow]) {
        self.rows = rows
        self.examples = examples
    }
}

/// A row and its text.
public struct TextRow: Sendable, Equatable, Codable {
    /// The row (0-based, file order).
    public var row: Int
    /// Its text.
    public var text: String

    /// Creates an entry.
    public init(row: Int, text: String) {
        self.row = row
        self.text = text
    }
}

/// An opening several rows share: their first tokens, joined by spaces.
public struct OpeningTemplate: Sendable, Equatable, Codable {
    /// The first tokens (the audit's tokenizer), joined by one space.
    public var opening: String
    /// Rows that start with it.
    public var rows: Int
    /// `rows` over the dataset's rows, 6 decimals.
    public var share: Double

    /// Creates an entry.
    public init(opening: String, rows: Int, share: Double) {
        self.opening = opening
        self.rows = rows
        self.share = share
    }
}

/// A row with its naturalness score, perplexity and artefact flags.
public struct NaturalRow: Sendable, Equatable, Codable {
    /// The row (0-based, file order).
    public var row: Int
    /// Its text.
    public var text: String
    /// Its naturalness score (6 decimals).
    public var naturalness: Double
    /// Its perplexity under the real data's language model (4 decimals).
    public var perplexity: Double
    /// The artefact rules it trips.
    public var flags: [String]

    /// Creates an entry.
    public init(row: Int, text: String, naturalness: Double, perplexity: Double, flags: [String]) {
        self.row = row
        self.text = text
        self.naturalness = naturalness
        self.perplexity = perplexity
        self.flags = flags
    }
}
