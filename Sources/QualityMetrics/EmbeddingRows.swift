import LinearAlgebra

/// The unit-length embeddings of a set of rows, as the embedding metrics read them.
///
/// Rows whose vector is all zeros (an empty text under the built-in embedder, or a zero vector given
/// by the user) have no direction: they are left out of every embedding metric and counted in
/// ``zeroRows``.
struct EmbeddingRows: Sendable {
    /// One unit-length row per row with a nonzero vector, in row order.
    let unitRows: Matrix
    /// For each row of ``unitRows``, its position among the rows of the subset it was taken from.
    let positions: [Int]
    /// Number of rows whose vector is zero.
    let zeroRows: Int

    /// Normalises each row of `vectors` to unit length (norms computed in double precision).
    ///
    /// - Complexity: O(N · d).
    init(vectors: Matrix) {
        let d = vectors.columns
        var values: [Float] = []
        values.reserveCapacity(vectors.storage.count)
        var positions: [Int] = []
        positions.reserveCapacity(vectors.rows)
        vectors.storage.withUnsafeBufferPointer { all in
            for row in 0..<vectors.rows {
                let start = row * d
                var squares = 0.0
                for column in start..<(start + d) { squares += Double(all[column]) * Double(all[column]) }
                guard squares > 0, squares.isFinite else { continue }
                let scale = 1 / squares.squareRoot()
                for column in start..<(start + d) { values.append(Float(Double(all[column]) * scale)) }
                positions.append(row)
            }
        }
        self.init(
            unitRows: Matrix(unchecked: values, rows: positions.count, columns: d), positions: positions,
            zeroRows: vectors.rows - positions.count)
    }

    private init(unitRows: Matrix, positions: [Int], zeroRows: Int) {
        self.unitRows = unitRows
        self.positions = positions
        self.zeroRows = zeroRows
    }

    /// Number of rows with a nonzero vector.
    var count: Int { unitRows.rows }

    /// The rows at subset positions `rows` (positions of the parent subset), renumbered `0..<rows.count`.
    ///
    /// - Complexity: O(rows.count · d + parent rows).
    func subset(_ rows: [Int]) -> EmbeddingRows {
        var matrixRow = [Int](repeating: -1, count: (positions.last ?? -1) + 1)
        for (index, position) in positions.enumerated() { matrixRow[position] = index }
        let d = unitRows.columns
        var values: [Float] = []
        var kept: [Int] = []
        var zeros = 0
        for (newPosition, parent) in rows.enumerated() {
            guard parent < matrixRow.count, matrixRow[parent] >= 0 else {
                zeros += 1
                continue
            }
            let start = matrixRow[parent] * d
            values.append(contentsOf: unitRows.storage[start..<(start + d)])
            kept.append(newPosition)
        }
        return EmbeddingRows(
            unitRows: Matrix(unchecked: values, rows: kept.count, columns: d), positions: kept, zeroRows: zeros)
    }
}

extension Matrix {
    /// A matrix over `values`, whose count the caller guarantees is `rows · columns`.
    init(unchecked values: [Float], rows: Int, columns: Int) {
        do {
            self = try Matrix(rows: rows, columns: columns, storage: values)
        } catch {
            preconditionFailure("matrix storage does not match its shape: \(error)")
        }
    }
}
