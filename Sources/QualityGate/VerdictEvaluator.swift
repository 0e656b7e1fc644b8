import AuditModel

/// Decides each synthetic dataset's verdict from an audit result and a policy.
public enum VerdictEvaluator {
    /// The verdict of every synthetic dataset of `result` under `policy`; `wording` words the reasons of
    /// values that are missing.
    ///
    /// A rule is crossed when the value is past its bound. Past the not-fit bound the dataset is not fit only
    /// when the value's 95 % interval is past it too (or the metric has no interval); otherwise it is a
    /// warning that the value may be past it. A metric not computed, or without a value, is listed as not
    /// checked, except a classifier trained on the real data that does no better than chance, which is a
    /// warning: utility and label fidelity cannot be measured against it.
    ///
    /// - Complexity: O(rules · datasets).
    public static func evaluate(
        _ policy: VerdictPolicy, result: AuditResult, wording: any SkipReasonWording = PlainWording()
    ) -> AuditVerdict {
        let synthetic = result.datasets.filter { $0.role == .synthetic }
        let verdicts = synthetic.map { dataset in
            var reasons: [VerdictReason] = []
            var unchecked: [VerdictReason] = []
            var checked = 0
            var chanceNoted = false
            for rule in policy.rules {
                let real = result.real?.metrics[rule.metric]?.number
                switch check(
                    rule, value: dataset.metrics[rule.metric], interval: dataset.intervals[rule.metric], real: real,
                    computed: result.configuration.metrics.contains(rule.metric),
                    hasReal: result.real != nil, wording: wording)
                {
                case .passed: checked += 1
                case .crossed(let reason):
                    checked += 1
                    reasons.append(reason)
                case .unchecked(let reason):
                    if let skip = dataset.metrics[rule.metric]?.skipReason, case .realClassifierAtChance = skip {
                        // One warning for every metric the chance-level classifier leaves unmeasured.
                        if !chanceNoted { reasons.append(atChance(reason, words: wording.words(for: skip))) }
                        chanceNoted = true
                    } else {
                        unchecked.append(reason)
                    }
                }
            }
            return DatasetVerdict(dataset: dataset.name, reasons: reasons, unchecked: unchecked, checked: checked)
        }
        return AuditVerdict(datasets: verdicts, policy: policy.source)
    }

    /// What checking one rule on one value found.
    enum Outcome: Equatable {
        case passed
        case crossed(VerdictReason)
        case unchecked(VerdictReason)
    }

    // swiftlint:disable:next function_parameter_count
    static func check(
        _ rule: VerdictRule, value: MetricValue?, interval: ConfidenceInterval?, real: Double?, computed: Bool,
        hasReal: Bool, wording: any SkipReasonWording
    ) -> Outcome {
        let threshold = [rule.notFit, rule.warn].compactMap { $0 }.first.map { describe(rule, $0) } ?? ""
        func unchecked(_ why: String) -> Outcome {
            .unchecked(
                VerdictReason(
                    metric: rule.metric, level: .fit, value: nil, interval: nil, real: real, threshold: threshold,
                    message: "\(rule.metric.rawValue) not checked: \(why)", advice: rule.advice))
        }
        guard computed, let value else { return unchecked("not computed in this run") }
        guard let number = value.number else {
            return unchecked(value.skipReason.map(wording.words) ?? "no value")
        }
        var shown = number
        var shownInterval = interval
        if rule.bound.isRatio {
            guard hasReal else { return unchecked("no real dataset to compare with") }
            guard let real, real > 0 else { return unchecked("the real value is \(real.map { "\($0)" } ?? "missing")") }
            shown = number / real
            shownInterval = interval.map {
                var scaled = $0
                scaled.lower /= real
                scaled.upper /= real
                return scaled
            }
        }
        func isPast(_ bound: Double, _ x: Double) -> Bool { rule.bound.badAbove ? x > bound : x < bound }
        // The end of the interval nearest the good side.
        let nearEnd = shownInterval.map { rule.bound.badAbove ? $0.lower : $0.upper }
        var level: VerdictLevel?
        var crossedBound: Double?
        var uncertain = false
        if let notFit = rule.notFit, isPast(notFit, shown) {
            crossedBound = notFit
            if let nearEnd, !isPast(notFit, nearEnd) {
                level = .fitWithWarnings
                uncertain = true
            } else {
                level = .notFit
            }
        } else if let warn = rule.warn, isPast(warn, shown) {
            crossedBound = warn
            level = .fitWithWarnings
        }
        guard let level, let crossedBound else { return .passed }
        let side = rule.bound.badAbove ? "above" : "below"
        let kind = crossedBound == rule.notFit ? "not-fit" : "warning"
        var message =
            "\(rule.metric.rawValue) \(format(rule, shown))\(format(rule, shownInterval)): \(rule.problem) \(side) "
            + "the \(kind) threshold (\(format(rule, crossedBound)))"
        if rule.bound.isRatio, let real { message += " (the real value is \(decimal(real)))" }
        if uncertain {
            message += ", but its interval reaches \(rule.bound.badAbove ? "below" : "above") it"
        } else if shownInterval == nil && kind == "not-fit" {
            message += " (no interval for this metric)"
        }
        // Rounded to 6 decimals, like the similarities in the lists: the last float32 bits of embedding metrics
        // differ between CPUs.
        func six(_ x: Double) -> Double { (x * 1e6).rounded() / 1e6 }
        let rounded = shownInterval.map {
            var interval = $0
            interval.lower = six(interval.lower)
            interval.upper = six(interval.upper)
            return interval
        }
        return .crossed(
            VerdictReason(
                metric: rule.metric, level: level, value: six(shown), interval: rounded,
                real: rule.bound.isRatio ? real : nil, threshold: describe(rule, crossedBound), message: message,
                advice: rule.advice))
    }

    /// The warning for a real-data classifier at chance (`words`: why), from the first rule it leaves unchecked.
    static func atChance(_ unchecked: VerdictReason, words: String) -> VerdictReason {
        var reason = unchecked
        reason.level = .fitWithWarnings
        reason.message = "utility and label fidelity: \(words)"
        reason.advice =
            "the real data cannot tell whether this data helps: hold out more labelled real rows, or balance its labels"
        return reason
    }

    /// A bound as a person reads it: `<= 10 %`, `>= 0.7 x real`.
    static func describe(_ rule: VerdictRule, _ bound: Double) -> String {
        (rule.bound.badAbove ? "<= " : ">= ") + format(rule, bound)
    }

    /// A value in the rule's unit: a percentage for rates, `x real` for ratios, else four decimals at most.
    static func format(_ rule: VerdictRule, _ value: Double) -> String {
        if rule.bound.isRatio { return decimal(value) + " x real" }
        if rule.metric.rawValue.hasSuffix("_rate") { return percent(value) }
        return decimal(value)
    }

    /// An interval in the rule's unit, ` [lower, upper]`, or nothing.
    static func format(_ rule: VerdictRule, _ interval: ConfidenceInterval?) -> String {
        guard let interval else { return "" }
        if rule.bound.isRatio { return " [\(decimal(interval.lower)), \(decimal(interval.upper))]" }
        return " [\(format(rule, interval.lower)), \(format(rule, interval.upper))]"
    }

    /// Up to four decimals, trailing zeros dropped, locale-independent.
    static func decimal(_ value: Double) -> String { GateEvaluator.fixed(value) }

    /// A share as a percentage with up to two decimals, e.g. `25.81 %`.
    static func percent(_ value: Double) -> String {
        let hundredths = (value * 10_000).rounded() / 100
        let text = "\(hundredths == 0 ? 0 : hundredths)"
        return (text.hasSuffix(".0") ? String(text.dropLast(2)) : text) + " %"
    }
}
