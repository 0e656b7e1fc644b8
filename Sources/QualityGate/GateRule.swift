import AuditModel

/// One rule of a gate configuration: a metric and the bounds its values must keep.
public struct GateRule: Sendable, Equatable {
    /// What a failed rule does to the gate.
    public enum Severity: String, Sendable, Equatable {
        /// The gate fails (exit code 1).
        case fail
        /// Reported, but the gate still passes.
        case warn
    }

    /// A display name (default: the metric id and its bounds).
    public var name: String
    /// The metric checked.
    public var metric: MetricID
    /// The value must be at least this.
    public var min: Double?
    /// The value must be at most this.
    public var max: Double?
    /// The value divided by the real dataset's must be at least this.
    public var minRatioToReal: Double?
    /// The value divided by the real dataset's must be at most this.
    public var maxRatioToReal: Double?
    /// With a baseline: the most the value may move in the metric's bad direction.
    public var maxRegression: Double?
    /// `fail` (default) or `warn`.
    public var severity: Severity
    /// The synthetic datasets checked, by name; `nil` for all of them.
    public var datasets: [String]?
    /// The labels checked (`*` for every label); `nil` checks the whole dataset only.
    public var labels: [String]?
    /// The rule's line in the configuration file.
    public var line: Int
    /// The bounds as a person reads them, e.g. `<= 0.3, >= 0.8 x real`.
    public var bounds: String

    /// Creates a rule.
    public init(
        name: String? = nil, metric: MetricID, min: Double? = nil, max: Double? = nil, minRatioToReal: Double? = nil,
        maxRatioToReal: Double? = nil, maxRegression: Double? = nil, severity: Severity = .fail,
        datasets: [String]? = nil, labels: [String]? = nil, line: Int = 0
    ) {
        self.metric = metric
        self.min = min
        self.max = max
        self.minRatioToReal = minRatioToReal
        self.maxRatioToReal = maxRatioToReal
        self.maxRegression = maxRegression
        self.severity = severity
        self.datasets = datasets
        self.labels = labels
        self.line = line
        var bounds: [String] = []
        if let min { bounds.append(">= \(min)") }
        if let max { bounds.append("<= \(max)") }
        if let minRatioToReal { bounds.append(">= \(minRatioToReal) x real") }
        if let maxRatioToReal { bounds.append("<= \(maxRatioToReal) x real") }
        if let maxRegression { bounds.append("regression <= \(maxRegression)") }
        self.bounds = bounds.joined(separator: ", ")
        self.name = name ?? "\(metric.rawValue) \(self.bounds)"
    }
}
