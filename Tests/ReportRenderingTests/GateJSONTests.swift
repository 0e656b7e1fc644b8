import AuditModel
import Foundation
import QualityMetrics
import Testing

@testable import ReportRendering

@Suite("Gate JSON")
struct GateJSONTests {
    @Test func checksAndVerdictAsJSON() throws {
        let checks = [
            GateCheck(
                rule: "r \"q\"", metric: .distinct2, dataset: "gen", label: nil, outcome: .failed, observed: 0.25,
                real: 0.5, bound: ">= 0.5", message: "below", line: 3),
            GateCheck(
                rule: "s", metric: .selfBLEU4, dataset: "gen", label: "a/b", outcome: .skipped, observed: .nan,
                real: nil, bound: "<= 0.5", message: "no value", line: 7),
        ]
        let text = GateRenderers.json(GateReport(checks: checks))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(object["verdict"] as? String == "failed")
        #expect(object["exit_code"] as? Int == 1)
        let rows = try #require(object["checks"] as? [[String: Any]])
        #expect(rows.count == 2)
        #expect(rows[0]["rule"] as? String == "r \"q\"" && rows[0]["metric"] as? String == "distinct_2")
        #expect(rows[0]["observed"] as? Double == 0.25 && rows[0]["real"] as? Double == 0.5)
        #expect(rows[0]["label"] is NSNull && rows[0]["line"] as? Int == 3 && rows[0]["outcome"] as? String == "failed")
        #expect(rows[1]["observed"] is NSNull && rows[1]["real"] is NSNull && rows[1]["label"] as? String == "a/b")
        #expect(text.contains("\"label\" : \"a/b\""))
    }
}
