import AssayTestSupport
import Foundation
import Testing

@testable import QualityGate

/// `Metrics/verdict.md` documents the default thresholds in one table; it must say what the code does.
@Suite("Verdict card")
struct VerdictCardTests {
    @Test func theCardsTableIsTheDefaultPolicy() throws {
        let card = try String(
            contentsOf: RepositoryPaths.root.appendingPathComponent("Metrics/verdict.md"), encoding: .utf8)
        let rows = card.split(separator: "\n").filter { $0.hasPrefix("| `") }
        #expect(rows.count == VerdictPolicy.defaults.rules.count)
        for (row, rule) in zip(rows, VerdictPolicy.defaults.rules) {
            let cells = row.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
            #expect(cells[0] == "`\(rule.metric.rawValue)`")
            #expect(cells[1] == rule.bound.rawValue, "\(rule.metric.rawValue)")
            #expect(Self.level(cells[2]) == rule.warn, "\(rule.metric.rawValue) warn")
            #expect(Self.level(cells[3]) == rule.notFit, "\(rule.metric.rawValue) not fit")
        }
    }

    /// A threshold cell: a number, or `–` for none.
    static func level(_ cell: String) -> Double? { cell == "–" ? nil : Double(cell) }
}
