import DatasetIO
import Foundation
import LinearAlgebra
import SentenceEmbeddings
import Testing
import VectorStorage

@testable import AuditPlan

/// The unit vectors are the same however the texts are batched, wherever they are stored, and whatever the
/// datasets' sizes (an empty dataset, a zero vector, batches that straddle datasets).
@Suite("Embedded datasets")
struct EmbeddedDatasetsTests {
    static let datasets = [
        Dataset(name: "a", role: .real, path: "a", texts: ["one cat", "two dogs", "", "three birds", "a cat"]),
        Dataset(name: "empty", role: .synthetic, path: "empty", texts: []),
        Dataset(name: "b", role: .synthetic, path: "b", texts: ["dogs and cats", "", "birds", "cats"]),
    ]

    static func make(batchSize: Int, location: VectorLocation = .memory) throws -> EmbeddedDatasets {
        try EmbeddedDatasets.make(
            datasets, source: EmbeddingSource(embedder: try HashingEmbedder(dimension: 16), location: location),
            warn: { _ in }, step: { _ in }, batchSize: batchSize)
    }

    @Test("batches of 1, 2 and 3 texts and a mapped store give the one-batch vectors", arguments: [1, 2, 3])
    func batching(batchSize: Int) throws {
        let whole = try Self.make(batchSize: 65_536)
        let parts = try Self.make(
            batchSize: batchSize, location: .mappedFile(directory: FileManager.default.temporaryDirectory.path))
        #expect(whole.store == parts.store)
        #expect(whole.store.rows == 7)
        for index in 0..<3 {
            #expect(whole[index].positions == parts[index].positions)
            #expect(whole[index].zeroRows == parts[index].zeroRows)
            #expect(whole[index].unitRows.range == parts[index].unitRows.range)
        }
        #expect(whole[0].positions == [0, 1, 3, 4] && whole[0].zeroRows == 1)
        #expect(whole[1].positions.isEmpty && whole[1].zeroRows == 0 && whole[1].unitRows.range == 4..<4)
        #expect(whole[2].positions == [0, 2, 3] && whole[2].unitRows.range == 4..<7)
        // Every stored row is the embedder's vector scaled to unit length.
        let direct = try HashingEmbedder(dimension: 16).embed(["dogs and cats"])
        let stored = whole[2].unitRows.selecting([0])
        #expect(zip(direct.storage, stored.storage).allSatisfy { abs($0 - $1) < 1e-6 })
    }
}
