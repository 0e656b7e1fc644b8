import AuditModel
import AuditPlan
import LabelAgreement

extension MetricID {
    /// Krippendorff's alpha (nominal) between the raters of each row.
    public static let krippendorffAlpha = MetricID("krippendorff_alpha")
    /// Fleiss' kappa between the raters of each row (every row rated by the same number of raters).
    public static let fleissKappa = MetricID("fleiss_kappa")
    /// Share of agreeing rater pairs, averaged over rows with two or more ratings.
    public static let percentAgreement = MetricID("percent_agreement")
}

/// `krippendorff_alpha`, `fleiss_kappa` and `percent_agreement`: how well the raters of each row agree,
/// from the rows' per-rater labels.
///
/// - Complexity: O(R + N·K) for R ratings over N rows and K categories.
struct Agreement: ScopeMetric {
    let id: MetricID

    init(_ id: MetricID) {
        self.id = id
    }

    var descriptor: MetricDescriptor {
        switch id {
        case .krippendorffAlpha:
            MetricDescriptor(
                id, title: "Krippendorff's α",
                summary: "agreement between the raters of each row beyond chance (nominal; 1 perfect, 0 chance)",
                direction: .higherIsBetter, dimension: .labels, card: "Metrics/agreement.md")
        case .fleissKappa:
            MetricDescriptor(
                id, title: "Fleiss' κ", summary: "agreement beyond chance when every row has the same number of raters",
                direction: .higherIsBetter, dimension: .labels, card: "Metrics/agreement.md")
        default:
            MetricDescriptor(
                id, title: "Percent agreement",
                summary: "share of rater pairs that agree, averaged over rows (not chance-corrected)",
                direction: .higherIsBetter, dimension: .labels, card: "Metrics/agreement.md")
        }
    }

    func value(in scope: MetricScope) -> MetricValue {
        let table = scope.raterVotes
        guard !table.pairableUnits.isEmpty else { return .skipped(.noRaters) }
        return Self.value(id, table)
    }

    /// The value of agreement metric `id` on `table`.
    static func value(_ id: MetricID, _ table: VoteTable) -> MetricValue {
        do {
            switch id {
            case .krippendorffAlpha: return .number(try InterRaterAgreement.krippendorffAlpha(table))
            case .fleissKappa: return .number(try InterRaterAgreement.fleissKappa(table))
            default: return .number(try InterRaterAgreement.percentAgreement(table))
            }
        } catch {
            return .skipped(.undefined(error.reason))
        }
    }
}
