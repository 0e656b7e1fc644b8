import AssayTestSupport
import AuditModel
import Foundation
import QualityMetrics
import Testing

@testable import ReportRendering

@Suite("Markdown report with a gate section")
struct MarkdownGateSectionTests {
    static func fixtures() throws -> AuditResult { try TestResults.fixturesAudit() }

    static func check(
        _ rule: String, _ metric: String, _ dataset: String, label: String? = nil, _ outcome: GateCheck.Outcome,
        observed: Double?, bound: String, message: String
    ) -> GateCheck {
        GateCheck(
            rule: rule, metric: MetricID(metric), dataset: dataset, label: label, outcome: outcome, observed: observed,
            real: nil, bound: bound, message: message, line: 1)
    }

    static let checks = [
        check(
            "diverse enough", "distinct_2", "gen_templated", .failed, observed: 0.3368, bound: "≥ 0.9 × real",
            message: "0.3368 is below 0.8318"),
        check("no copies", "real_copy_rate", "gen_diverse", .passed, observed: 0, bound: "≤ 0", message: "ok"),
        check(
            "labels balanced", "distinct_2", "gen_short", label: "neg", .warned, observed: 0.5, bound: "≥ 0.6",
            message: "below the warning bound"),
        check("vendi", "vendi", "gen_short", .skipped, observed: nil, bound: "≥ 10", message: "n/a: no embeddings"),
    ]
    static let gate = GateReport(checks: checks)

    @Test(arguments: [
        ([1, 3], "✅ **Gate passed**: 0 failed, 0 warnings, 1 passed, 1 skipped."),
        ([1, 2], "⚠️ **Gate passed with warnings**: 0 failed, 1 warning, 1 passed."),
        ([0, 1, 2, 3], "❌ **Gate failed**: 1 failed, 1 warning, 1 passed, 1 skipped."),
    ])
    func gateLineComesRightAfterTheVerdict(checks: [Int], line: String) throws {
        let gate = GateReport(checks: checks.map { Self.checks[$0] })
        let text = MarkdownReport.render(try Self.fixtures(), gate: gate)
        // The verdict first, then the gate's line, then the summary.
        #expect(text.hasPrefix("# Assay audit\n\n## Verdict: ❌ not fit\n"))
        #expect(text.contains("past it.\n\n\(line)\n\n3 synthetic datasets audited"))
    }

    @Test func gateTableListsEveryCheckFailuresFirst() throws {
        let text = MarkdownReport.render(try Self.fixtures(), gate: Self.gate)
        let table = text.components(separatedBy: "## Gate\n\n")[1].split(separator: "\n").prefix { $0.hasPrefix("|") }
        #expect(table.count == 2 + 4)
        #expect(
            table[2]
                == "| ❌ fail | diverse enough | distinct\\_2 | gen\\_templated | 0.3368 | ≥ 0.9 × real | 0.3368 is below 0.8318 |"
        )
        #expect(table[3].hasPrefix("| ⚠️ warn | labels balanced | distinct\\_2 | gen\\_short [neg] | 0.5000 |"))
        #expect(table[4].hasPrefix("| ✅ pass | no copies |"))
        #expect(table[5] == "| ⏭️ skipped | vendi | vendi | gen\\_short | – | ≥ 10 | n/a: no embeddings |")
        #expect(Set(table.map { MarkdownReportTests.pipes(String($0)) }).count == 1)
        // The rest of the report follows unchanged.
        #expect(
            text.hasSuffix(MarkdownReport.render(try Self.fixtures()).components(separatedBy: "\n## Leaderboard")[1]))
    }

    @Test func withoutAGateTheReportHasNoGateSection() throws {
        let text = MarkdownReport.render(try Self.fixtures())
        #expect(!text.contains("## Gate"))
        #expect(text.hasPrefix("# Assay audit\n\n## Verdict: ❌ not fit\n"))
        #expect(text.contains("past it.\n\n3 synthetic datasets audited against the real dataset **real** (90 rows)."))
    }

    @Test func emptyGateStillRendersAWellFormedTable() throws {
        let text = MarkdownReport.render(try Self.fixtures(), gate: GateReport(checks: []))
        #expect(text.contains("✅ **Gate passed**: 0 failed, 0 warnings, 0 passed."))
        #expect(text.contains("| | no checks | | | | | |"))
    }

    @Test(arguments: MarkdownReportTests.payloads)
    func gateStringsAreEscaped(payload: String) throws {
        let row = Self.check(
            payload, payload, payload, label: payload, .failed, observed: 1, bound: payload, message: payload)
        let text = MarkdownReport.render(try Self.fixtures(), gate: GateReport(checks: [row]))
        for raw in ["<img", "<script", "](http", "`code`", "**bold**", "\r", "\n# heading"] {
            #expect(!text.contains(raw), "\(raw) survived")
        }
        let table = text.components(separatedBy: "## Gate\n\n")[1].split(separator: "\n").prefix { $0.hasPrefix("|") }
        #expect(table.count == 3)
        #expect(Set(table.map { MarkdownReportTests.pipes(String($0)) }).count == 1, "ragged: \(table)")
    }

    @Test func gateRenderingIsDeterministic() throws {
        let result = try Self.fixtures()
        #expect(MarkdownReport.render(result, gate: Self.gate) == MarkdownReport.render(result, gate: Self.gate))
    }
}

@Suite("Markdown report: text inside HTML lines")
struct MarkdownSummaryTextTests {
    @Test func detailsSummariesUseHTMLEscapesNotBackslashes() throws {
        let data = try Data(contentsOf: RepositoryPaths.root.appendingPathComponent("Reports/fixtures-audit.json"))
        let text = MarkdownReport.render(try TestResults.decoded(data))
        #expect(text.contains("<details><summary>gen_templated: 12 near-duplicate clusters</summary>"))
        #expect(!text.contains("<summary>gen\\_"))
    }

    @Test(arguments: ["<img src=x onerror=alert(1)>", "a\n\n# heading\n\n<script>x</script>", "\"'&"])
    func summaryTextIsInert(payload: String) {
        let escaped = MarkdownReport.summaryText(payload)
        #expect(!escaped.contains("<") && !escaped.contains(">") && !escaped.contains("\n") && !escaped.contains("\""))
    }

    @Test func atSignsMentionNobody() {
        #expect(MarkdownReport.escape("hi @octocat") == "hi @\u{2060}octocat")
        #expect(MarkdownReport.summaryText("@octocat") == "@\u{2060}octocat")
    }
}

@Suite("Markdown report: per-label tables")
struct MarkdownPerLabelTests {
    @Test func realPerLabelTableOmitsMetricsThatCompareWithTheRealData() throws {
        let data = try Data(contentsOf: RepositoryPaths.root.appendingPathComponent("Reports/fixtures-audit.json"))
        let text = MarkdownReport.render(try TestResults.decoded(data))
        let real = text.components(separatedBy: "<details><summary>real: per label</summary>")[1]
            .components(separatedBy: "</details>")[0]
        #expect(real.contains("`distinct_1`"))
        #expect(!real.contains("`real_copy_rate`"))
    }
}
