import Crypto

/// Reads datasets from JSON Lines, CSV and TSV files or standard input.
///
/// Input rules:
/// - UTF-8 only (checked strictly; the first bad byte is reported as `invalid utf-8 at column C`), a
///   leading byte-order mark is dropped, `\r\n` line endings are accepted; columns count bytes from 1;
/// - an input that is empty or holds only whitespace (after the byte-order mark) is an error;
/// - JSON Lines: one JSON object per line, blank lines skipped (but counted for line numbers), extra keys
///   ignored, the last of duplicate keys wins; the text must be a string (empty allowed); the label a
///   string, a number or `null`; the annotators an array of strings, numbers and nulls (nulls are missing
///   ratings and are dropped) or `null`. Numbers become strings as described in `JSONNumberFormatting`:
///   integers as written (`1`), whole floats as integers (`1.0` → `1`), other floats in their shortest
///   round-trip form (`0.50` → `0.5`);
/// - CSV and TSV: a header row and RFC 4180 quoting (see `DelimitedParser`, `DelimitedDecoder`); `\r\n`
///   inside a quoted field becomes `\n`; a stray `"` inside an unquoted field is kept literally; the
///   annotators cell is empty or a JSON array;
/// - vectors (only when `FieldMapping.vectors` names a field): every row must have it, a non-empty JSON
///   array of numbers (in CSV/TSV a cell holding one), each converted to the nearest Float32 and finite
///   there, every row as long as the first; they land in `Dataset.vectors`. Errors name the element,
///   0-based as in JSON (`element 2 must be a number, found a string`, `element 2 is out of float32
///   range`) or the first row's length (`expected 384 numbers as on line 1, found 383`).
///
/// Errors are `DatasetIOError`s whose description reads `path:line: field: reason`.
public struct DatasetReader: Sendable {
    /// Which fields hold text, label and annotations.
    public var fields: FieldMapping

    /// Creates a reader.
    public init(fields: FieldMapping = FieldMapping()) {
        self.fields = fields
    }

    /// Bytes read per piece of a JSON Lines input.
    static let chunkSize = 8 << 20

    /// Reads a whole dataset from its file, or from standard input when the path is `-`.
    ///
    /// The format is `source.format`, else the one implied by the extension, else JSON Lines. JSON Lines are
    /// read in pieces of 8 MiB (whole lines each), so the file's bytes are never held whole, only its rows;
    /// CSV and TSV, whose quoted fields may span lines, are read whole.
    ///
    /// - Complexity: O(n) time in the input size; memory the rows plus one piece (JSON Lines) or about
    ///   twice the input (CSV, TSV).
    public func read(_ source: DatasetSource, role: DatasetRole) throws(DatasetIOError) -> Dataset {
        if source.resolvedFormat == .jsonLines {
            return try readJSONLines(source, role: role, chunkSize: Self.chunkSize)
        }
        let bytes = try FileInput.readAll(path: source.path)
        return try read(bytes: bytes, name: source.name, path: source.path, format: source.resolvedFormat, role: role)
    }

    /// Reads JSON Lines piece by piece: each piece of about `chunkSize` bytes is cut after its last newline
    /// (a longer line waits for the next piece), checked as UTF-8 and decoded; the rest starts the next piece.
    /// The SHA-256 is taken over the pieces as they are read. Errors and rows are those of
    /// ``read(bytes:name:path:format:role:)`` on the whole file.
    func readJSONLines(_ source: DatasetSource, role: DatasetRole, chunkSize: Int) throws(DatasetIOError) -> Dataset {
        let path = source.path
        let file = try FileInput.Chunks(path: path)
        var hasher = SHA256()
        var decoder = try JSONLinesDecoder(fields: fields, path: path, expectedBytes: file.size)
        var pending: [UInt8] = []
        var line = 1
        var beforeFirstPiece = true
        var sawContent = false
        while true {
            let piece = try file.read(upTo: chunkSize)
            hasher.update(data: piece)
            let atEnd = piece.count < chunkSize
            pending += piece
            if beforeFirstPiece && pending.count < 3 && !atEnd { continue }  // room to see a byte-order mark
            var cut = pending.count
            if !atEnd {
                guard let newline = pending.lastIndex(of: 0x0A) else { continue }
                cut = newline + 1
            }
            let start = beforeFirstPiece && pending.count >= 3 && Self.hasByteOrderMark(pending) ? 3 : 0
            beforeFirstPiece = false
            line = try pending.withUnsafeBufferPointer { all throws(DatasetIOError) -> Int in
                let lines = UnsafeBufferPointer(rebasing: all[0..<cut])
                let content = UnsafeBufferPointer(rebasing: lines[start...])
                if let bad = UTF8Validation.firstInvalidOffset(in: content) {
                    let (offsetLine, column) = Self.position(of: start + bad, in: lines, start: start)
                    throw DatasetIOError(
                        path: path, line: line + offsetLine - 1, reason: "invalid utf-8 at column \(column)")
                }
                if !sawContent { sawContent = !Self.isWhitespace(content) }
                return try decoder.decodeLines(lines, start: start, firstLine: line)
            }
            if atEnd { break }
            pending = Array(pending[cut...])
        }
        guard sawContent else { throw DatasetIOError(path: path, reason: "file is empty") }
        var dataset = decoder.finish().dataset(name: source.name, role: role, path: path)
        dataset.sha256 = Self.hex(hasher.finalize())
        return dataset
    }

    /// Reads a whole dataset from bytes already in memory (tests, network sources).
    ///
    /// - Parameters:
    ///   - bytes: the raw file content.
    ///   - name: the dataset's display name.
    ///   - path: the path used in error messages and stored in the dataset.
    ///   - format: how to parse the bytes.
    ///   - role: real reference or synthetic candidate.
    /// - Returns: the dataset's rows, with `name`, `path`, `role` and the SHA-256 of `bytes`.
    /// - Throws: ``DatasetIOError`` naming `path` when the bytes are not UTF-8, are empty or only whitespace,
    ///   or do not parse as `format` under the input rules of ``DatasetReader``.
    /// - Complexity: O(n) time in `bytes.count`.
    public func read(
        bytes: [UInt8], name: String, path: String, format: DatasetFormat, role: DatasetRole
    ) throws(DatasetIOError) -> Dataset {
        let columns = try bytes.withUnsafeBufferPointer { buffer throws(DatasetIOError) -> DatasetColumns in
            try decode(buffer, path: path, format: format)
        }
        var dataset = columns.dataset(name: name, role: role, path: path)
        dataset.sha256 = Self.hex(SHA256.hash(data: bytes))
        return dataset
    }

    /// 64 lowercase hex digits.
    private static func hex(_ digest: SHA256.Digest) -> String {
        digest.map { byte in
            let hex = String(byte, radix: 16)
            return byte < 16 ? "0" + hex : hex
        }.joined()
    }

    private static func isWhitespace(_ content: UnsafeBufferPointer<UInt8>) -> Bool {
        content.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }
    }

    private func decode(_ buffer: UnsafeBufferPointer<UInt8>, path: String, format: DatasetFormat)
        throws(DatasetIOError) -> DatasetColumns
    {
        let start = Self.hasByteOrderMark(buffer) ? 3 : 0
        let content = UnsafeBufferPointer(rebasing: buffer[start...])
        if let bad = UTF8Validation.firstInvalidOffset(in: content) {
            let (line, column) = Self.position(of: start + bad, in: buffer, start: start)
            throw DatasetIOError(path: path, line: line, reason: "invalid utf-8 at column \(column)")
        }
        if Self.isWhitespace(content) {
            throw DatasetIOError(path: path, reason: "file is empty")
        }
        switch format {
        case .jsonLines:
            var decoder = try JSONLinesDecoder(fields: fields, path: path, expectedBytes: content.count)
            _ = try decoder.decodeLines(buffer, start: start, firstLine: 1)
            return decoder.finish()
        case .csv:
            return try DelimitedDecoder(fields: fields, path: path, delimiter: UInt8(ascii: ",")).decode(
                buffer, start: start)
        case .tsv:
            return try DelimitedDecoder(fields: fields, path: path, delimiter: 0x09).decode(buffer, start: start)
        }
    }

    private static func hasByteOrderMark(_ buffer: some RandomAccessCollection<UInt8>) -> Bool {
        Array(buffer.prefix(3)) == [0xEF, 0xBB, 0xBF]
    }

    /// The 1-based line and byte column of `offset`, counting from `start`.
    private static func position(of offset: Int, in buffer: UnsafeBufferPointer<UInt8>, start: Int) -> (Int, Int) {
        var line = 1
        var lineStart = start
        var index = start
        while index < offset {
            if buffer[index] == 0x0A {
                line += 1
                lineStart = index + 1
            }
            index += 1
        }
        return (line, offset - lineStart + 1)
    }
}
