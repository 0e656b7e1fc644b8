import AssayTestSupport
import AuditModel
import Foundation
import QualityMetrics
import Testing

@testable import ReportRendering

/// Cases the main HTML report suite leaves out: exact escaping, sections that must be absent,
/// and the histogram and label charts' presence.
@Suite("HTML report edge cases")
struct HTMLReportEdgeTests {
    @Test func escapingIsExactAndNotDoubled() {
        #expect(HTMLEscaping.escape("&amp;") == "&amp;amp;")
        #expect(HTMLEscaping.escape("<a href=\"x\" title='y'>") == "&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;")
        #expect(HTMLEscaping.escape("a\u{0}b\u{7}c\u{1B}d\u{7F}e\r\u{85}f") == "abcdef")
        #expect(HTMLEscaping.escape("tab\tline\n") == "tab\tline\n")
        #expect(HTMLEscaping.escape(String(repeating: "<", count: 10), limit: 3) == "&lt;&lt;&lt;…")
    }

    @Test func payloadsInEveryDataStringStayInert() {
        let payload = "</svg><script>alert(1)</script>\"><img src=x onerror=alert(1)>' onmouseover='x"
        var result = HTMLReportTests.result(name: payload, text: payload, label: payload)
        result.datasets[0].path = payload
        result.datasets[1].tokenLengthHistogram = [0, 1, 2, 0, 0, 0, 0, 0, 1]
        let html = HTMLReport.render(result)
        // The payload's own `src=` survives as inert text after `&lt;img`; no element carries it.
        #expect(!html.replacingOccurrences(of: "&lt;img src=", with: "").contains("src="))
        for needle in ["<script", "<img", "</svg><script", "onmouseover='", "onerror=alert(1)>"] {
            #expect(!html.contains(needle), "found \(needle)")
        }
        #expect(html.contains("&lt;/svg&gt;&lt;script&gt;"))
        #expect(HTMLReportTests.linksLeavingThePage(html).isEmpty)
    }

    @Test func noProjectionWithoutEmbeddings() {
        var result = HTMLReportTests.result(name: "a", text: "t", label: "l")
        #expect(html(result).contains("2-D projection"))
        for index in result.datasets.indices { result.datasets[index].embedding = nil }
        result.embedding = nil
        let rendered = html(result)
        #expect(!rendered.contains("2-D projection"))
        #expect(!rendered.contains("near-duplicate clusters"))
        #expect(!rendered.contains("<th>Embedder</th>"))
    }

    @Test func noLeaderboardWithOneGenerator() {
        var result = HTMLReportTests.result(name: "a", text: "t", label: "l")
        result.datasets.removeLast()
        #expect(!html(result).contains("Leaderboard"))
    }

    @Test func histogramChartOnlyWhenTheResultHasHistograms() {
        var result = HTMLReportTests.result(name: "a", text: "t", label: "l")
        #expect(!html(result).contains("Token length distribution"))
        result.datasets[0].tokenLengthHistogram = [0, 1, 3, 0, 0, 0, 0, 0, 0]
        let rendered = html(result)
        #expect(rendered.contains("Token length distribution"))
        #expect(rendered.contains(TokenLengthHistogram.binLabels.last!))
    }

    @Test func manyGeneratorsStayBounded() {
        var result = HTMLReportTests.result(name: "a", text: "t", label: "l")
        let template = result.datasets[1]
        result.datasets =
            [result.datasets[0]]
            + (0..<12).map { index in
                var dataset = template
                dataset.name = "gen\(index)"
                dataset.embedding?.projection = (0..<1000).map {
                    ProjectedRow(row: $0, x: Double($0 % 37), y: Double($0 % 11))
                }
                dataset.embedding?.realCopies = Array(
                    repeating: RealCopy(
                        row: 0, realRow: 0, similarity: 1, text: String(repeating: "z", count: 5000),
                        realText: "r"), count: 50)
                dataset.embedding?.realCopyCount = 50
                return dataset
            }
        let rendered = html(result)
        #expect(rendered.utf8.count < 2_000_000)
        #expect(rendered.contains("40 more not shown"))
        #expect(rendered == html(result))
        // One chart per generator with the real rows beneath, and the markers of all charts together
        // within the budget: 24 series of at most 4000 / 24 = 166 points.
        let charts = rendered.components(separatedBy: "<title>2-D projection: ").dropFirst()
        #expect(charts.count == 12)
        #expect(charts.first?.hasPrefix("gen0 beside real</title>") == true)
        let section = rendered.components(separatedBy: "Embeddings on their first two principal axes").last ?? ""
        let markers = ["<circle ", "<rect x=", "<path d="].reduce(0) { count, needle in
            count + (section.components(separatedBy: "</div>").first ?? "").components(separatedBy: needle).count - 1
        }
        let legendsAndFrames = 12 * (2 + 1)  // a legend marker per series and a frame per chart
        #expect(markers - legendsAndFrames <= HTMLReport.pointBudget)
        #expect(markers - legendsAndFrames == 12 * (166 + 2), "the real dataset's 2 points in every chart")
        #expect(rendered.contains("1994 of 12002 projected rows drawn (evenly spaced, at most 166 per dataset)."))
    }

    private func html(_ result: AuditResult) -> String { HTMLReport.render(result) }
}
