import Testing

@testable import DatasetIO

@Suite("Vector fields")
struct VectorFieldTests {
    static let fields = FieldMapping(vectors: "vec")

    @Test func noVectorFieldReadsNoVectors() throws {
        let dataset = try TestSupport.read("{\"text\": \"a\", \"vec\": [1, 2]}\n")
        #expect(dataset.vectors == nil)
    }

    @Test func readsJSONLinesVectors() throws {
        let jsonl = "{\"vec\": [1, -2.5, 3e-2], \"text\": \"a\"}\n\n{\"text\": \"b\", \"vec\": [0, -0.0, 1E2]}\n"
        let dataset = try TestSupport.read(jsonl, fields: Self.fields)
        let vectors = try #require(dataset.vectors)
        #expect(vectors.dimension == 3)
        #expect(vectors.rows == 2)
        #expect(vectors.values == [1, -2.5, 0.03, 0, 0, 100])
        #expect(Array(vectors.row(1)) == [0, 0, 100])
        #expect(dataset.lineNumbers == [1, 3])
    }

    @Test func lastDuplicateVectorKeyWins() throws {
        let dataset = try TestSupport.read(
            "{\"text\": \"a\", \"vec\": [1, 2, 3], \"vec\": [4, 5]}\n", fields: Self.fields)
        #expect(dataset.vectors == DatasetVectors(dimension: 2, values: [4, 5]))
    }

    @Test func readsCSVAndTSVVectors() throws {
        let csv = "text,vec,label\na,\"[1, 2.5]\",x\nb,\"[3,4]\",\n"
        let dataset = try TestSupport.read(csv, format: .csv, path: "t.csv", fields: Self.fields)
        #expect(dataset.vectors == DatasetVectors(dimension: 2, values: [1, 2.5, 3, 4]))
        #expect(dataset.labels == ["x", nil])
        let tsv = "text\tvec\na\t[1, 2.5]\nb\t[3,4]\n"
        let fromTSV = try TestSupport.read(tsv, format: .tsv, path: "t.tsv", fields: Self.fields)
        #expect(fromTSV.vectors == dataset.vectors)
    }

    @Test func numbersAreCorrectlyRoundedToFloat32() throws {
        // Spellings with 17 significant digits, as Python prints float32 values widened to float64.
        let spellings = [
            "0.006385671440511942", "-0.11808523535728455", "3.4028234663852886e38", "1.1754943508222875e-38",
            "1e-45", "0.1", "16777217", "0.30000001192092896", "123456789012345678901234567890",
            "0.000000000000000000000000001", "-7.006492321624085e-46",
        ]
        let jsonl = "{\"text\": \"a\", \"vec\": [\(spellings.joined(separator: ", "))]}"
        let dataset = try TestSupport.read(jsonl, fields: Self.fields)
        let expected = spellings.map { Float($0) ?? .nan }
        #expect(dataset.vectors?.values.map(\.bitPattern) == expected.map(\.bitPattern))
    }

    @Test func fastPathAgreesWithTheStandardLibraryOnRandomAndMidpointSpellings() {
        var generator = SplitMix64(seed: 7)
        var spellings: [String] = []
        for _ in 0..<20_000 {
            let float = Float(bitPattern: UInt32(truncatingIfNeeded: generator.next()) & 0x7F7F_FFFF)
            guard float.isFinite, float != 0 else { continue }
            spellings.append("\(Double(float))")
            spellings.append("\(float)")
            // The exact midpoint to the next Float up, and spellings just beside it.
            let midpoint = (Double(float) + Double(float.nextUp)) / 2
            spellings.append("\(midpoint)")
            spellings.append("\(midpoint.nextUp)")
            spellings.append("\(midpoint.nextDown)")
            spellings.append(String(Double(generator.next() % 1_000_000_000_000) / 1e12))
            // Long digit runs (eight-at-a-time paths, truncation after 19 digits), leading fraction zeros.
            let digits = String(generator.next()) + String(generator.next())
            let cut = digits.index(digits.startIndex, offsetBy: 1 + Int(generator.next() % UInt64(digits.count - 1)))
            spellings.append("\(digits[..<cut]).\(digits[cut...])")
            spellings.append("0.0000\(digits)")
            spellings.append("-\(digits)e-\(20 + generator.next() % 40)")
        }
        var mismatches: [String] = []
        for spelling in spellings {
            let expected = (Float(spelling) ?? .nan).bitPattern
            let bytes = Array(spelling.utf8)
            let parsed = bytes.withUnsafeBufferPointer { DecimalToFloat.parse($0, from: 0, to: $0.count) }
            let array = Array("[\(spelling)]".utf8)
            var numbers: [Float] = []
            let scanned = array.withUnsafeBufferPointer { buffer -> Float? in
                var parser = JSONParser(bytes: buffer, start: 0, end: buffer.count)
                guard (try? parser.parseNumberArrayDocument(into: &numbers)) == .numbers(count: 1) else { return nil }
                return numbers.first
            }
            if parsed.bitPattern != expected || scanned?.bitPattern != expected { mismatches.append(spelling) }
        }
        #expect(spellings.count > 100_000)
        #expect(mismatches.isEmpty, "\(mismatches.prefix(5))")
    }

    @Test(arguments: [
        ("{\"text\": \"a\"}", "t.jsonl:1: vec: missing field"),
        ("{\"text\": \"a\", \"vec\": null}", "t.jsonl:1: vec: expected a non-empty array of numbers, found null"),
        (
            "{\"text\": \"a\", \"vec\": \"[1]\"}",
            "t.jsonl:1: vec: expected a non-empty array of numbers, found a string"
        ),
        (
            "{\"text\": \"a\", \"vec\": {\"x\": 1}}",
            "t.jsonl:1: vec: expected a non-empty array of numbers, found an object"
        ),
        (
            "{\"text\": \"a\", \"vec\": []}",
            "t.jsonl:1: vec: expected a non-empty array of numbers, found an empty array"
        ),
        ("{\"text\": \"a\", \"vec\": [1, \"2\", true]}", "t.jsonl:1: vec: element 1 must be a number, found a string"),
        ("{\"text\": \"a\", \"vec\": [1, 2, null]}", "t.jsonl:1: vec: element 2 must be a number, found null"),
        ("{\"text\": \"a\", \"vec\": [[1], 2]}", "t.jsonl:1: vec: element 0 must be a number, found an array"),
        ("{\"text\": \"a\", \"vec\": [1, 1e39]}", "t.jsonl:1: vec: element 1 is out of float32 range"),
        ("{\"text\": \"a\", \"vec\": [-3.5e38, true]}", "t.jsonl:1: vec: element 0 is out of float32 range"),
        (
            "{\"text\": \"a\", \"vec\": [1, 2]}\n{\"text\": \"b\", \"vec\": [1]}",
            "t.jsonl:2: vec: expected 2 numbers as on line 1, found 1"
        ),
        (
            "\n{\"text\": \"a\", \"vec\": [1]}\n{\"text\": \"b\", \"vec\": [1, 2, 3]}",
            "t.jsonl:3: vec: expected 1 numbers as on line 2, found 3"
        ),
        // Syntax errors inside the array are reported as such, before field errors.
        (
            "{\"text\": \"a\", \"vec\": [1, \"x\" 2]}",
            "t.jsonl:1: invalid json at column 30: unexpected character '2', expected ',' or ']'"
        ),
        ("{\"text\": \"a\", \"vec\": [1, 01]}", "t.jsonl:1: invalid json at column 27: invalid number: leading zero"),
        (
            "{\"text\": \"a\", \"vec\": [1, 2",
            "t.jsonl:1: invalid json at column 27: unexpected end of line, expected ',' or ']'"
        ),
        (
            "{\"text\": \"a\", \"vec\": [1,]}",
            "t.jsonl:1: invalid json at column 25: unexpected character ']', expected a value"
        ),
        // Other fields are checked first.
        ("{\"text\": 1, \"vec\": []}", "t.jsonl:1: text: expected a string, found a number"),
    ])
    func rejectsBadJSONLinesVectors(input: String, expected: String) {
        #expect(TestSupport.error(input, fields: Self.fields) == expected)
    }

    @Test(arguments: [
        ("text,vec\na,\"[1,2]\"\nb,\n", "t.csv:3: vec: expected a non-empty array of numbers, found an empty cell"),
        ("text,vec\na,1\n", "t.csv:2: vec: expected a non-empty array of numbers, found a number"),
        ("text,vec\na,[]\n", "t.csv:2: vec: expected a non-empty array of numbers, found an empty array"),
        ("text,vec\na,\"[1,2]\"\nb,\"[1,2,3]\"\n", "t.csv:3: vec: expected 2 numbers as on line 2, found 3"),
        ("text,vec\na,\"[1,\"\"x\"\"]\"\n", "t.csv:2: vec: element 1 must be a number, found a string"),
        ("text,vec\na,\"[1e39]\"\n", "t.csv:2: vec: element 0 is out of float32 range"),
        (
            "text,vec\na,[1 2]\n",
            "t.csv:2: vec: invalid json in the cell at column 4: unexpected character '2', expected ',' or ']'"
        ),
        (
            "text,vec\na,[1] x\n",
            "t.csv:2: vec: invalid json in the cell at column 5: unexpected text after the json value"
        ),
        ("text,label\na,1\n", "t.csv:1: vec: column not found in the header"),
    ])
    func rejectsBadCSVVectors(input: String, expected: String) {
        #expect(TestSupport.error(input, format: .csv, path: "t.csv", fields: Self.fields) == expected)
    }

    @Test func vectorFieldMustNotShareAName() {
        let fields = FieldMapping(text: "text", vectors: "text")
        #expect(
            TestSupport.error("{\"text\": \"a\"}", fields: fields)
                == "t.jsonl: text: the vector field must differ from the text, label and annotators fields")
    }

    @Test func datasetVectorsRows() {
        let vectors = DatasetVectors(dimension: 2, values: [1, 2, 3, 4, 5, 6])
        #expect(vectors.rows == 3)
        #expect(vectors.row(0) == [1, 2])
        #expect(vectors.row(2) == [5, 6])
        #expect(vectors.values == [1, 2, 3, 4, 5, 6])
    }
}

/// A small deterministic generator for test inputs.
struct SplitMix64 {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
