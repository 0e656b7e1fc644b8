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
///   for example `["1","0",null]`, read with the same rules as in JSON Lines;
/// - when a vector field is mapped, its column must be present and every row's cell must hold a JSON array
///   of numbers, for example `"[0.1,-2e-3,4]"`, with the same rules as in JSON Lines (an empty cell is
///   an error: `expected a non-empty array of numbers, found an empty cell`).
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
        var vectorsColumn: Int?
        var vectors = VectorColumn(field: fields.vectors ?? "", path: path)
        if let name = fields.vectors {
            guard let column = names.firstIndex(of: name) else {
                throw DatasetIOError(
                    path: path, line: header.line, field: name, reason: "column not found in the header")
            }
            vectorsColumn = column
        }

        var columns = DatasetColumns()
        columns.reserve(max(16, (bytes.count - start) / 150))
        let comparedColumns = fields.comparedLabels.map { names.firstIndex(of: $0) }
        let splitColumn = names.firstIndex(of: fields.split)
        columns.comparedLabels = Array(repeating: [], count: comparedColumns.count)
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
            if let vectorsColumn {
                let cell = record.fields[vectorsColumn]
                // The first row's cell length sizes the buffer (rows are mostly vector bytes).
                let expectedRows = bytes.count / max(1, cell.utf8.count + 2)
                try vector(cell, line: record.line, into: &vectors, expectedRows: expectedRows)
            }
            for (index, column) in comparedColumns.enumerated() {
                let cell = column.map { record.fields[$0] } ?? ""
                columns.comparedLabels[index].append(cell.isEmpty ? nil : cell)
            }
            let split = splitColumn.map { record.fields[$0] } ?? ""
            columns.splits.append(split.isEmpty ? nil : split)
            columns.append(text: text, label: label, annotations: ratings, line: record.line)
        }
        if columns.texts.isEmpty {
            throw DatasetIOError(path: path, reason: "no rows after the header")
        }
        if vectorsColumn != nil { columns.vectors = vectors.vectors }
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

    /// Parses a vector cell (a JSON array of numbers) and appends its numbers to `vectors`.
    private func vector(_ cell: String, line: Int, into vectors: inout VectorColumn, expectedRows: Int)
        throws(DatasetIOError)
    {
        if cell.isEmpty {
            throw vectors.failure(line, "expected a non-empty array of numbers, found an empty cell")
        }
        var cell = cell
        let parsed: Result<JSONParser.NumberArray, JSONSyntaxError> = cell.withUTF8 { buffer in
            var parser = JSONParser(bytes: buffer, start: 0, end: buffer.count)
            do throws(JSONSyntaxError) {
                return .success(try parser.parseNumberArrayDocument(into: &vectors.values))
            } catch {
                return .failure(error)
            }
        }
        switch parsed {
        case .success(let numbers):
            try vectors.finishRow(numbers, line: line, expectedRows: expectedRows)
        case .failure(let error):
            throw vectors.failure(line, "invalid json in the cell at column \(error.offset + 1): \(error.reason)")
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
