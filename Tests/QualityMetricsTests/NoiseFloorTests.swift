import AuditModel
import DatasetIO
import DistributionDistances
import Testing

@testable import AuditPlan
@testable import QualityMetrics

/// The real dataset's distance metrics are its noise floor: the distances between two seeded halves.
@Suite("distance from real: noise floor")
struct NoiseFloorTests {
    @Test func realValuesAreTheDistancesBetweenItsSeededHalves() throws {
        let texts = (0..<20).map { row in Array(repeating: "w\(row % 7)", count: 1 + row % 5).joined(separator: " ") }
        let labels: [String?] = (0..<20).map { $0 % 3 == 0 ? "x" : "y" }
        let real = Dataset(name: "real", role: .real, path: "real", texts: texts, labels: labels)
        let configuration = AuditConfiguration(
            tokenizer: .whitespace,
            metrics: [.lengthWasserstein, .lengthKS, .labelJensenShannon, .vocabularyJaccard, .outOfVocabularyRate],
            seed: 5)
        let metrics = try #require(try AuditEngine(configuration: configuration).run([real]).datasets.first).metrics
        let halves = NoiseFloorSplit.halves(count: 20, seed: 5)
        let lengthsA = halves.a.map { Double(1 + $0 % 5) }
        let lengthsB = halves.b.map { Double(1 + $0 % 5) }
        #expect(metrics[.lengthWasserstein]?.number == DistributionDistance.wasserstein(lengthsA, lengthsB))
        #expect(metrics[.lengthKS]?.number == DistributionDistance.kolmogorovSmirnov(lengthsA, lengthsB)?.statistic)
        func counts(_ rows: [Int]) -> [String: Int] {
            rows.reduce(into: [:]) { counts, row in counts[labels[row] ?? "", default: 0] += 1 }
        }
        #expect(
            metrics[.labelJensenShannon]?.number
                == DistributionDistance.jensenShannon(counts(halves.a), counts(halves.b)))
        let typesA = Set(halves.a.map { $0 % 7 })
        let typesB = Set(halves.b.map { $0 % 7 })
        let jaccard = Double(typesA.intersection(typesB).count) / Double(typesA.union(typesB).count)
        #expect(abs((metrics[.vocabularyJaccard]?.number ?? -1) - jaccard) < 1e-15)
        #expect(metrics[.outOfVocabularyRate]?.number != nil)
    }

    @Test func tooFewRealRowsGiveAReason() throws {
        let real = Dataset(name: "real", role: .real, path: "real", texts: ["a", "b c"], labels: ["x", "y"])
        let result = try AuditEngine(configuration: AuditConfiguration(metrics: [.lengthWasserstein])).run([real])
        #expect(result.datasets.first?.metrics[.lengthWasserstein]?.skipReason == .tooFewRowsToSplit(needed: 4))
    }
}
