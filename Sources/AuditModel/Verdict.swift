/// Whether each synthetic dataset is fit to train on, and why: the first thing every output shows.
///
/// A verdict comes from a policy of thresholds (the defaults, overridable in the gate's YAML), each on one
/// metric, with a warning and a not-fit level. A threshold is crossed when the value is past it; a not-fit
/// threshold counts as not fit only when the value's 95 % interval is past it too (otherwise it is a warning
/// that the value may be past it), so a verdict never rests on noise.
public struct AuditVerdict: Sendable, Equatable, Codable {
    /// The worst verdict over the synthetic datasets.
    public var overall: VerdictLevel
    /// One verdict per synthetic dataset, in audit order.
    public var datasets: [DatasetVerdict]
    /// Where the thresholds came from: `defaults`, or the defaults with a configuration file's changes.
    public var policy: String

    /// Creates a verdict; `overall` is the worst of the datasets' (`fit` without datasets).
    public init(datasets: [DatasetVerdict], policy: String) {
        self.datasets = datasets
        self.policy = policy
        overall = datasets.map(\.level).max() ?? .fit
    }

    /// The verdict of the dataset named `name`.
    public func dataset(_ name: String) -> DatasetVerdict? { datasets.first { $0.dataset == name } }
}

/// Fit, fit with warnings, or not fit; ordered from best to worst.
public enum VerdictLevel: String, Sendable, Equatable, Codable, Comparable, CaseIterable {
    /// No threshold crossed.
    case fit
    /// A warning threshold crossed, or a not-fit threshold crossed by a value whose interval reaches back
    /// over it, or a check that could not be made.
    case fitWithWarnings = "fit-with-warnings"
    /// A not-fit threshold crossed by the whole interval of the value.
    case notFit = "not-fit"

    private var rank: Int {
        switch self {
        case .fit: 0
        case .fitWithWarnings: 1
        case .notFit: 2
        }
    }

    /// Whether `lhs` is better than `rhs`.
    public static func < (lhs: VerdictLevel, rhs: VerdictLevel) -> Bool { lhs.rank < rhs.rank }

    /// `fit`, `fit with warnings` or `not fit`, for sentences.
    public var words: String {
        switch self {
        case .fit: "fit"
        case .fitWithWarnings: "fit with warnings"
        case .notFit: "not fit"
        }
    }
}

/// One synthetic dataset's verdict.
public struct DatasetVerdict: Sendable, Equatable, Codable {
    /// The dataset's name.
    public var dataset: String
    /// The verdict.
    public var level: VerdictLevel
    /// Every threshold crossed, not-fit ones first, then warnings; in policy order within each.
    public var reasons: [VerdictReason]
    /// The checks that could not be made (the metric was not computed, or has no value here), with why.
    public var unchecked: [VerdictReason]
    /// How many thresholds were checked on a value.
    public var checked: Int

    /// Creates a verdict: `not-fit` when a reason is, else `fit-with-warnings` when there is a reason,
    /// else `fit`. Checks that could not be made are listed but do not change the level.
    public init(dataset: String, reasons: [VerdictReason], unchecked: [VerdictReason], checked: Int) {
        self.dataset = dataset
        self.reasons = reasons.filter { $0.level == .notFit } + reasons.filter { $0.level != .notFit }
        self.unchecked = unchecked
        self.checked = checked
        level = reasons.map(\.level).max() ?? .fit
    }

    private enum CodingKeys: String, CodingKey {
        case dataset
        case level = "verdict"
        case reasons, unchecked, checked
    }
}

/// Why a verdict is what it is: one threshold, the value it was checked on, and what to do.
public struct VerdictReason: Sendable, Equatable, Codable {
    /// The metric.
    public var metric: MetricID
    /// `not-fit` or `fit-with-warnings` for a crossed threshold; `fit` for a check that could not be made.
    public var level: VerdictLevel
    /// The value checked (for a ratio rule, the ratio to the real value).
    public var value: Double?
    /// The value's 95 % interval (for a ratio rule, divided by the real value), when the audit has one.
    public var interval: ConfidenceInterval?
    /// The real dataset's value, when the rule compares with it.
    public var real: Double?
    /// The threshold crossed, as a person reads it, e.g. `<= 0.1` or `>= 0.8 x real`.
    public var threshold: String
    /// One sentence: what the value is and which threshold it crossed, or why it could not be checked.
    public var message: String
    /// What to do about it.
    public var advice: String

    /// Creates a reason.
    public init(
        metric: MetricID, level: VerdictLevel, value: Double?, interval: ConfidenceInterval?, real: Double?,
        threshold: String, message: String, advice: String
    ) {
        self.metric = metric
        self.level = level
        self.value = value
        self.interval = interval
        self.real = real
        self.threshold = threshold
        self.message = message
        self.advice = advice
    }
}
