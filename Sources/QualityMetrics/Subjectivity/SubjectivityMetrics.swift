import AssayUtilities
import AuditModel
import AuditPlan
import LabelAgreement

extension MetricID {
    /// Mean over rows with two or more raters of 1 − the majority label's share of their votes.
    public static let instanceSubjectivityMean = MetricID("instance_subjectivity_mean")
    /// Mean over rows of 1 − the majority label's share among the labels of the nearest real rows.
    public static let estimatedSubjectivityMean = MetricID("estimated_subjectivity_mean")
    /// Share of rows whose instance subjectivity is at least the highly-subjective threshold.
    public static let highlySubjectiveRate = MetricID("highly_subjective_rate")
    /// One number for the task's subjectivity: 1 − alpha with raters, else the mean estimated subjectivity.
    public static let subjectivityTask = MetricID("subjectivity_task")
}

/// The instance subjectivity of every row of `scope` with two or more votes of `method`, or why none.
private func shares(_ scope: MetricScope, _ method: Subjectivity.Method) -> Result<[Double], SkipReason> {
    switch Subjectivity.votes(scope, method) {
    case .failure(let reason): return .failure(reason)
    case .success(let table):
        let shares = InstanceSubjectivity.perUnit(table).compactMap { $0?.minorityShare }
        return shares.isEmpty ? .failure(.noVotes) : .success(shares)
    }
}

/// `instance_subjectivity_mean` (raters) and `estimated_subjectivity_mean` (nearest labelled real rows):
/// the mean instance subjectivity over the rows with two or more votes.
///
/// - Complexity: O(N·K).
struct SubjectivityMean: ScopeMetric {
    let method: Subjectivity.Method

    init(_ method: Subjectivity.Method) {
        self.method = method
    }

    var descriptor: MetricDescriptor {
        switch method {
        case .annotations:
            MetricDescriptor(
                .instanceSubjectivityMean, title: "Instance subjectivity",
                summary: "mean over rows of 1 − the majority label's share among the row's raters",
                direction: .closerToRealIsBetter, dimension: .subjectivity, card: "Metrics/subjectivity.md")
        case .realNeighbours:
            MetricDescriptor(
                .estimatedSubjectivityMean, title: "Estimated subjectivity",
                summary: "mean over rows of 1 − the majority label's share among the 10 nearest labelled real rows",
                direction: .closerToRealIsBetter, dimension: .subjectivity, card: "Metrics/subjectivity.md")
        }
    }

    func value(in scope: MetricScope) -> MetricValue {
        switch shares(scope, method) {
        case .failure(let reason): .skipped(reason)
        case .success(let shares): .number(ExactSum.fsum(shares) / Double(shares.count))
        }
    }
}

/// `highly_subjective_rate`: the share of rows (with two or more votes) whose instance subjectivity is at
/// least ``Subjectivity/highlySubjectiveThreshold``; raters when every dataset has them, else the estimate.
///
/// - Complexity: O(N·K).
struct HighlySubjectiveRate: ScopeMetric {
    var descriptor: MetricDescriptor {
        MetricDescriptor(
            .highlySubjectiveRate, title: "Highly subjective rows",
            summary: "share of rows whose instance subjectivity is 0.3 or more",
            direction: .closerToRealIsBetter, dimension: .subjectivity, card: "Metrics/subjectivity.md")
    }

    func value(in scope: MetricScope) -> MetricValue {
        switch shares(scope, Subjectivity.auditMethod(scope.context)) {
        case .failure(let reason): return .skipped(reason)
        case .success(let shares):
            let high = shares.lazy.filter { $0 >= Subjectivity.highlySubjectiveThreshold - 1e-12 }.count
            return .number(Double(high) / Double(shares.count))
        }
    }
}

/// `subjectivity_task`: 1 − Krippendorff's α when every dataset has raters, else the mean estimated
/// instance subjectivity.
///
/// - Complexity: O(N·K).
struct TaskSubjectivity: ScopeMetric {
    var descriptor: MetricDescriptor {
        MetricDescriptor(
            .subjectivityTask, title: "Task subjectivity",
            summary: "1 − Krippendorff's α when every dataset has raters, else the mean estimated subjectivity",
            direction: .closerToRealIsBetter, dimension: .subjectivity, card: "Metrics/subjectivity.md")
    }

    func value(in scope: MetricScope) -> MetricValue {
        let method = Subjectivity.auditMethod(scope.context)
        switch shares(scope, method) {
        case .failure(let reason): return .skipped(reason)
        case .success(let shares):
            guard method == .annotations else { return .number(ExactSum.fsum(shares) / Double(shares.count)) }
            do {
                return .number(1 - (try InterRaterAgreement.krippendorffAlpha(scope.raterVotes)))
            } catch {
                return .skipped(.undefined(error.reason))
            }
        }
    }
}
