/// `tstr_accuracy`, `tstr_macro_f1`, `trtr_accuracy`, `trtr_macro_f1`, `tstr_ratio`: how well a
/// classifier trained on a dataset does on the real held-out rows, beside one trained on the real
/// training rows. Computed once per dataset in the engine (not per label).
struct UtilityMetric: MetricFamily {
    static let ids: [MetricID] = [.tstrAccuracy, .tstrMacroF1, .trtrAccuracy, .trtrMacroF1, .tstrRatio]
    var ids: [MetricID] { Self.ids }

    func evaluate(_ context: MetricContext, requested: [MetricID]) -> [MetricID: MetricValue] {
        var values: [MetricID: MetricValue] = [:]
        for id in requested {
            if let utility = context.rows.utility {
                values[id] = utility[id] ?? .unavailable(reason: context.rows.labelModelUnavailable)
            } else {
                values[id] = .unavailable(
                    reason: context.rows.realLabelSet == nil
                        ? context.rows.labelModelUnavailable : "computed per dataset, not per label")
            }
        }
        return values
    }
}
