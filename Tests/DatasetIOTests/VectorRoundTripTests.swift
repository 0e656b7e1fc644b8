import AssayTestSupport
import Foundation
import Testing

@testable import DatasetIO

/// `Fixtures/vectors-io/` holds the same float32 vectors as JSON Lines, CSV and `.npy` (float32 in format
/// versions 1.0, 2.0 and 3.0, and float64), written by numpy through `References/make_npy_fixtures.py`, with
/// the float32 bit patterns in `vectors_bits.json`. Every reader must give exactly those values.
@Suite("Vectors round trip")
struct VectorRoundTripTests {
    static let folder = RepositoryPaths.root.appendingPathComponent("Fixtures/vectors-io")

    /// The vectors from the bit patterns numpy wrote.
    static func expected() throws -> DatasetVectors {
        struct Bits: Decodable {
            var dimension: Int
            var bits: [UInt32]
        }
        let data = try Data(contentsOf: folder.appendingPathComponent("vectors_bits.json"))
        let bits = try JSONDecoder().decode(Bits.self, from: data)
        return DatasetVectors(dimension: bits.dimension, values: bits.bits.map(Float.init(bitPattern:)))
    }

    @Test(arguments: ["vectors.jsonl", "vectors.csv"])
    func textFormatsGiveTheSameVectors(file: String) throws {
        let path = Self.folder.appendingPathComponent(file).path
        let dataset = try DatasetReader(fields: FieldMapping(vectors: "vec")).read(
            DatasetSource(name: "v", path: path), role: .synthetic)
        let vectors = try #require(dataset.vectors)
        let expected = try Self.expected()
        #expect(vectors == expected)
        // Equality treats -0 and 0 alike; the bits must match too.
        #expect(vectors.values.map(\.bitPattern) == expected.values.map(\.bitPattern))
        #expect(dataset.count == 6)
    }

    @Test(arguments: ["vectors_f4.npy", "vectors_f4_v2.npy", "vectors_f4_v3.npy", "vectors_f8.npy"])
    func npyFilesGiveTheSameVectors(file: String) throws {
        let vectors = try NPYReader.read(path: Self.folder.appendingPathComponent(file).path)
        let expected = try Self.expected()
        #expect(vectors == expected)
        #expect(vectors.values.map(\.bitPattern) == expected.values.map(\.bitPattern))
    }
}
