/// Decodes CSV or TSV with a header row into dataset columns.
///
/// Rules:
/// - the header names the columns; the text column must be present, the label and annotators columns are
///   optional; other columns are ignored;
/// - a non-empty column name that appears twice is an error (it would make the mapping ambiguous); empty
///   column names are allowed and ignored, because pandas writes its index column with an empty name;
/// - every row must have as many fields as the header;
/// - the text cell is taken as written (an empty cell is an empty text);
/// - the label cell is taken as written (no number normalisation: CSV cells are text); an empty cell means
///   no label;
/// - the annotators cell must be empty (no annotations) or a JSON array of strings, numbers or nulls,
///   for example `["1","0",null]`, read with the same rules as in JSON Lines.
struct DelimitedDecoder {
    var fields: FieldMapping
    var path: String
    var delimiter: UInt8

    /// Decodes `bytes[start...]` (already UTF-8-validated, BOM removed, not blank).
    ///
    /// - Complexity: O(n) in the byte count.
    func decode(_ bytes: UnsafeBufferPointer<UInt8>, start: Int) throws(DatasetIOError) -> DatasetColumns {
        var parser = DelimitedParser(bytes: bytes, start: start, delimiter: delimiter)
        guard let header = try next(&parser, names: []) else {
            throw DatasetIOError(path: path, reason: "file is empty")
        }
        let names = header.fields
        var seen = Set<String>()
        for name in names where !name.isEmpty {
            if !seen.insert(name).inserted {
                throw DatasetIOError(path: path, line: header.line, field: name, reason: "duplicate column name")
            }
        }
        guard let textColumn = names.firstIndex(of: fields.text) else {
            throw DatasetIOError(
                path: path, line: header.line, field: fields.text, reason: "column not found in the header")
        }
        let labelColumn = names.firstIndex(of: fields.label)
        let annotatorsColumn = names.firstIndex(of: fields.annotators)

        var columns = DatasetColumns()
        columns.reserve(max(16, (bytes.count - start) / 150))
        while let record = try next(&parser, names: names) {
            guard record.fields.count == names.count else {
                throw DatasetIOError(
                    path: path, line: record.line,
                    reason: "expected \(names.count) fields as in the header, found \(record.fields.count)")
            }
            let text = record.fields[textColumn]
            var label: String?
            if let labelColumn, !record.fields[labelColumn].isEmpty { label = record.fields[labelColumn] }
            var ratings: [String]?
            if let annotatorsColumn {
                ratings = try annotations(record.fields[annotatorsColumn], line: record.line)
            }
            columns.append(text: text, label: label, annotations: ratings, line: record.line)
        }
        if columns.texts.isEmpty {
            throw DatasetIOError(path: path, reason: "no rows after the header")
        }
        return columns
    }

    private func next(_ parser: inout DelimitedParser, names: [String]) throws(DatasetIOError)
        -> DelimitedParser.Record?
    {
        do {
            return try parser.nextRecord()
        } catch {
            let field = error.fieldIndex < names.count ? names[error.fieldIndex] : nil
            throw DatasetIOError(path: path, line: error.line, field: field, reason: error.reason)
        }
    }

    private func annotations(_ cell: String, line: Int) throws(DatasetIOError) -> [String]? {
        if cell.isEmpty { return nil }
        var utf8 = Array(cell.utf8)
        let value: JSONValue? = utf8.withUnsafeMutableBufferPointer { buffer in
            var parser = JSONParser(bytes: UnsafeBufferPointer(buffer), start: 0, end: buffer.count)
            return try? parser.parseDocument()
        }
        guard let value, case .array = value else {
            throw DatasetIOError(
                path: path, line: line, field: fields.annotators,
                reason: "expected empty or a json array of strings, numbers or nulls")
        }
        return try FieldConversion.annotations(value, field: fields.annotators, path: path, line: line)
    }
}
