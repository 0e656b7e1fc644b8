import AssayTestSupport
import AssayUtilities
import AuditModel
import AuditPlan
import DatasetIO
import Testing

@testable import QualityMetrics

/// `subjectivity_task_normalised`: the estimate divided by its value under labels drawn at random.
@Suite("Chance-normalised task subjectivity")
struct NormalisedTaskSubjectivityTests {
    /// Worked by hand: 1 − E[largest count] / v for v draws.
    /// - two labels at ½, 2 draws: counts (2,0) ¼, (1,1) ½, (0,2) ¼ → E[max] = 1.5 → 1 − 1.5/2 = 0.25;
    /// - two labels at ½, 3 draws: max 3 with ¼, 2 with ¾ → E[max] = 2.25 → 1 − 2.25/3 = 0.25;
    /// - three labels at ⅓, 2 draws: the same label with ⅓ (max 2), else max 1 → E[max] = 4/3 → 1/3;
    /// - one label: never a disagreement → 0; labels at 0.9 / 0.1, 2 draws: 2·0.9·0.1 = 0.18 of draws split → 0.09.
    static let byHand: [(shares: [Double], votes: Int, expected: Double)] = [
        ([0.5, 0.5], 2, 0.25), ([0.5, 0.5], 3, 0.25), ([1.0 / 3, 1.0 / 3, 1.0 / 3], 2, 1.0 / 3), ([1.0], 10, 0),
        ([0.9, 0.1], 2, 0.09),
    ]

    @Test func expectedAtChanceByHand() {
        for item in Self.byHand {
            let value = NormalisedTaskSubjectivity.expectedAtChance(shares: item.shares, votes: item.votes)
            #expect(abs(value - item.expected) < 1e-12, "\(item.shares), \(item.votes) votes: \(value)")
        }
    }

    /// Ten votes, four unequal labels: the exact value against 200,000 seeded simulated rows of votes.
    @Test func expectedAtChanceMatchesASimulation() {
        let shares = [0.4, 0.3, 0.2, 0.1]
        var generator = SplitMix64(seed: 7)
        var total = 0.0
        let rows = 200_000
        for _ in 0..<rows {
            var counts = [0, 0, 0, 0]
            for _ in 0..<10 {
                let u = Double(generator.next() >> 11) / Double(1 << 53)
                counts[u < 0.4 ? 0 : u < 0.7 ? 1 : u < 0.9 ? 2 : 3] += 1
            }
            total += 1 - Double(counts.max() ?? 0) / 10
        }
        let exact = NormalisedTaskSubjectivity.expectedAtChance(shares: shares, votes: 10)
        // Standard error of the simulated mean is about 0.0002.
        #expect(abs(exact - total / Double(rows)) < 0.001, "\(exact) vs \(total / Double(rows))")
    }

    @Test func withRatersItIsTaskSubjectivityAndWithTheEstimateItIsDivided() throws {
        let real = try DatasetReader().read(
            DatasetSource(argument: RepositoryPaths.fixtures.appendingPathComponent("real.jsonl").path), role: .real)
        let configuration = AuditConfiguration(
            metrics: [.subjectivityTask, .subjectivityTaskNormalised], bootstrapResamples: 50)
        // Raters only (the real data alone): 1 − α, the same interval.
        let rated = try AuditEngine(configuration: configuration).run([real])
        let entry = rated.datasets[0]
        #expect(entry.subjectivity?.method == "annotations")
        #expect(entry.metrics[.subjectivityTaskNormalised] == entry.metrics[.subjectivityTask])
        #expect(entry.intervals[.subjectivityTaskNormalised] == entry.intervals[.subjectivityTask])
        // With a synthetic dataset without raters, the estimate: divided by its value at chance.
        let synthetic = try DatasetReader().read(
            DatasetSource(argument: RepositoryPaths.fixtures.appendingPathComponent("gen_diverse.jsonl").path),
            role: .synthetic)
        let estimated = try AuditEngine(configuration: configuration).run([real, synthetic])
        let labels = real.labels.compactMap { $0 }
        let shares = Set(labels).sorted().map { label in
            Double(labels.filter { $0 == label }.count) / Double(labels.count)
        }
        // 90 labelled real rows: ten voters for real and synthetic rows alike.
        let chance = NormalisedTaskSubjectivity.expectedAtChance(shares: shares, votes: 10)
        for entry in estimated.datasets {
            #expect(entry.subjectivity?.method == "real_neighbours")
            let task = try #require(entry.metrics[.subjectivityTask]?.number)
            let normalised = try #require(entry.metrics[.subjectivityTaskNormalised]?.number)
            #expect(abs(normalised - task / chance) < 1e-12)
            let interval = try #require(entry.intervals[.subjectivityTaskNormalised])
            #expect(abs(interval.lower - (entry.intervals[.subjectivityTask]?.lower ?? 0) / chance) < 1e-12)
        }
    }
}
