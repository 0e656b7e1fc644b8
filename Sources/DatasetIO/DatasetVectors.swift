import VectorStorage

/// One embedding vector per row, stored once in a ``VectorStore`` (float32, on the heap or in a memory-mapped
/// scratch file).
///
/// Vectors come from a mapped field of JSON Lines or CSV/TSV rows (`FieldMapping.vectors`) or from a
/// `.npy` file (`NPYReader`). Every value is finite.
public struct DatasetVectors: Sendable, Equatable {
    /// The vectors, row-major.
    public let store: VectorStore

    /// Creates vectors from flat row-major values, on the heap.
    ///
    /// - Precondition: `dimension ≥ 1` and `values.count` is a multiple of `dimension` (programmer errors:
    ///   the readers check user data before they get here).
    /// - Complexity: O(values.count).
    public init(dimension: Int, values: [Float]) {
        precondition(dimension >= 1, "the dimension must be at least 1")
        precondition(values.count % dimension == 0, "the values must fill whole rows")
        store = VectorStore(dimension: dimension, values: values)
    }

    /// Vectors over a store already written.
    ///
    /// - Complexity: O(1).
    public init(store: VectorStore) {
        self.store = store
    }

    /// The length of every vector (at least 1).
    public var dimension: Int { store.dimension }

    /// The number of vectors.
    ///
    /// - Complexity: O(1).
    public var rows: Int { store.rows }

    /// A copy of all values, row after row: row `i` is `values[i * dimension ..< (i + 1) * dimension]`.
    ///
    /// - Complexity: O(rows · dimension).
    public var values: [Float] { store.withFloats(0..<store.rows) { Array($0) } }

    /// A copy of the vector of row `i` (0-based).
    ///
    /// - Precondition: `0 ≤ i < rows`.
    /// - Complexity: O(dimension).
    public func row(_ i: Int) -> [Float] {
        precondition(i >= 0 && i < rows, "row index out of range")
        return store.withFloats(i..<(i + 1)) { Array($0) }
    }
}
