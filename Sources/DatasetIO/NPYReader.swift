import VectorStorage

/// Reads a matrix of embedding vectors from a NumPy `.npy` file.
///
/// Accepted: format versions 1.0, 2.0 and 3.0; dtype `<f4` or `<f8` (little-endian float32 or float64);
/// `fortran_order: False`; a 2-D shape `(N, d)` with `N ≥ 1` and `d ≥ 1`. Float64 values are rounded to
/// the nearest Float32. Every value must be finite (and, for `<f8`, within Float32's range).
///
/// The header is a Python dict literal; it is read by a small parser for exactly the three keys `descr`,
/// `fortran_order` and `shape`, in any order, with single- or double-quoted strings, optional spaces
/// and trailing commas — never evaluated.
///
/// Errors are `DatasetIOError`s without a line: `path: reason`, or `path: row R: reason` for a value
/// (rows and columns 1-based), for example `vectors.npy: unsupported dtype '>f4', expected '<f4' or '<f8'`
/// or `vectors.npy: row 17: column 3 is nan`.
public enum NPYReader {
    /// Bytes converted per read from a file: the file is never held whole, only the Float32 values.
    static let chunkSize = 8 << 20

    /// Reads the file at `path` (standard input for `-`), in chunks of 8 MiB, into a float32 store at
    /// `location` (a mapped scratch file keeps the vectors out of the heap).
    ///
    /// - Complexity: O(N·d) time; memory the Float32 values plus one chunk.
    public static func read(path: String, location: VectorLocation = .memory) throws(DatasetIOError)
        -> DatasetVectors
    {
        try read(path: path, chunkSize: chunkSize, location: location)
    }

    /// As ``read(path:location:)``, converting about `chunkSize` bytes per read (tests use small ones).
    static func read(path: String, chunkSize: Int, location: VectorLocation = .memory) throws(DatasetIOError)
        -> DatasetVectors
    {
        if path == FileInput.standardInputPath { return try read(bytes: FileInput.readAll(path: path), path: path) }
        let file = try FileInput.Chunks(path: path)
        // The fixed part (magic, version, header length), then the header itself.
        var prefix = try file.read(upTo: 8)
        let lengthSize = try layoutLengthSize(prefix, path: path)
        prefix += try file.read(upTo: lengthSize)
        var headerLength = 0
        if prefix.count >= 8 + lengthSize {
            for offset in (0..<lengthSize).reversed() { headerLength = headerLength << 8 | Int(prefix[8 + offset]) }
        }
        let dataStart = 8 + lengthSize + headerLength
        if prefix.count < dataStart { prefix += try file.read(upTo: dataStart - prefix.count) }
        let layout = try self.layout(prefix, available: file.size - prefix.count, path: path)
        var writer: VectorStoreWriter
        do {
            writer = try VectorStoreWriter(
                rows: layout.rows, dimension: layout.dimension, precision: .float32, location: location)
        } catch {
            throw DatasetIOError(path: path, reason: "\(error)")
        }
        // Whole rows per read, so each chunk is appended to the store as it comes.
        let rowsPerChunk = max(1, chunkSize / (layout.elementSize * layout.dimension))
        var chunk = [Float](repeating: 0, count: rowsPerChunk * layout.dimension)
        var converted = 0
        while converted < layout.count {
            let bytes = try file.read(
                upTo: min(rowsPerChunk * layout.dimension, layout.count - converted) * layout.elementSize)
            let elements = bytes.count / layout.elementSize
            guard !bytes.isEmpty, bytes.count % layout.elementSize == 0, elements % layout.dimension == 0 else { break }
            let bad = bytes.withUnsafeBytes { raw in
                chunk.withUnsafeMutableBufferPointer { output in
                    convert(raw, elementSize: layout.elementSize, into: output, from: 0)
                }
            }
            if let bad { throw failure((converted + bad.index, bad.reason), dimension: layout.dimension, path: path) }
            chunk.withUnsafeBufferPointer { writer.append(rows: UnsafeBufferPointer(rebasing: $0[0..<elements])) }
            writer.releaseWrittenPages()
            converted += elements
        }
        guard converted == layout.count, try file.read(upTo: 1).isEmpty else {
            throw DatasetIOError(path: path, reason: "the file changed while it was read")
        }
        return DatasetVectors(store: writer.finish())
    }

    /// Reads `.npy` bytes already in memory; `path` is used in error messages.
    ///
    /// - Complexity: O(N·d) time.
    public static func read(bytes: [UInt8], path: String) throws(DatasetIOError) -> DatasetVectors {
        let lengthSize = try layoutLengthSize(bytes, path: path)
        var headerLength = 0
        if bytes.count >= 8 + lengthSize {
            for offset in (0..<lengthSize).reversed() { headerLength = headerLength << 8 | Int(bytes[8 + offset]) }
        }
        let dataStart = min(bytes.count, 8 + lengthSize + headerLength)
        let layout = try self.layout(Array(bytes[0..<dataStart]), available: bytes.count - dataStart, path: path)
        var values = [Float](repeating: 0, count: layout.count)
        let bad = bytes.withUnsafeBytes { raw in
            values.withUnsafeMutableBufferPointer { output in
                convert(
                    UnsafeRawBufferPointer(rebasing: raw[dataStart...]), elementSize: layout.elementSize, into: output,
                    from: 0)
            }
        }
        if let bad { throw failure(bad, dimension: layout.dimension, path: path) }
        return DatasetVectors(dimension: layout.dimension, values: values)
    }

    /// What the header says: the element size and the shape.
    struct Layout {
        var elementSize: Int
        var rows: Int
        var dimension: Int
        var count: Int { rows * dimension }
    }

    /// The size of the header-length field for the format version of `bytes` (their first 8 bytes).
    private static func layoutLengthSize(_ bytes: [UInt8], path: String) throws(DatasetIOError) -> Int {
        let magic: [UInt8] = [0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59]  // \x93NUMPY
        guard bytes.count >= 8, Array(bytes[0..<6]) == magic else {
            throw DatasetIOError(path: path, reason: "not a .npy file (bad magic)")
        }
        switch (bytes[6], bytes[7]) {
        case (1, 0): return 2
        case (2, 0), (3, 0): return 4
        default:
            throw DatasetIOError(
                path: path, reason: "unsupported .npy version \(bytes[6]).\(bytes[7]), expected 1.0, 2.0 or 3.0")
        }
    }

    /// Checks the header (`prefix`: the bytes up to the data, or fewer when the file ends inside the header)
    /// against the `available` bytes of data after it.
    private static func layout(_ prefix: [UInt8], available: Int, path: String) throws(DatasetIOError) -> Layout {
        func failure(_ reason: String) -> DatasetIOError { DatasetIOError(path: path, reason: reason) }
        let lengthSize = try layoutLengthSize(prefix, path: path)
        guard prefix.count >= 8 + lengthSize else { throw failure("malformed header: the file ends inside it") }
        var headerLength = 0
        for offset in (0..<lengthSize).reversed() { headerLength = headerLength << 8 | Int(prefix[8 + offset]) }
        let headerStart = 8 + lengthSize
        guard headerLength <= prefix.count - headerStart else {
            throw failure("malformed header: the file ends inside it")
        }
        let dataStart = headerStart + headerLength
        var parser = NPYHeaderParser(bytes: prefix[headerStart..<dataStart])
        let header: NPYHeader
        do throws(NPYHeaderParser.Failure) {
            header = try parser.parse()
        } catch {
            throw failure("malformed header: \(error.reason)")
        }
        let elementSize: Int
        switch header.descr {
        case "<f4": elementSize = 4
        case "<f8": elementSize = 8
        default: throw failure("unsupported dtype '\(header.descr)', expected '<f4' or '<f8'")
        }
        if header.fortranOrder {
            throw failure("fortran-order arrays are not supported, save with fortran_order=False")
        }
        let shapeText = NPYHeader.describe(shape: header.shape)
        guard header.shape.count == 2 else {
            throw failure("expected a 2-d array (rows, dimension), found shape \(shapeText)")
        }
        let rows = header.shape[0]
        let dimension = header.shape[1]
        guard rows >= 1 && dimension >= 1 else {
            throw failure("expected at least one row and one column, found shape \(shapeText)")
        }
        let (count, countOverflow) = rows.multipliedReportingOverflow(by: dimension)
        let (needed, bytesOverflow) = count.multipliedReportingOverflow(by: elementSize)
        guard !countOverflow, !bytesOverflow else { throw failure("shape \(shapeText) is too large") }
        guard needed == available else {
            let comparison = available < needed ? "shorter" : "longer"
            throw failure(
                "data is \(comparison) than shape \(shapeText) of \(header.descr) needs: \(available) bytes instead of \(needed)"
            )
        }
        return Layout(elementSize: elementSize, rows: rows, dimension: dimension)
    }

    /// Converts the little-endian elements of `raw` into `output` from element `first` on; the first value
    /// that is not a finite Float32 stops it: (its element index, why).
    private static func convert(
        _ raw: UnsafeRawBufferPointer, elementSize: Int, into output: UnsafeMutableBufferPointer<Float>, from first: Int
    ) -> (index: Int, reason: String)? {
        let count = raw.count / elementSize
        if elementSize == 4 {
            for index in 0..<count {
                let value = Float(
                    bitPattern: UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: 4 * index, as: UInt32.self)))
                if !value.isFinite { return (first + index, value.isNaN ? "is nan" : "is infinite") }
                output[first + index] = value
            }
        } else {
            for index in 0..<count {
                let wide = Double(
                    bitPattern: UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: 8 * index, as: UInt64.self)))
                let value = Float(wide)
                if !value.isFinite {
                    return (
                        first + index,
                        wide.isNaN ? "is nan" : wide.isInfinite ? "is infinite" : "is out of float32 range"
                    )
                }
                output[first + index] = value
            }
        }
        return nil
    }

    private static func failure(_ bad: (index: Int, reason: String), dimension: Int, path: String) -> DatasetIOError {
        DatasetIOError(
            path: path, reason: "row \(bad.index / dimension + 1): column \(bad.index % dimension + 1) \(bad.reason)")
    }
}

/// The three keys of a `.npy` header.
struct NPYHeader: Equatable {
    var descr: String
    var fortranOrder: Bool
    var shape: [Int]

    /// Python's spelling of a shape tuple: `()`, `(3,)`, `(3, 4)`.
    static func describe(shape: [Int]) -> String {
        shape.count == 1 ? "(\(shape[0]),)" : "(" + shape.map(String.init).joined(separator: ", ") + ")"
    }
}

/// A tolerant parser for the Python dict literal of a `.npy` header: `{'descr': '<f4', 'fortran_order':
/// False, 'shape': (3, 4), }` padded with spaces and a final newline. Each key exactly once, no others.
struct NPYHeaderParser {
    struct Failure: Error {
        var reason: String
    }

    private let bytes: ArraySlice<UInt8>
    private var index: Int

    init(bytes: ArraySlice<UInt8>) {
        self.bytes = bytes
        self.index = bytes.startIndex
    }

    /// - Complexity: O(header length).
    mutating func parse() throws(Failure) -> NPYHeader {
        skipSpace()
        try expect(UInt8(ascii: "{"), "expected '{'")
        var descr: String?
        var fortranOrder: Bool?
        var shape: [Int]?
        while true {
            skipSpace()
            if peek() == UInt8(ascii: "}") {
                index += 1
                break
            }
            let key = try string()
            skipSpace()
            try expect(UInt8(ascii: ":"), "expected ':' after '\(key)'")
            skipSpace()
            switch key {
            case "descr":
                guard descr == nil else { throw Failure(reason: "key 'descr' appears twice") }
                guard peek() == UInt8(ascii: "'") || peek() == UInt8(ascii: "\"") else {
                    throw Failure(reason: "'descr' must be a string (structured dtypes are not supported)")
                }
                descr = try string()
            case "fortran_order":
                guard fortranOrder == nil else { throw Failure(reason: "key 'fortran_order' appears twice") }
                fortranOrder = try boolean()
            case "shape":
                guard shape == nil else { throw Failure(reason: "key 'shape' appears twice") }
                shape = try tuple()
            default:
                throw Failure(reason: "unexpected key '\(key)'")
            }
            skipSpace()
            if peek() == UInt8(ascii: ",") {
                index += 1
                continue
            }
            try expect(UInt8(ascii: "}"), "expected ',' or '}'")
            break
        }
        skipSpace()
        guard index == bytes.endIndex else { throw Failure(reason: "unexpected text after the dict") }
        guard let descr else { throw Failure(reason: "missing key 'descr'") }
        guard let fortranOrder else { throw Failure(reason: "missing key 'fortran_order'") }
        guard let shape else { throw Failure(reason: "missing key 'shape'") }
        return NPYHeader(descr: descr, fortranOrder: fortranOrder, shape: shape)
    }

    private func peek() -> UInt8? { index < bytes.endIndex ? bytes[index] : nil }

    private mutating func skipSpace() {
        while let byte = peek(), byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D { index += 1 }
    }

    private mutating func expect(_ byte: UInt8, _ reason: String) throws(Failure) {
        guard peek() == byte else { throw Failure(reason: reason) }
        index += 1
    }

    /// A quoted string of printable ASCII without escapes.
    private mutating func string() throws(Failure) -> String {
        guard let quote = peek(), quote == UInt8(ascii: "'") || quote == UInt8(ascii: "\"") else {
            throw Failure(reason: "expected a quoted key")
        }
        index += 1
        let contentStart = index
        while let byte = peek(), byte != quote {
            guard byte >= 0x20 && byte < 0x7F && byte != UInt8(ascii: "\\") else {
                throw Failure(reason: "unsupported character in a string")
            }
            index += 1
        }
        guard peek() == quote else { throw Failure(reason: "unterminated string") }
        let text = String(decoding: bytes[contentStart..<index], as: UTF8.self)
        index += 1
        return text
    }

    private mutating func boolean() throws(Failure) -> Bool {
        for (word, value) in [("True", true), ("False", false)] {
            let utf8 = Array(word.utf8)
            if bytes.endIndex - index >= utf8.count && bytes[index..<(index + utf8.count)].elementsEqual(utf8) {
                index += utf8.count
                return value
            }
        }
        throw Failure(reason: "'fortran_order' must be True or False")
    }

    /// A tuple of non-negative integers: `()`, `(3,)`, `(3, 4)`, `(3, 4,)`.
    private mutating func tuple() throws(Failure) -> [Int] {
        try expect(UInt8(ascii: "("), "'shape' must be a tuple of integers")
        var values: [Int] = []
        while true {
            skipSpace()
            if peek() == UInt8(ascii: ")") {
                index += 1
                return values
            }
            guard let first = peek(), first >= UInt8(ascii: "0") && first <= UInt8(ascii: "9") else {
                throw Failure(reason: "'shape' must be a tuple of integers")
            }
            var value = 0
            while let byte = peek(), byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") {
                let (times, overflow1) = value.multipliedReportingOverflow(by: 10)
                let (sum, overflow2) = times.addingReportingOverflow(Int(byte - UInt8(ascii: "0")))
                guard !overflow1 && !overflow2 else { throw Failure(reason: "a 'shape' dimension is too large") }
                value = sum
                index += 1
            }
            values.append(value)
            skipSpace()
            if peek() == UInt8(ascii: ",") {
                index += 1
                continue
            }
            try expect(UInt8(ascii: ")"), "'shape' must be a tuple of integers")
            return values
        }
    }
}
