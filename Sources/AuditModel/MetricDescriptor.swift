/// What a metric means, which way is better, and where its card lives.
public struct MetricDescriptor: Sendable, Equatable {
    /// Which way a metric should move for better data.
    public enum Direction: String, Sendable, Codable {
        /// Larger values mean better data.
        case higherIsBetter = "higher"
        /// Smaller values mean better data.
        case lowerIsBetter = "lower"
        /// Descriptive only: compare with the real data rather than aim high or low.
        case closerToRealIsBetter = "closer_to_real"
    }

    /// The quality dimension a metric belongs to; reports group metrics by it.
    public enum Dimension: String, Sendable, Codable, CaseIterable {
        /// Lexical and semantic variety.
        case diversity
        /// Rows copied, exactly or nearly, from the real data.
        case memorisation
        /// Whether the labels are right and whether raters agree on them.
        case labels
        /// How much the labels are a matter of opinion, per row and per task.
        case subjectivity
        /// What a classifier trained on the data achieves on real data.
        case utility
        /// How much each row reads like real data: LLM artefacts, templates, fluency under a real-data model.
        case naturalness
        /// How far the synthetic distributions (lengths, labels, vocabulary) sit from the real ones.
        case distance
        /// Size and shape of the data.
        case statistics

        /// The heading reports use, e.g. `Labels and agreement`.
        public var title: String {
            switch self {
            case .diversity: "Diversity"
            case .memorisation: "Memorisation"
            case .labels: "Labels and agreement"
            case .subjectivity: "Subjectivity"
            case .utility: "Utility"
            case .naturalness: "Naturalness"
            case .distance: "Distance from the real data"
            case .statistics: "Statistics"
            }
        }
    }

    /// The stable identifier.
    public let id: MetricID
    /// A short human title, e.g. `Self-BLEU-4`.
    public let title: String
    /// One line on what the number says.
    public let summary: String
    /// Which way is better.
    public let direction: Direction
    /// The dimension it belongs to.
    public let dimension: Dimension
    /// The metric's card, relative to the repository root, e.g. `Metrics/self-bleu.md`.
    public let card: String
    /// The "Definition" section of the card (Markdown), for reports to quote; the summary when unknown.
    public let definition: String

    /// A descriptor; `definition` defaults to the summary.
    public init(
        id: MetricID, title: String, summary: String, direction: Direction, dimension: Dimension, card: String,
        definition: String? = nil
    ) {
        self.id = id
        self.title = title
        self.summary = summary
        self.direction = direction
        self.dimension = dimension
        self.card = card
        self.definition = definition ?? summary
    }

    /// The same descriptor with the card's definition.
    public func with(definition: String?) -> MetricDescriptor {
        MetricDescriptor(
            id: id, title: title, summary: summary, direction: direction, dimension: dimension, card: card,
            definition: definition)
    }

    /// What a report shows for an id it has no descriptor for (a result read from a newer version's JSON):
    /// the id as title, no direction to aim for.
    public static func unknown(_ id: MetricID) -> MetricDescriptor {
        MetricDescriptor(
            id: id, title: id.rawValue, summary: id.rawValue, direction: .closerToRealIsBetter, dimension: .statistics,
            card: "Metrics/README.md")
    }
}
