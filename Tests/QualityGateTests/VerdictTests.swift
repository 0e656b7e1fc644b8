import AssayTestSupport
import AuditModel
import QualityMetrics
import Testing

@testable import QualityGate

/// The verdict: thresholds read with the value's interval, the real-data classifier at chance, checks that
/// cannot be made, and the `verdict:` section of a gate configuration.
@Suite("Verdict")
struct VerdictTests {
    static func interval(_ lower: Double, _ upper: Double) -> ConfidenceInterval {
        ConfidenceInterval(lower: lower, upper: upper, level: 0.95, resamples: 1000, validResamples: 1000, seed: 1)
    }

    /// A result of a real dataset and one synthetic dataset `gen` with `values` and `intervals`.
    static func result(
        _ values: [MetricID: MetricValue], intervals: [MetricID: ConfidenceInterval] = [:],
        real: [MetricID: MetricValue] = [:], computed: [MetricID]? = nil
    ) -> AuditResult {
        var synthetic = DatasetResult(name: "gen", role: .synthetic, path: "gen.jsonl", rows: 100, metrics: values)
        synthetic.intervals = intervals
        let realEntry = DatasetResult(name: "real", role: .real, path: "real.jsonl", rows: 100, metrics: real)
        return TestResults.result(
            metrics: computed ?? Array(Set(values.keys).union(real.keys)), datasets: [realEntry, synthetic])
    }

    static func verdict(_ result: AuditResult, _ policy: VerdictPolicy = .defaults) throws -> DatasetVerdict {
        try #require(VerdictEvaluator.evaluate(policy, result: result).dataset("gen"))
    }

    @Test func everyDefaultRuleReadsAMetricOfTheCatalogue() {
        for rule in VerdictPolicy.defaults.rules {
            #expect(MetricFamilies.catalog.contains(rule.metric), "\(rule.metric.rawValue)")
            if let warn = rule.warn, let notFit = rule.notFit {
                #expect(rule.bound.badAbove ? warn <= notFit : warn >= notFit, "\(rule.metric.rawValue)")
            }
        }
        #expect(Set(VerdictPolicy.defaults.metrics).count == VerdictPolicy.defaults.rules.count)
    }

    @Test func notFitOnlyWhenTheWholeIntervalIsPastTheThreshold() throws {
        // Exact duplicates: warn above 2 %, not fit above 10 %.
        let sure = try Self.verdict(
            Self.result(
                [.exactDuplicateRate: .number(0.2)], intervals: [.exactDuplicateRate: Self.interval(0.15, 0.26)]))
        #expect(sure.level == .notFit)
        #expect(sure.reasons.count == 1)
        #expect(
            sure.reasons[0].message
                == "exact_duplicate_rate 20 % [15 %, 26 %]: exact duplicates above the not-fit threshold (10 %)")
        #expect(sure.reasons[0].threshold == "<= 10 %")
        #expect(sure.reasons[0].advice.hasPrefix("deduplicate"))

        let unsure = try Self.verdict(
            Self.result(
                [.exactDuplicateRate: .number(0.12)], intervals: [.exactDuplicateRate: Self.interval(0.08, 0.17)]))
        #expect(unsure.level == .fitWithWarnings)
        #expect(
            unsure.reasons[0].message.hasSuffix("above the not-fit threshold (10 %), but its interval reaches below it")
        )

        let warned = try Self.verdict(
            Self.result(
                [.exactDuplicateRate: .number(0.05)], intervals: [.exactDuplicateRate: Self.interval(0.03, 0.08)]))
        #expect(warned.level == .fitWithWarnings)
        #expect(warned.reasons[0].message.hasSuffix("above the warning threshold (2 %)"))

        let fine = try Self.verdict(Self.result([.exactDuplicateRate: .number(0.02)]))
        #expect(fine.level == .fit && fine.reasons.isEmpty && fine.checked == 1)
    }

    @Test func withoutAnIntervalTheValueDecidesAndTheMessageSaysSo() throws {
        let verdict = try Self.verdict(Self.result([.selfBLEU4: .number(0.85)]))
        #expect(verdict.level == .notFit)
        #expect(verdict.reasons[0].message.hasSuffix("(no interval for this metric)"))
        #expect(verdict.reasons[0].interval == nil)
    }

    @Test func lowerBoundsAndRatiosToTheRealValue() throws {
        // TSTR / TRTR: warn below 0.9, not fit below 0.7; the interval's upper end decides.
        let utility = try Self.verdict(
            Self.result([.tstrRatio: .number(0.6)], intervals: [.tstrRatio: Self.interval(0.5, 0.75)]))
        #expect(utility.level == .fitWithWarnings)
        #expect(utility.reasons[0].message.hasSuffix("but its interval reaches above it"))
        // Label fidelity 0.5 against the real 0.8: 0.625 x real, interval [0.4, 0.6] / 0.8 = [0.5, 0.75].
        let fidelity = try Self.verdict(
            Self.result(
                [.labelFidelity: .number(0.5)], intervals: [.labelFidelity: Self.interval(0.4, 0.6)],
                real: [.labelFidelity: .number(0.8)]))
        #expect(fidelity.level == .fitWithWarnings)
        let reason = try #require(fidelity.reasons.first)
        #expect(reason.value == 0.625)
        #expect(abs((reason.interval?.lower ?? 0) - 0.5) < 1e-12 && abs((reason.interval?.upper ?? 0) - 0.75) < 1e-12)
        #expect(reason.real == 0.8)
        #expect(reason.threshold == ">= 0.7 x real")
        #expect(
            reason.message
                == "label_fidelity 0.625 x real [0.5, 0.75]: labels the real-data classifier agrees with below the "
                + "not-fit threshold (0.7 x real) (the real value is 0.8), but its interval reaches above it")
        let sure = try Self.verdict(
            Self.result(
                [.labelFidelity: .number(0.4)], intervals: [.labelFidelity: Self.interval(0.3, 0.5)],
                real: [.labelFidelity: .number(0.8)]))
        #expect(sure.level == .notFit)
    }

    @Test func aClassifierAtChanceIsOneWarningAndNoRatio() throws {
        let chance = SkipReason.realClassifierAtChance(balancedAccuracy: 0.5, lower: 0.49, upper: 0.51, classes: 2)
        let verdict = try Self.verdict(
            Self.result(
                [.tstrRatio: .skipped(chance), .labelFidelity: .skipped(chance)],
                real: [.labelFidelity: .skipped(chance)]))
        #expect(verdict.level == .fitWithWarnings)
        #expect(verdict.reasons.count == 1)
        #expect(verdict.reasons[0].message.hasPrefix("utility and label fidelity: not measurable"))
        #expect(verdict.reasons[0].value == nil)
        #expect(!verdict.unchecked.contains { [.tstrRatio, .labelFidelity].contains($0.metric) })
        #expect(verdict.unchecked.allSatisfy { $0.message.hasSuffix("not computed in this run") })
    }

    @Test func checksThatCannotBeMadeAreListedWithoutChangingTheVerdict() throws {
        let verdict = try Self.verdict(
            Self.result(
                [.exactDuplicateRate: .number(0), .nearDuplicateRate: .skipped(.noVectors)],
                computed: [.exactDuplicateRate, .nearDuplicateRate]))
        #expect(verdict.level == .fit)
        #expect(verdict.checked == 1)
        #expect(verdict.unchecked.first?.metric == .nearDuplicateRate)
        #expect(verdict.unchecked.count == VerdictPolicy.defaults.rules.count - 1)
        #expect(verdict.unchecked.contains { $0.message == "self_bleu_4 not checked: not computed in this run" })
    }

    @Test func theOverallVerdictIsTheWorstAndReasonsListNotFitFirst() throws {
        var result = Self.result(
            [.refusalRate: .number(0.01), .exactDuplicateRate: .number(0.5)],
            intervals: [.refusalRate: Self.interval(0.001, 0.05), .exactDuplicateRate: Self.interval(0.4, 0.6)])
        result.datasets.append(DatasetResult(name: "clean", role: .synthetic, path: "c", rows: 5, metrics: [:]))
        let verdict = VerdictEvaluator.evaluate(.defaults, result: result)
        #expect(verdict.overall == .notFit)
        #expect(verdict.datasets.map(\.dataset) == ["gen", "clean"])
        #expect(verdict.datasets[0].reasons.map(\.metric) == [.exactDuplicateRate, .refusalRate])
        #expect(verdict.datasets[1].level == .fit)
    }

    // MARK: the `verdict:` section of a gate configuration

    static func parse(_ yaml: String) throws(GateConfigurationError) -> GateConfiguration {
        try GateConfiguration.parse(yaml, path: "g.yml", catalog: MetricFamilies.catalog)
    }

    @Test func aVerdictSectionChangesDropsAndAddsThresholds() throws {
        let configuration = try Self.parse(
            """
            verdict:
              exact_duplicate_rate: {warn: 0.05, not_fit: off}
              discriminator_auc: off
              distinct_2:
                bound: min_ratio_to_real
                warn: 0.8
                advice: vary the prompts
            """)
        #expect(configuration.rules.isEmpty)
        let rules = configuration.verdict.rules
        let duplicates = try #require(rules.first { $0.metric == .exactDuplicateRate })
        #expect(duplicates.warn == 0.05 && duplicates.notFit == nil)
        #expect(!rules.contains { $0.metric == .discriminatorAUC })
        #expect(
            rules.last
                == VerdictRule(
                    metric: .distinct2, bound: .minRatioToReal, warn: 0.8, notFit: nil, problem: "distinct_2",
                    advice: "vary the prompts"))
        #expect(configuration.verdict.source == "defaults, changed by g.yml")
        #expect(configuration.metrics.contains(.distinct2))

        let result = Self.result(
            [.exactDuplicateRate: .number(0.5), .distinct2: .number(0.5)], real: [.distinct2: .number(0.9)])
        let verdict = try Self.verdict(result, configuration.verdict)
        #expect(verdict.level == .fitWithWarnings)
        #expect(verdict.reasons.map(\.metric) == [.exactDuplicateRate, .distinct2])
    }

    @Test(arguments: [
        ("verdict: [a]", 1, "'verdict' must map metric ids to thresholds or off"),
        ("verdict:\n  self_bleu4: off", 2, "unknown metric 'self_bleu4' in 'verdict'; did you mean"),
        ("verdict:\n  distinct_2: {warn: 0.8}", 2, "distinct_2 has no default threshold: give its bound"),
        ("verdict:\n  self_bleu_4: {warn: 0.9, not_fit: 0.8}", 2, "self_bleu_4: warn 0.9 must come before not_fit 0.8"),
        ("verdict:\n  self_bleu_4: {warn: high}", 2, "'warn' of self_bleu_4 must be a number or off"),
        ("verdict:\n  self_bleu_4: {warn: off, not_fit: off}", 2, "self_bleu_4 has neither warn nor not_fit"),
        ("verdict:\n  self_bleu_4: {limit: 1}", 2, "unknown key 'limit' for self_bleu_4"),
        ("verdict:\n  distinct_2: {bound: above, warn: 1}", 2, "'bound' of distinct_2 must be max, min"),
        ("checks: []", 1, "unknown key 'checks' (the top level holds 'gates' and 'verdict')"),
    ])
    func badVerdictSectionsNameTheLine(yaml: String, line: Int, reason: String) {
        #expect {
            try Self.parse(yaml)
        } throws: { error in
            guard let error = error as? GateConfigurationError else { return false }
            return error.line == line && error.reason.hasPrefix(reason)
        }
    }

    @Test func aGateWithoutRulesFailsOnANotFitDataset() throws {
        let result = Self.result(
            [.exactDuplicateRate: .number(0.5)], intervals: [.exactDuplicateRate: Self.interval(0.4, 0.6)])
        let report = try GateEvaluator.evaluate(GateConfiguration(rules: []), result: result, path: "")
        #expect(report.checks.isEmpty)
        #expect(report.datasetVerdict?.overall == .notFit)
        #expect(report.failed && report.exitCode == 1 && report.verdict == .failed)

        let warned = try GateEvaluator.evaluate(
            GateConfiguration(rules: []), result: Self.result([.exactDuplicateRate: .number(0.05)]), path: "")
        #expect(warned.exitCode == 0 && warned.verdict == .passedWithWarnings)
    }
}
