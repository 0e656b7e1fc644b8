/// The outcome of one gate rule on one dataset (and label).
public struct GateCheck: Sendable, Equatable {
    /// What happened.
    public enum Outcome: String, Sendable, Equatable, CaseIterable {
        /// Every bound held.
        case passed
        /// A bound of a `fail` rule was broken.
        case failed
        /// A bound of a `warn` rule was broken.
        case warned
        /// The rule could not be checked here (no value, no real value, no baseline entry).
        case skipped
    }

    /// The rule's name.
    public let rule: String
    /// The metric checked.
    public let metric: MetricID
    /// The synthetic dataset.
    public let dataset: String
    /// The label, or `nil` for the whole dataset.
    public let label: String?
    /// The outcome.
    public let outcome: Outcome
    /// The value checked, when there is one.
    public let observed: Double?
    /// The real dataset's value, when there is one.
    public let real: Double?
    /// The rule's bounds as a person reads them, e.g. `<= 0.3, >= 0.8 x real`.
    public let bound: String
    /// One line: which bound failed and by how much, or why the check was skipped.
    public let message: String
    /// The rule's line in the configuration.
    public let line: Int

    /// Creates a check.
    public init(
        rule: String, metric: MetricID, dataset: String, label: String?, outcome: Outcome, observed: Double?,
        real: Double?, bound: String, message: String, line: Int
    ) {
        self.rule = rule
        self.metric = metric
        self.dataset = dataset
        self.label = label
        self.outcome = outcome
        self.observed = observed
        self.real = real
        self.bound = bound
        self.message = message
        self.line = line
    }

    /// The dataset, with the label in brackets when the check is per label.
    public var target: String { dataset + (label.map { " [\($0)]" } ?? "") }
}

/// Every check of a gate run, and the verdict: what every renderer of a gate shows.
public struct GateReport: Sendable, Equatable {
    /// The overall result.
    public enum Verdict: String, Sendable, Equatable, CaseIterable {
        /// Every rule held.
        case passed
        /// Every `fail` rule held; a `warn` rule did not.
        case passedWithWarnings = "passed with warnings"
        /// A `fail` rule did not hold.
        case failed
    }

    /// One check per rule, dataset and label, in rule order.
    public let checks: [GateCheck]
    /// Whether each synthetic dataset is fit to train on, under the configuration's verdict thresholds.
    public let datasetVerdict: AuditVerdict?

    /// Creates a report.
    public init(checks: [GateCheck], datasetVerdict: AuditVerdict? = nil) {
        self.checks = checks
        self.datasetVerdict = datasetVerdict
    }

    /// Whether a `fail` rule failed, or a dataset is not fit.
    public var failed: Bool { checks.contains { $0.outcome == .failed } || datasetVerdict?.overall == .notFit }
    /// Whether a `warn` rule failed, or a dataset is fit with warnings.
    public var warned: Bool {
        checks.contains { $0.outcome == .warned } || datasetVerdict?.overall == .fitWithWarnings
    }
    /// 1 when a `fail` rule failed or a dataset is not fit, else 0 (warnings allowed).
    public var exitCode: Int32 { failed ? 1 : 0 }
    /// `failed`, `passed with warnings` or `passed`.
    public var verdict: Verdict { failed ? .failed : warned ? .passedWithWarnings : .passed }

    /// How many checks had `outcome`.
    public func count(_ outcome: GateCheck.Outcome) -> Int { checks.lazy.filter { $0.outcome == outcome }.count }
}
