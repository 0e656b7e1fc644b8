import AuditModel

/// Checks an audit result against a gate configuration.
public enum GateEvaluator {
    /// Evaluates every rule on the selected synthetic datasets (and labels) of `result`, comparing with
    /// `baseline` (an earlier result) for `max_regression`, and decides each dataset's verdict under the
    /// configuration's thresholds; `wording` words the reasons of missing values.
    ///
    /// - Throws: ``GateConfigurationError`` when a rule selects a dataset the audit does not have.
    /// - Complexity: O(rules · datasets · labels).
    public static func evaluate(
        _ configuration: GateConfiguration, result: AuditResult, baseline: AuditResult? = nil, path: String,
        wording: any SkipReasonWording = PlainWording()
    ) throws(GateConfigurationError) -> GateReport {
        let synthetic = result.datasets.filter { $0.role == .synthetic }
        var checks: [GateCheck] = []
        for rule in configuration.rules {
            var selected = synthetic
            if let names = rule.datasets {
                for name in names where !synthetic.contains(where: { $0.name == name }) {
                    let known = synthetic.map(\.name).joined(separator: ", ")
                    throw GateConfigurationError(
                        path: path, line: rule.line, reason: "no synthetic dataset named '\(name)' (audited: \(known))")
                }
                selected = synthetic.filter { names.contains($0.name) }
            }
            for dataset in selected {
                let base = baseline?.datasets.first { $0.name == dataset.name && $0.role == .synthetic }
                let baseReal = baseline?.real
                if let labels = rule.labels {
                    let chosen = labels.contains("*") ? dataset.perLabel.keys.sorted() : labels
                    for label in chosen {
                        checks.append(
                            check(
                                rule, dataset: dataset.name, label: label, value: dataset.perLabel[label]?[rule.metric],
                                real: result.real?.perLabel[label]?[rule.metric]?.number,
                                baseline: base?.perLabel[label]?[rule.metric]?.number,
                                baselineReal: baseReal?.perLabel[label]?[rule.metric]?.number,
                                hasBaseline: baseline != nil, direction: result.descriptor(rule.metric).direction,
                                wording: wording))
                    }
                } else {
                    checks.append(
                        check(
                            rule, dataset: dataset.name, label: nil, value: dataset.metrics[rule.metric],
                            real: result.real?.metrics[rule.metric]?.number,
                            baseline: base?.metrics[rule.metric]?.number,
                            baselineReal: baseReal?.metrics[rule.metric]?.number, hasBaseline: baseline != nil,
                            direction: result.descriptor(rule.metric).direction, wording: wording))
                }
            }
        }
        return GateReport(
            checks: checks,
            datasetVerdict: VerdictEvaluator.evaluate(configuration.verdict, result: result, wording: wording))
    }

    // swiftlint:disable:next function_parameter_count
    static func check(
        _ rule: GateRule, dataset: String, label: String?, value: MetricValue?, real: Double?, baseline: Double?,
        baselineReal: Double?, hasBaseline: Bool, direction: MetricDescriptor.Direction,
        wording: any SkipReasonWording = PlainWording()
    ) -> GateCheck {
        func make(_ outcome: GateCheck.Outcome, _ observed: Double?, _ message: String) -> GateCheck {
            GateCheck(
                rule: rule.name, metric: rule.metric, dataset: dataset, label: label, outcome: outcome,
                observed: observed, real: real, bound: rule.bounds, message: message, line: rule.line)
        }
        guard let value else { return make(.skipped, nil, "\(rule.metric.rawValue) was not computed for this dataset") }
        guard let observed = value.number else {
            return make(.skipped, nil, "no value: \(value.skipReason.map(wording.words) ?? "unavailable")")
        }
        var broken: [String] = []
        var skipped: [String] = []
        let shown = fixed(observed)
        if let min = rule.min, observed < min { broken.append("\(shown) is below the minimum \(fixed(min))") }
        if let max = rule.max, observed > max { broken.append("\(shown) is above the maximum \(fixed(max))") }
        if rule.minRatioToReal != nil || rule.maxRatioToReal != nil {
            if let real, real != 0 {
                let ratio = observed / real
                if let min = rule.minRatioToReal, ratio < min {
                    broken.append("\(shown) is \(fixed(ratio)) x the real \(fixed(real)), below \(fixed(min)) x")
                }
                if let max = rule.maxRatioToReal, ratio > max {
                    broken.append("\(shown) is \(fixed(ratio)) x the real \(fixed(real)), above \(fixed(max)) x")
                }
            } else {
                skipped.append(real == nil ? "no real value to compare with" : "the real value is 0, so no ratio")
            }
        }
        if let allowed = rule.maxRegression {
            if let baseline {
                let regression = Self.regression(
                    observed, from: baseline, direction, real: real, baselineReal: baselineReal)
                if let regression, regression > allowed {
                    broken.append(
                        "regressed by \(fixed(regression)) from the baseline \(fixed(baseline)), more than \(fixed(allowed))"
                    )
                } else if regression == nil {
                    skipped.append("no real value to measure a regression towards")
                }
            } else {
                skipped.append(hasBaseline ? "not in the baseline" : "no baseline given (--baseline)")
            }
        }
        if !broken.isEmpty {
            return make(rule.severity == .fail ? .failed : .warned, observed, broken.joined(separator: "; "))
        }
        let checkedSomething =
            rule.min != nil || rule.max != nil
            || ((rule.minRatioToReal != nil || rule.maxRatioToReal != nil) && real != nil && real != 0)
            || (rule.maxRegression != nil && baseline != nil)
        if !checkedSomething { return make(.skipped, observed, skipped.joined(separator: "; ")) }
        return make(
            .passed, observed,
            "\(shown) within bounds" + (skipped.isEmpty ? "" : " (\(skipped.joined(separator: "; ")))"))
    }

    /// How far `value` moved in the metric's bad direction from `baseline` (negative: it improved); for
    /// `closer_to_real` metrics, the growth of the distance to the real value (nil without real values).
    static func regression(
        _ value: Double, from baseline: Double, _ direction: MetricDescriptor.Direction, real: Double?,
        baselineReal: Double?
    ) -> Double? {
        switch direction {
        case .higherIsBetter: return baseline - value
        case .lowerIsBetter: return value - baseline
        case .closerToRealIsBetter:
            guard let real else { return nil }
            return abs(value - real) - abs(baseline - (baselineReal ?? real))
        }
    }

    /// Four decimals, locale-independent.
    static func fixed(_ value: Double) -> String {
        var scale = 1.0
        for _ in 0..<4 { scale *= 10 }
        let rounded = (value * scale).rounded() / scale
        let text = "\(rounded == 0 ? 0 : rounded)"
        return text.hasSuffix(".0") ? String(text.dropLast(2)) : text
    }
}
