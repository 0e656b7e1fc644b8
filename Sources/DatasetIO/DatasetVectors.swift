/// One embedding vector per row, stored flat: `rows × dimension` Float32 values, row-major.
///
/// Vectors come from a mapped field of JSON Lines or CSV/TSV rows (`FieldMapping.vectors`) or from a
/// `.npy` file (`NPYReader`). Every value is finite.
public struct DatasetVectors: Sendable, Equatable {
    /// The length of every vector (at least 1).
    public let dimension: Int
    /// All values, row after row: row `i` is `values[i * dimension ..< (i + 1) * dimension]`.
    public let values: [Float]

    /// Creates vectors from flat row-major values.
    ///
    /// - Precondition: `dimension ≥ 1` and `values.count` is a multiple of `dimension` (programmer errors:
    ///   the readers check user data before they get here).
    /// - Complexity: O(1).
    public init(dimension: Int, values: [Float]) {
        precondition(dimension >= 1, "the dimension must be at least 1")
        precondition(values.count % dimension == 0, "the values must fill whole rows")
        self.dimension = dimension
        self.values = values
    }

    /// The number of vectors.
    ///
    /// - Complexity: O(1).
    public var rows: Int { values.count / dimension }

    /// The vector of row `i` (0-based), indexed as in `values`.
    ///
    /// - Precondition: `0 ≤ i < rows`.
    /// - Complexity: O(1).
    public func row(_ i: Int) -> ArraySlice<Float> {
        precondition(i >= 0 && i < rows, "row index out of range")
        return values[(i * dimension)..<((i + 1) * dimension)]
    }
}
