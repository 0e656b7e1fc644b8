import AssayTestSupport
import AuditModel
import QualityMetrics
import Testing

@testable import ReportRendering

@Suite("Leaderboard")
struct LeaderboardTests {
    static func dataset(_ name: String, _ role: DatasetResult.Role, _ values: [MetricID: Double?]) -> DatasetResult {
        DatasetResult(
            name: name, role: role, path: name, rows: 10,
            metrics: values.mapValues { $0.map(MetricValue.number) ?? .unavailable("n/a") })
    }

    static let result = TestResults.result(
        metrics: [.distinct2, .selfBLEU4, .meanTokens],
        datasets: [
            dataset("real", .real, [.distinct2: 0.9, .selfBLEU4: 0.1, .meanTokens: 12]),
            dataset("a", .synthetic, [.distinct2: 0.5, .selfBLEU4: 0.3, .meanTokens: 20]),
            dataset("b", .synthetic, [.distinct2: 0.8, .selfBLEU4: 0.3, .meanTokens: 11]),
            dataset("c", .synthetic, [.distinct2: 0.7, .selfBLEU4: nil, .meanTokens: 14]),
        ])

    @Test func bestAndWorstFollowEachMetricsDirection() {
        let board = Leaderboard(Self.result)
        #expect(board.datasets == ["a", "b", "c"])
        let rows = Dictionary(uniqueKeysWithValues: board.rows.map { ($0.metric, $0) })
        // distinct_2: higher is better.
        #expect(rows[.distinct2]?.best == 1 && rows[.distinct2]?.worst == 0)
        // self_bleu_4: lower is better; a and b tie (first given is best, no worst), c has no value.
        #expect(rows[.selfBLEU4]?.best == 0 && rows[.selfBLEU4]?.worst == nil)
        // mean_tokens: closest to the real 12 is b (|11 − 12| = 1), farthest a (8).
        #expect(rows[.meanTokens]?.best == 1 && rows[.meanTokens]?.worst == 0)
        #expect(rows[.meanTokens]?.real == 12)
    }

    @Test func standingsAverageSharedRanks() {
        let board = Leaderboard(Self.result)
        // Ranks — a: 3, 1.5, 3 → 2.5; b: 1, 1.5, 1 → 1.1667; c: 2, –, 2 → 2.
        #expect(board.standings.map(\.dataset) == [1, 2, 0])
        #expect(abs(board.standings[0].meanRank - 3.5 / 3) < 1e-12)
        #expect(board.standings[1].meanRank == 2 && board.standings[1].rankedMetrics == 2)
        #expect(board.standings[0].wins == 2)
    }

    @Test func withoutARealDatasetCloserToRealIsNotRanked() {
        var result = Self.result
        result.datasets.removeFirst()
        let row = Leaderboard(result).rows.first { $0.metric == .meanTokens }
        #expect(row?.best == nil && row?.worst == nil && row?.real == nil)
    }

    @Test func sharedRanks() {
        #expect(Leaderboard.sharedRanks([0.1, 0.2, 0.2, 0.5]) == [1, 2.5, 2.5, 4])
        #expect(Leaderboard.sharedRanks([]) == [])
    }
}
