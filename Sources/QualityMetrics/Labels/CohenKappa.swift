import AuditModel
import AuditPlan
import LabelAgreement

extension MetricID {
    /// Cohen's kappa between two label fields.
    public static let cohenKappa = MetricID("cohen_kappa")
}

/// `cohen_kappa`: agreement beyond chance between two label fields of the same rows (for example the
/// intended label and an LLM judge's), over the rows that have both.
///
/// - Complexity: O(N + K²).
struct CohenKappa: ScopeMetric {
    var descriptor: MetricDescriptor {
        MetricDescriptor(
            .cohenKappa, title: "Cohen's κ",
            summary: "agreement beyond chance between two label fields (--compare-labels), e.g. label vs LLM judge",
            direction: .higherIsBetter, dimension: .labels, card: "Metrics/agreement.md")
    }

    func value(in scope: MetricScope) -> MetricValue { Self.value(scope.comparedLabels) }

    /// Cohen's κ between the two compared label columns.
    static func value(_ columns: [[String?]]) -> MetricValue {
        guard columns.count == 2 else { return .skipped(.noComparedLabels) }
        do {
            return .number(try InterRaterAgreement.cohenKappa(columns[0], columns[1]))
        } catch {
            return .skipped(.undefined(error.reason))
        }
    }
}
