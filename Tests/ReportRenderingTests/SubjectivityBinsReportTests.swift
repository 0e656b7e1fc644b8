import AssayTestSupport
import AuditModel
import QualityMetrics
import Testing

@testable import ReportRendering

/// Accuracy by instance subjectivity in the Markdown and HTML reports.
@Suite("Accuracy by subjectivity in the reports")
struct SubjectivityBinsReportTests {
    static func result() -> AuditResult {
        func details(_ bins: [SubjectivityBin]) -> LabelModelDetails {
            var details = LabelModelDetails(classifier: "logistic", trainRows: 80, testRows: 20, split: "seeded")
            details.utilityBySubjectivity = UtilityBySubjectivity(source: "annotations", bins: bins)
            return details
        }
        var real = DatasetResult(
            name: "real", role: .real, path: "r", rows: 100, metrics: [.tstrAccuracy: .number(0.65)])
        real.labelModel = details([
            SubjectivityBin(lower: 0, upper: 0, rows: 12, trainedOnReal: 0.75, trainedOnThis: 0.75),
            SubjectivityBin(lower: 0.2, upper: 0.4, rows: 8, trainedOnReal: 0.5, trainedOnThis: 0.5),
        ])
        var synthetic = DatasetResult(
            name: "gen|<b>", role: .synthetic, path: "g", rows: 50, metrics: [.tstrAccuracy: .number(0.6)])
        synthetic.labelModel = details([
            SubjectivityBin(lower: 0, upper: 0, rows: 12, trainedOnReal: 0.75, trainedOnThis: 0.8125),
            SubjectivityBin(lower: 0.2, upper: 0.4, rows: 8, trainedOnReal: 0.5, trainedOnThis: 0.25),
        ])
        return TestResults.result(metrics: [.tstrAccuracy], datasets: [real, synthetic])
    }

    @Test func markdownTableHasEachBinAndGap() {
        let markdown = MarkdownReport.render(Self.result())
        #expect(markdown.contains("## Accuracy by instance subjectivity"))
        #expect(markdown.contains("| subjectivity | rows | trained on real | gen\\|&lt;b&gt; |"))
        #expect(markdown.contains("| 0.00 | 12 | 0.7500 | 0.8125 (+0.0625) |"))
        #expect(markdown.contains("| 0.20–0.40 | 8 | 0.5000 | 0.2500 (−0.2500) |"))
    }

    @Test func htmlHasAChartAndAnEscapedTable() {
        let html = HTMLReport.render(Self.result())
        #expect(html.contains("<h3>Accuracy by instance subjectivity</h3>"))
        #expect(
            html.contains("<title>Accuracy by subjectivity bin</title>")
                || html.contains("Accuracy by subjectivity bin"))
        #expect(html.contains("<th>gen|&lt;b&gt; (gap)</th>"))
        #expect(!html.contains("gen|<b>"))
    }
}
