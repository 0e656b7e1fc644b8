import DatasetIO
import Foundation
import Testing

@testable import QualityMetrics
@testable import ReportRendering

@Suite("Markdown report with a gate section")
struct MarkdownGateSectionTests {
    static func fixtures() throws -> AuditResult {
        let data = try Data(contentsOf: RepositoryPaths.root.appendingPathComponent("Reports/fixtures-audit.json"))
        return try JSONReport.parse(data)
    }

    static let gate = MarkdownGateSection(
        verdict: .failed,
        rows: [
            .init(
                rule: "diverse enough", metric: "distinct_2", dataset: "gen_templated", outcome: .fail,
                observed: 0.3368, bound: "≥ 0.9 × real", message: "0.3368 is below 0.8318"),
            .init(
                rule: "no copies", metric: "real_copy_rate", dataset: "gen_diverse", outcome: .pass, observed: 0,
                bound: "≤ 0", message: "ok"),
            .init(
                rule: "labels balanced", metric: "distinct_2", dataset: "gen_short", label: "neg", outcome: .warn,
                observed: 0.5, bound: "≥ 0.6", message: "below the warning bound"),
            .init(
                rule: "vendi", metric: "vendi", dataset: "gen_short", outcome: .skipped, observed: nil,
                bound: "≥ 10", message: "n/a: no embeddings"),
        ])

    @Test(arguments: [
        (MarkdownGateSection.Verdict.passed, "✅ **Gate passed**"),
        (.passedWithWarnings, "⚠️ **Gate passed with warnings**"),
        (.failed, "❌ **Gate failed**"),
    ])
    func verdictLineComesRightAfterTheTitle(verdict: MarkdownGateSection.Verdict, line: String) throws {
        let text = MarkdownReport.render(try Self.fixtures(), gate: .init(verdict: verdict, rows: Self.gate.rows))
        #expect(text.hasPrefix("# Assay audit\n\n\(line): 1 failed, 1 warning, 1 passed, 1 skipped.\n"))
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
        #expect(
            text.hasPrefix("# Assay audit\n\n3 synthetic datasets audited against the real dataset **real** (90 rows).")
        )
    }

    @Test func emptyGateStillRendersAWellFormedTable() throws {
        let text = MarkdownReport.render(try Self.fixtures(), gate: .init(verdict: .passed, rows: []))
        #expect(text.contains("✅ **Gate passed**: 0 failed, 0 warnings, 0 passed."))
        #expect(text.contains("| | no checks | | | | | |"))
    }

    @Test(arguments: MarkdownReportTests.payloads)
    func gateStringsAreEscaped(payload: String) throws {
        let row = MarkdownGateSection.Row(
            rule: payload, metric: payload, dataset: payload, label: payload, outcome: .fail, observed: 1,
            bound: payload, message: payload)
        let text = MarkdownReport.render(try Self.fixtures(), gate: .init(verdict: .failed, rows: [row]))
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
        let text = MarkdownReport.render(try JSONReport.parse(data))
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
        let text = MarkdownReport.render(try JSONReport.parse(data))
        let real = text.components(separatedBy: "<details><summary>real: per label</summary>")[1]
            .components(separatedBy: "</details>")[0]
        #expect(real.contains("`distinct_1`"))
        #expect(!real.contains("`real_copy_rate`"))
    }
}
