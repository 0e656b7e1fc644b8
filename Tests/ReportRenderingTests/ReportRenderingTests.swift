import AssayTestSupport
import AuditModel
import Foundation
import QualityMetrics
import Testing

@testable import ReportRendering

@Suite("JSON and terminal renderers")
struct ReportRenderingTests {
    static let result = TestResults.result(
        tokenizer: "whitespace", metrics: [.distinct1, .selfBLEU4],
        datasets: [
            DatasetResult(
                name: "real", role: .real, path: "data/real.jsonl", rows: 3, labelCounts: ["pos": 2, "neg": 1],
                metrics: [.distinct1: .number(0.75), .selfBLEU4: .number(0.125)],
                perLabel: [
                    "neg": [.distinct1: .number(1), .selfBLEU4: .unavailable("needs at least 2 rows, found 1")]
                ]),
            DatasetResult(
                name: "gen <a>", role: .synthetic, path: "-", rows: 1, unlabelledRows: 1,
                metrics: [.distinct1: .number(1), .selfBLEU4: .unavailable("needs at least 2 rows, found 1")]),
        ])

    @Test func jsonHasTheDocumentedLayout() throws {
        let text = try JSONReport.render(Self.result)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(object["schema_version"] as? Int == 1)
        let configuration = try #require(object["configuration"] as? [String: Any])
        #expect(configuration["tokenizer"] as? String == "whitespace")
        #expect(configuration["metrics"] as? [String] == ["distinct_1", "self_bleu_4"])
        #expect(configuration["text_field"] as? String == "text")
        let datasets = try #require(object["datasets"] as? [[String: Any]])
        #expect(datasets.map { $0["name"] as? String } == ["real", "gen <a>"])
        #expect(datasets.map { $0["role"] as? String } == ["real", "synthetic"])
        let synthetic = datasets[1]
        let metrics = try #require(synthetic["metrics"] as? [String: Any])
        #expect(metrics["self_bleu_4"] is NSNull)
        #expect((synthetic["unavailable"] as? [String: String])?["self_bleu_4"] == "needs at least 2 rows, found 1")
        let perLabel = try #require(datasets[0]["per_label"] as? [String: [String: Any]])
        #expect(perLabel["neg"]?["self_bleu_4"] is NSNull)
        #expect((datasets[0]["per_label_unavailable"] as? [String: [String: String]])?["neg"]?["self_bleu_4"] != nil)
        #expect(text.hasSuffix("}\n"))
    }

    @Test func jsonRoundTripsAndIsByteStable() throws {
        let text = try JSONReport.render(Self.result)
        var parsed = try JSONReport.parse(Data(text.utf8))
        #expect(parsed.catalog.descriptors.isEmpty)
        parsed.catalog = Self.result.catalog
        #expect(parsed == Self.result)
        #expect(try JSONReport.render(parsed) == text)
    }

    @Test func summaryTableListsMetricsByDataset() {
        let table = SummaryTable.render(Self.result)
        let lines = table.split(separator: "\n").map(String.init)
        #expect(lines[0].hasPrefix("metric"))
        #expect(
            lines[0].split(separator: " ", omittingEmptySubsequences: true) == [
                "metric", "better", "real", "gen", "<a>",
            ])
        var renamed = Self.result
        renamed.datasets[0].name = "truth"
        #expect(SummaryTable.render(renamed).hasPrefix("metric       better  truth (real)  gen <a>\n"))
        #expect(lines.contains { $0.hasPrefix("distinct_1") && $0.contains("0.7500") && $0.contains("1.0000") })
        #expect(lines.contains { $0.hasPrefix("self_bleu_4") && $0.contains("n/a") })
        #expect(table.contains("n/a: self_bleu_4 (gen <a>): needs at least 2 rows, found 1"))
    }

    @Test(arguments: [(0.12345, "0.1235"), (1, "1.0000"), (0, "0.0000"), (-0.00001, "0.0000"), (-2.5, "-2.5000")])
    func fixedDecimals(value: Double, expected: String) {
        #expect(SummaryTable.fixed(value, decimals: 4) == expected)
    }
}
