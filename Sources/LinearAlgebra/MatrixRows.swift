import VectorStorage

/// Consecutive rows of a matrix or of a ``VectorStore``, read in place: a view that shares their storage.
///
/// One audit holds every dataset's vectors in one store; each dataset is a range of its rows, so
/// searches, projections and Gram matrices read a dataset without copying it.
public struct MatrixRows: Sendable {
    /// What the rows are read from.
    private enum Source: Sendable {
        case matrix(Matrix)
        case store(VectorStore)
    }

    private let source: Source
    /// Which rows.
    public let range: Range<Int>
    /// Number of columns.
    public let columns: Int

    /// The rows `range` of `matrix`.
    ///
    /// - Precondition: `range` lies within `0..<matrix.rows`.
    public init(_ matrix: Matrix, rows range: Range<Int>) {
        precondition(range.lowerBound >= 0 && range.upperBound <= matrix.rows, "rows out of range")
        source = .matrix(matrix)
        self.range = range
        columns = matrix.columns
    }

    /// Every row of `matrix`.
    public init(_ matrix: Matrix) {
        self.init(matrix, rows: 0..<matrix.rows)
    }

    /// The rows `range` of `store`.
    ///
    /// - Precondition: `range` lies within `0..<store.rows`.
    public init(_ store: VectorStore, rows range: Range<Int>) {
        precondition(range.lowerBound >= 0 && range.upperBound <= store.rows, "rows out of range")
        source = .store(store)
        self.range = range
        columns = store.dimension
    }

    /// Every row of `store`.
    public init(_ store: VectorStore) {
        self.init(store, rows: 0..<store.rows)
    }

    /// Number of rows.
    public var count: Int { range.count }

    /// Calls `body` with the rows' values, row-major (`count · columns` floats).
    ///
    /// Rows of a float16 store are decoded into a temporary float32 buffer first; readers of many rows
    /// should prefer ``forEachBlock(blockRows:_:)``.
    ///
    /// - Complexity: O(1), or O(count · columns) for a float16 store.
    public func withUnsafeBufferPointer<Result>(_ body: (UnsafeBufferPointer<Float>) throws -> Result) rethrows
        -> Result
    {
        switch source {
        case .matrix(let matrix):
            return try matrix.storage.withUnsafeBufferPointer { all in
                let start = range.lowerBound * columns
                return try body(UnsafeBufferPointer(rebasing: all[start..<(start + count * columns)]))
            }
        case .store(let store):
            return try store.withFloats(range, body)
        }
    }

    /// Calls `body` for consecutive blocks of at most `blockRows` rows, with each block's rows (0-based in
    /// this view) and values; only one block is ever decoded at a time.
    ///
    /// - Complexity: O(count · columns).
    public func forEachBlock(
        blockRows: Int, _ body: (Range<Int>, UnsafeBufferPointer<Float>) throws -> Void
    ) rethrows {
        precondition(blockRows >= 1, "blocks must hold at least one row")
        switch source {
        case .matrix:
            try withUnsafeBufferPointer { all in
                var start = 0
                while start < count {
                    let block = start..<min(count, start + blockRows)
                    try body(
                        block,
                        UnsafeBufferPointer(rebasing: all[(block.lowerBound * columns)..<(block.upperBound * columns)]))
                    start = block.upperBound
                }
            }
        case .store(let store):
            let offset = range.lowerBound
            try store.forEachBlock(range, blockRows: blockRows) { rows, values in
                try body((rows.lowerBound - offset)..<(rows.upperBound - offset), values)
            }
        }
    }

    /// The rows at `positions` (0-based within this view), in that order, as a new matrix.
    ///
    /// - Complexity: O(positions.count · columns).
    public func selecting(_ positions: [Int]) -> Matrix {
        let d = columns
        var values = [Float](repeating: 0, count: positions.count * d)
        switch source {
        case .matrix(let matrix):
            matrix.storage.withUnsafeBufferPointer { all in
                values.withUnsafeMutableBufferPointer { output in
                    for (index, position) in positions.enumerated() {
                        precondition(position >= 0 && position < count, "row out of range")
                        let from = (range.lowerBound + position) * d
                        for column in 0..<d { output[index * d + column] = all[from + column] }
                    }
                }
            }
        case .store(let store):
            values.withUnsafeMutableBufferPointer { output in
                if let base = output.baseAddress {
                    store.gather(
                        positions.lazy.map { position in
                            precondition(position >= 0 && position < count, "row out of range")
                            return range.lowerBound + position
                        }, into: base)
                }
            }
        }
        return Matrix(uncheckedRows: positions.count, columns: d, storage: values)
    }

    /// The rows at `positions` (0-based within this view), in that order, as rows of their own kept where this
    /// view's rows are: a matrix on the heap, or a new store at the same location (a mapped scratch file stays
    /// out of the heap), in float32 (what sweeps read in place) or, with `keepingPrecision`, at the store's
    /// precision (float16 rows round-trip exactly). Used to put rows in an order that sweeps read contiguously,
    /// and to give one label's rows a view of their own.
    ///
    /// - Throws: ``VectorStorage/VectorStorageError`` when the new store cannot be made.
    /// - Complexity: O(positions.count · columns).
    public func gathered(_ positions: [Int], keepingPrecision: Bool = false) throws(VectorStorageError) -> MatrixRows {
        guard case .store(let store) = source else { return MatrixRows(selecting(positions)) }
        var writer = try VectorStoreWriter(
            rows: positions.count, dimension: columns, precision: keepingPrecision ? store.precision : .float32,
            location: store.location)
        let blockRows = 1_024
        var block = [Float](repeating: 0, count: blockRows * columns)
        var start = 0
        while start < positions.count {
            let part = positions[start..<min(positions.count, start + blockRows)]
            block.withUnsafeMutableBufferPointer { output in
                guard let base = output.baseAddress else { return }
                store.gather(
                    part.lazy.map { position in
                        precondition(position >= 0 && position < count, "row out of range")
                        return range.lowerBound + position
                    }, into: base)
                writer.append(rows: UnsafeBufferPointer(rebasing: output[0..<(part.count * columns)]))
            }
            start += part.count
        }
        return MatrixRows(writer.finish())
    }

    /// A copy of the rows as a matrix of their own.
    ///
    /// - Complexity: O(count · columns); no copy when the view covers a whole matrix.
    public func materialized() -> Matrix {
        if case .matrix(let matrix) = source, range == 0..<matrix.rows { return matrix }
        return withUnsafeBufferPointer { Matrix(uncheckedRows: count, columns: columns, storage: Array($0)) }
    }

    /// Drops these rows from the resident set when they live in a mapped file (see
    /// ``VectorStore/releaseResidentPages(_:)``); values never change.
    public func releaseResidentPages() {
        if case .store(let store) = source { store.releaseResidentPages(range) }
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
