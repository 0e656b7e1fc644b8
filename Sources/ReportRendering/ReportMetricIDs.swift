import AuditModel

// The metrics some report sections are built around (the JSON contract's ids; the metrics themselves
// live in the metric families, which the renderers do not link).
extension MetricID {
    static let distinct1 = MetricID("distinct_1")
    static let distinct2 = MetricID("distinct_2")
    static let distinct3 = MetricID("distinct_3")
    static let distinct4 = MetricID("distinct_4")
    static let subjectivityTask = MetricID("subjectivity_task")
    static let tstrMacroF1 = MetricID("tstr_macro_f1")
    static let trtrMacroF1 = MetricID("trtr_macro_f1")
    static let tstrRatio = MetricID("tstr_ratio")
    static let artefactRate = MetricID("artefact_rate")
}
