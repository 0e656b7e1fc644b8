import AuditModel
import Yams

/// The rules of a quality gate, read from YAML:
///
/// ```yaml
/// gates:
///   - metric: self_bleu_4
///     max: 0.5
///   - metric: distinct_2
///     min_ratio_to_real: 0.8
///     datasets: [gpt4]
///     labels: ["*"]
///   - metric: exact_duplicate_rate
///     max: 0.05
///     severity: warn
/// ```
///
/// Each rule names a `metric` and at least one of `min`, `max`, `min_ratio_to_real`,
/// `max_ratio_to_real`, `max_regression`; optional `name`, `severity` (`fail` or `warn`), `datasets`
/// and `labels` (lists of names; `*` for every label).
///
/// An optional `verdict:` mapping changes the verdict's default thresholds (``VerdictPolicy/defaults``), by
/// metric: `off` drops a rule; `{warn: 0.05, not_fit: 0.2}` moves its levels (`off` for a level drops it); a
/// metric without a default rule needs `bound` (`max`, `min`, `min_ratio_to_real` or `max_ratio_to_real`) and
/// may give `advice`:
///
/// ```yaml
/// verdict:
///   exact_duplicate_rate: {warn: 0.05, not_fit: 0.2}
///   discriminator_auc: off
///   distinct_2: {bound: min_ratio_to_real, warn: 0.8, advice: "vary the prompts"}
/// ```
///
/// A file may hold only `gates:`, only `verdict:`, or both.
public struct GateConfiguration: Sendable, Equatable {
    /// The rules, in file order.
    public var rules: [GateRule]
    /// The verdict's thresholds: the defaults, changed by the file's `verdict:` section.
    public var verdict: VerdictPolicy

    /// Creates a configuration.
    public init(rules: [GateRule], verdict: VerdictPolicy = .defaults) {
        self.rules = rules
        self.verdict = verdict
    }

    /// Every metric a rule or a verdict threshold checks, rules first, each once.
    public var metrics: [MetricID] {
        var seen = Set<MetricID>()
        return (rules.map(\.metric) + verdict.metrics).filter { seen.insert($0).inserted }
    }

    static let keys: Set<String> = [
        "name", "metric", "min", "max", "min_ratio_to_real", "max_ratio_to_real", "max_regression", "severity",
        "datasets", "labels",
    ]

    /// Parses `yaml`, the contents of the file at `path` (used in errors); metric names must be in `catalog`.
    ///
    /// - Throws: ``GateConfigurationError`` naming the file, the line and what is wrong.
    public static func parse(_ yaml: String, path: String, catalog: MetricCatalog) throws(GateConfigurationError)
        -> GateConfiguration
    {
        func fail(_ line: Int?, _ reason: String) -> GateConfigurationError {
            GateConfigurationError(path: path, line: line, reason: reason)
        }
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml)
        } catch let error as YamlError {
            throw Self.describe(error, path: path)
        } catch {
            throw fail(nil, "invalid yaml: \(error)")
        }
        guard let root, case .mapping(let top) = root else {
            throw fail(root?.mark?.line ?? 1, "expected a mapping with a 'gates' list")
        }
        var gates: Node?
        var verdict: Node?
        for (key, value) in top {
            switch key.string {
            case "gates": gates = value
            case "verdict": verdict = value
            default:
                throw fail(
                    key.mark?.line, "unknown key '\(key.string ?? "?")' (the top level holds 'gates' and 'verdict')")
            }
        }
        guard gates != nil || verdict != nil else {
            throw fail(top.mark?.line, "missing 'gates' list (or a 'verdict' section)")
        }
        var rules: [GateRule] = []
        if let gates {
            guard case .sequence(let items) = gates else {
                throw fail(gates.mark?.line, "'gates' must be a list of rules")
            }
            guard !items.isEmpty else { throw fail(gates.mark?.line, "'gates' has no rules") }
            rules = try items.map { item throws(GateConfigurationError) in
                try rule(item, path: path, catalog: catalog)
            }
        }
        let policy = try verdict.map { node throws(GateConfigurationError) in
            try verdictPolicy(node, path: path, catalog: catalog)
        }
        return GateConfiguration(rules: rules, verdict: policy ?? .defaults)
    }

    /// The default policy changed by a `verdict:` section.
    static func verdictPolicy(_ node: Node, path: String, catalog: MetricCatalog) throws(GateConfigurationError)
        -> VerdictPolicy
    {
        func fail(_ at: Int?, _ reason: String) -> GateConfigurationError {
            GateConfigurationError(path: path, line: at ?? node.mark?.line, reason: reason)
        }
        guard case .mapping(let entries) = node else {
            throw fail(node.mark?.line, "'verdict' must map metric ids to thresholds or off")
        }
        var rules = VerdictPolicy.defaults.rules
        for (key, value) in entries {
            guard let name = key.string else { throw fail(key.mark?.line, "a metric id must be a string") }
            let metric = MetricID(name)
            guard catalog.contains(metric) else {
                throw fail(key.mark?.line, "unknown metric '\(name)' in 'verdict'; \(hint(for: name, catalog))")
            }
            let index = rules.firstIndex { $0.metric == metric }
            if let text = scalar(value), isOff(text) {
                if let index { rules.remove(at: index) }
                continue
            }
            guard case .mapping(let fields) = value else {
                throw fail(value.mark?.line, "'\(name)' must be off or a mapping with warn and/or not_fit")
            }
            var rule =
                index.map { rules[$0] }
                ?? VerdictRule(
                    metric: metric, bound: .max, warn: nil, notFit: nil, problem: name,
                    advice: "see the metric's card")
            var boundGiven = false
            for (fieldKey, fieldValue) in fields {
                let line = fieldKey.mark?.line
                let text = scalar(fieldValue)
                switch fieldKey.string {
                case "warn", "not_fit":
                    var level: Double?
                    if let text, !isOff(text) {
                        guard let number = Double(text), number.isFinite else {
                            throw fail(line, "'\(fieldKey.string ?? "")' of \(name) must be a number or off")
                        }
                        level = number
                    }
                    if fieldKey.string == "warn" { rule.warn = level } else { rule.notFit = level }
                case "bound":
                    guard let text, let bound = VerdictRule.Bound(rawValue: text) else {
                        throw fail(line, "'bound' of \(name) must be max, min, min_ratio_to_real or max_ratio_to_real")
                    }
                    rule.bound = bound
                    boundGiven = true
                case "advice":
                    guard let text else { throw fail(line, "'advice' of \(name) must be a string") }
                    rule.advice = text
                default:
                    throw fail(
                        line, "unknown key '\(fieldKey.string ?? "?")' for \(name); give warn, not_fit, bound or advice"
                    )
                }
            }
            if index == nil && !boundGiven {
                throw fail(
                    key.mark?.line,
                    "\(name) has no default threshold: give its bound (max, min, min_ratio_to_real or max_ratio_to_real)"
                )
            }
            if let warn = rule.warn, let notFit = rule.notFit,
                rule.bound.badAbove ? warn > notFit : warn < notFit
            {
                throw fail(
                    key.mark?.line,
                    "\(name): warn \(warn) must come before not_fit \(notFit) (the \(rule.bound.rawValue) side)")
            }
            if rule.warn == nil && rule.notFit == nil {
                throw fail(key.mark?.line, "\(name) has neither warn nor not_fit; write `\(name): off` to drop it")
            }
            if let index { rules[index] = rule } else { rules.append(rule) }
        }
        return VerdictPolicy(rules: rules, source: "defaults, changed by \(path)")
    }

    /// What to say after an unknown metric name: the nearest ids, or where the list is.
    private static func hint(for name: String, _ catalog: MetricCatalog) -> String {
        let suggestions = catalog.suggestions(for: name)
        return suggestions.isEmpty
            ? "run `assay metrics` for the list" : "did you mean \(suggestions.joined(separator: ", "))?"
    }

    private static func isOff(_ text: String) -> Bool { ["off", "false", "no", "null", "~"].contains(text) }

    private static func rule(_ node: Node, path: String, catalog: MetricCatalog) throws(GateConfigurationError)
        -> GateRule
    {
        let line = node.mark?.line
        func fail(_ at: Int?, _ reason: String) -> GateConfigurationError {
            GateConfigurationError(path: path, line: at ?? line, reason: reason)
        }
        guard case .mapping(let mapping) = node else { throw fail(line, "a rule must be a mapping with a 'metric'") }
        var fields: [String: Node] = [:]
        for (key, value) in mapping {
            guard let name = key.string, keys.contains(name) else {
                let known = keys.sorted().joined(separator: ", ")
                throw fail(key.mark?.line, "unknown key '\(key.string ?? "?")'; a rule has \(known)")
            }
            fields[name] = value
        }
        guard let metricNode = fields["metric"], let metricName = scalar(metricNode) else {
            throw fail(line, "rule without a 'metric'")
        }
        let metric = MetricID(metricName)
        guard catalog.contains(metric) else {
            throw fail(metricNode.mark?.line, "unknown metric '\(metricName)'; \(hint(for: metricName, catalog))")
        }
        func number(_ key: String) throws(GateConfigurationError) -> Double? {
            guard let node = fields[key] else { return nil }
            guard let text = scalar(node), let value = Double(text), value.isFinite else {
                throw fail(node.mark?.line, "'\(key)' must be a number")
            }
            return value
        }
        func names(_ key: String) throws(GateConfigurationError) -> [String]? {
            guard let node = fields[key] else { return nil }
            if let single = scalar(node) { return [single] }
            guard case .sequence(let list) = node else {
                throw fail(node.mark?.line, "'\(key)' must be a list of names")
            }
            var result: [String] = []
            for element in list {
                guard let name = scalar(element) else {
                    throw fail(element.mark?.line, "'\(key)' must be a list of names")
                }
                result.append(name)
            }
            guard !result.isEmpty else { throw fail(node.mark?.line, "'\(key)' is empty") }
            return result
        }
        let min = try number("min")
        let max = try number("max")
        let minRatio = try number("min_ratio_to_real")
        let maxRatio = try number("max_ratio_to_real")
        let regression = try number("max_regression")
        guard min != nil || max != nil || minRatio != nil || maxRatio != nil || regression != nil else {
            throw fail(
                line,
                "rule for \(metric.rawValue) has no bound: give min, max, min_ratio_to_real, max_ratio_to_real or max_regression"
            )
        }
        if let min, let max, min > max { throw fail(line, "min \(min) is greater than max \(max)") }
        if let minRatio, let maxRatio, minRatio > maxRatio {
            throw fail(line, "min_ratio_to_real \(minRatio) is greater than max_ratio_to_real \(maxRatio)")
        }
        if let regression, regression < 0 {
            throw fail(fields["max_regression"]?.mark?.line, "'max_regression' must not be negative")
        }
        var severity = GateRule.Severity.fail
        if let node = fields["severity"] {
            guard let text = scalar(node), let value = GateRule.Severity(rawValue: text) else {
                throw fail(node.mark?.line, "'severity' must be fail or warn")
            }
            severity = value
        }
        var name: String?
        if let node = fields["name"] {
            guard let text = scalar(node) else { throw fail(node.mark?.line, "'name' must be a string") }
            name = text
        }
        return GateRule(
            name: name, metric: metric, min: min, max: max, minRatioToReal: minRatio, maxRatioToReal: maxRatio,
            maxRegression: regression, severity: severity, datasets: try names("datasets"), labels: try names("labels"),
            line: line ?? 0)
    }

    private static func scalar(_ node: Node) -> String? {
        if case .scalar(let scalar) = node { return scalar.string }
        return nil
    }

    /// A YAML syntax error as `path:line: invalid yaml: problem`.
    static func describe(_ error: YamlError, path: String) -> GateConfigurationError {
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _),
            .composer(_, let problem, let mark, _):
            return GateConfigurationError(path: path, line: mark.line, reason: "invalid yaml: \(problem)")
        default:
            let first = "\(error)".split(separator: "\n").first.map(String.init) ?? "unreadable"
            return GateConfigurationError(path: path, line: nil, reason: "invalid yaml: \(first)")
        }
    }
}
