import AuditModel
import QualityMetrics
import Testing

@testable import QualityGate

@Suite("Gate configuration")
struct GateConfigurationTests {
    @Test func parsesEveryField() throws {
        let yaml = """
            gates:
              - name: diversity
                metric: distinct_2
                min: 0.2
                max: 0.9
                min_ratio_to_real: 0.8
                max_ratio_to_real: 1.5
                max_regression: 0.05
                severity: warn
                datasets: [gpt4, llama]
                labels: ["*"]
              - metric: self_bleu_4
                max: 0.5
                datasets: gpt4
            """
        let configuration = try GateConfiguration.parse(yaml, path: "g.yml", catalog: MetricFamilies.catalog)
        #expect(configuration.rules.count == 2)
        let rule = configuration.rules[0]
        #expect(rule.name == "diversity" && rule.metric == .distinct2 && rule.severity == .warn)
        #expect(rule.min == 0.2 && rule.max == 0.9 && rule.minRatioToReal == 0.8 && rule.maxRatioToReal == 1.5)
        #expect(
            rule.maxRegression == 0.05 && rule.datasets == ["gpt4", "llama"] && rule.labels == ["*"] && rule.line == 2)
        #expect(configuration.rules[1].severity == .fail && configuration.rules[1].datasets == ["gpt4"])
        #expect(configuration.rules[1].name == "self_bleu_4 <= 0.5")
        // The rules' metrics first, then those of the default verdict thresholds not named yet.
        #expect(Array(configuration.metrics.prefix(2)) == [.distinct2, .selfBLEU4])
        #expect(Set(configuration.metrics) == Set([.distinct2] + VerdictPolicy.defaults.metrics))
        #expect(configuration.verdict == .defaults)
    }

    @Test(
        arguments: [
            (
                "gates:\n  - metric: self_bleu4\n    max: 1",
                "g.yml:2: unknown metric 'self_bleu4'; did you mean self_bleu_4, self_bleu_2, self_bleu_3?"
            ),
            (
                "gates:\n  - metric: distinct_2\n",
                "g.yml:2: rule for distinct_2 has no bound: give min, max, min_ratio_to_real, max_ratio_to_real or max_regression"
            ),
            ("gates:\n  - metric: distinct_2\n    min: 0.9\n    max: 0.1", "g.yml:2: min 0.9 is greater than max 0.1"),
            ("gates:\n  - metric: distinct_2\n    min: high", "g.yml:3: 'min' must be a number"),
            (
                "gates:\n  - metric: distinct_2\n    max: 1\n    severity: fatal",
                "g.yml:4: 'severity' must be fail or warn"
            ),
            (
                "gates:\n  - metric: distinct_2\n    maximum: 1",
                "g.yml:3: unknown key 'maximum'; a rule has datasets, labels, max, max_ratio_to_real, max_regression, metric, min, min_ratio_to_real, name, severity"
            ),
            ("rules: []", "g.yml:1: unknown key 'rules' (the top level holds 'gates' and 'verdict')"),
            ("gates: []", "g.yml:1: 'gates' has no rules"),
            ("gates: 3", "g.yml:1: 'gates' must be a list of rules"),
            ("- a\n- b", "g.yml:1: expected a mapping with a 'gates' list"),
            ("gates:\n  - metric: distinct_2\n    max: [1", "g.yml:4: invalid yaml: did not find expected ',' or ']'"),
            (
                "gates:\n  - metric: distinct_2\n    max: 1\n    max_regression: -1",
                "g.yml:4: 'max_regression' must not be negative"
            ),
            ("", "g.yml:1: expected a mapping with a 'gates' list"),
        ] as [(String, String)])
    func rejectsWithFileLineAndReason(yaml: String, message: String) {
        #expect(throws: GateConfigurationError.self) {
            try GateConfiguration.parse(yaml, path: "g.yml", catalog: MetricFamilies.catalog)
        }
        do {
            _ = try GateConfiguration.parse(yaml, path: "g.yml", catalog: MetricFamilies.catalog)
        } catch {
            #expect(error.description == message)
        }
    }
}
