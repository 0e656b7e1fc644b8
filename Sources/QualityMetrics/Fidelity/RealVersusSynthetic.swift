import AssayUtilities
import AuditModel
import AuditPlan
import DistributionDistances
import EmbeddingDistances
import LabelModels
import LinearAlgebra
import TextTokenization

/// How far each synthetic dataset sits from the real one as a distribution: of lengths, labels and
/// vocabulary, and in embedding space (a classifier two-sample test, MAUVE, precision / recall / density /
/// coverage), with the rows and words that give it away. Computed per whole dataset; the real dataset's
/// values compare two seeded halves of it: the noise floor, what real data gives against real data.
///
/// - Complexity: per synthetic dataset of N rows against M real rows in d dimensions: the distances
///   O((N + M) log(N + M) + T); the discriminator O(folds · iterations · (N + M) · d); MAUVE
///   O((N + M)·d² + restarts · iterations · (N + M)·K·m) on at most 5,000 (`mauveRowLimit`) rows per side;
///   precision and recall O(N + M) over the plan's ball counts.
public struct RealVersusSynthetic: MetricFamily {
    /// Neighbours of the precision / recall / density / coverage balls (Naeem et al. 2020).
    static let neighbours = 5
    /// At most this many rows per side go into MAUVE (a seeded sample above it), as in the MAUVE paper's
    /// 5,000 generations; k-means on more rows costs much and changes little.
    static let mauveRowLimit = 5000
    /// Rows with a vector each side needs for the embedding tests: 2 per fold of the discriminator's 5,
    /// more than the 5 neighbours of the balls; below it the numbers say little.
    static let minimumRows = 10
    /// Rows listed as most synthetic- and most real-looking, and words per side.
    static let listLimit = 10
    static let wordLimit = 15

    /// The family.
    public init() {}

    /// `real vs synthetic`.
    public var name: String { "real vs synthetic" }

    /// Its metrics, in report order.
    public var metrics: [MetricDescriptor] { DistanceFromReal.descriptors + EmbeddingFidelity.descriptors }

    /// Tokens for the distances and the discriminative words; vectors for the embedding tests; the
    /// neighbourhood balls of every synthetic dataset against the real one, and of the real halves.
    public func requirements(for selection: Set<MetricID>, inputs: AuditInputs) -> Requirements {
        let embedding = !selection.isDisjoint(with: EmbeddingFidelity.descriptors.map(\.id))
        let balls = !selection.isDisjoint(with: EmbeddingFidelity.precisionRecall) && inputs.realIndex != nil
        return Requirements(
            tokens: !selection.isDisjoint(with: DistanceFromReal.descriptors.map(\.id))
                || selection.contains(.discriminatorAUC),
            vectors: embedding, graphs: GraphNeeds(balls: balls ? Self.neighbours : 0))
    }

    /// The selected distances and embedding tests of every whole dataset; every label's rows get
    /// `SkipReason.wholeDatasetOnly`.
    public func run(_ context: FamilyContext) throws(AuditError) -> [DatasetSection] {
        let distances = DistanceFromReal.values(context)
        var embedding: [EmbeddingFidelity.Outcome] = []
        if !context.selection.isDisjoint(with: EmbeddingFidelity.descriptors.map(\.id)) {
            embedding = EmbeddingFidelity.outcomes(context)
        }
        var sections = context.wholeDatasetSections(metrics.map(\.id)) { position, id in
            distances[position][id] ?? embedding[position].values[id] ?? .skipped(.noRealDataset(.comparison))
        }
        for (position, outcome) in embedding.enumerated() {
            sections[position].fidelity = outcome.details
            sections[position].intervals.merge(outcome.intervals) { _, new in new }
            if outcome.perRow.contains(where: { $0.syntheticScore != nil || $0.insideRealSupport != nil }) {
                sections[position].rowFindings = outcome.perRow
            }
        }
        return sections
    }
}
