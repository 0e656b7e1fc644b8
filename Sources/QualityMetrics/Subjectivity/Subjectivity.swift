import AssayUtilities
import AuditModel
import AuditPlan
import LabelAgreement

/// How much each row's label is a matter of opinion, and the task's as a whole. A row's subjectivity is
/// 1 − the majority label's share of its votes (Li et al. 2023's agreement, inverted); the votes are its
/// raters' labels, or, as an estimate, the labels of its ``neighbours`` nearest labelled real rows in
/// embedding space (the plan's graph of every dataset against the real one's labelled rows).
///
/// `highly_subjective_rate` and `subjectivity_task` use the raters when every dataset of the audit has
/// them, else the estimate for every dataset, so the values in one report compare like with like.
///
/// - Complexity: O(N·K) per scope for N rows and K labels; the bootstrap interval O(B·N·K).
public struct Subjectivity: MetricFamily {
    static let scopeMetrics: [any ScopeMetric] = [
        SubjectivityMean(.annotations), SubjectivityMean(.realNeighbours), HighlySubjectiveRate(), TaskSubjectivity(),
        NormalisedTaskSubjectivity(),
    ]

    /// How many nearest labelled real rows vote when a row has no raters.
    public static let neighbours = 10
    /// Instance subjectivity at or above which a row counts as highly subjective: at least about a third
    /// of the votes go against the majority (2 of 5, 1 of 3, 3 of 10).
    public static let highlySubjectiveThreshold = 0.3

    /// Where the votes behind a subjectivity value come from.
    enum Method: String, Sendable {
        /// The rows' own raters.
        case annotations
        /// The labels of the nearest labelled real rows.
        case realNeighbours = "real_neighbours"
    }

    /// The family.
    public init() {}

    /// `subjectivity`.
    public var name: String { "subjectivity" }

    /// Its metrics, in report order.
    public var metrics: [MetricDescriptor] { Self.scopeMetrics.map(\.descriptor) }

    /// Each row's nearest labelled real rows, when the estimate is needed: `estimated_subjectivity_mean`
    /// is selected, or an audit-level metric is and not every dataset has raters.
    public func requirements(for selection: Set<MetricID>, inputs: AuditInputs) -> Requirements {
        let estimate =
            selection.contains(.estimatedSubjectivityMean)
            || (!inputs.everyDatasetHasRaters
                && (selection.contains(.highlySubjectiveRate) || selection.contains(.subjectivityTask)
                    || selection.contains(.subjectivityTaskNormalised)))
        return Requirements(
            graphs: GraphNeeds(toLabelledReal: estimate && inputs.realIndex != nil ? Self.neighbours : 0))
    }

    /// Every selected metric on every scope; per dataset the task's interval, the most ambiguous rows and
    /// each row's subjectivity.
    public func run(_ context: FamilyContext) throws(AuditError) -> [DatasetSection] {
        var sections = context.evaluate(Self.scopeMetrics)
        let method = Self.auditMethod(context)
        for position in sections.indices {
            let scope = context.wholeDataset(position)
            guard case .success(let table) = Self.votes(scope, method) else { continue }
            let perUnit = InstanceSubjectivity.perUnit(table)
            let rated = perUnit.indices.filter { perUnit[$0] != nil }
            if context.wants(.subjectivityTask) || context.wants(.subjectivityTaskNormalised), !rated.isEmpty {
                let interval = taskInterval(table, perUnit, rated, method, context)
                if context.wants(.subjectivityTask) { sections[position].intervals[.subjectivityTask] = interval }
                if context.wants(.subjectivityTaskNormalised), let interval {
                    sections[position].intervals[.subjectivityTaskNormalised] = NormalisedTaskSubjectivity.interval(
                        of: interval, in: scope)
                }
            }
            sections[position].subjectivity = details(scope, table, perUnit, rated, method)
            sections[position].rowFindings = scope.data.texts.indices.map { row in
                var finding = RowFinding.blank(row: row)
                if row < perUnit.count, let value = perUnit[row] {
                    finding.subjectivity = value.minorityShare.rounded(toPlaces: 6)
                    finding.voteEntropy = value.voteEntropy.rounded(toPlaces: 6)
                }
                return finding
            }
        }
        return sections
    }

    /// The method of the audit-level metrics (`highly_subjective_rate`, `subjectivity_task`).
    static func auditMethod(_ context: FamilyContext) -> Method {
        context.inputs.everyDatasetHasRaters ? .annotations : .realNeighbours
    }

    /// The votes of `method` for the scope's rows, or why there are none.
    static func votes(_ scope: MetricScope, _ method: Method) -> Result<VoteTable, SkipReason> {
        switch method {
        case .annotations:
            let table = scope.raterVotes
            return table.pairableUnits.isEmpty ? .failure(.noRaters) : .success(table)
        case .realNeighbours:
            return scope.cached("subjectivity.neighbourVotes") {
                guard let labels = neighbourLabels(scope) else {
                    return .failure(.noRealDataset(.subjectivityEstimate))
                }
                return .success(VoteTable(annotations: scope.rows.map { labels[$0] }))
            }
        }
    }

    /// Per row of the scope's dataset, the labels of its nearest labelled real rows (for a real row, other
    /// than itself; none for a zero vector); `nil` without a labelled real dataset.
    static func neighbourLabels(_ scope: MetricScope) -> [[String]]? {
        scope.context.shared("subjectivity.neighbourLabels.\(scope.dataset)") {
            let context = scope.context
            guard let realIndex = context.inputs.realIndex, let list = context.graphs.toLabelledReal[scope.dataset]
            else { return nil }
            let real = context.inputs.datasets[realIndex]
            let realPositions = context.vectors[realIndex].positions
            let labelledReal = realPositions.lazy.filter { real.labels[$0] != nil }.count
            // A real row never votes for itself, so it has at most one voter fewer.
            let wanted = min(neighbours, labelledReal - (scope.isReal ? 1 : 0))
            var votes = [[String]](repeating: [], count: scope.data.count)
            for (unitRow, row) in context.vectors[scope.dataset].positions.enumerated() {
                votes[row] = list.neighbours(of: unitRow).prefix(max(wanted, 0)).compactMap {
                    real.labels[realPositions[$0.index]]
                }
            }
            return votes
        }
    }

    private func taskInterval(
        _ table: VoteTable, _ perUnit: [InstanceSubjectivity?], _ rated: [Int], _ method: Method,
        _ context: FamilyContext
    ) -> ConfidenceInterval? {
        switch method {
        case .annotations:
            // 1 − Krippendorff's α, resampling the rows with two or more ratings.
            let raters = table.pairableUnits
            guard Agreement.value(.krippendorffAlpha, table).number != nil,
                let alpha = bootstrapInterval(
                    itemCount: raters.count, context.configuration,
                    statistic: { sample in
                        Agreement.value(.krippendorffAlpha, table.resampled(sample.map { raters[$0] })).number
                    })
            else { return nil }
            return ConfidenceInterval(
                lower: 1 - alpha.upper, upper: 1 - alpha.lower, level: alpha.level, resamples: alpha.resamples,
                validResamples: alpha.validResamples, seed: alpha.seed)
        case .realNeighbours:
            let shares = rated.map { perUnit[$0]?.minorityShare ?? 0 }
            return bootstrapInterval(itemCount: shares.count, context.configuration) { sample in
                ExactSum.fsum(sample.lazy.map { shares[$0] }) / Double(sample.count)
            }
        }
    }

    /// The method, its chance level and the most ambiguous rows (most subjective first, then higher vote
    /// entropy, then smaller row; only rows with some disagreement).
    private func details(
        _ scope: MetricScope, _ table: VoteTable, _ perUnit: [InstanceSubjectivity?], _ rated: [Int], _ method: Method
    ) -> SubjectivityDetails {
        var ordered = rated
        ordered.sort { a, b in
            let x = (perUnit[a]?.minorityShare ?? 0, perUnit[a]?.voteEntropy ?? 0)
            let y = (perUnit[b]?.minorityShare ?? 0, perUnit[b]?.voteEntropy ?? 0)
            if x.0 != y.0 { return x.0 > y.0 }
            if x.1 != y.1 { return x.1 > y.1 }
            return a < b
        }
        let dataset = scope.data
        let ambiguous = ordered.prefix(scope.context.configuration.listLimit).compactMap { row -> AmbiguousRow? in
            guard let value = perUnit[row], value.minorityShare > 0 else { return nil }
            var votes: [String: Int] = [:]
            for (category, count) in zip(table.categories, table.votes(ofUnit: row)) where count > 0 {
                votes[category] = count
            }
            return AmbiguousRow(
                row: row, text: dataset.texts[row], label: dataset.labels[row], votes: votes,
                subjectivity: value.minorityShare.rounded(toPlaces: 6),
                voteEntropy: value.voteEntropy.rounded(toPlaces: 6))
        }
        let realLabels = scope.context.inputs.real?.labels
        return SubjectivityDetails(
            method: method.rawValue, neighbours: method == .realNeighbours ? Self.neighbours : nil,
            chanceLevel: method == .realNeighbours ? realLabels.flatMap(Self.chanceLevel) : nil,
            highlySubjectiveThreshold: Self.highlySubjectiveThreshold, ratedRows: rated.count,
            mostAmbiguous: ambiguous)
    }

    /// 1 − the share of the most frequent label among the labelled rows, rounded to 6 decimals.
    static func chanceLevel(_ labels: [String?]) -> Double? {
        var counts: [String: Int] = [:]
        for label in labels { if let label { counts[label, default: 0] += 1 } }
        let total = counts.values.reduce(0, +)
        guard total > 0, let top = counts.values.max() else { return nil }
        return (1 - Double(top) / Double(total)).rounded(toPlaces: 6)
    }
}
