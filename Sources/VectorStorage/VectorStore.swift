/// Fixed-length vectors stored once, row-major, in float32 or float16, on the heap or in a memory-mapped
/// scratch file (``VectorLocation``). Readers get float32 values: in place for float32, decoded into a
/// buffer of their own for float16, so a reader that walks blocks of rows (``forEachBlock(_:blockRows:_:)``)
/// never holds more than one block in float32.
///
/// A store is written once by a ``VectorStoreWriter`` and read-only afterwards; copies share the bytes.
public struct VectorStore: Sendable {
    /// The number of vectors.
    public let rows: Int
    /// The length of every vector.
    public let dimension: Int
    /// How components are kept.
    public let precision: VectorPrecision
    /// Where the bytes are.
    public let location: VectorLocation
    let buffer: ScratchBuffer

    /// Whether the bytes are in a mapped scratch file.
    public var isMapped: Bool { buffer.isMapped }

    /// Bytes of vector data (`rows · dimension · precision.byteWidth`).
    public var byteCount: Int { rows * dimension * precision.byteWidth }

    /// Float32 vectors on the heap, taken from flat row-major `values`.
    ///
    /// - Precondition: `dimension ≥ 1` and `values.count` is a multiple of it.
    /// - Complexity: O(values.count).
    public init(dimension: Int, values: [Float]) {
        precondition(dimension >= 1 && values.count % dimension == 0, "the values must fill whole rows")
        // On the heap, for values that already exist: neither the size nor the location can fail.
        let buffer = ScratchBuffer(heapBytes: values.count * MemoryLayout<Float>.stride)
        values.withUnsafeBufferPointer { source in
            if let start = source.baseAddress {
                buffer.base.assumingMemoryBound(to: Float.self).update(from: start, count: source.count)
            }
        }
        self.init(
            rows: values.count / dimension, dimension: dimension, precision: .float32, location: .memory,
            buffer: buffer)
    }

    init(rows: Int, dimension: Int, precision: VectorPrecision, location: VectorLocation, buffer: ScratchBuffer) {
        self.rows = rows
        self.dimension = dimension
        self.precision = precision
        self.location = location
        self.buffer = buffer
    }

    /// Calls `body` with the float32 values of `range`'s rows, row-major.
    ///
    /// Float32 stores pass their own bytes; float16 stores decode the rows into a temporary buffer of
    /// `range.count · dimension` floats (prefer ``forEachBlock(_:blockRows:_:)`` for many rows).
    ///
    /// - Precondition: `range` lies within `0..<rows`.
    /// - Complexity: O(1) for float32, O(range.count · dimension) for float16.
    public func withFloats<Result>(
        _ range: Range<Int>, _ body: (UnsafeBufferPointer<Float>) throws -> Result
    ) rethrows -> Result {
        precondition(range.lowerBound >= 0 && range.upperBound <= rows, "rows out of range")
        let count = range.count * dimension
        switch precision {
        case .float32:
            let start = buffer.base.assumingMemoryBound(to: Float.self) + range.lowerBound * dimension
            return try body(UnsafeBufferPointer(start: start, count: count))
        case .float16:
            let decoded = UnsafeMutablePointer<Float>.allocate(capacity: max(count, 1))
            defer { decoded.deallocate() }
            decode(range, into: decoded)
            return try body(UnsafeBufferPointer(start: decoded, count: count))
        }
    }

    /// Calls `body` for consecutive blocks of at most `blockRows` rows of `range`, with each block's rows and
    /// float32 values; a float16 store decodes each block into one reused buffer.
    ///
    /// - Complexity: O(range.count · dimension) for float16, O(range.count / blockRows) calls for float32.
    public func forEachBlock(
        _ range: Range<Int>, blockRows: Int, _ body: (Range<Int>, UnsafeBufferPointer<Float>) throws -> Void
    ) rethrows {
        precondition(blockRows >= 1, "blocks must hold at least one row")
        precondition(range.lowerBound >= 0 && range.upperBound <= rows, "rows out of range")
        let scratch: UnsafeMutablePointer<Float>? =
            precision == .float16 ? .allocate(capacity: max(1, min(blockRows, range.count) * dimension)) : nil
        defer { scratch?.deallocate() }
        var start = range.lowerBound
        while start < range.upperBound {
            let block = start..<min(range.upperBound, start + blockRows)
            if let scratch {
                decode(block, into: scratch)
                try body(block, UnsafeBufferPointer(start: scratch, count: block.count * dimension))
            } else {
                try withFloats(block) { try body(block, $0) }
            }
            start = block.upperBound
        }
    }

    /// Copies the float32 values of the rows at `positions`, in that order, into `output`
    /// (`positions.count · dimension` floats).
    ///
    /// - Complexity: O(positions.count · dimension).
    public func gather(_ positions: some Collection<Int>, into output: UnsafeMutablePointer<Float>) {
        let d = dimension
        var target = output
        for position in positions {
            precondition(position >= 0 && position < rows, "row out of range")
            switch precision {
            case .float32:
                target.update(from: buffer.base.assumingMemoryBound(to: Float.self) + position * d, count: d)
            case .float16:
                decode(position..<(position + 1), into: target)
            }
            target += d
        }
    }

    /// Drops `range`'s rows from the process's resident memory when the store is a mapped file (they are read
    /// back from the file on the next access); nothing happens on the heap. Values never change.
    ///
    /// - Complexity: O(pages).
    public func releaseResidentPages(_ range: Range<Int>) {
        let width = dimension * precision.byteWidth
        buffer.releaseResidentPages((range.lowerBound * width)..<(range.upperBound * width))
    }

    private func decode(_ range: Range<Int>, into output: UnsafeMutablePointer<Float>) {
        let source = buffer.base.assumingMemoryBound(to: UInt16.self) + range.lowerBound * dimension
        for index in 0..<(range.count * dimension) {
            output[index] = Float(Float16(bitPattern: source[index]))
        }
    }
}

extension VectorStore: Equatable {
    /// Same shape, precision and components (float32 values compared as numbers).
    public static func == (lhs: VectorStore, rhs: VectorStore) -> Bool {
        guard lhs.rows == rhs.rows, lhs.dimension == rhs.dimension, lhs.precision == rhs.precision else {
            return false
        }
        return lhs.withFloats(0..<lhs.rows) { a in rhs.withFloats(0..<rhs.rows) { b in a.elementsEqual(b) } }
    }
}

/// Writes the rows of a new ``VectorStore`` one after the other, converting float32 input to the store's
/// precision, then hands the store over with ``finish()``.
public struct VectorStoreWriter: ~Copyable {
    /// The most rows the store can hold.
    public let capacity: Int
    /// The length of every row.
    public let dimension: Int
    /// How the store keeps components.
    public let precision: VectorPrecision
    /// Where the store keeps its bytes.
    public let location: VectorLocation
    /// Rows written so far.
    public private(set) var rowCount = 0
    /// Rows before this one have been released by ``releaseWrittenPages()``.
    private var releasedRows = 0
    private let buffer: ScratchBuffer

    /// A writer for at most `rows` rows of `dimension` components.
    ///
    /// - Throws: ``VectorStorageError`` when the size overflows or the scratch file cannot be made.
    public init(rows: Int, dimension: Int, precision: VectorPrecision, location: VectorLocation)
        throws(VectorStorageError)
    {
        precondition(rows >= 0 && dimension >= 1, "a store needs a dimension")
        let (components, overflowA) = rows.multipliedReportingOverflow(by: dimension)
        let (bytes, overflowB) = components.multipliedReportingOverflow(by: precision.byteWidth)
        guard !overflowA, !overflowB, bytes < Int.max / 2 else {
            throw .tooLarge(rows: rows, dimension: dimension)
        }
        let buffer: ScratchBuffer
        switch location {
        case .memory: buffer = ScratchBuffer(heapBytes: bytes)
        case .mappedFile(let directory): buffer = try ScratchBuffer(mappedBytes: bytes, directory: directory)
        }
        self.init(capacity: rows, dimension: dimension, precision: precision, location: location, buffer: buffer)
    }

    private init(
        capacity: Int, dimension: Int, precision: VectorPrecision, location: VectorLocation, buffer: ScratchBuffer
    ) {
        self.capacity = capacity
        self.dimension = dimension
        self.precision = precision
        self.location = location
        self.buffer = buffer
    }

    /// Appends `values.count / dimension` rows (row-major float32).
    ///
    /// - Precondition: whole rows that fit in the capacity.
    /// - Complexity: O(values.count).
    public mutating func append(rows values: UnsafeBufferPointer<Float>) {
        precondition(values.count % dimension == 0, "whole rows only")
        let count = values.count / dimension
        precondition(rowCount + count <= capacity, "more rows than the store holds")
        let offset = rowCount * dimension
        switch precision {
        case .float32:
            let target = buffer.base.assumingMemoryBound(to: Float.self) + offset
            if let source = values.baseAddress { target.update(from: source, count: values.count) }
        case .float16:
            let target = buffer.base.assumingMemoryBound(to: UInt16.self) + offset
            for index in 0..<values.count { target[index] = Float16(values[index]).bitPattern }
        }
        rowCount += count
    }

    /// Drops the rows written since the last call from the resident set (a mapped store only; they stay in
    /// the file), so a writer of many rows holds about one block of them in memory at a time.
    ///
    /// - Complexity: O(pages released).
    public mutating func releaseWrittenPages() {
        let width = dimension * precision.byteWidth
        buffer.releaseResidentPages((releasedRows * width)..<(rowCount * width))
        releasedRows = rowCount
    }

    /// The finished store of the rows written (at most the capacity; a mapped file keeps its full size).
    public consuming func finish() -> VectorStore {
        VectorStore(rows: rowCount, dimension: dimension, precision: precision, location: location, buffer: buffer)
    }
}
