import AssayTestSupport
import EmbeddingDistances
import Foundation
import LinearAlgebra
import Testing

/// `Fixtures/golden/embedding_distances.json`, written by `References/golden_embedding_distances.py`
/// (mauve-text 0.4.0 and prdc 0.2).
struct Golden: Decodable {
    struct HistogramCase: Decodable, CustomTestStringConvertible, Sendable {
        let name: String
        let clusters: Int
        let syntheticAssignments: [Int]
        let realAssignments: [Int]
        let p: [Double]
        let q: [Double]
        let frontier: [[Double]]
        let mauve: Double
        var testDescription: String { name }

        enum CodingKeys: String, CodingKey {
            case name, clusters, p, q, frontier, mauve
            case syntheticAssignments = "synthetic_assignments"
            case realAssignments = "real_assignments"
        }
    }
    struct EndToEndCase: Decodable, CustomTestStringConvertible, Sendable {
        let name: String
        let seed: UInt64
        let clusters: Int
        let automatic: Bool
        let synthetic: [[Double]]
        let real: [[Double]]
        let syntheticBlob: [Int]
        let realBlob: [Int]
        let mauve: Double
        let mauveStar: Double
        var testDescription: String { name }

        enum CodingKeys: String, CodingKey {
            case name, seed, clusters, synthetic, real, mauve
            case numBuckets = "num_buckets"
            case syntheticBlob = "synthetic_blob"
            case realBlob = "real_blob"
            case mauveStar = "mauve_star"
        }
        init(from decoder: Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            name = try c.decode(String.self, forKey: .name)
            seed = try c.decode(UInt64.self, forKey: .seed)
            clusters = try c.decode(Int.self, forKey: .clusters)
            automatic = (try? c.decode(String.self, forKey: .numBuckets)) == "auto"
            synthetic = try c.decode([[Double]].self, forKey: .synthetic)
            real = try c.decode([[Double]].self, forKey: .real)
            syntheticBlob = try c.decode([Int].self, forKey: .syntheticBlob)
            realBlob = try c.decode([Int].self, forKey: .realBlob)
            mauve = try c.decode(Double.self, forKey: .mauve)
            mauveStar = try c.decode(Double.self, forKey: .mauveStar)
        }
    }
    struct PRDCCase: Decodable, CustomTestStringConvertible, Sendable {
        let name: String
        let k: Int
        let synthetic: [[Double]]
        let real: [[Double]]
        let precision: Double
        let recall: Double
        let density: Double
        let coverage: Double
        var testDescription: String { name }
    }
    let mauveHistograms: [HistogramCase]
    let mauveEndToEnd: [EndToEndCase]
    let prdc: [PRDCCase]

    enum CodingKeys: String, CodingKey {
        case prdc
        case mauveHistograms = "mauve_histograms"
        case mauveEndToEnd = "mauve_end_to_end"
    }

    static func load() throws -> Golden {
        let url = RepositoryPaths.fixture("golden/embedding_distances.json")
        return try JSONDecoder().decode(Golden.self, from: Data(contentsOf: url))
    }
}

/// A Float32 matrix from rows of doubles (each the exact value of a float32).
func matrix(_ rows: [[Double]]) throws -> Matrix {
    try Matrix(rows: rows.count, columns: rows.first?.count ?? 0, storage: rows.flatMap { $0.map { Float($0) } })
}

@Suite("MAUVE and PRDC against mauve-text 0.4.0 and prdc 0.2")
struct GoldenEmbeddingDistancesTests {
    /// Same quantisation on both sides: the frontier and the area within 1e-9.
    @Test(arguments: try Golden.load().mauveHistograms)
    func mauveOnIdenticalAssignments(_ golden: Golden.HistogramCase) throws {
        let (mauve, frontier) = try MAUVE.score(
            syntheticAssignments: golden.syntheticAssignments, realAssignments: golden.realAssignments,
            clusters: golden.clusters)
        #expect(abs(mauve - golden.mauve) <= 1e-9, "mauve \(mauve) vs \(golden.mauve)")
        #expect(frontier.count == golden.frontier.count)
        for (point, expected) in zip(frontier, golden.frontier) {
            #expect(abs(point.x - expected[0]) <= 1e-9 && abs(point.y - expected[1]) <= 1e-9)
        }
        let fromHistograms = try MAUVE.score(syntheticHistogram: golden.p, realHistogram: golden.q)
        #expect(abs(fromHistograms.mauve - golden.mauve) <= 1e-9)
    }

    /// The whole pipeline (normalise, PCA 0.9, k-means) on well-separated blobs: k-means is unambiguous, so the
    /// histograms equal mauve-text's up to the cluster numbering and MAUVE agrees within 1e-9.
    @Test(arguments: try Golden.load().mauveEndToEnd)
    func mauveEndToEnd(_ golden: Golden.EndToEndCase) throws {
        let configuration = MAUVEConfiguration(
            clusters: golden.automatic ? .automatic : .fixed(golden.clusters), seed: golden.seed)
        let result = try MAUVE.compute(
            synthetic: matrix(golden.synthetic), real: matrix(golden.real), configuration: configuration)
        #expect(result.clusterCount == golden.clusters)
        #expect(abs(result.mauve - golden.mauve) <= 1e-9, "mauve \(result.mauve) vs \(golden.mauve)")
        #expect(abs(result.mauveStar - golden.mauveStar) <= 1e-9, "mauve* \(result.mauveStar) vs \(golden.mauveStar)")
        // the clusters are the blobs: rows of one blob share a cluster, different blobs do not
        var clusterOfBlob: [Int: Int] = [:]
        for (blob, cluster) in zip(
            golden.realBlob + golden.syntheticBlob, result.realAssignments + result.syntheticAssignments)
        {
            if let known = clusterOfBlob[blob] { #expect(known == cluster) } else { clusterOfBlob[blob] = cluster }
        }
        #expect(Set(clusterOfBlob.values).count == clusterOfBlob.count)
    }

    @Test(arguments: try Golden.load().prdc)
    func prdc(_ golden: Golden.PRDCCase) throws {
        let result = try PrecisionRecall.compute(
            synthetic: matrix(golden.synthetic), real: matrix(golden.real), k: golden.k)
        #expect(
            abs(result.precision - golden.precision) <= 1e-6, "precision \(result.precision) vs \(golden.precision)")
        #expect(abs(result.recall - golden.recall) <= 1e-6, "recall \(result.recall) vs \(golden.recall)")
        #expect(abs(result.density - golden.density) <= 1e-6, "density \(result.density) vs \(golden.density)")
        #expect(abs(result.coverage - golden.coverage) <= 1e-6, "coverage \(result.coverage) vs \(golden.coverage)")
        // the per-row outputs add up to the summary values
        let n = Double(golden.synthetic.count)
        #expect(Double(result.syntheticInsideReal.filter { $0 }.count) / n == result.precision)
        #expect(Double(result.syntheticBallCounts.reduce(0, +)) / (Double(golden.k) * n) == result.density)
    }
}
