import AssayTestSupport
import AuditModel
import DatasetIO
import Foundation
import Testing

@testable import AuditPlan
@testable import QualityMetrics

/// `compression_ratio` against Python's `gzip.compress(data, compresslevel=9)` (`References/golden_compression.py`,
/// `Fixtures/golden/compression_ratio.json`): the compressed sizes must be equal to the byte, so the ratios are
/// equal to the last bit.
@Suite("compression ratio: gzip level 9, as Python's gzip.compress")
struct CompressionRatioTests {
    struct Sizes: Decodable {
        let originalBytes: Int
        let compressedBytes: Int
        let ratio: Double
        let rows: Int

        private enum CodingKeys: String, CodingKey {
            case ratio, rows
            case originalBytes = "original_bytes"
            case compressedBytes = "compressed_bytes"
        }
    }

    struct Inline: Decodable {
        let name: String
        let texts: [String]
        let originalBytes: Int
        let compressedBytes: Int
        let ratio: Double

        private enum CodingKeys: String, CodingKey {
            case name, texts, ratio
            case originalBytes = "original_bytes"
            case compressedBytes = "compressed_bytes"
        }
    }

    struct FixtureCase: Decodable {
        let name: String
        let originalBytes: Int
        let compressedBytes: Int
        let ratio: Double
        let perLabel: [String: Sizes]

        private enum CodingKeys: String, CodingKey {
            case name, ratio
            case originalBytes = "original_bytes"
            case compressedBytes = "compressed_bytes"
            case perLabel = "per_label"
        }
    }

    struct SharedCase: Decodable {
        let path: String
        let originalBytes: Int
        let compressedBytes: Int
        let rows: Int

        private enum CodingKeys: String, CodingKey {
            case path, rows
            case originalBytes = "original_bytes"
            case compressedBytes = "compressed_bytes"
        }
    }

    struct Golden: Decodable {
        let inline: [Inline]
        let fixtures: [FixtureCase]
        let shared: [SharedCase]
    }

    static let golden: Golden? = {
        guard let data = try? Data(contentsOf: RepositoryPaths.fixture("golden/compression_ratio.json")) else {
            return nil
        }
        return try? JSONDecoder().decode(Golden.self, from: data)
    }()

    @Test func goldenFileIsThere() throws {
        let golden = try #require(Self.golden)
        #expect(golden.inline.count >= 6 && golden.fixtures.count == 4 && golden.shared.count >= 40)
    }

    @Test(arguments: golden?.inline ?? [])
    func inlineCases(_ golden: Inline) throws {
        let sizes = try #require(CompressionRatio.gzipSizes(golden.texts))
        #expect(sizes.original == golden.originalBytes)
        #expect(sizes.compressed == golden.compressedBytes, "\(golden.name)")
        let dataset = Dataset(name: golden.name, role: .synthetic, path: "inline", texts: golden.texts)
        let result = try AuditEngine(configuration: AuditConfiguration(metrics: [.compressionRatio])).run([dataset])
        #expect(result.datasets[0].metrics[.compressionRatio] == .number(golden.ratio), "\(golden.name)")
    }

    /// Whole fixture files and each label's rows, through the audit as the reports compute them.
    @Test(arguments: golden?.fixtures ?? [])
    func fixtures(_ golden: FixtureCase) throws {
        let path = RepositoryPaths.root.appendingPathComponent(golden.name).path
        let dataset = try DatasetReader().read(DatasetSource(name: "fixture", path: path), role: .synthetic)
        let result = try AuditEngine(configuration: AuditConfiguration(metrics: [.compressionRatio])).run([dataset])
        let entry = result.datasets[0]
        #expect(entry.metrics[.compressionRatio] == .number(golden.ratio), "\(golden.name)")
        #expect(Set(entry.perLabel.keys) == Set(golden.perLabel.keys))
        for (label, sizes) in golden.perLabel {
            #expect(entry.perLabel[label]?[.compressionRatio] == .number(sizes.ratio), "\(golden.name) \(label)")
        }
    }

    /// Every shared dataset file (tens of thousands of rows, megabytes of text streamed in 64 KB pieces).
    @Test(.enabled(if: RepositoryPaths.hasSharedDatasets))
    func sharedDatasets() throws {
        let cases = try #require(Self.golden).shared
        for golden in cases {
            let path = RepositoryPaths.sharedDatasets.appendingPathComponent(golden.path).path
            let dataset = try DatasetReader().read(DatasetSource(name: "shared", path: path), role: .synthetic)
            #expect(dataset.count == golden.rows, "\(golden.path)")
            let sizes = try #require(CompressionRatio.gzipSizes(dataset.texts))
            #expect(sizes.original == golden.originalBytes, "\(golden.path)")
            #expect(sizes.compressed == golden.compressedBytes, "\(golden.path)")
        }
    }

    @Test func noRowsHasNoValue() throws {
        let empty = Dataset(name: "empty", role: .synthetic, path: "empty", texts: [])
        let result = try AuditEngine(configuration: AuditConfiguration(metrics: [.compressionRatio])).run([empty])
        #expect(result.datasets[0].metrics[.compressionRatio] == .skipped(.noRows))
    }

    /// Repetition raises the ratio; the metric's direction is "lower is better".
    @Test func repetitionRaisesTheRatio() throws {
        let varied = (0..<40).map { "row \($0) says something else about item \($0 * 7919 % 1000)" }
        let repeated = Array(repeating: "the same row again and again", count: 40)
        let value = { (texts: [String]) throws -> Double in
            let dataset = Dataset(name: "d", role: .synthetic, path: "d", texts: texts)
            let result = try AuditEngine(configuration: AuditConfiguration(metrics: [.compressionRatio])).run([dataset])
            return try #require(result.datasets[0].metrics[.compressionRatio]?.number)
        }
        #expect(try value(repeated) > 3 * value(varied))
        #expect(MetricFamilies.catalog[.compressionRatio].direction == .lowerIsBetter)
    }

    /// It reads the texts only: an audit of it alone tokenizes nothing; with distinct-2 the plan tokenizes.
    @Test func needsNoTokens() throws {
        let dataset = Dataset(name: "d", role: .synthetic, path: "d", texts: ["a b", "c d"])
        let alone = try AuditPlan(
            families: MetricFamilies.all, datasets: [dataset],
            configuration: AuditConfiguration(metrics: [.compressionRatio]))
        #expect(alone.requirements == .none)
        let withTokens = try AuditPlan(
            families: MetricFamilies.all, datasets: [dataset],
            configuration: AuditConfiguration(metrics: [.compressionRatio, .distinct2]))
        #expect(withTokens.requirements.tokens)
    }
}
