import Testing

@testable import DatasetIO

@Suite("JSON Lines errors")
struct JSONLinesErrorTests {
    @Test(arguments: [
        // Input structure
        ("", "t.jsonl: file is empty"),
        ("  \n\t\r\n\n", "t.jsonl: file is empty"),
        // JSON grammar, with byte columns
        (
            "{\"text\": \"a\"}\n{\"text\": }",
            "t.jsonl:2: invalid json at column 10: unexpected character '}', expected a value"
        ),
        ("{\"text\": \"a\"", "t.jsonl:1: invalid json at column 13: unexpected end of line, expected ',' or '}'"),
        ("{text: \"a\"}", "t.jsonl:1: invalid json at column 2: unexpected character 't', expected a string key"),
        (
            "{\"text\" \"a\"}",
            "t.jsonl:1: invalid json at column 9: unexpected character '\"', expected ':' after the key"
        ),
        ("{\"text\": \"a\",}", "t.jsonl:1: invalid json at column 14: unexpected character '}', expected a string key"),
        ("{\"text\": \"a\"} x", "t.jsonl:1: invalid json at column 15: unexpected text after the json value"),
        ("{\"text\": \"abc", "t.jsonl:1: invalid json at column 14: unterminated string"),
        ("{\"text\": \"a\tb\"}", "t.jsonl:1: invalid json at column 12: control character in string (must be escaped)"),
        ("{\"text\": \"a\\xb\"}", "t.jsonl:1: invalid json at column 12: invalid escape"),
        ("{\"text\": \"\\u12G4\"}", "t.jsonl:1: invalid json at column 11: invalid unicode escape"),
        ("{\"text\": \"\\ude00\"}", "t.jsonl:1: invalid json at column 11: lone surrogate in unicode escape"),
        ("{\"text\": \"\\ud83d\\u0041\"}", "t.jsonl:1: invalid json at column 11: lone surrogate in unicode escape"),
        ("{\"text\": \"a\", \"label\": 01}", "t.jsonl:1: invalid json at column 25: invalid number: leading zero"),
        (
            "{\"text\": \"a\", \"label\": 1.}",
            "t.jsonl:1: invalid json at column 26: invalid number: expected a digit after '.'"
        ),
        (
            "{\"text\": \"a\", \"label\": 1e}",
            "t.jsonl:1: invalid json at column 26: invalid number: expected a digit in the exponent"
        ),
        ("{\"text\": \"a\", \"label\": -}", "t.jsonl:1: invalid json at column 25: invalid number: expected a digit"),
        (
            "{\"text\": \"a\", \"label\": +1}",
            "t.jsonl:1: invalid json at column 24: unexpected character '+', expected a value"
        ),
        ("{\"text\": \"a\", \"label\": tru}", "t.jsonl:1: invalid json at column 24: invalid literal, expected 'true'"),
        (
            "{\"text\": \"a\", \"x\": [1 2]}",
            "t.jsonl:1: invalid json at column 23: unexpected character '2', expected ',' or ']'"
        ),
        (
            "{\"text\": \"a\", \"annotators\": [1 2]}",
            "t.jsonl:1: invalid json at column 32: unexpected character '2', expected ',' or ']'"
        ),
        ("{\"text\": NaN}", "t.jsonl:1: invalid json at column 10: unexpected character 'N', expected a value"),
        // Not an object
        ("[1, 2]", "t.jsonl:1: expected a json object, found an array"),
        ("\"text\"", "t.jsonl:1: expected a json object, found a string"),
        ("42", "t.jsonl:1: expected a json object, found a number"),
        ("null", "t.jsonl:1: expected a json object, found null"),
        ("[1, 2", "t.jsonl:1: invalid json at column 6: unexpected end of line, expected ',' or ']'"),
        // Fields
        ("{}", "t.jsonl:1: text: missing field"),
        ("{\"text\": null}", "t.jsonl:1: text: expected a string, found null"),
        ("{\"text\": 1}", "t.jsonl:1: text: expected a string, found a number"),
        ("{\"text\": [\"a\"]}", "t.jsonl:1: text: expected a string, found an array"),
        ("{\"text\": {\"a\": 1}}", "t.jsonl:1: text: expected a string, found an object"),
        ("{\"text\": \"a\", \"label\": false}", "t.jsonl:1: label: expected a string, number or null, found a boolean"),
        ("{\"text\": \"a\", \"label\": [1]}", "t.jsonl:1: label: expected a string, number or null, found an array"),
        ("{\"text\": \"a\", \"label\": {}}", "t.jsonl:1: label: expected a string, number or null, found an object"),
        (
            "{\"text\": \"a\", \"annotators\": \"1\"}",
            "t.jsonl:1: annotators: expected an array or null, found a string"
        ),
        ("{\"text\": \"a\", \"annotators\": 1}", "t.jsonl:1: annotators: expected an array or null, found a number"),
        ("{\"text\": \"a\", \"annotators\": {}}", "t.jsonl:1: annotators: expected an array or null, found an object"),
        (
            "{\"text\": \"a\", \"annotators\": [\"1\", [2]]}",
            "t.jsonl:1: annotators: element 1 must be a string, number or null, found an array"
        ),
        (
            "{\"text\": \"a\", \"annotators\": [false]}",
            "t.jsonl:1: annotators: element 0 must be a string, number or null, found a boolean"
        ),
    ])
    func rejects(input: String, expected: String) {
        #expect(TestSupport.error(input) == expected)
    }

    @Test func lineNumbersCountBlankLines() {
        #expect(TestSupport.error("{\"text\": \"a\"}\n\n\n{\"label\": \"b\"}\n") == "t.jsonl:4: text: missing field")
    }

    @Test func customFieldNamesAppearInErrors() {
        let fields = FieldMapping(text: "sentence", label: "gold", annotators: "raters")
        #expect(TestSupport.error("{\"text\": \"a\"}", fields: fields) == "t.jsonl:1: sentence: missing field")
        #expect(
            TestSupport.error("{\"sentence\": \"a\", \"gold\": true}", fields: fields)
                == "t.jsonl:1: gold: expected a string, number or null, found a boolean")
    }

    @Test(
        arguments: [
            ([0xFF], 1), ([0xC0, 0x80], 1), ([0xE0, 0x80, 0x80], 1), ([0xED, 0xA0, 0x80], 1),
            ([0xF4, 0x90, 0x80, 0x80], 1), ([0xF8, 0x88, 0x80, 0x80, 0x80], 1), ([0x61, 0xC3], 2), ([0x61, 0x80], 2),
        ] as [([UInt8], Int)])
    func rejectsInvalidUTF8(bad: [UInt8], column: Int) {
        let bytes = Array("{\"text\": \"ok\"}\n\n{\"text\": \"".utf8) + bad + Array("\"}\n".utf8)
        #expect(TestSupport.error(bytes: bytes) == "t.jsonl:3: invalid utf-8 at column \(10 + column)")
    }

    @Test func byteOrderMarkOnlyIsEmpty() {
        #expect(TestSupport.error(bytes: [0xEF, 0xBB, 0xBF]) == "t.jsonl: file is empty")
        #expect(TestSupport.error(bytes: [0xEF, 0xBB, 0xBF, 0x0A, 0x20]) == "t.jsonl: file is empty")
    }

    @Test func invalidUTF8AfterByteOrderMarkCountsColumnsAfterIt() {
        #expect(TestSupport.error(bytes: [0xEF, 0xBB, 0xBF, 0x7B, 0xFE]) == "t.jsonl:1: invalid utf-8 at column 2")
    }
}
