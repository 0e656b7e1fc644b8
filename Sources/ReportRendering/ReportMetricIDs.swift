import AuditModel

/// The metrics some report sections are built around, by their ids in the JSON contract (the metrics
/// themselves live in the metric families, which the renderers do not link).
enum SectionMetrics {
    /// distinct-1 … distinct-4, shown as one chart.
    static let distinct = ["distinct_1", "distinct_2", "distinct_3", "distinct_4"].map(MetricID.init(rawValue:))
    static let subjectivityTask = MetricID("subjectivity_task")
    static let subjectivityTaskNormalised = MetricID("subjectivity_task_normalised")
    static let tstrMacroF1 = MetricID("tstr_macro_f1")
    static let trtrMacroF1 = MetricID("trtr_macro_f1")
    static let tstrBalancedAccuracy = MetricID("tstr_balanced_accuracy")
    static let trtrBalancedAccuracy = MetricID("trtr_balanced_accuracy")
    static let tstrRatio = MetricID("tstr_ratio")
    static let artefactRate = MetricID("artefact_rate")
}
