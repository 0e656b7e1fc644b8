import AssayTestSupport
import AuditModel
import Foundation
import QualityMetrics
import Testing

@testable import ReportRendering

/// How the reports show a dataset merged from shard states: which metrics cover every row, † beside the
/// values of the sample, never a "worse" flag on them (a sample is not comparable with the whole real
/// data), and the intervals' method.
@Suite("shard merges in the reports")
struct ShardMergeReportTests {
    static func result(complete: Bool) -> AuditResult {
        let real = DatasetResult(
            name: "real", role: .real, path: "real.jsonl", rows: 90,
            metrics: [.vendi: .number(64), .distinct2: .number(0.9), .artefactRate: .number(0.01)])
        var merged = DatasetResult(
            name: "gen<x>", role: .synthetic, path: "4 shard states", rows: 60,
            metrics: [.vendi: .number(25), .distinct2: .number(0.5), .artefactRate: .number(0.2)])
        merged.intervals[.artefactRate] = ConfidenceInterval(
            lower: 0.1, upper: 0.3, level: 0.95, resamples: 0, validResamples: 0, seed: 0, method: .wilson)
        merged.intervals[.distinct2] = ConfidenceInterval(
            lower: 0.45, upper: 0.55, level: 0.95, resamples: 100, validResamples: 100, seed: 0)
        merged.mergedFromShards = ShardMergeSummary(
            states: 4, rows: 60, sampleRows: complete ? 60 : 30, seed: 7, exactMetrics: [.distinct2],
            estimatedMetrics: complete ? [] : [.artefactRate])
        return TestResults.result(metrics: [.distinct2, .vendi, .artefactRate], datasets: [real, merged])
    }

    @Test func sampledValuesAreMarkedAndNeverFlagged() {
        let markdown = MarkdownReport.render(Self.result(complete: false))
        #expect(markdown.contains("| `vendi` | ↑ | 64.0000 | 25.0000 † |"), "no ⚠️ on a value of the sample")
        #expect(
            markdown.contains("| `distinct_2` | ↑ | 0.9000 | ⚠️ 0.5000 [0.4500, 0.5500] |"), "an exact value is compared"
        )
        #expect(markdown.contains("| `artefact_rate` | ↓ | 0.0100 | 0.2000 [0.1000, 0.3000] † |"))
        #expect(markdown.contains("- gen&lt;x&gt;: merged from 4 shard states; distinct\\_2 cover all 60 rows"))
        #expect(
            markdown.contains("a seeded sample of 30 rows \\(seed 7\\); of these, artefact\\_rate average over rows"))
        let html = HTMLReport.render(Self.result(complete: false))
        #expect(html.contains("<th>Shard states</th>"))
        #expect(html.contains("Wilson score interval of a share of rows"))
        #expect(
            html.contains(
                "25.0000 <span class=\"muted\" title=\"computed on the dataset&#39;s seeded sample of 30 rows\">†</span></td>"
            )
                || html.contains(
                    "25.0000 <span class=\"muted\" title=\"computed on the dataset's seeded sample of 30 rows\">†</span></td>"
                ))
        #expect(!html.contains("gen<x>"), "names are escaped")
    }

    @Test func aCompleteMergeSaysEveryMetricCoversEveryRow() {
        let markdown = MarkdownReport.render(Self.result(complete: true))
        #expect(markdown.contains("merged from 4 shard states; every metric covers all 60 rows"))
        #expect(!markdown.contains("†"))
        #expect(
            markdown.contains("⚠️ 0.2000 [0.1000, 0.3000]"), "a complete merge is the whole dataset: compared as usual")
        #expect(markdown.contains("| 25.0000 |"), "a value without an interval is not flagged")
    }
}
