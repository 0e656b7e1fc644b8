import AssayTestSupport
import Foundation
import LinearAlgebra
import Testing
import VectorStorage

@testable import NeighbourGraphs

/// The sweeps read rows from a vector store (heap or memory-mapped file, float32 or float16) exactly as
/// from a matrix holding the same float32 values.
@Suite("Sweeps over stored rows")
struct StoredRowsTests {
    static let matrix = ClusterPruningTests.matrix

    /// `matrix` written into a store.
    static func store(_ precision: VectorPrecision, _ location: VectorLocation) throws -> VectorStore {
        var writer = try VectorStoreWriter(
            rows: matrix.rows, dimension: matrix.columns, precision: precision, location: location)
        matrix.storage.withUnsafeBufferPointer { writer.append(rows: $0) }
        return writer.finish()
    }

    /// The float32 values a store holds, as a matrix.
    static func decoded(_ store: VectorStore) -> Matrix {
        MatrixRows(store).materialized()
    }

    @Test(
        "pruned and exact sweeps over a store equal those over its values in a matrix",
        arguments: [VectorPrecision.float32, .float16], [false, true])
    func sameGraphs(precision: VectorPrecision, mapped: Bool) throws {
        let folder = FileManager.default.temporaryDirectory.path
        let stored = try Self.store(precision, mapped ? .mappedFile(directory: folder) : .memory)
        let values = Self.decoded(stored)
        if precision == .float32 { #expect(values == Self.matrix) }
        let search = ClusterPruningTests.pruneAlways
        let fromStore = (a: MatrixRows(stored, rows: 0..<3000), b: MatrixRows(stored, rows: 3000..<5000))
        let fromMatrix = (a: MatrixRows(values, rows: 0..<3000), b: MatrixRows(values, rows: 3000..<5000))
        let partition = try ClusterPartition.fit([fromMatrix.a, fromMatrix.b], clusters: 50, seed: 3)
        #expect(try partition.assign(fromStore.a) == partition.assign(fromMatrix.a))

        let (within, withinSweep) = try NeighbourSweep.within(
            fromStore.a, SweepRequest(k: 5), partition: partition, search: search)
        let (expected, expectedSweep) = try NeighbourSweep.within(
            fromMatrix.a, SweepRequest(k: 5), partition: partition, search: search)
        #expect(within.neighbours?.indices == expected.neighbours?.indices)
        #expect(within.neighbours?.similarities == expected.neighbours?.similarities)
        #expect(withinSweep.probes == expectedSweep.probes && withinSweep.share == expectedSweep.share)

        let (storeA, storeB, _) = try NeighbourSweep.between(
            fromStore.a, fromStore.b, SweepRequest(k: 3), SweepRequest(k: 4), partition: partition, search: search)
        let (matrixA, matrixB, _) = try NeighbourSweep.between(
            fromMatrix.a, fromMatrix.b, SweepRequest(k: 3), SweepRequest(k: 4), partition: partition, search: search)
        #expect(storeA.neighbours?.indices == matrixA.neighbours?.indices)
        #expect(storeB.neighbours?.similarities == matrixB.neighbours?.similarities)

        let exact = try NeighbourSweep.within(fromStore.b, SweepRequest(k: 6))
        let exactExpected = try NeighbourSweep.within(fromMatrix.b, SweepRequest(k: 6))
        #expect(exact.neighbours?.indices == exactExpected.neighbours?.indices)
    }

    @Test("float16 rows keep their neighbours: recall@10 against float32 at least 0.98")
    func float16Recall() throws {
        let half = Self.decoded(try Self.store(.float16, .memory))
        let full = try #require(
            NeighbourSweep.within(MatrixRows(Self.matrix, rows: 0..<3000), SweepRequest(k: 10)).neighbours)
        let rounded = try #require(
            NeighbourSweep.within(MatrixRows(half, rows: 0..<3000), SweepRequest(k: 10)).neighbours)
        #expect(HNSWIndexTests.recall(rounded, exact: full, k: 10) >= 0.98)
        // Unit rows rounded to binary16: every component within 2⁻¹² of its float32 value.
        #expect(zip(half.storage, Self.matrix.storage).allSatisfy { abs($0 - $1) <= 0x1p-12 })
    }
}
