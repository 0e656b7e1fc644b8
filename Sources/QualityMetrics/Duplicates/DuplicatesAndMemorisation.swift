import AssayUtilities
import AuditModel
import AuditPlan
import NeighbourGraphs

/// Repeated and copied rows: exact and near duplicates within a dataset, and rows copied from the real
/// data, exactly or nearly, with the clusters and copies listed.
///
/// - Complexity: O(total characters) for the normalised texts; O(N α(N)) to link near duplicates into
///   clusters; the nearest rows come from the plan's graphs (each dataset against itself, each synthetic
///   dataset against the real one).
public struct DuplicatesAndMemorisation: MetricFamily {
    static let scopeMetrics: [any ScopeMetric] = [
        ExactDuplicateRate(), NearDuplicateRate(), RealCopyRate(), RealExactCopyRate(),
    ]

    /// The family.
    public init() {}

    /// `duplicates and memorisation`.
    public var name: String { "duplicates and memorisation" }

    /// Its metrics, in report order.
    public var metrics: [MetricDescriptor] { Self.scopeMetrics.map(\.descriptor) }

    /// Normalised texts for the exact rates; each row's nearest other row (in its dataset and in its label)
    /// for the near-duplicate rate; each synthetic row's nearest real row for the copy rate.
    public func requirements(for selection: Set<MetricID>, inputs: AuditInputs) -> Requirements {
        let near = selection.contains(.nearDuplicateRate)
        let copies = selection.contains(.realCopyRate)
        return Requirements(
            textKeys: selection.contains(.exactDuplicateRate) || selection.contains(.realExactCopyRate),
            graphs: GraphNeeds(
                withinDataset: near ? 1 : 0, withinLabel: near ? 1 : 0,
                toReal: copies && inputs.realIndex != nil ? 1 : 0))
    }

    /// Every selected rate on every scope; the near-duplicate clusters and the copies of real rows.
    public func run(_ context: FamilyContext) throws(AuditError) -> [DatasetSection] {
        var sections = context.evaluate(Self.scopeMetrics)
        let wantsNear = context.wants(.nearDuplicateRate)
        let wantsCopies = context.wants(.realCopyRate)
        guard wantsNear || wantsCopies else { return sections }
        for position in sections.indices {
            var details = EmbeddingDetails(zeroVectorRows: context.vectors[position].zeroRows)
            var findings = wantsNear ? nearestRowFindings(context, position) : []
            if wantsNear, let list = context.graphs.withinDataset[position] {
                (details.nearDuplicateClusters, details.nearDuplicateClusterCount) = clusters(list, context, position)
            }
            if wantsCopies, let list = context.graphs.toReal[position], let realIndex = context.inputs.realIndex {
                if findings.isEmpty {
                    findings = (0..<context.inputs.datasets[position].count).map(RowFinding.blank)
                }
                (details.realCopies, details.realCopyCount) = copies(
                    list, context, position, realIndex: realIndex, findings: &findings)
            }
            sections[position].embedding = details
            sections[position].rowFindings = findings
        }
        return sections
    }

    /// Connected components of the links (row, its nearest other row) whose similarity reaches the
    /// threshold; components of two or more rows, largest first, ties by smallest row.
    ///
    /// - Complexity: O(N α(N)) with union–find, plus sorting the components.
    private func clusters(_ neighbours: NeighbourList, _ context: FamilyContext, _ position: Int)
        -> (clusters: [NearDuplicateCluster], total: Int)
    {
        let embedding = context.vectors[position]
        let threshold = context.configuration.nearDuplicateThreshold
        let limit = context.configuration.listLimit
        var parent = Array(0..<embedding.count)
        func root(_ x: Int) -> Int {
            var x = x
            while parent[x] != x {
                parent[x] = parent[parent[x]]
                x = parent[x]
            }
            return x
        }
        for row in 0..<embedding.count {
            let other = Int(neighbours.indices[row * neighbours.k])
            guard other >= 0, isNear(neighbours.similarities[row * neighbours.k], threshold) else { continue }
            let (a, b) = (root(row), root(other))
            if a != b { parent[max(a, b)] = min(a, b) }
        }
        var members: [Int: [Int]] = [:]
        for row in 0..<embedding.count { members[root(row), default: []].append(embedding.positions[row]) }
        var groups = members.values.filter { $0.count >= 2 }.map { $0.sorted() }
        groups.sort { $0.count != $1.count ? $0.count > $1.count : $0[0] < $1[0] }
        let texts = context.inputs.datasets[position].texts
        let clusters = groups.prefix(limit).map { rows in
            NearDuplicateCluster(size: rows.count, rows: Array(rows.prefix(limit)), example: texts[rows[0]])
        }
        return (Array(clusters), groups.count)
    }

    /// The rows whose nearest real row is at or above the threshold, most similar first; each row's
    /// similarity to its nearest real row in `findings`.
    private func copies(
        _ nearest: NeighbourList, _ context: FamilyContext, _ position: Int, realIndex: Int,
        findings: inout [RowFinding]
    ) -> (copies: [RealCopy], total: Int) {
        let embedding = context.vectors[position]
        let real = context.vectors[realIndex]
        let threshold = context.configuration.nearDuplicateThreshold
        let texts = context.inputs.datasets[position].texts
        let realTexts = context.inputs.datasets[realIndex].texts
        var copies: [RealCopy] = []
        for (unitRow, row) in embedding.positions.enumerated() {
            let similarity = nearest.similarities[unitRow * nearest.k]
            let index = Int(nearest.indices[unitRow * nearest.k])
            findings[row].nearestRealSimilarity = Double(similarity).rounded(toPlaces: 6)
            guard isNear(similarity, threshold), index >= 0 else { continue }
            let realRow = real.positions[index]
            copies.append(
                RealCopy(
                    row: row, realRow: realRow, similarity: Double(similarity).rounded(toPlaces: 6), text: texts[row],
                    realText: realTexts[realRow]))
        }
        copies.sort { $0.similarity != $1.similarity ? $0.similarity > $1.similarity : $0.row < $1.row }
        return (Array(copies.prefix(context.configuration.listLimit)), copies.count)
    }
}
