/// A strict RFC 8259 parser over UTF-8 bytes, specialised for one JSON object per line.
///
/// Why not Foundation: on 200,000 lines (31.9 MB, `real.jsonl` of the iSarcasmEval set repeated),
/// `JSONDecoder` decoding a small JSON-value enum took 1.62 s and `JSONSerialization` 0.35 s in a release
/// build on this machine, and `JSONSerialization` on Linux does not reliably tell `true` from `1`. This
/// parser materialises only the mapped fields (other members are validated and skipped without allocating),
/// keeps numbers' exact spelling, and reports exact byte columns for errors.
///
/// Strictness: full escapes including `\uXXXX` surrogate pairs (lone surrogates are rejected), no raw
/// control characters in strings, numbers exactly per the grammar, nesting at most `maximumDepth` levels,
/// nothing but whitespace after the value. The input must already be valid UTF-8 (the reader checks it).
/// Every byte access is preceded by an explicit bounds check.
struct JSONParser {
    /// The deepest nesting accepted (arrays and objects).
    static let maximumDepth = 128

    private let bytes: UnsafeBufferPointer<UInt8>
    private let end: Int
    /// Current offset into `bytes`.
    private(set) var index: Int
    private var scratch: [UInt8] = []

    /// Creates a parser over `bytes[start..<end]`; error offsets are relative to `start`.
    init(bytes: UnsafeBufferPointer<UInt8>, start: Int, end: Int) {
        self.bytes = bytes
        self.index = start
        self.end = end
        self.start = start
    }

    private let start: Int

    // MARK: - Entry points

    /// Parses a line that must hold one JSON object, returning the values of the members named in `keys`
    /// (UTF-8 bytes, compared after unescaping), in the same order; `nil` where a key is absent.
    /// With duplicate keys the last occurrence wins, as in Python's `json`.
    /// If the text is valid JSON but not an object, returns `.notObject` with the value's kind.
    mutating func parseObjectLine(keys: [[UInt8]]) throws(JSONSyntaxError) -> ObjectLine {
        var unused: [Float] = []
        return try parseObjectLine(keys: keys, numberArraySlot: nil, numbers: &unused).line
    }

    /// Like `parseObjectLine(keys:)`, but the member named by `keys[numberArraySlot]` is read as an array of
    /// numbers straight into `numbers` (appended as Float32, without building a `JSONValue` per element);
    /// its entry in the returned values stays `nil` and `numberArray` says what it held (`nil` when absent).
    /// With duplicate keys the last occurrence wins here too: earlier ones are removed from `numbers`.
    ///
    /// - Complexity: O(line length).
    mutating func parseObjectLine(keys: [[UInt8]], numberArraySlot: Int?, numbers: inout [Float])
        throws(JSONSyntaxError) -> (line: ObjectLine, numberArray: NumberArray?)
    {
        let mark = numbers.count
        var numberArray: NumberArray?
        skipWhitespace()
        guard let first = peek() else { throw error("unexpected end of line") }
        if first != UInt8(ascii: "{") {
            let value = try parseValue(depth: 0)
            try expectEnd()
            return (.notObject(value.kindDescription), nil)
        }
        var found = [JSONValue?](repeating: nil, count: keys.count)
        index += 1
        skipWhitespace()
        if peek() == UInt8(ascii: "}") {
            index += 1
            try expectEnd()
            return (.object(found), nil)
        }
        while true {
            skipWhitespace()
            guard peek() == UInt8(ascii: "\"") else { throw unexpected(expecting: "a string key") }
            let match = try parseKey(matching: keys)
            skipWhitespace()
            guard peek() == UInt8(ascii: ":") else { throw unexpected(expecting: "':' after the key") }
            index += 1
            skipWhitespace()
            if let match, match == numberArraySlot {
                if numbers.count > mark { numbers.removeSubrange(mark...) }
                numberArray = try parseNumberArray(depth: 1, into: &numbers)
            } else if let match {
                found[match] = try parseValue(depth: 1)
            } else {
                try skipValue(depth: 1)
            }
            skipWhitespace()
            guard let next = peek() else { throw error("unexpected end of line, expected ',' or '}'") }
            if next == UInt8(ascii: ",") {
                index += 1
                continue
            }
            if next == UInt8(ascii: "}") {
                index += 1
                break
            }
            throw unexpected(expecting: "',' or '}'")
        }
        try expectEnd()
        return (.object(found), numberArray)
    }

    /// Parses a complete JSON text that should be an array of numbers (a CSV/TSV vector cell), appending
    /// the numbers to `numbers`.
    ///
    /// - Complexity: O(text length).
    mutating func parseNumberArrayDocument(into numbers: inout [Float]) throws(JSONSyntaxError) -> NumberArray {
        skipWhitespace()
        let result = try parseNumberArray(depth: 0, into: &numbers)
        try expectEnd()
        return result
    }

    /// What a value read by `parseNumberArray` held. Element indices are 0-based.
    enum NumberArray: Equatable {
        /// An array of `count` numbers, all finite as Float32, appended to the output.
        case numbers(count: Int)
        /// An array whose element `element` (the first bad one) is not a number; `kind` has an article.
        case nonNumber(element: Int, kind: String)
        /// An array whose element `element` (the first bad one) overflows Float32.
        case outOfRange(element: Int)
        /// Not an array; the value's kind, with an article.
        case notArray(kind: String)
    }

    /// Reads one value expected to be an array of numbers; numbers go straight from bytes to Float32.
    /// After the first bad element the rest of the array is still validated (syntax errors win).
    private mutating func parseNumberArray(depth: Int, into numbers: inout [Float]) throws(JSONSyntaxError)
        -> NumberArray
    {
        guard peek() == UInt8(ascii: "[") else {
            return .notArray(kind: try parseValue(depth: depth).kindDescription)
        }
        guard depth < Self.maximumDepth else { throw error("nesting deeper than \(Self.maximumDepth) levels") }
        index += 1
        skipWhitespace()
        if peek() == UInt8(ascii: "]") {
            index += 1
            return .numbers(count: 0)
        }
        var count = 0
        var problem: NumberArray?
        while true {
            skipWhitespace()
            guard let byte = peek() else { throw error("unexpected end of line, expected a value") }
            if byte == UInt8(ascii: "-") || isDigit(byte) {
                let value = try scanFloat()
                if problem == nil {
                    if value.isFinite {
                        numbers.append(value)
                    } else {
                        problem = .outOfRange(element: count)
                    }
                }
            } else {
                let value = try parseValue(depth: depth + 1)
                if problem == nil { problem = .nonNumber(element: count, kind: value.kindDescription) }
            }
            count += 1
            skipWhitespace()
            guard let next = peek() else { throw error("unexpected end of line, expected ',' or ']'") }
            if next == UInt8(ascii: ",") {
                index += 1
                continue
            }
            if next == UInt8(ascii: "]") {
                index += 1
                return problem ?? .numbers(count: count)
            }
            throw unexpected(expecting: "',' or ']'")
        }
    }

    /// Parses a complete JSON text (one value surrounded by optional whitespace).
    mutating func parseDocument() throws(JSONSyntaxError) -> JSONValue {
        skipWhitespace()
        let value = try parseValue(depth: 0)
        try expectEnd()
        return value
    }

    /// The result of `parseObjectLine`.
    enum ObjectLine: Equatable {
        /// An object with the requested members (`nil` where absent).
        case object([JSONValue?])
        /// Valid JSON that is not an object; the kind, with an article.
        case notObject(String)
    }

    // MARK: - Values

    private mutating func parseValue(depth: Int) throws(JSONSyntaxError) -> JSONValue {
        guard let byte = peek() else { throw error("unexpected end of line, expected a value") }
        switch byte {
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "{"):
            try skipValue(depth: depth)
            return .object
        case UInt8(ascii: "["):
            guard depth < Self.maximumDepth else { throw error("nesting deeper than \(Self.maximumDepth) levels") }
            index += 1
            var elements: [JSONValue] = []
            skipWhitespace()
            if peek() == UInt8(ascii: "]") {
                index += 1
                return .array(elements)
            }
            while true {
                skipWhitespace()
                elements.append(try parseValue(depth: depth + 1))
                skipWhitespace()
                guard let next = peek() else { throw error("unexpected end of line, expected ',' or ']'") }
                index += 1
                if next == UInt8(ascii: ",") { continue }
                if next == UInt8(ascii: "]") { return .array(elements) }
                index -= 1
                throw unexpected(expecting: "',' or ']'")
            }
        case UInt8(ascii: "t"):
            try expectLiteral("true")
            return .bool(true)
        case UInt8(ascii: "f"):
            try expectLiteral("false")
            return .bool(false)
        case UInt8(ascii: "n"):
            try expectLiteral("null")
            return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            let numberStart = index
            let isInteger = try scanNumber()
            let spelling = String(decoding: UnsafeBufferPointer(rebasing: bytes[numberStart..<index]), as: UTF8.self)
            return .number(spelling: spelling, isInteger: isInteger)
        default:
            throw unexpected(expecting: "a value")
        }
    }

    /// Validates one value without building it.
    private mutating func skipValue(depth: Int) throws(JSONSyntaxError) {
        guard let byte = peek() else { throw error("unexpected end of line, expected a value") }
        switch byte {
        case UInt8(ascii: "\""): try skipString()
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            guard depth < Self.maximumDepth else { throw error("nesting deeper than \(Self.maximumDepth) levels") }
            let isObject = byte == UInt8(ascii: "{")
            let close = isObject ? UInt8(ascii: "}") : UInt8(ascii: "]")
            let expectation = isObject ? "',' or '}'" : "',' or ']'"
            index += 1
            skipWhitespace()
            if peek() == close {
                index += 1
                return
            }
            while true {
                skipWhitespace()
                if isObject {
                    guard peek() == UInt8(ascii: "\"") else { throw unexpected(expecting: "a string key") }
                    try skipString()
                    skipWhitespace()
                    guard peek() == UInt8(ascii: ":") else { throw unexpected(expecting: "':' after the key") }
                    index += 1
                    skipWhitespace()
                }
                try skipValue(depth: depth + 1)
                skipWhitespace()
                guard let next = peek() else { throw error("unexpected end of line, expected \(expectation)") }
                if next == UInt8(ascii: ",") {
                    index += 1
                    continue
                }
                if next == close {
                    index += 1
                    return
                }
                throw unexpected(expecting: expectation)
            }
        case UInt8(ascii: "t"): try expectLiteral("true")
        case UInt8(ascii: "f"): try expectLiteral("false")
        case UInt8(ascii: "n"): try expectLiteral("null")
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): _ = try scanNumber()
        default: throw unexpected(expecting: "a value")
        }
    }

    // MARK: - Numbers

    /// Scans `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`; returns whether it is an integer.
    private mutating func scanNumber() throws(JSONSyntaxError) -> Bool {
        if peek() == UInt8(ascii: "-") { index += 1 }
        guard let first = peek(), isDigit(first) else { throw error("invalid number: expected a digit") }
        index += 1
        if first == UInt8(ascii: "0") {
            if let next = peek(), isDigit(next) { throw error("invalid number: leading zero") }
        } else {
            skipDigits()
        }
        var isInteger = true
        if peek() == UInt8(ascii: ".") {
            isInteger = false
            index += 1
            guard let digit = peek(), isDigit(digit) else { throw error("invalid number: expected a digit after '.'") }
            skipDigits()
        }
        if let e = peek(), e == UInt8(ascii: "e") || e == UInt8(ascii: "E") {
            isInteger = false
            index += 1
            if let sign = peek(), sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") { index += 1 }
            guard let digit = peek(), isDigit(digit) else {
                throw error("invalid number: expected a digit in the exponent")
            }
            skipDigits()
        }
        return isInteger
    }

    /// Scans a number like `scanNumber` (same grammar, same errors) and converts it to the nearest Float
    /// in the same pass: the first 19 significant digits are accumulated, eight at a time where possible,
    /// and `DecimalToFloat.compose` finishes; spellings it cannot decide go through `DecimalToFloat.parse`.
    private mutating func scanFloat() throws(JSONSyntaxError) -> Float {
        let numberStart = index
        let negative = peek() == UInt8(ascii: "-")
        if negative { index += 1 }
        guard let first = peek(), isDigit(first) else { throw error("invalid number: expected a digit") }
        var mantissa: UInt64 = 0
        var exponent = 0
        if first == UInt8(ascii: "0") {
            index += 1
            if let next = peek(), isDigit(next) { throw error("invalid number: leading zero") }
        } else {
            accumulateDigits(into: &mantissa, exponent: &exponent, isFraction: false)
        }
        if peek() == UInt8(ascii: ".") {
            index += 1
            guard let digit = peek(), isDigit(digit) else { throw error("invalid number: expected a digit after '.'") }
            accumulateDigits(into: &mantissa, exponent: &exponent, isFraction: true)
        }
        var exponentFits = true
        if let e = peek(), e == UInt8(ascii: "e") || e == UInt8(ascii: "E") {
            index += 1
            var exponentNegative = false
            if let sign = peek(), sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") {
                exponentNegative = sign == UInt8(ascii: "-")
                index += 1
            }
            guard let digit = peek(), isDigit(digit) else {
                throw error("invalid number: expected a digit in the exponent")
            }
            var written = 0
            while let byte = peek(), isDigit(byte) {
                if written < 100_000 {
                    written = written * 10 + Int(byte - UInt8(ascii: "0"))
                } else {
                    exponentFits = false
                }
                index += 1
            }
            exponent += exponentNegative ? -written : written
        }
        if exponentFits, let value = DecimalToFloat.compose(mantissa: mantissa, exponent: exponent, negative: negative)
        {
            return value
        }
        return DecimalToFloat.parse(bytes, from: numberStart, to: index)
    }

    /// Consumes a run of digits, appending them to `mantissa` while it stays below 10^18 (later digits are
    /// dropped: in the integer part each one multiplies by ten, so `exponent` counts it); fraction digits
    /// that are kept decrement `exponent`.
    @inline(__always)
    private mutating func accumulateDigits(into mantissa: inout UInt64, exponent: inout Int, isFraction: Bool) {
        let raw = UnsafeRawBufferPointer(bytes)
        // Eight digits at a time (SWAR) while they fit.
        while index + 8 <= end && mantissa < 100_000_000_000 {
            let chunk = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: index, as: UInt64.self))
            // All eight bytes are '0'...'9': high nibbles 3, and adding 6 does not carry out of the nibble.
            guard chunk & 0xF0F0_F0F0_F0F0_F0F0 == 0x3030_3030_3030_3030,
                (chunk &+ 0x0606_0606_0606_0606) & 0xF0F0_F0F0_F0F0_F0F0 == 0x3030_3030_3030_3030
            else { break }
            // simdjson's parse_eight_digits_unrolled: pairs, then quadruples, then all eight.
            let mask: UInt64 = 0x0000_00FF_0000_00FF
            let multiplier1: UInt64 = 0x000F_4240_0000_0064  // 100 + (1_000_000 << 32)
            let multiplier2: UInt64 = 0x0000_2710_0000_0001  // 1 + (10_000 << 32)
            var value: UInt64 = chunk &- 0x3030_3030_3030_3030
            value = (value &* 10) &+ (value >> 8)
            let low: UInt64 = (value & mask) &* multiplier1
            let high: UInt64 = ((value >> 16) & mask) &* multiplier2
            value = (low &+ high) >> 32
            mantissa = mantissa &* 100_000_000 &+ value
            if isFraction { exponent -= 8 }
            index += 8
        }
        while index < end {
            let digit = bytes[index] &- UInt8(ascii: "0")
            guard digit < 10 else { return }
            if mantissa < 1_000_000_000_000_000_000 {
                mantissa = mantissa &* 10 &+ UInt64(digit)
                if isFraction { exponent -= 1 }
            } else if !isFraction {
                exponent += 1
            }
            index += 1
        }
    }

    private mutating func skipDigits() {
        while let byte = peek(), isDigit(byte) { index += 1 }
    }

    private func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

    // MARK: - Strings

    /// Parses a key and returns the index of the matching entry of `keys`, if any.
    private mutating func parseKey(matching keys: [[UInt8]]) throws(JSONSyntaxError) -> Int? {
        let contentStart = index + 1
        let hasEscapes = try scanString()
        let contentEnd = index - 1
        if hasEscapes {
            try decodeEscapes(from: contentStart, to: contentEnd)
            return keys.lastIndex(where: { $0 == scratch })
        }
        let key = UnsafeBufferPointer(rebasing: bytes[contentStart..<contentEnd])
        return keys.lastIndex(where: { $0.elementsEqual(key) })
    }

    private mutating func parseString() throws(JSONSyntaxError) -> String {
        let contentStart = index + 1
        let hasEscapes = try scanString()
        let contentEnd = index - 1
        if !hasEscapes {
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[contentStart..<contentEnd]), as: UTF8.self)
        }
        try decodeEscapes(from: contentStart, to: contentEnd)
        return String(decoding: scratch, as: UTF8.self)
    }

    private mutating func skipString() throws(JSONSyntaxError) {
        let contentStart = index + 1
        if try scanString() {
            try decodeEscapes(from: contentStart, to: index - 1)
        }
    }

    /// Moves from the opening quote to just past the closing quote, rejecting raw control characters.
    /// Returns whether the string contains escapes (which `decodeEscapes` then validates).
    private mutating func scanString() throws(JSONSyntaxError) -> Bool {
        index += 1
        var hasEscapes = false
        while index < end {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                index += 1
                return hasEscapes
            }
            if byte == UInt8(ascii: "\\") {
                hasEscapes = true
                index += 2
                continue
            }
            if byte < 0x20 { throw error("control character in string (must be escaped)") }
            index += 1
        }
        throw JSONSyntaxError(offset: end - start, reason: "unterminated string")
    }

    /// Decodes the string content `bytes[from..<to]` (escapes included) into `scratch`.
    private mutating func decodeEscapes(from contentStart: Int, to contentEnd: Int) throws(JSONSyntaxError) {
        scratch.removeAll(keepingCapacity: true)
        var position = contentStart
        while position < contentEnd {
            let byte = bytes[position]
            guard byte == UInt8(ascii: "\\") else {
                scratch.append(byte)
                position += 1
                continue
            }
            guard position + 1 < contentEnd else { throw error(at: position, "invalid escape") }
            let escaped = bytes[position + 1]
            switch escaped {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): scratch.append(escaped)
            case UInt8(ascii: "b"): scratch.append(0x08)
            case UInt8(ascii: "f"): scratch.append(0x0C)
            case UInt8(ascii: "n"): scratch.append(0x0A)
            case UInt8(ascii: "r"): scratch.append(0x0D)
            case UInt8(ascii: "t"): scratch.append(0x09)
            case UInt8(ascii: "u"):
                var scalar = try hexQuad(at: position + 2, limit: contentEnd, escapeAt: position)
                var consumed = 6
                if scalar >= 0xD800 && scalar <= 0xDBFF {
                    guard position + 7 < contentEnd, bytes[position + 6] == UInt8(ascii: "\\"),
                        bytes[position + 7] == UInt8(ascii: "u")
                    else { throw error(at: position, "lone surrogate in unicode escape") }
                    let low = try hexQuad(at: position + 8, limit: contentEnd, escapeAt: position + 6)
                    guard low >= 0xDC00 && low <= 0xDFFF else {
                        throw error(at: position, "lone surrogate in unicode escape")
                    }
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    consumed = 12
                } else if scalar >= 0xDC00 && scalar <= 0xDFFF {
                    throw error(at: position, "lone surrogate in unicode escape")
                }
                guard let unicode = Unicode.Scalar(scalar) else { throw error(at: position, "invalid unicode escape") }
                scratch.append(contentsOf: UTF8.encode(unicode).map { Array($0) } ?? [])
                position += consumed
                continue
            default:
                throw error(at: position, "invalid escape")
            }
            position += 2
        }
    }

    private func hexQuad(at position: Int, limit: Int, escapeAt: Int) throws(JSONSyntaxError) -> UInt32 {
        guard position + 4 <= limit else { throw error(at: escapeAt, "invalid unicode escape") }
        var value: UInt32 = 0
        for offset in 0..<4 {
            let byte = bytes[position + offset]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw error(at: escapeAt, "invalid unicode escape")
            }
            value = value << 4 | UInt32(digit)
        }
        return value
    }

    // MARK: - Helpers

    private func peek() -> UInt8? { index < end ? bytes[index] : nil }

    private mutating func skipWhitespace() {
        while index < end {
            switch bytes[index] {
            case 0x20, 0x09, 0x0A, 0x0D: index += 1
            default: return
            }
        }
    }

    private mutating func expectLiteral(_ literal: StaticString) throws(JSONSyntaxError) {
        let literalStart = index
        let count = literal.utf8CodeUnitCount
        let matches = literal.withUTF8Buffer { text -> Bool in
            guard literalStart + count <= end else { return false }
            for offset in 0..<count where bytes[literalStart + offset] != text[offset] { return false }
            return true
        }
        guard matches else { throw error("invalid literal, expected '\(literal)'") }
        index += count
    }

    private mutating func expectEnd() throws(JSONSyntaxError) {
        skipWhitespace()
        if index < end { throw error("unexpected text after the json value") }
    }

    private func error(_ reason: String) -> JSONSyntaxError { error(at: index, reason) }

    private func error(at position: Int, _ reason: String) -> JSONSyntaxError {
        JSONSyntaxError(offset: position - start, reason: reason)
    }

    /// "unexpected character 'x', expected …" or "unexpected end of line, expected …".
    private func unexpected(expecting expectation: String) -> JSONSyntaxError {
        guard let byte = peek() else { return error("unexpected end of line, expected \(expectation)") }
        if byte >= 0x21 && byte < 0x7F {
            return error("unexpected character '\(Character(Unicode.Scalar(byte)))', expected \(expectation)")
        }
        return error("unexpected character, expected \(expectation)")
    }
}
