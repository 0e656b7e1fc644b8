/// Consecutive rows of a matrix, read in place: a view that shares the matrix's storage.
///
/// One audit holds every dataset's vectors in one matrix; each dataset is a range of its rows, so
/// searches, projections and Gram matrices read a dataset without copying it.
public struct MatrixRows: Sendable {
    /// The matrix the rows belong to.
    public let matrix: Matrix
    /// Which rows.
    public let range: Range<Int>

    /// The rows `range` of `matrix`.
    ///
    /// - Precondition: `range` lies within `0..<matrix.rows`.
    public init(_ matrix: Matrix, rows range: Range<Int>) {
        precondition(range.lowerBound >= 0 && range.upperBound <= matrix.rows, "rows out of range")
        self.matrix = matrix
        self.range = range
    }

    /// Every row of `matrix`.
    public init(_ matrix: Matrix) {
        self.init(matrix, rows: 0..<matrix.rows)
    }

    /// Number of rows.
    public var count: Int { range.count }

    /// Number of columns.
    public var columns: Int { matrix.columns }

    /// Calls `body` with the rows' values, row-major (`count · columns` floats).
    public func withUnsafeBufferPointer<Result>(_ body: (UnsafeBufferPointer<Float>) throws -> Result) rethrows
        -> Result
    {
        try matrix.storage.withUnsafeBufferPointer { all in
            let start = range.lowerBound * columns
            return try body(UnsafeBufferPointer(rebasing: all[start..<(start + count * columns)]))
        }
    }

    /// The rows at `positions` (0-based within this view), in that order, as a new matrix.
    ///
    /// - Complexity: O(positions.count · columns).
    public func selecting(_ positions: [Int]) -> Matrix {
        let d = columns
        var values: [Float] = []
        values.reserveCapacity(positions.count * d)
        withUnsafeBufferPointer { rows in
            for position in positions {
                precondition(position >= 0 && position < count, "row out of range")
                values.append(contentsOf: rows[(position * d)..<((position + 1) * d)])
            }
        }
        return Matrix(uncheckedRows: positions.count, columns: d, storage: values)
    }

    /// A copy of the rows as a matrix of their own.
    ///
    /// - Complexity: O(count · columns); no copy when the view covers the whole matrix.
    public func materialized() -> Matrix {
        if range == 0..<matrix.rows { return matrix }
        return withUnsafeBufferPointer { Matrix(uncheckedRows: count, columns: columns, storage: Array($0)) }
    }
}

extension Matrix {
    /// A matrix over `storage`, whose count the caller guarantees is `rows · columns` (a programmer error
    /// otherwise).
    package init(uncheckedRows rows: Int, columns: Int, storage: [Float]) {
        precondition(rows >= 0 && columns >= 0 && storage.count == rows * columns, "storage does not fit the shape")
        self.rows = rows
        self.columns = columns
        self.storage = storage
    }
}
