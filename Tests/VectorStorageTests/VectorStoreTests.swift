import Foundation
import Testing

@testable import VectorStorage

@Suite("Vector store")
struct VectorStoreTests {
    /// A fresh empty folder for scratch files.
    private func scratchFolder() throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("assay-store-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url.path
    }

    private func store(
        _ values: [Float], dimension: Int, precision: VectorPrecision, location: VectorLocation
    ) throws -> VectorStore {
        var writer = try VectorStoreWriter(
            rows: values.count / dimension, dimension: dimension, precision: precision, location: location)
        values.withUnsafeBufferPointer { writer.append(rows: $0) }
        return writer.finish()
    }

    @Test("float32 rows read back exactly, on the heap and in a mapped file")
    func float32RoundTrip() throws {
        let values: [Float] = (0..<60).map { Float($0) * 0.37 - 7.1 }
        let folder = try scratchFolder()
        for location in [VectorLocation.memory, .mappedFile(directory: folder)] {
            let stored = try store(values, dimension: 6, precision: .float32, location: location)
            #expect(stored.rows == 10)
            #expect(stored.isMapped == (location != .memory))
            #expect(stored.withFloats(0..<10) { Array($0) } == values)
            #expect(stored.withFloats(3..<5) { Array($0) } == Array(values[18..<30]))
            var gathered = [Float](repeating: 0, count: 12)
            gathered.withUnsafeMutableBufferPointer { stored.gather([7, 2], into: $0.baseAddress!) }
            #expect(gathered == Array(values[42..<48]) + Array(values[12..<18]))
        }
        // The scratch file is unlinked as soon as it is made: nothing is left in the folder.
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).isEmpty)
    }

    @Test("float16 rounds to nearest, ties to even, as IEEE binary16 (hand-worked values)")
    func float16Rounding() throws {
        // 1/3 = 0x1.555…p-2 → 0x1.554p-2 = 0.333251953125; 0.1 → 0.0999755859375 (numpy: np.float16(0.1));
        // 1 + 2⁻¹¹ lies halfway between 1 and 1 + 2⁻¹⁰ → 1 (even); 1 + 3·2⁻¹¹ halfway between 1 + 2⁻¹⁰ and
        // 1 + 2⁻⁹ → 1 + 2⁻⁹ (even); 65504 is the largest finite half; 1e-8 is below half the smallest
        // subnormal (2⁻²⁴ ≈ 5.96e-8) → 0; 2⁻²⁴ itself is kept.
        let input: [Float] = [1.0 / 3, 0.1, 1 + 0x1p-11, 1 + 3 * 0x1p-11, 65504, 1e-8, 0x1p-24, -2.5]
        let expected: [Float] = [0.333251953125, 0.0999755859375, 1, 1 + 0x1p-9, 65504, 0, 0x1p-24, -2.5]
        let stored = try store(input, dimension: 4, precision: .float16, location: .memory)
        #expect(stored.byteCount == 16)
        #expect(stored.withFloats(0..<2) { Array($0) } == expected)
    }

    @Test("blocks cover the range in order, with rows counted from its start")
    func blocks() throws {
        let values: [Float] = (0..<70).map(Float.init)
        for precision in VectorPrecision.allCases {
            let stored = try store(values, dimension: 7, precision: precision, location: .memory)
            var seen: [Range<Int>] = []
            var read: [Float] = []
            stored.forEachBlock(2..<9, blockRows: 3) { rows, block in
                seen.append(rows)
                read += block
            }
            #expect(seen == [2..<5, 5..<8, 8..<9])
            #expect(read == Array(values[14..<63]))
        }
    }

    @Test("releasing resident pages of a mapped store keeps every value")
    func release() throws {
        let values: [Float] = (0..<200_000).map { Float($0 % 977) / 977 }
        let stored = try store(
            values, dimension: 100, precision: .float32, location: .mappedFile(directory: try scratchFolder()))
        stored.releaseResidentPages(0..<stored.rows)
        stored.releaseResidentPages(3..<1_500)
        #expect(stored.withFloats(0..<stored.rows) { Array($0) } == values)
    }

    @Test("a partly filled writer gives a store of the rows written")
    func partial() throws {
        var writer = try VectorStoreWriter(rows: 5, dimension: 2, precision: .float32, location: .memory)
        [Float(1), 2, 3, 4].withUnsafeBufferPointer { writer.append(rows: $0) }
        let stored = writer.finish()
        #expect(stored.rows == 2)
        #expect(stored.withFloats(0..<2) { Array($0) } == [1, 2, 3, 4])
    }

    @Test("a missing scratch folder and an impossible size are clear errors")
    func errors() throws {
        let missing = "/nonexistent-assay-folder/deeper"
        #expect {
            _ = try VectorStoreWriter(
                rows: 2, dimension: 2, precision: .float32, location: .mappedFile(directory: missing))
        } throws: { error in
            let text = "\(error)"
            return text.hasPrefix(
                "vector scratch folder /nonexistent-assay-folder/deeper: cannot create a scratch file: ")
                && text.contains("--scratch-dir")
        }
        #expect(throws: VectorStorageError.tooLarge(rows: Int.max / 2, dimension: 3)) {
            _ = try VectorStoreWriter(rows: Int.max / 2, dimension: 3, precision: .float32, location: .memory)
        }
    }
}
