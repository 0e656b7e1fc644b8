import AssayTestSupport
import AuditModel
import Foundation
import QualityMetrics
import Testing

@testable import ReportRendering

@Suite("Markdown report")
struct MarkdownReportTests {
    static let payloads = [
        "a|b", "<img src=x onerror=alert(1)>", "`code`", "**bold**", "[link](http://x)", "line\nbreak\r\nend",
        "<script>alert(1)</script>", "# heading", "tab\there\u{7}bell",
    ]

    static func dataset(_ name: String, _ role: DatasetResult.Role, labels: [String: Double] = [:], text: String = "t")
        -> DatasetResult
    {
        var result = DatasetResult(
            name: name, role: role, path: name + ".jsonl", rows: 3,
            metrics: [.distinct2: .number(0.5), .selfBLEU4: .unavailable("needs at least 2 rows, found 1")],
            perLabel: labels.mapValues { [.distinct2: .number($0)] })
        result.embedding = EmbeddingDetails(
            nearDuplicateClusters: [NearDuplicateCluster(size: 2, rows: [0, 1], example: text)],
            nearDuplicateClusterCount: 7)
        return result
    }

    static func result(names: [String], text: String = "t", label: String = "pos") -> AuditResult {
        TestResults.result(
            metrics: [.distinct2, .selfBLEU4],
            datasets: [dataset("real", .real)]
                + names.map { dataset($0, .synthetic, labels: [label: 0.25], text: text) })
    }

    @Test func fixturesReportHasEverySection() throws {
        let data = try Data(contentsOf: RepositoryPaths.root.appendingPathComponent("Reports/fixtures-audit.json"))
        let text = MarkdownReport.render(try TestResults.decoded(data))
        for heading in [
            "# Assay audit", "## Leaderboard", "## Metrics", "near-duplicate clusters", "per label", "**memorisation**",
        ] {
            #expect(text.contains(heading), "missing \(heading)")
        }
        #expect(text == MarkdownReport.render(try TestResults.decoded(data)), "not deterministic")
    }

    @Test func committedMarkdownIsTheRenderingOfTheCommittedJSON() throws {
        let reports = RepositoryPaths.root.appendingPathComponent("Reports")
        let json = try Data(contentsOf: reports.appendingPathComponent("fixtures-audit.json"))
        let markdown = try String(contentsOf: reports.appendingPathComponent("fixtures-audit.md"), encoding: .utf8)
        #expect(MarkdownReport.render(try TestResults.decoded(json)) == markdown, "run bash scripts/audit-fixtures.sh")
    }

    @Test func oneSyntheticDatasetHasNoLeaderboard() {
        let text = MarkdownReport.render(Self.result(names: ["gen"]))
        #expect(!text.contains("## Leaderboard"))
        #expect(
            text.contains("- n/a: `self_bleu_4`: needs at least 2 rows, found 1"), "every dataset: no list of names")
        #expect(text.contains("6 more not shown."))  // 7 clusters, 1 listed
    }

    @Test(arguments: payloads)
    func dataStringsCannotBreakTablesOrBecomeHTML(payload: String) {
        let text = MarkdownReport.render(Self.result(names: [payload, "b"], text: payload, label: payload))
        for raw in ["<img", "<script", "](http", "`code`", "**bold**", "\r"] {
            #expect(!text.contains(raw), "\(raw) survived")
        }
        // Every row of the metric table keeps its column count.
        let table = text.components(separatedBy: "## Metrics")[1].split(separator: "\n").prefix {
            $0.hasPrefix("|") || $0.isEmpty
        }
        let rows = table.filter { $0.hasPrefix("|") }.map { Self.pipes(String($0)) }
        #expect(Set(rows).count == 1, "ragged table: \(rows)")
        #expect(!text.contains("\n# heading"))
    }

    /// Unescaped `|` in a line.
    static func pipes(_ line: String) -> Int {
        var count = 0
        var escaped = false
        for character in line {
            if character == "|" && !escaped { count += 1 }
            escaped = character == "\\" && !escaped
        }
        return count
    }

    @Test func escapeCutsLongTexts() {
        #expect(MarkdownReport.escape(String(repeating: "a", count: 200), limit: 120).count == 121)
        #expect(MarkdownReport.escape("a<b>&c") == "a&lt;b&gt;&amp;c")
        #expect(MarkdownReport.escape("x|y\ny") == "x\\|y y")
    }

    static func interval(_ lower: Double, _ upper: Double) -> ConfidenceInterval {
        ConfidenceInterval(lower: lower, upper: upper, level: 0.95, resamples: 100, validResamples: 100, seed: 1)
    }

    /// `id`'s flag for a synthetic value (and interval) against a real value (and interval).
    static func flagged(
        _ id: MetricID, _ value: Double, _ interval: ConfidenceInterval?, real: Double?,
        realInterval: ConfidenceInterval? = nil
    ) -> Bool {
        var synthetic = DatasetResult(name: "gen", role: .synthetic, path: "g", rows: 10, metrics: [id: .number(value)])
        synthetic.intervals[id] = interval
        var realEntry = DatasetResult(
            name: "real", role: .real, path: "r", rows: 10, metrics: real.map { [id: .number($0)] } ?? [:])
        realEntry.intervals[id] = realInterval
        let result = TestResults.result(metrics: [id], datasets: [realEntry, synthetic])
        return MarkdownReport.isWorse(result, synthetic, id)
    }

    @Test func flagsOnlyWhereTheIntervalSeparatesFromTheRealValue() {
        // Copies of real rows: any copy (the interval's lower end above 0).
        #expect(Self.flagged(.realCopyRate, 0.01, Self.interval(0.002, 0.05), real: nil))
        #expect(!Self.flagged(.realCopyRate, 0, Self.interval(0, 0.04), real: nil))
        // Higher is better: the whole interval below the real value (and below the real interval).
        #expect(Self.flagged(.labelFidelity, 0.5, Self.interval(0.4, 0.6), real: 0.9))
        #expect(!Self.flagged(.labelFidelity, 0.5, Self.interval(0.4, 0.95), real: 0.9))
        #expect(
            !Self.flagged(
                .labelFidelity, 0.5, Self.interval(0.4, 0.6), real: 0.9, realInterval: Self.interval(0.55, 0.95)))
        // Lower is better.
        #expect(Self.flagged(.exactDuplicateRate, 0.3, Self.interval(0.2, 0.4), real: 0.1))
        #expect(!Self.flagged(.exactDuplicateRate, 0.3, Self.interval(0.05, 0.4), real: 0.1))
        // No interval, no flag, however far the value is (the old 5 % rule flagged these).
        #expect(!Self.flagged(.selfBLEU4, 0.9, nil, real: 0.1))
        #expect(!Self.flagged(.distinct2, 0.3, nil, real: 0.9))
        // Closer to real: never flagged as worse.
        #expect(!Self.flagged(.meanTokens, 30, Self.interval(29, 31), real: 12))
    }
}
