import AuditModel
import AuditPlan

extension MetricID {
    /// The task's subjectivity with chance taken out, comparable across tasks of different class balance.
    public static let subjectivityTaskNormalised = MetricID("subjectivity_task_normalised")
}

/// `subjectivity_task_normalised`: the task's subjectivity with what chance alone gives taken out, so tasks
/// of different class balance compare. With raters it is `subjectivity_task` itself (1 − Krippendorff's α,
/// already corrected for chance agreement); with the estimate, `subjectivity_task` divided by the value the
/// estimate takes when a row's voters carry labels drawn at random with the real data's label shares
/// (``expectedAtChance(shares:votes:)``): 0 for a task whose neighbourhoods are pure, about 1 when the
/// labels are no better than chance there.
///
/// - Complexity: O(N·K) for the task's value, plus O(K·v³) for the chance level with v votes.
struct NormalisedTaskSubjectivity: ScopeMetric {
    var descriptor: MetricDescriptor {
        MetricDescriptor(
            .subjectivityTaskNormalised, title: "Task subjectivity, chance-normalised",
            summary: "subjectivity_task over its value under labels drawn at random (1 − α with raters)",
            direction: .closerToRealIsBetter, dimension: .subjectivity, card: "Metrics/subjectivity.md")
    }

    func value(in scope: MetricScope) -> MetricValue {
        let task = TaskSubjectivity().value(in: scope)
        guard let value = task.number else { return task }
        switch Self.divisor(scope) {
        case .success(let divisor): return .finite(value / divisor)
        case .failure(let reason): return .skipped(reason)
        }
    }

    /// The interval of `subjectivity_task` divided the same way.
    static func interval(of task: ConfidenceInterval, in scope: MetricScope) -> ConfidenceInterval? {
        guard case .success(let divisor) = divisor(scope) else { return nil }
        var interval = task
        interval.lower /= divisor
        interval.upper /= divisor
        return interval
    }

    /// What `subjectivity_task` is divided by: 1 with raters, else its expected value at chance.
    static func divisor(_ scope: MetricScope) -> Result<Double, SkipReason> {
        guard Subjectivity.auditMethod(scope.context) == .realNeighbours else { return .success(1) }
        guard let realIndex = scope.context.inputs.realIndex else {
            return .failure(.noRealDataset(.subjectivityEstimate))
        }
        let labelled = scope.context.inputs.datasets[realIndex].labels.compactMap { $0 }
        var counts: [String: Int] = [:]
        for label in labelled { counts[label, default: 0] += 1 }
        let shares = counts.keys.sorted().map { Double(counts[$0] ?? 0) / Double(labelled.count) }
        // A real row never votes for itself.
        let votes = min(Subjectivity.neighbours, labelled.count - (scope.isReal ? 1 : 0))
        let chance = expectedAtChance(shares: shares, votes: votes)
        guard chance > 0 else { return .failure(.undefined("the real data has one label: chance never disagrees")) }
        return .success(chance)
    }

    /// The expected instance subjectivity, 1 − E[largest label count] / `votes`, when `votes` labels are drawn
    /// independently with probabilities `shares` (summing to 1): exact, from P(every count ≤ m) =
    /// votes! · [xᵛᵒᵗᵉˢ] Πₖ Σ_{j ≤ m} (pₖ x)ʲ / j!.
    ///
    /// - Complexity: O(K · votes³) for K labels.
    static func expectedAtChance(shares: [Double], votes: Int) -> Double {
        guard votes >= 2, !shares.isEmpty else { return 0 }
        var factorials = [1.0]
        for n in 1...votes { factorials.append(factorials[n - 1] * Double(n)) }
        var expectedMax = 0.0
        // E[max] = Σ_{m=0}^{votes−1} P(max > m).
        for m in 0..<votes {
            var product = [Double](repeating: 0, count: votes + 1)
            product[0] = 1
            for share in shares {
                var next = [Double](repeating: 0, count: votes + 1)
                var power = 1.0
                var term = [Double](repeating: 0, count: min(m, votes) + 1)
                for j in 0...min(m, votes) {
                    term[j] = power / factorials[j]
                    power *= share
                }
                for (degree, coefficient) in product.enumerated() where coefficient != 0 {
                    for j in term.indices where degree + j <= votes { next[degree + j] += coefficient * term[j] }
                }
                product = next
            }
            expectedMax += 1 - factorials[votes] * product[votes]
        }
        return 1 - expectedMax / Double(votes)
    }
}
