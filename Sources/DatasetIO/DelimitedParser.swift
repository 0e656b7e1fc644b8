/// Splits CSV or TSV bytes into records with RFC 4180 quoting.
///
/// Rules:
/// - records end at `\n` or `\r\n` outside quotes; a record's line is the line of its first byte;
/// - empty lines between records are skipped (as Python's `csv.DictReader` does);
/// - a field that starts with `"` is quoted: it may hold delimiters, newlines and `""` (one quote), and
///   `\r\n` inside it is normalised to `\n`; after the closing quote only a delimiter or the end of the
///   record may follow;
/// - a `"` inside an unquoted field is kept as a literal character (lenient, like Python's `csv`);
/// - a quoted field still open at the end of the input is an error naming the line where it started.
struct DelimitedParser {
    /// One record: its fields and the line it starts on.
    struct Record {
        var fields: [String]
        var line: Int
    }

    /// A syntax error; `fieldIndex` is the 0-based column position.
    struct SyntaxError: Error {
        var line: Int
        var fieldIndex: Int
        var reason: String
    }

    private let bytes: UnsafeBufferPointer<UInt8>
    private let delimiter: UInt8
    private var index: Int
    private var line = 1
    private var scratch: [UInt8] = []

    private static let quote = UInt8(ascii: "\"")
    private static let newline: UInt8 = 0x0A
    private static let carriageReturn: UInt8 = 0x0D

    /// Creates a parser over `bytes[start...]`; `start` is where line 1 begins.
    init(bytes: UnsafeBufferPointer<UInt8>, start: Int, delimiter: UInt8) {
        self.bytes = bytes
        self.index = start
        self.delimiter = delimiter
    }

    /// The next record, or `nil` at the end of the input.
    ///
    /// - Complexity: O(record length).
    mutating func nextRecord() throws(SyntaxError) -> Record? {
        skipEmptyLines()
        guard index < bytes.count else { return nil }
        let recordLine = line
        var fields: [String] = []
        while true {
            fields.append(try parseField(position: fields.count))
            guard index < bytes.count else { break }
            let byte = bytes[index]
            if byte == delimiter {
                index += 1
                if index >= bytes.count {
                    fields.append("")
                    break
                }
                continue
            }
            // parseField stops only at a delimiter, a record end, or the input end.
            index = min(index + (byte == Self.carriageReturn ? 2 : 1), bytes.count)
            line += 1
            break
        }
        return Record(fields: fields, line: recordLine)
    }

    private mutating func skipEmptyLines() {
        while index < bytes.count {
            if bytes[index] == Self.newline {
                index += 1
                line += 1
            } else if bytes[index] == Self.carriageReturn && isRecordEnd(at: index) {
                index += 1
                if index < bytes.count {
                    index += 1
                    line += 1
                }
            } else {
                return
            }
        }
    }

    /// Whether a record ends at `position`: `\n`, `\r\n`, or a `\r` that is the last byte.
    private func isRecordEnd(at position: Int) -> Bool {
        let byte = bytes[position]
        if byte == Self.newline { return true }
        guard byte == Self.carriageReturn else { return false }
        return position + 1 >= bytes.count || bytes[position + 1] == Self.newline
    }

    /// Parses one field and leaves `index` on the delimiter, the record end, or the input end.
    private mutating func parseField(position: Int) throws(SyntaxError) -> String {
        guard index < bytes.count, bytes[index] == Self.quote else {
            let fieldStart = index
            while index < bytes.count && bytes[index] != delimiter && !isRecordEnd(at: index) { index += 1 }
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[fieldStart..<index]), as: UTF8.self)
        }
        let openingLine = line
        index += 1
        scratch.removeAll(keepingCapacity: true)
        while true {
            guard index < bytes.count else {
                throw SyntaxError(line: openingLine, fieldIndex: position, reason: "unterminated quoted field")
            }
            // Copy the run of ordinary bytes up to the next quote, `\r` or `\n` in one append.
            var runEnd = index
            while runEnd < bytes.count {
                let byte = bytes[runEnd]
                if byte == Self.quote || byte == Self.carriageReturn || byte == Self.newline { break }
                runEnd += 1
            }
            if runEnd > index {
                scratch.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[index..<runEnd]))
                index = runEnd
                continue
            }
            let byte = bytes[index]
            if byte == Self.quote {
                if index + 1 < bytes.count && bytes[index + 1] == Self.quote {
                    scratch.append(Self.quote)
                    index += 2
                    continue
                }
                index += 1
                break
            }
            if byte == Self.carriageReturn && index + 1 < bytes.count && bytes[index + 1] == Self.newline {
                scratch.append(Self.newline)
                index += 2
                line += 1
                continue
            }
            if byte == Self.newline { line += 1 }
            scratch.append(byte)
            index += 1
        }
        if index < bytes.count && bytes[index] != delimiter && !isRecordEnd(at: index) {
            let byte = bytes[index]
            let shown = byte >= 0x21 && byte < 0x7F ? "'\(Character(Unicode.Scalar(byte)))'" : "character"
            throw SyntaxError(line: line, fieldIndex: position, reason: "unexpected \(shown) after a closing quote")
        }
        return String(decoding: scratch, as: UTF8.self)
    }
}
