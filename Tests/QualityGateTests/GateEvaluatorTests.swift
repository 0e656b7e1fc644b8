import AssayTestSupport
import AuditModel
import Foundation
import QualityMetrics
import Testing

@testable import QualityGate

@Suite("Gate evaluation")
struct GateEvaluatorTests {
    static func dataset(
        _ name: String, _ role: DatasetResult.Role, _ values: [MetricID: Double], labels: [String: Double] = [:]
    )
        -> DatasetResult
    {
        DatasetResult(
            name: name, role: role, path: name, rows: 10, metrics: values.mapValues(MetricValue.number),
            perLabel: labels.mapValues { [.distinct2: .number($0)] })
    }

    static let result = TestResults.result(
        metrics: [.distinct2, .selfBLEU4, .meanTokens],
        datasets: [
            dataset(
                "real", .real, [.distinct2: 0.8, .selfBLEU4: 0.1, .meanTokens: 10], labels: ["pos": 0.9, "neg": 0]),
            dataset(
                "a", .synthetic, [.distinct2: 0.7, .selfBLEU4: 0.4, .meanTokens: 12], labels: ["pos": 0.5, "neg": 0.4]),
            dataset("b", .synthetic, [.distinct2: 0.3, .selfBLEU4: 0.2], labels: ["pos": 0.95]),
        ])

    static func evaluate(_ yaml: String, baseline: AuditResult? = nil) throws -> GateReport {
        try GateEvaluator.evaluate(
            try GateConfiguration.parse(yaml, path: "g.yml", catalog: MetricFamilies.catalog), result: result,
            baseline: baseline, path: "g.yml")
    }

    @Test func boundsAndSeverities() throws {
        let report = try Self.evaluate(
            """
            gates:
              - metric: self_bleu_4
                max: 0.3
              - metric: distinct_2
                min_ratio_to_real: 0.5
                severity: warn
            """)
        #expect(report.checks.map(\.outcome) == [.failed, .passed, .passed, .warned])
        #expect(report.checks[0].message == "0.4 is above the maximum 0.3")
        #expect(report.checks[3].message == "0.3 is 0.375 x the real 0.8, below 0.5 x")
        #expect(report.exitCode == 1 && report.verdict == .failed)
    }

    @Test func warningsAloneStillPass() throws {
        let report = try Self.evaluate("gates:\n  - metric: distinct_2\n    min: 0.5\n    severity: warn")
        #expect(report.checks.map(\.outcome) == [.passed, .warned])
        #expect(report.exitCode == 0 && report.verdict == .passedWithWarnings)
    }

    @Test func selectorsLabelsAndSkips() throws {
        let report = try Self.evaluate(
            """
            gates:
              - metric: distinct_2
                min_ratio_to_real: 0.5
                datasets: [a]
                labels: ["*"]
              - metric: mean_tokens
                max: 20
            """)
        // a [neg]: real 0 → no ratio; a [pos]: 0.5 / 0.9; b has no mean_tokens.
        #expect(report.checks.map(\.label) == ["neg", "pos", nil, nil])
        #expect(report.checks[0].outcome == .skipped && report.checks[0].message == "the real value is 0, so no ratio")
        #expect(report.checks[1].outcome == .passed)
        #expect(report.checks[3].outcome == .skipped)
        #expect(throws: GateConfigurationError.self) {
            try Self.evaluate("gates:\n  - metric: distinct_2\n    max: 1\n    datasets: [zzz]")
        }
    }

    @Test func regressionAgainstABaselineFollowsTheDirection() throws {
        var baseline = Self.result
        baseline.datasets[1].metrics[.selfBLEU4] = .number(0.3)  // a was 0.3, now 0.4: worse by 0.1
        baseline.datasets[1].metrics[.distinct2] = .number(0.5)  // a was 0.5, now 0.7: better
        let yaml = """
            gates:
              - metric: self_bleu_4
                max_regression: 0.05
                datasets: [a]
              - metric: distinct_2
                max_regression: 0
                datasets: [a]
            """
        let report = try Self.evaluate(yaml, baseline: baseline)
        #expect(report.checks.map(\.outcome) == [.failed, .passed])
        #expect(report.checks[0].message == "regressed by 0.1 from the baseline 0.3, more than 0.05")
        #expect(try Self.evaluate(yaml).checks.map(\.outcome) == [.skipped, .skipped])
        #expect(GateEvaluator.regression(11, from: 14, .closerToRealIsBetter, real: 10, baselineReal: 10) == -3)
    }
}
