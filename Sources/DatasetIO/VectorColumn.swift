/// Accumulates the vector field of each row while reading, checking the rules of `FieldMapping.vectors`:
/// present, a non-empty array of numbers, every number finite as Float32, every row as long as the first.
///
/// Error reasons (after `path:line: FIELD: `), element indices 0-based as in JSON:
/// `missing field`; `expected a non-empty array of numbers, found a string` (or `an empty array`, `null`…);
/// `element 2 must be a number, found a string`; `element 2 is out of float32 range`;
/// `expected 384 numbers as on line 1, found 383`.
struct VectorColumn {
    /// The mapped field name, for errors.
    let field: String
    /// The dataset's path, for errors.
    let path: String
    /// All rows' values so far, row-major; the parser appends each row straight into it.
    var values: [Float] = []
    /// The first row's length and line, once a row has been read.
    private(set) var dimension: Int?
    private var firstLine = 0

    init(field: String, path: String) {
        self.field = field
        self.path = path
    }

    /// Checks the row just parsed (`nil`: the field was absent); its numbers are already in `values`.
    /// `expectedRows` sizes the buffer once the dimension is known.
    ///
    /// - Complexity: O(1) amortised.
    mutating func finishRow(_ parsed: JSONParser.NumberArray?, line: Int, expectedRows: Int) throws(DatasetIOError) {
        guard let parsed else { throw failure(line, "missing field") }
        switch parsed {
        case .notArray(let kind):
            throw failure(line, "expected a non-empty array of numbers, found \(kind)")
        case .nonNumber(let element, let kind):
            throw failure(line, "element \(element) must be a number, found \(kind)")
        case .outOfRange(let element):
            throw failure(line, "element \(element) is out of float32 range")
        case .numbers(let count):
            if count == 0 { throw failure(line, "expected a non-empty array of numbers, found an empty array") }
            if let dimension {
                guard count == dimension else {
                    throw failure(line, "expected \(dimension) numbers as on line \(firstLine), found \(count)")
                }
            } else {
                dimension = count
                firstLine = line
                values.reserveCapacity(count * max(1, expectedRows))
            }
        }
    }

    /// The finished vectors, `nil` when no row was read.
    var vectors: DatasetVectors? {
        guard let dimension else { return nil }
        return DatasetVectors(dimension: dimension, values: values)
    }

    func failure(_ line: Int, _ reason: String) -> DatasetIOError {
        DatasetIOError(path: path, line: line, field: field, reason: reason)
    }
}
