import AssayTestSupport
import AuditModel
import DatasetIO
import Foundation
import Testing

@testable import AuditPlan
@testable import QualityMetrics

/// `naturalness` and `perplexity_real_lm` against `References/golden_naturalness.py` (an independent exact
/// language model and fold split), and the typicality percentile on hand-worked cases.
@Suite("Naturalness against the Python reference")
struct NaturalnessGoldenTests {
    struct Side: Decodable {
        let texts: [String]
        let flags: [[String]]
        let perplexities: [Double]
        let rowNaturalness: [Double]
        let naturalness: Double
        let perplexityRealLM: Double

        enum CodingKeys: String, CodingKey {
            case texts, flags, perplexities, naturalness
            case rowNaturalness = "row_naturalness"
            case perplexityRealLM = "perplexity_real_lm"
        }
    }

    struct Golden: Decodable {
        let seed: UInt64
        let real: Side
        let synthetic: Side
    }

    @Test func engineMatchesTheReference() throws {
        let data = try Data(
            contentsOf: RepositoryPaths.root.appendingPathComponent("Fixtures/golden/naturalness.json"))
        let golden = try JSONDecoder().decode(Golden.self, from: data)
        let datasets = [
            Dataset(name: "real", role: .real, path: "real", texts: golden.real.texts),
            Dataset(name: "synthetic", role: .synthetic, path: "synthetic", texts: golden.synthetic.texts),
        ]
        let configuration = AuditConfiguration(
            tokenizer: .whitespace, metrics: [.naturalness, .perplexityRealLM, .artefactRate], seed: golden.seed)
        let result = try AuditEngine(configuration: configuration).run(datasets)
        for (dataset, side) in zip(result.datasets, [golden.real, golden.synthetic]) {
            let naturalness = try #require(dataset.metrics[.naturalness]?.number)
            let perplexity = try #require(dataset.metrics[.perplexityRealLM]?.number)
            #expect(abs(naturalness - side.naturalness) < 1e-9, "\(dataset.name)")
            #expect(abs(perplexity - side.perplexityRealLM) < 1e-9 * side.perplexityRealLM, "\(dataset.name)")
            for (finding, row) in zip(dataset.rowFindings, side.perplexities.indices) {
                #expect(abs((finding.perplexity ?? 0) - side.perplexities[row]) <= 5e-5, "row \(row)")
                #expect(abs((finding.naturalness ?? -1) - side.rowNaturalness[row]) <= 5e-7, "row \(row)")
                #expect(finding.flags == side.flags[row], "row \(row)")
            }
        }
    }

    /// Real perplexities 1, 2, 3, 4: F(2) = (1 below + ½ · 1 equal) / 4 = 0.375, typicality 0.75;
    /// F(2.5) = 2 / 4, typicality 1; F(1) = 0.125, typicality 0.25; beyond either end, 0.
    @Test(arguments: [
        (2.0, 0.75), (1.0, 0.25), (0.5, 0.0), (9.0, 0.0), (3.0, 0.75), (2.5, 1.0), (4.0, 0.25), (5.0, 0.0),
    ])
    func typicalityIsTwoSidedMidRank(value: Double, expected: Double) {
        #expect(abs(Naturalness.typicality(value, reference: [1, 2, 3, 4]) - expected) < 1e-15)
    }

    @Test func typicalityCountsTies() {
        // Three real rows share the value: F = (1 + ½ · 3) / 5 = 0.5.
        #expect(Naturalness.typicality(2, reference: [1, 2, 2, 2, 3]) == 1)
        #expect(Naturalness.typicality(2, reference: []) == 0)
    }
}
