#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Decodes JSON Lines: one JSON object per `\n`-terminated line (a trailing `\r` is ignored);
/// lines holding only whitespace are skipped but still counted for line numbers.
///
/// A decoder keeps its rows between calls, so a file can be fed to it piece by piece (each piece ending
/// with a newline, or at the end of the file), then ``finish()`` returns them all.
struct JSONLinesDecoder {
    let fields: FieldMapping
    let path: String
    /// Distinct keys; text, label, annotators, split and compared labels read slot `slots[i]`.
    private var keys: [[UInt8]] = []
    private let slots: [Int]
    /// The vector field gets a slot of its own, read by the parser straight into `vectors.values`.
    private var vectorSlot: Int?
    private var vectors: VectorColumn
    private var columns = DatasetColumns()
    /// The input's size when known, to size the columns once.
    private let expectedBytes: Int

    /// A decoder for `fields`; `expectedBytes` (the file size, when known) sizes the columns.
    ///
    /// - Throws: when the vector field is also the text, label or annotators field.
    init(fields: FieldMapping, path: String, expectedBytes: Int) throws(DatasetIOError) {
        self.fields = fields
        self.path = path
        self.expectedBytes = expectedBytes
        var keys: [[UInt8]] = []
        slots = ([fields.text, fields.label, fields.annotators, fields.split] + fields.comparedLabels).map {
            name -> Int in
            let key = Array(name.utf8)
            if let existing = keys.firstIndex(of: key) { return existing }
            keys.append(key)
            return keys.count - 1
        }
        vectors = VectorColumn(field: fields.vectors ?? "", path: path)
        if let name = fields.vectors {
            let key = Array(name.utf8)
            if keys.contains(key) {
                throw DatasetIOError(
                    path: path, field: name,
                    reason: "the vector field must differ from the text, label and annotators fields")
            }
            keys.append(key)
            vectorSlot = keys.count - 1
        }
        self.keys = keys
        columns.comparedLabels = Array(repeating: [], count: fields.comparedLabels.count)
        // Rough guess (about 150 bytes per row) so most inputs never reallocate.
        columns.reserve(max(16, expectedBytes / 150))
    }

    /// Decodes the lines of `bytes[start...]` (UTF-8-validated), the first of which is line `firstLine` of the
    /// file; the bytes end with a newline or at the end of the file. Returns the number of the line after them.
    ///
    /// - Complexity: O(n) in the byte count.
    mutating func decodeLines(_ bytes: UnsafeBufferPointer<UInt8>, start: Int, firstLine: Int) throws(DatasetIOError)
        -> Int
    {
        guard let base = bytes.baseAddress else { return firstLine }
        var lineStart = start
        var line = firstLine
        let count = bytes.count
        while lineStart < count {
            var lineEnd = count
            var nextStart = count
            if let newline = memchr(base + lineStart, 0x0A, count - lineStart) {
                lineEnd = base.distance(to: newline.assumingMemoryBound(to: UInt8.self))
                nextStart = lineEnd + 1
            }
            defer {
                lineStart = nextStart
                line += 1
            }
            var contentEnd = lineEnd
            if contentEnd > lineStart && bytes[contentEnd - 1] == 0x0D { contentEnd -= 1 }
            if isBlank(bytes, from: lineStart, to: contentEnd) { continue }
            var parser = JSONParser(bytes: bytes, start: lineStart, end: contentEnd)
            let parsed: JSONParser.ObjectLine
            let numberArray: JSONParser.NumberArray?
            do {
                if vectorSlot != nil {
                    (parsed, numberArray) = try parser.parseObjectLine(
                        keys: keys, numberArraySlot: vectorSlot, numbers: &vectors.values)
                } else {
                    parsed = try parser.parseObjectLine(keys: keys)
                    numberArray = nil
                }
            } catch {
                throw DatasetIOError(
                    path: path, line: line, reason: "invalid json at column \(error.offset + 1): \(error.reason)")
            }
            switch parsed {
            case .notObject(let kind):
                throw DatasetIOError(path: path, line: line, reason: "expected a json object, found \(kind)")
            case .object(let values):
                let text = try FieldConversion.text(values[slots[0]], field: fields.text, path: path, line: line)
                let label = try FieldConversion.label(values[slots[1]], field: fields.label, path: path, line: line)
                let ratings = try FieldConversion.annotations(
                    values[slots[2]], field: fields.annotators, path: path, line: line)
                if vectorSlot != nil {
                    let remaining = max(expectedBytes, count) - lineStart
                    try vectors.finishRow(
                        numberArray, line: line, expectedRows: remaining / max(1, nextStart - lineStart))
                }
                for (index, field) in fields.comparedLabels.enumerated() {
                    columns.comparedLabels[index].append(
                        try FieldConversion.label(values[slots[4 + index]], field: field, path: path, line: line))
                }
                columns.splits.append(
                    try FieldConversion.label(values[slots[3]], field: fields.split, path: path, line: line))
                columns.append(text: text, label: label, annotations: ratings, line: line)
            }
        }
        return line
    }

    /// Every row decoded so far.
    func finish() -> DatasetColumns {
        var finished = columns
        if vectorSlot != nil { finished.vectors = vectors.vectors }
        return finished
    }

    private func isBlank(_ bytes: UnsafeBufferPointer<UInt8>, from: Int, to: Int) -> Bool {
        var index = from
        while index < to {
            switch bytes[index] {
            case 0x20, 0x09, 0x0D: index += 1
            default: return false
            }
        }
        return true
    }
}
