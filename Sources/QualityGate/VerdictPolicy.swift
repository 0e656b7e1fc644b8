import AuditModel

/// One threshold of a verdict policy: a metric, which side of a bound is bad, the bound at which a dataset
/// gets a warning and the bound at which it is not fit, and what to do about it.
public struct VerdictRule: Sendable, Equatable {
    /// What the bound applies to.
    public enum Bound: String, Sendable, Equatable {
        /// The value must be at most the bound.
        case max
        /// The value must be at least the bound.
        case min
        /// The value divided by the real dataset's must be at least the bound.
        case minRatioToReal = "min_ratio_to_real"
        /// The value divided by the real dataset's must be at most the bound.
        case maxRatioToReal = "max_ratio_to_real"

        /// Whether values above the bound are bad.
        var badAbove: Bool { self == .max || self == .maxRatioToReal }
        /// Whether the bound applies to the ratio to the real value.
        var isRatio: Bool { self == .minRatioToReal || self == .maxRatioToReal }
    }

    /// The metric.
    public var metric: MetricID
    /// Which side is bad, and whether the value is read as a ratio to the real one.
    public var bound: Bound
    /// Past this bound the dataset is fit with warnings (`nil`: no warning level).
    public var warn: Double?
    /// Past this bound, with the whole interval past it, the dataset is not fit (`nil`: no such level).
    public var notFit: Double?
    /// What crosses the bound, in a few words, e.g. `exact duplicates`.
    public var problem: String
    /// What to do about it.
    public var advice: String

    /// Creates a rule.
    public init(
        metric: MetricID, bound: Bound, warn: Double?, notFit: Double?, problem: String, advice: String
    ) {
        self.metric = metric
        self.bound = bound
        self.warn = warn
        self.notFit = notFit
        self.problem = problem
        self.advice = advice
    }
}

/// The thresholds a verdict is decided by: ``defaults``, changed by a gate configuration's `verdict:` section.
public struct VerdictPolicy: Sendable, Equatable {
    /// The rules, in the order reasons are listed.
    public var rules: [VerdictRule]
    /// Where the thresholds came from (`defaults`, or `defaults, changed by assay.yml`).
    public var source: String

    /// Creates a policy.
    public init(rules: [VerdictRule], source: String) {
        self.rules = rules
        self.source = source
    }

    /// The default thresholds, documented in `Metrics/verdict.md` (keep the two together).
    ///
    /// Rates of rows that should not be there at all (copies of real rows, labels outside the real label set,
    /// refusals) warn at any row; a real-data rate decides the rest: over 85,100 real rows of the shared
    /// datasets the artefact rules trip on at most 0.11 % of rows.
    public static let defaults = VerdictPolicy(
        rules: [
            VerdictRule(
                metric: MetricID("exact_duplicate_rate"), bound: .max, warn: 0.02, notFit: 0.10,
                problem: "exact duplicates",
                advice: "deduplicate: repeated rows weigh twice in training and leak across train/test splits"),
            VerdictRule(
                metric: MetricID("near_duplicate_rate"), bound: .max, warn: 0.10, notFit: 0.30,
                problem: "rows with a near duplicate",
                advice: "deduplicate near duplicates, and vary the prompts (topics, personas, few-shot examples)"),
            VerdictRule(
                metric: MetricID("self_bleu_4"), bound: .max, warn: 0.60, notFit: 0.80,
                problem: "self-BLEU-4 (rows repeat each other's phrasing)",
                advice: "vary the prompts and examples, raise the sampling temperature, drop templated rows"),
            VerdictRule(
                metric: MetricID("real_exact_copy_rate"), bound: .max, warn: 0, notFit: 0.05,
                problem: "exact copies of real rows",
                advice: "remove rows copied from the real data: they add nothing and leak its test rows"),
            VerdictRule(
                metric: MetricID("real_copy_rate"), bound: .max, warn: 0.05, notFit: 0.20,
                problem: "near copies of real rows",
                advice: "remove or regenerate the rows listed under copies of real rows (memorised or paraphrased)"),
            VerdictRule(
                metric: MetricID("invalid_label_rate"), bound: .max, warn: 0, notFit: 0.05,
                problem: "labels outside the real label set",
                advice: "map the labels onto the real label set, or drop those rows"),
            VerdictRule(
                metric: MetricID("label_fidelity"), bound: .minRatioToReal, warn: 0.90, notFit: 0.70,
                problem: "labels the real-data classifier agrees with",
                advice: "relabel or filter the disputed rows (the real-data classifier disagrees with their label)"),
            VerdictRule(
                metric: MetricID("tstr_ratio"), bound: .min, warn: 0.90, notFit: 0.70,
                problem: "of the real data's macro-F1 reached when training on this data",
                advice: "generate more varied, correctly labelled rows for the weak labels, or mix in real data"),
            VerdictRule(
                metric: MetricID("refusal_rate"), bound: .max, warn: 0, notFit: 0.02, problem: "refusals",
                advice: "drop the refused rows and regenerate them"),
            VerdictRule(
                metric: MetricID("boilerplate_rate"), bound: .max, warn: 0.01, notFit: 0.10,
                problem: "assistant boilerplate (\"Sure! Here is…\")",
                advice: "strip the boilerplate, or ask the generator for the text alone"),
            VerdictRule(
                metric: MetricID("prompt_leakage_rate"), bound: .max, warn: 0.01, notFit: 0.10,
                problem: "prompt leakage (\"Label:\", \"Tweet 3:\")",
                advice: "strip the leaked prompt parts, or ask the generator for the text alone"),
            VerdictRule(
                metric: MetricID("length_ks"), bound: .max, warn: 0.30, notFit: nil,
                problem: "difference from the real rows' lengths (Kolmogorov–Smirnov)",
                advice: "ask the generator for the real data's lengths, or filter rows far outside them"),
            VerdictRule(
                metric: MetricID("discriminator_auc"), bound: .max, warn: 0.95, notFit: nil,
                problem: "discriminator AUC (rows easy to tell from real ones)",
                advice: "see the most synthetic-looking rows and the words that give them away; prompt against them"),
            VerdictRule(
                metric: MetricID("embedding_coverage"), bound: .minRatioToReal, warn: 0.50, notFit: nil,
                problem: "coverage of the real data's neighbourhoods",
                advice: "the rows miss much of what the real data covers: generate for the missing topics"),
        ], source: "defaults")

    /// Every metric a rule reads, in rule order.
    public var metrics: [MetricID] { rules.map(\.metric) }
}
