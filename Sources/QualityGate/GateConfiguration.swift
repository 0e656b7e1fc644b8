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
public struct GateConfiguration: Sendable, Equatable {
    /// The rules, in file order.
    public var rules: [GateRule]

    /// Creates a configuration.
    public init(rules: [GateRule]) {
        self.rules = rules
    }

    /// Every metric a rule checks, in rule order, each once.
    public var metrics: [MetricID] {
        var seen = Set<MetricID>()
        return rules.map(\.metric).filter { seen.insert($0).inserted }
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
        for (key, value) in top {
            guard key.string == "gates" else {
                throw fail(key.mark?.line, "unknown key '\(key.string ?? "?")' (the top level holds only 'gates')")
            }
            gates = value
        }
        guard let gates else { throw fail(top.mark?.line, "missing 'gates' list") }
        guard case .sequence(let items) = gates else { throw fail(gates.mark?.line, "'gates' must be a list of rules") }
        guard !items.isEmpty else { throw fail(gates.mark?.line, "'gates' has no rules") }
        return GateConfiguration(
            rules: try items.map { item throws(GateConfigurationError) in try rule(item, path: path, catalog: catalog) }
        )
    }

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
            let suggestions = catalog.suggestions(for: metricName)
            let hint =
                suggestions.isEmpty
                ? "run `assay metrics` for the list" : "did you mean \(suggestions.joined(separator: ", "))?"
            throw fail(metricNode.mark?.line, "unknown metric '\(metricName)'; \(hint)")
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
