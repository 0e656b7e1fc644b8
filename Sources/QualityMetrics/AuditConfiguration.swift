import DatasetIO
import TextTokenization

/// Everything that decides an audit's numbers; recorded in every result.
public struct AuditConfiguration: Sendable, Equatable {
    /// The tokenizer every lexical metric uses.
    public var tokenizer: TokenizerKind
    /// The metrics to compute, in catalogue order.
    public var metrics: [MetricID]
    /// Which input fields hold text, label and annotations.
    public var fields: FieldMapping

    /// Creates a configuration; by default every metric with the default tokenizer.
    public init(
        tokenizer: TokenizerKind = .default, metrics: [MetricID] = MetricID.allCases, fields: FieldMapping = FieldMapping()
    ) {
        self.tokenizer = tokenizer
        self.metrics = metrics.sorted()
        self.fields = fields
    }
}
