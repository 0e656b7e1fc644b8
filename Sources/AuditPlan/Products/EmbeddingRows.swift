import LinearAlgebra

/// The unit-length embeddings of a set of rows (a dataset, or one label's rows of it), as the embedding
/// metrics read them.
///
/// Rows whose vector is all zeros (an empty text under the built-in embedder, or a zero vector given
/// by the user) have no direction: they are left out of every embedding metric and counted in
/// ``zeroRows``.
public struct EmbeddingRows: Sendable {
    /// One unit-length row per row with a nonzero vector, in row order.
    public let unitRows: MatrixRows
    /// For each row of ``unitRows``, its position among the rows of the set (its dataset row for a whole
    /// dataset, its index in the label's row list for a label).
    public let positions: [Int]
    /// Number of rows whose vector is zero.
    public let zeroRows: Int

    /// For each row of the set, its row in ``unitRows``; −1 for a row with a zero vector.
    public let unitRowOf: [Int32]

    /// Rows over a view of the audit's embedding matrix.
    public init(unitRows: MatrixRows, positions: [Int], zeroRows: Int) {
        precondition(unitRows.count == positions.count, "one position per unit row")
        self.unitRows = unitRows
        self.positions = positions
        self.zeroRows = zeroRows
        var inverse = [Int32](repeating: -1, count: positions.count + zeroRows)
        for (index, position) in positions.enumerated() where position < inverse.count {
            inverse[position] = Int32(index)
        }
        unitRowOf = inverse
    }

    /// The unit rows of the set's rows `rows`, in that order, leaving out rows with a zero vector.
    public func unitRows(of rows: [Int]) -> [Int] {
        rows.compactMap { row in row < unitRowOf.count && unitRowOf[row] >= 0 ? Int(unitRowOf[row]) : nil }
    }

    /// Number of rows with a nonzero vector.
    public var count: Int { unitRows.count }

    /// Vector dimension.
    public var dimension: Int { unitRows.columns }

    /// The rows at set positions `rows` (positions of this set, e.g. one label's rows of a dataset),
    /// renumbered `0..<rows.count`, copied into rows of their own where the audit's vectors are (a mapped
    /// scratch file, at their precision; on the heap if that file cannot be made: the values are the same).
    ///
    /// - Complexity: O(rows.count · d).
    public func subset(_ rows: [Int]) -> EmbeddingRows {
        var chosen: [Int] = []
        var kept: [Int] = []
        for (newPosition, parent) in rows.enumerated() {
            guard parent < unitRowOf.count, unitRowOf[parent] >= 0 else { continue }
            chosen.append(Int(unitRowOf[parent]))
            kept.append(newPosition)
        }
        let copied = (try? unitRows.gathered(chosen, keepingPrecision: true)) ?? MatrixRows(unitRows.selecting(chosen))
        return EmbeddingRows(unitRows: copied, positions: kept, zeroRows: rows.count - kept.count)
    }
}
