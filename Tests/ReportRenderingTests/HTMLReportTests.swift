import AssayTestSupport
import AuditModel
import Foundation
import QualityMetrics
import Testing

@testable import ReportRendering

@Suite("HTML report")
struct HTMLReportTests {
    static let payloads = [
        "<script>alert(1)</script>", "\"><img src=x onerror=alert(1)>", "</svg><script>x</script>",
        "' onmouseover='alert(1)", "&amp; &lt;", "bell\u{7}and\u{0}nul", "</title></head><body onload=alert(1)>",
    ]

    static func result(name: String, text: String, label: String) -> AuditResult {
        func dataset(_ name: String, _ role: DatasetResult.Role) -> DatasetResult {
            var entry = DatasetResult(
                name: name, role: role, path: name + ".jsonl", rows: 4, labelCounts: [label: 3], unlabelledRows: 1,
                metrics: [
                    .distinct2: .number(0.5), .nearDuplicateRate: .number(0.25), .realCopyRate: .number(0.5),
                    .naturalness: .number(0.4), .discriminatorAUC: .number(0.7),
                ],
                perLabel: [label: [.distinct2: .number(0.25)]])
            entry.embedding = EmbeddingDetails(
                nearDuplicateClusters: [NearDuplicateCluster(size: 2, rows: [0, 1], example: text)],
                nearDuplicateClusterCount: 1,
                realCopies: role == .synthetic
                    ? [RealCopy(row: 1, realRow: 0, similarity: 1, text: text, realText: text)] : [],
                realCopyCount: role == .synthetic ? 1 : 0,
                projection: [ProjectedRow(row: 0, x: 0.1, y: -0.2), ProjectedRow(row: 1, x: 0.3, y: 0.4)])
            let natural = NaturalRow(row: 2, text: text, naturalness: 0.1, perplexity: 99, flags: [text])
            entry.naturalness = NaturalnessDetails(
                artefacts: [text: ArtefactFindings(rows: 1, examples: [TextRow(row: 3, text: text)])],
                openingTemplates: [OpeningTemplate(opening: text, rows: 2, share: 0.5)], leastNatural: [natural],
                mostNatural: [natural], languageModel: text, realMedianPerplexity: 50)
            var fidelity = FidelityDetails(noiseFloor: role == .real ? text : nil)
            fidelity.mostSyntheticLooking = [ScoredRow(row: 1, text: text, score: 0.9)]
            fidelity.mostRealLooking = [ScoredRow(row: 0, text: text, score: 0.1)]
            fidelity.discriminativeWords = DiscriminativeWords(
                synthetic: [DiscriminativeWord(word: text, zScore: 3, syntheticCount: 5, realCount: 0)],
                real: [DiscriminativeWord(word: text, zScore: -3, syntheticCount: 0, realCount: 5)])
            entry.fidelity = fidelity
            return entry
        }
        var result = TestResults.result(
            metrics: [.distinct2, .nearDuplicateRate, .realCopyRate, .naturalness, .discriminatorAUC],
            datasets: [dataset("real", .real), dataset(name, .synthetic), dataset("b", .synthetic)],
            embedding: EmbeddingSummary(embedder: text, dimension: 2, explainedVariance: [0.5, 0.2]))
        result.configuration.textField = text
        result.configuration.labelField = label
        return result
    }

    /// The naturalness and real-vs-synthetic findings (flagged rows, openings, least natural rows, words,
    /// most synthetic-looking rows) in the Markdown summary too.
    @Test(arguments: payloads)
    func markdownEscapesTheNaturalnessAndFidelityFindings(payload: String) {
        let markdown = MarkdownReport.render(Self.result(name: "gen", text: payload, label: "x"))
        #expect(markdown.contains("least natural rows") && markdown.contains("what gives it away"))
        for line in markdown.split(separator: "\n")
        where line.contains("<script") || line.contains("<img") || line.contains("<body") {
            Issue.record("unescaped: \(line)")
        }
    }

    @Test(arguments: payloads)
    func dataStringsAreEscapedEverywhere(payload: String) {
        let html = HTMLReport.render(Self.result(name: payload, text: payload, label: payload))
        #expect(!html.contains("<script"))
        #expect(!html.contains("<img"))
        #expect(!html.contains("onmouseover='"))
        #expect(!html.contains("<body onload"))
        #expect(!html.contains("\u{7}") && !html.contains("\u{0}"))
        #expect(html.contains("&lt;") || html.contains("&#39;") || html.contains("&amp;") || !payload.contains("<"))
    }

    /// Every `href` target that is not a fragment of this page.
    static func linksLeavingThePage(_ html: String) -> [String] {
        html.components(separatedBy: "href=").dropFirst().map { String($0.prefix(20)) }.filter { !$0.hasPrefix("\"#") }
    }

    @Test func selfContainedAndDeterministic() throws {
        let data = try Data(contentsOf: RepositoryPaths.root.appendingPathComponent("Reports/fixtures-audit.json"))
        let result = try TestResults.decoded(data)
        let html = HTMLReport.render(result)
        #expect(html == HTMLReport.render(result))
        for external in ["src=", "@import", "url(", "<script", "<link", "<iframe"] {
            #expect(!html.contains(external), "found \(external)")
        }
        #expect(Self.linksLeavingThePage(html).isEmpty)
        #expect(html.contains("<a href=\"#card-self-bleu\">"), "the metric table links to the definitions")
        #expect(html.contains("<h3 id=\"card-self-bleu\">"))
        #expect(html.contains("BP    = 1 if c &gt; r*, else exp(1 − r*/c)"), "the card's definition, escaped, verbatim")
        // The only URL is the SVG namespace, which is an identifier, not a resource.
        #expect(html.replacingOccurrences(of: "http://www.w3.org/2000/svg", with: "").range(of: "http") == nil)
        for section in [
            "id=\"provenance\"", "id=\"scorecards\"", "id=\"leaderboard\"", "id=\"diversity\"",
            "id=\"memorisation\"", "id=\"statistics\"", "id=\"datasets\"", "id=\"definitions\"", "<svg",
        ] {
            #expect(html.contains(section), "missing \(section)")
        }
    }

    @Test func committedHTMLIsTheRenderingOfTheCommittedJSON() throws {
        let reports = RepositoryPaths.root.appendingPathComponent("Reports")
        let json = try Data(contentsOf: reports.appendingPathComponent("fixtures-audit.json"))
        let html = try String(contentsOf: reports.appendingPathComponent("fixtures-audit.html"), encoding: .utf8)
        #expect(HTMLReport.render(try TestResults.decoded(json)) == html, "run bash scripts/audit-fixtures.sh")
    }

    @Test func leaderboardOnlyWithTwoGenerators() {
        var result = Self.result(name: "a", text: "t", label: "l")
        #expect(HTMLReport.render(result).contains("id=\"leaderboard\""))
        result.datasets.removeLast()
        #expect(!HTMLReport.render(result).contains("id=\"leaderboard\""))
    }

    @Test func largeResultsStayBounded() {
        var result = Self.result(name: "a", text: String(repeating: "x", count: 10_000), label: "l")
        result.datasets[1].embedding?.projection = (0..<5000).map { ProjectedRow(row: $0, x: Double($0), y: 0) }
        result.datasets[1].embedding?.nearDuplicateClusters = Array(
            repeating: NearDuplicateCluster(size: 2, rows: [0, 1], example: String(repeating: "y", count: 10_000)),
            count: 100)
        result.datasets[1].embedding?.nearDuplicateClusterCount = 100
        let html = HTMLReport.render(result)
        #expect(html.utf8.count < 400_000)
        #expect(html.contains("90 more not shown"))
        #expect(html.contains("of 5004 projected rows drawn"))
    }
}

@Suite("HTML gate section")
struct HTMLGateSectionTests {
    @Test func gateComesFirstAndIsEscaped() {
        let result = HTMLReportTests.result(name: "a", text: "t", label: "l")
        let gate = GateReport(checks: [
            GateCheck(
                rule: "<b>r</b>", metric: MetricID("distinct_2"), dataset: "a", label: "l", outcome: .failed,
                observed: 0.5, real: nil, bound: "<= 1", message: "x < y", line: 1)
        ])
        let html = HTMLReport.render(result, gate: gate)
        #expect(html.contains("<section id=\"gate\">"))
        #expect(
            html.range(of: "id=\"gate\"")?.lowerBound ?? html.endIndex < html.range(of: "id=\"provenance\"")?.lowerBound
                ?? html.startIndex)
        #expect(html.contains("&lt;b&gt;r&lt;/b&gt;") && html.contains("x &lt; y") && !html.contains("<b>r"))
        #expect(!HTMLReport.render(result).contains("id=\"gate\""))
    }
}
