/// A group of metrics computed together from the same rows (for example distinct-1…4 from one n-gram index).
protocol MetricFamily: Sendable {
    /// The metrics this family produces.
    var ids: [MetricID] { get }
    /// Values for the `requested` metrics (a subset of ``ids``) on `context`'s rows.
    func evaluate(_ context: MetricContext, requested: [MetricID]) -> [MetricID: MetricValue]
}

/// The families of every metric, in catalogue order.
enum MetricRegistry {
    static let families: [any MetricFamily] = [
        DistinctNGramsMetric(), SelfBLEUMetric(), ExactDuplicateRateMetric(), EmbeddingSpreadMetric(), RealCopyMetric(),
        AgreementMetric(), LabelFidelityMetric(), SubjectivityMetric(), UtilityMetric(), NaturalnessMetric(),
        ArtefactMetric(), DistanceFromRealMetric(), FidelityMetric(),
        TokenStatisticsMetric(),
    ]
}
