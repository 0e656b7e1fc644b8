import AssayTestSupport
import AuditModel
import QualityMetrics
import Testing

@testable import ReportRendering

@Suite("Leaderboard")
struct LeaderboardTests {
    /// A dataset with each value's interval (`nil`: a value without one) by metric.
    static func dataset(
        _ name: String, _ role: DatasetResult.Role, _ values: [MetricID: Double?],
        intervals: [MetricID: (Double, Double)] = [:]
    ) -> DatasetResult {
        var entry = DatasetResult(
            name: name, role: role, path: name, rows: 10,
            metrics: values.mapValues { $0.map(MetricValue.number) ?? .unavailable("n/a") })
        entry.intervals = intervals.mapValues {
            ConfidenceInterval(lower: $0.0, upper: $0.1, level: 0.95, resamples: 100, validResamples: 100, seed: 1)
        }
        return entry
    }

    // exact_duplicate_rate (lower is better): a clearly worst, b and c tie.
    // label_fidelity (higher is better): b clearly best, a and c tie below it.
    // mean_tokens (closer to the real 12): c's interval holds 12, b's does not, they overlap: a tie; a far.
    // self_bleu_4: values without intervals, so not ranked.
    static let result = TestResults.result(
        metrics: [.exactDuplicateRate, .labelFidelity, .meanTokens, .selfBLEU4],
        datasets: [
            dataset("real", .real, [.exactDuplicateRate: 0, .labelFidelity: 0.9, .meanTokens: 12, .selfBLEU4: 0.1]),
            dataset(
                "a", .synthetic, [.exactDuplicateRate: 0.4, .labelFidelity: 0.5, .meanTokens: 20, .selfBLEU4: 0.3],
                intervals: [.exactDuplicateRate: (0.3, 0.5), .labelFidelity: (0.4, 0.6), .meanTokens: (19, 21)]),
            dataset(
                "b", .synthetic, [.exactDuplicateRate: 0.05, .labelFidelity: 0.85, .meanTokens: 13, .selfBLEU4: 0.2],
                intervals: [.exactDuplicateRate: (0.02, 0.1), .labelFidelity: (0.8, 0.9), .meanTokens: (12.5, 13.5)]),
            dataset(
                "c", .synthetic, [.exactDuplicateRate: 0.06, .labelFidelity: 0.55, .meanTokens: 12.2, .selfBLEU4: nil],
                intervals: [.exactDuplicateRate: (0.03, 0.12), .labelFidelity: (0.45, 0.65), .meanTokens: (11, 13)]),
        ])

    @Test func onlySeparatedIntervalsOrderTwoDatasets() {
        let board = Leaderboard(Self.result)
        #expect(board.datasets == ["a", "b", "c"])
        let rows = Dictionary(uniqueKeysWithValues: board.rows.map { ($0.metric, $0) })
        #expect(rows[.exactDuplicateRate]?.ranked == true)
        #expect(rows[.exactDuplicateRate]?.best == nil && rows[.exactDuplicateRate]?.worst == 0)
        #expect(rows[.labelFidelity]?.best == 1 && rows[.labelFidelity]?.worst == nil)
        // b's distance interval [0.5, 1.5] and c's [0, 1] overlap: a tie for best; a ([7, 9]) clearly worst.
        #expect(rows[.meanTokens]?.best == nil && rows[.meanTokens]?.worst == 0 && rows[.meanTokens]?.real == 12)
        #expect(rows[.selfBLEU4]?.ranked == false && rows[.selfBLEU4]?.best == nil)
        #expect(board.rankedMetrics == 3)
        let words = Leaderboard.words(rows[.labelFidelity]!, board) { $0 }
        #expect(words.best == "b (0.8500)" && words.worst == "tie")
        #expect(Leaderboard.words(rows[.selfBLEU4]!, board) { $0 }.best == "not ranked (no interval)")
    }

    @Test func standingsCountTiesAsHalves() {
        let board = Leaderboard(Self.result)
        // Ranks — duplicates: a 3, b 1.5, c 1.5; fidelity: a 2.5, b 1, c 2.5; tokens: a 3, b 1.5, c 1.5.
        #expect(board.standings.map(\.dataset) == [1, 2, 0])
        #expect(abs(board.standings[0].meanRank - 4.0 / 3) < 1e-12)
        #expect(abs(board.standings[1].meanRank - 5.5 / 3) < 1e-12)
        #expect(abs(board.standings[2].meanRank - 8.5 / 3) < 1e-12)
        #expect(board.standings.map(\.wins) == [1, 0, 0])
        #expect(board.standings.allSatisfy { $0.rankedMetrics == 3 })
    }

    @Test func withoutARealDatasetCloserToRealIsNotRanked() {
        var result = Self.result
        result.datasets.removeFirst()
        let row = Leaderboard(result).rows.first { $0.metric == .meanTokens }
        #expect(row?.ranked == false && row?.best == nil && row?.worst == nil && row?.real == nil)
    }

}
