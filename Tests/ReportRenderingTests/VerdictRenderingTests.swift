import AssayTestSupport
import AuditModel
import Foundation
import QualityMetrics
import Testing

@testable import ReportRendering

/// The verdict comes first in every output, with data-borne names escaped for each sink.
@Suite("Verdict rendering")
struct VerdictRenderingTests {
    static let hostile = "<script>x</script>|*gen*"

    static func result() -> AuditResult {
        let reason = VerdictReason(
            metric: .exactDuplicateRate, level: .notFit, value: 0.2,
            interval: ConfidenceInterval(
                lower: 0.15, upper: 0.26, level: 0.95, resamples: 0, validResamples: 0, seed: 0),
            real: nil, threshold: "<= 10 %",
            message: "exact_duplicate_rate 20 % [15 %, 26 %]: exact duplicates above the not-fit threshold (10 %)",
            advice: "deduplicate")
        var result = TestResults.result(
            metrics: [.exactDuplicateRate],
            datasets: [
                DatasetResult(
                    name: "real", role: .real, path: "r", rows: 10, metrics: [.exactDuplicateRate: .number(0)]),
                DatasetResult(
                    name: hostile, role: .synthetic, path: "g", rows: 10, metrics: [.exactDuplicateRate: .number(0.2)]),
            ])
        result.verdict = AuditVerdict(
            datasets: [DatasetVerdict(dataset: hostile, reasons: [reason], unchecked: [], checked: 1)],
            policy: "defaults")
        return result
    }

    @Test func jsonStartsWithTheVerdictAndReadsBack() throws {
        let text = try JSONReport.render(Self.result())
        #expect(text.hasPrefix("{\n  \"verdict\" : {\n    \"datasets\" : [\n"))
        #expect(text.contains("\"verdict\" : \"not-fit\""))
        #expect(text.contains("\"overall\" : \"not-fit\""))
        let parsed = try JSONReport.parse(Data(text.utf8))
        #expect(parsed.verdict == Self.result().verdict)
        #expect(parsed.datasets.count == 2)
        // Without a verdict the document is unchanged.
        var plain = Self.result()
        plain.verdict = nil
        #expect(try JSONReport.render(plain).hasPrefix("{\n  \"configuration\" : {"))
    }

    @Test func markdownAndHTMLOpenWithTheVerdictEscaped() {
        let markdown = MarkdownReport.render(Self.result())
        #expect(markdown.hasPrefix("# Assay audit\n\n## Verdict: ❌ not fit\n\n- ❌ **"))
        #expect(!markdown.contains("<script>"))
        #expect(markdown.contains("**Do:** deduplicate."))
        let html = HTMLReport.render(Self.result())
        let body = html.components(separatedBy: "<h1>Assay audit</h1>\n").last ?? ""
        #expect(body.hasPrefix("<section id=\"verdict\"><h2>Verdict: <span class=\"worse\">not fit</span></h2>"))
        #expect(!html.contains("<script>x"))
        #expect(html.contains("&lt;script&gt;x&lt;/script&gt;"))
    }

    @Test func theTerminalSummaryOpensWithTheVerdict() {
        let text = SummaryTable.render(Self.result())
        #expect(text.hasPrefix("verdict: NOT FIT (thresholds: defaults; see Metrics/verdict.md)\n"))
        #expect(text.contains("    x exact_duplicate_rate 20 % [15 %, 26 %]"))
        #expect(text.contains("      -> deduplicate\n"))
    }

    @Test func gateOutputsCarryTheVerdict() {
        let report = GateReport(checks: [], datasetVerdict: Self.result().verdict)
        #expect(report.exitCode == 1)
        let junit = GateRenderers.junit(report)
        #expect(junit.contains("tests=\"1\" failures=\"1\""))
        #expect(junit.contains("name=\"verdict\"><failure message=\"not fit\" type=\"verdict\">"))
        #expect(!junit.contains("<script>"))
        let annotations = GateRenderers.githubAnnotations(report, configPath: nil)
        #expect(annotations.hasPrefix("::error title=assay verdict%3A "))
        #expect(annotations.split(separator: "\n").count == 1)
        #expect(GateRenderers.json(report).contains("\"datasets_verdict\" : {"))
        #expect(GateRenderers.summary(report).hasPrefix("verdict: NOT FIT"))
    }
}
