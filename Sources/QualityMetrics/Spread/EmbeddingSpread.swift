import AssayUtilities
import AuditModel
import AuditPlan

/// How far apart the rows' embeddings are: Remote-Clique, Chamfer and Vendi, on every dataset and every
/// label's rows. Every value is over the rows with a nonzero vector, as unit vectors.
///
/// - Complexity: Remote-Clique O(N·d), Vendi O(N·d² + d³), Chamfer O(N) over the plan's nearest-neighbour
///   graph (each dataset against itself, and per label).
public struct EmbeddingSpread: MetricFamily {
    static let scopeMetrics: [any ScopeMetric] = [RemoteClique(), Chamfer(), Vendi()]

    /// The family.
    public init() {}

    /// `embedding spread`.
    public var name: String { "embedding spread" }

    /// Its metrics, in report order.
    public var metrics: [MetricDescriptor] { Self.scopeMetrics.map(\.descriptor) }

    /// Vectors; for Chamfer, each row's nearest other row, in its dataset and in its label.
    public func requirements(for selection: Set<MetricID>, inputs: AuditInputs) -> Requirements {
        let chamfer = selection.contains(.chamfer)
        return Requirements(
            vectors: true, graphs: GraphNeeds(withinDataset: chamfer ? 1 : 0, withinLabel: chamfer ? 1 : 0))
    }

    /// Every selected metric on every scope; with Chamfer, each row's similarity to its nearest other row.
    public func run(_ context: FamilyContext) throws(AuditError) -> [DatasetSection] {
        var sections = context.evaluate(Self.scopeMetrics)
        if context.wants(.chamfer) {
            for position in sections.indices {
                sections[position].rowFindings = nearestRowFindings(context, position)
            }
        }
        return sections
    }
}

/// Per row of dataset `position`, its cosine similarity to its nearest other row (6 decimals), where it has
/// one.
func nearestRowFindings(_ context: FamilyContext, _ position: Int) -> [RowFinding] {
    var findings = (0..<context.inputs.datasets[position].count).map(RowFinding.blank)
    guard let list = context.graphs.withinDataset[position] else { return findings }
    let embedding = context.vectors[position]
    for (unitRow, row) in embedding.positions.enumerated() where list.indices[unitRow * list.k] >= 0 {
        findings[row].nearestSimilarity = Double(list.similarities[unitRow * list.k]).rounded(toPlaces: 6)
    }
    return findings
}

/// Whether a float32 similarity reaches `threshold`. Similarities of identical unit vectors can come
/// out a few ulps below 1 in float32, so the comparison allows 1e-6.
func isNear(_ similarity: Float, _ threshold: Double) -> Bool {
    Double(similarity) + 1e-6 >= threshold
}

extension EmbeddingRows {
    /// ``SkipReason/tooFewVectors(needed:found:zeroVectors:)`` when fewer than `needed` rows have a vector.
    func tooFew(_ needed: Int) -> MetricValue? {
        count < needed ? .skipped(.tooFewVectors(needed: needed, found: count, zeroVectors: zeroRows)) : nil
    }
}
