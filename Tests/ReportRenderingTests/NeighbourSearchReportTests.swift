import AssayTestSupport
import AuditModel
import Foundation
import QualityMetrics
import Testing

@testable import ReportRendering

/// How the reports show exact and approximate neighbour search: the method, each approximate graph's
/// measured recall, ≈ beside the metrics that read such a graph, and warnings below the recall floor.
@Suite("neighbour search in the reports")
struct NeighbourSearchReportTests {
    static func approximate(dataset: String) -> NeighbourSearchSummary {
        NeighbourSearchSummary(
            method: .approximate, reason: "a dataset has more than 50,000 rows with a vector", approximateAbove: 50_000,
            recallFloor: 0.95, clusters: 448, targetRecall: 0.99, seed: 7,
            graphs: [
                GraphRecall(
                    dataset: dataset, graph: "within_dataset", k: 10, probes: 12, share: 0.034, sampledQueries: 1000,
                    recall: 0.9871, standardError: 0.0032, usedBy: [.nearDuplicateRate]),
                GraphRecall(
                    dataset: dataset, graph: "to_real", k: 10, probes: 12, share: 0.041, sampledQueries: 1000,
                    recall: 0.91, standardError: 0.01, usedBy: [.realCopyRate]),
            ],
            warnings: ["approximate neighbours: \(dataset) to_real recall@10 0.910 is below the floor 0.95"])
    }

    @Test func approximateSearchIsShownWithRecallAndMarks() {
        let payload = "<b>gen|x</b>"
        var result = HTMLReportTests.result(name: payload, text: "t", label: "l")
        result.neighbourSearch = Self.approximate(dataset: payload)
        let markdown = MarkdownReport.render(result)
        #expect(markdown.contains("## Neighbour search"))
        #expect(markdown.contains("| `near_duplicate_rate` ≈ |"))
        #expect(markdown.contains("| `real_copy_rate` ≈ |"))
        #expect(!markdown.contains("`distinct_2` ≈"))
        #expect(markdown.contains("| `within_dataset` | 10 | 0.987 ± 0.003 | 1000 | 3.4 % | `near_duplicate_rate` |"))
        #expect(markdown.contains("⚠️ approximate neighbours:"))
        #expect(markdown.contains("448 k-means clusters"))
        #expect(!markdown.contains(payload), "dataset names are escaped for Markdown")
        let html = HTMLReport.render(result)
        #expect(html.contains("<section id=\"neighbours\"><h2>Neighbour search</h2>"))
        #expect(html.contains("<code>near_duplicate_rate</code> <a href=\"#neighbours\""))
        #expect(html.contains("<p class=\"worse\">approximate neighbours: &lt;b&gt;gen|x&lt;/b&gt; to_real"))
        #expect(html.contains("<td class=\"nowrap\">0.987 ± 0.003</td>"))
        #expect(html.contains("<th class=\"text nowrap\">graph</th>"))
        #expect(!html.contains(payload))
    }

    @Test func exactSearchIsOneLine() {
        var result = HTMLReportTests.result(name: "gen", text: "t", label: "l")
        result.neighbourSearch = NeighbourSearchSummary(
            method: .exact, reason: "no dataset has more than 50,000 rows with a vector", approximateAbove: 50_000,
            recallFloor: 0.95)
        let markdown = MarkdownReport.render(result)
        #expect(!markdown.contains("## Neighbour search"))
        #expect(!markdown.contains("≈"))
        #expect(markdown.contains("· neighbours exact ·"))
        let html = HTMLReport.render(result)
        #expect(!html.contains("id=\"neighbours\""))
        #expect(
            html.contains(
                "<tr><th>Neighbour search</th><td class=\"text\">exact (no dataset has more than 50,000 rows with a vector)</td></tr>"
            ))
    }
}

/// The sample sizes of classifiers that learnt from samples, in the Markdown and HTML reports.
@Suite("classifier samples in the reports")
struct ClassifierSampleReportTests {
    @Test func sampledClassifiersAreNamedWithTheirSizes() {
        var result = HTMLReportTests.result(name: "gen<1>", text: "t", label: "l")
        for index in result.datasets.indices {
            result.datasets[index].labelModel = LabelModelDetails(
                classifier: "logistic regression", trainRows: 20_000, trainRowsAvailable: 80_000, testRows: 20_000,
                split: "split field", syntheticTrainRows: index == 1 ? 20_000 : nil,
                syntheticTrainRowsAvailable: index == 1 ? 100_000 : nil)
        }
        result.datasets[1].fidelity?.discriminatorRows = [10_000, 10_000]
        // A labels metric, so the HTML report has its labels section.
        result.configuration.metrics.append(.labelFidelity)
        result.catalog = MetricFamilies.catalog.restricted(to: result.configuration.metrics)
        for index in result.datasets.indices { result.datasets[index].metrics[.labelFidelity] = .number(0.7) }
        let markdown = MarkdownReport.render(result)
        #expect(markdown.contains("- the real-data classifier learnt from a stratified sample of 20000 of 80000 rows"))
        #expect(
            markdown.contains(
                "the train-on-synthetic classifier learnt from a stratified sample of 20000 of 100000 rows"))
        #expect(markdown.contains("the discriminator used a seeded sample of 10000 synthetic and 10000 real rows"))
        #expect(!markdown.contains("gen<1>"))
        let html = HTMLReport.render(result)
        #expect(html.contains("trained on 20000 real rows (a stratified sample of 80000)"))
        #expect(html.contains("gen&lt;1&gt;: 20000 of 100000 rows"))
    }
}
