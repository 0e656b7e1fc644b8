import Testing

@testable import DatasetIO

@Suite("JSON Lines reading")
struct JSONLinesReaderTests {
    @Test func readsTextLabelAndAnnotations() throws {
        let dataset = try TestSupport.read(
            """
            {"text": "a", "label": "pos", "annotators": ["pos", "neg"], "split": "train"}
            {"text": "b"}
            """)
        #expect(dataset.name == "t")
        #expect(dataset.role == .synthetic)
        #expect(dataset.path == "t.jsonl")
        #expect(dataset.texts == ["a", "b"])
        #expect(dataset.labels == ["pos", nil])
        #expect(dataset.annotations == [["pos", "neg"], nil])
        #expect(dataset.lineNumbers == [1, 2])
    }

    @Test func blankLinesAreSkippedButCounted() throws {
        let dataset = try TestSupport.read("\n{\"text\": \"a\"}\n   \n\t\n{\"text\": \"b\"}\n\n")
        #expect(dataset.texts == ["a", "b"])
        #expect(dataset.lineNumbers == [2, 5])
    }

    @Test func byteOrderMarkAndCRLF() throws {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("{\"text\": \"a\"}\r\n\r\n{\"text\": \"b\"}\r\n".utf8)
        let dataset = try TestSupport.read(bytes: bytes)
        #expect(dataset.texts == ["a", "b"])
        #expect(dataset.lineNumbers == [1, 3])
    }

    @Test func lastLineWithoutNewline() throws {
        let dataset = try TestSupport.read("{\"text\": \"a\"}\n{\"text\": \"b\"}")
        #expect(dataset.texts == ["a", "b"])
    }

    @Test func emptyTextIsAValidRow() throws {
        let dataset = try TestSupport.read("{\"text\": \"\"}")
        #expect(dataset.texts == [""])
    }

    @Test(arguments: [
        "Emoji 😀👍🏽 and a family 👨‍👩‍👧", "中文文本，日本語のテキスト", "Crème brûlée, naïve café, Ångström",
        "combining e\u{301} vs é", "tab\tinside and \"quotes\" and \\ backslash",
    ])
    func nonASCIITextRoundTripsByteExactly(text: String) throws {
        // Write the text raw (only quotes, backslashes and tabs escaped) and through \u escapes.
        var raw = ""
        var escaped = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": raw += "\\\""
            case "\\": raw += "\\\\"
            case "\t": raw += "\\t"
            default: raw.unicodeScalars.append(scalar)
            }
            for unit in String(scalar).utf16 {
                let hex = String(unit, radix: 16)
                escaped += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            }
        }
        let dataset = try TestSupport.read("{\"text\": \"\(raw)\"}\n{\"text\": \"\(escaped)\"}")
        #expect(dataset.texts.count == 2)
        for read in dataset.texts {
            #expect(Array(read.utf8) == Array(text.utf8))
        }
    }

    @Test func escapesAreDecoded() throws {
        let dataset = try TestSupport.read(#"{"text": "\"\\\/\b\f\n\r\t\u00e9\ud83d\ude00\u0000"}"#)
        #expect(dataset.texts == ["\"\\/\u{8}\u{c}\n\r\té😀\u{0}"])
    }

    @Test(arguments: [
        ("1", "1"), ("-0", "0"), ("42", "42"), ("-7", "-7"), ("1.0", "1"), ("1e2", "100"), ("2.50", "2.5"),
        ("2.5E-3", "0.0025"), ("-0.5", "-0.5"), ("12345678901234567890123", "12345678901234567890123"),
        ("1e400", "1e400"), ("\"1.0\"", "1.0"), ("\"pos\"", "pos"),
    ])
    func labelsAreNormalised(json: String, expected: String) throws {
        let dataset = try TestSupport.read("{\"text\": \"a\", \"label\": \(json)}")
        #expect(dataset.labels == [expected])
    }

    @Test func nullAbsentOrEmptyLabelMeansNoLabel() throws {
        let dataset = try TestSupport.read(
            "{\"text\": \"a\", \"label\": null}\n{\"text\": \"b\"}\n{\"text\": \"c\", \"label\": \"\"}")
        #expect(dataset.labels == [nil, nil, nil])
        #expect(!dataset.hasLabels)
    }

    @Test func annotatorsSkipNullsAndNormaliseNumbers() throws {
        let dataset = try TestSupport.read(
            """
            {"text": "a", "annotators": [1, null, "2", 0.0, 1.5]}
            {"text": "b", "annotators": null}
            {"text": "c", "annotators": []}
            {"text": "d", "annotators": [null]}
            """)
        #expect(dataset.annotations == [["1", "2", "0", "1.5"], nil, [], []])
    }

    @Test func customFieldMapping() throws {
        let fields = FieldMapping(text: "sentence", label: "gold", annotators: "raters")
        let dataset = try TestSupport.read(
            "{\"sentence\": \"s\", \"gold\": 3, \"raters\": [\"x\"], \"text\": 5, \"label\": true}", fields: fields)
        #expect(dataset.texts == ["s"])
        #expect(dataset.labels == ["3"])
        #expect(dataset.annotations == [["x"]])
    }

    @Test func oneFieldMayServeTwoRoles() throws {
        let dataset = try TestSupport.read("{\"text\": \"a\"}", fields: FieldMapping(label: "text"))
        #expect(dataset.texts == ["a"])
        #expect(dataset.labels == ["a"])
    }

    @Test func escapedKeysMatchAndLastDuplicateWins() throws {
        let dataset = try TestSupport.read(#"{"t\u0065xt": "first", "label": "x", "text": "second"}"#)
        #expect(dataset.texts == ["second"])
        #expect(dataset.labels == ["x"])
    }

    @Test func extraFieldsOfAnyShapeAreIgnored() throws {
        let dataset = try TestSupport.read(
            #"{"meta": {"a": [1, 2.5e-3, true, false, null, {"b": "\u00e9"}]}, "text": "a", "n": -0.0}"#)
        #expect(dataset.texts == ["a"])
    }

    @Test func deepNestingIsRejectedNotCrashing() {
        let deep = String(repeating: "[", count: 100_000)
        let message = TestSupport.error("{\"text\": \"a\", \"x\": \(deep)}")
        #expect(message == "t.jsonl:1: invalid json at column 147: nesting deeper than 128 levels")
    }
}
