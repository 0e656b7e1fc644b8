import AssayTestSupport
import AuditModel
import AuditPlan
import Foundation
import Testing

@testable import QualityMetrics

/// The intervals of metrics measured on a sample: Wilson's for shares (statsmodels), a bootstrap for means,
/// and none when the rows' values do not give back the metric.
@Suite("sample estimates")
struct SampleEstimatesTests {
    struct Golden: Decodable {
        struct Case: Decodable {
            let successes: Int
            let trials: Int
            let lower: Double
            let upper: Double
        }
        let cases: [Case]
    }

    @Test func wilsonMatchesStatsmodels() throws {
        let golden = try #require(RepositoryPaths.decodedFixture(Golden.self, "golden/wilson_statsmodels.json"))
        #expect(golden.cases.count == 8)
        for item in golden.cases {
            let interval = ConfidenceInterval.wilson(successes: item.successes, trials: item.trials)
            #expect(abs(interval.lower - item.lower) <= 1e-12, "\(item.successes)/\(item.trials)")
            #expect(abs(interval.upper - item.upper) <= 1e-12, "\(item.successes)/\(item.trials)")
            #expect(interval.method == .wilson)
        }
    }

    @Test func sharesAndMeansGetTheirIntervals() {
        var entry = DatasetResult(name: "gen", role: .synthetic, path: "gen.jsonl", rows: 4)
        entry.rowFindings = (0..<4).map { row in
            RowFinding(
                row: row, line: row + 1, label: "a", flags: row == 0 ? ["boilerplate"] : [],
                naturalness: [0.2, 0.4, 0.6, 0.8][row])
        }
        entry.metrics = [
            .artefactRate: .number(0.25), .boilerplateRate: .number(0.25), .naturalness: .number(0.5),
            .refusalRate: .number(0.5),  // not what the rows say: no interval
            .chamfer: .number(0.3),  // not a mean over rows
        ]
        let intervals = SampleEstimates.intervals(entry, configuration: AuditConfiguration())
        #expect(Set(intervals.keys) == [.artefactRate, .boilerplateRate, .naturalness])
        #expect(intervals[.artefactRate] == ConfidenceInterval.wilson(successes: 1, trials: 4))
        let naturalness = intervals[.naturalness]
        #expect(naturalness?.method == nil && naturalness?.resamples == AuditConfiguration.defaultBootstrapResamples)
        #expect((naturalness?.lower ?? 1) >= 0.2 && (naturalness?.upper ?? 0) <= 0.8)
        #expect((naturalness?.lower ?? 1) < 0.5 && (naturalness?.upper ?? 0) > 0.5)
    }
}
