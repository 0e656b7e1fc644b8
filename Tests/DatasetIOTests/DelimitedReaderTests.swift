import Testing

@testable import DatasetIO

@Suite("CSV and TSV reading")
struct DelimitedReaderTests {
    @Test func readsHeaderMappedColumns() throws {
        let dataset = try TestSupport.read(
            "id,text,label,annotators\n1,hello,pos,\"[\"\"pos\"\",null,1]\"\n2,bye,,\n", format: .csv, path: "t.csv")
        #expect(dataset.texts == ["hello", "bye"])
        #expect(dataset.labels == ["pos", nil])
        #expect(dataset.annotations == [["pos", "1"], nil])
        #expect(dataset.lineNumbers == [2, 3])
    }

    @Test func quotedFieldsHoldDelimitersQuotesAndNewlines() throws {
        let csv = "text,label\n\"a, b\",x\n\"say \"\"hi\"\"\",y\n\"two\nlines\",z\n\"\",w\nlast,v"
        let dataset = try TestSupport.read(csv, format: .csv, path: "t.csv")
        #expect(dataset.texts == ["a, b", "say \"hi\"", "two\nlines", "", "last"])
        #expect(dataset.labels == ["x", "y", "z", "w", "v"])
        #expect(dataset.lineNumbers == [2, 3, 4, 6, 7])
    }

    @Test func byteOrderMarkAndCRLFWithCRLFInsideQuotesNormalised() throws {
        let bytes: [UInt8] =
            [0xEF, 0xBB, 0xBF] + Array("text,label\r\n\"multi\r\nline\",1\r\nplain,2\r\n".utf8)
        let dataset = try TestSupport.read(bytes: bytes, format: .csv, path: "t.csv")
        #expect(dataset.texts == ["multi\nline", "plain"])
        #expect(dataset.labels == ["1", "2"])
        #expect(dataset.lineNumbers == [2, 4])
    }

    @Test func tabSeparated() throws {
        let dataset = try TestSupport.read(
            "label\ttext\nneg\thas, a comma\npos\t\"quoted\ttab\"\n", format: .tsv, path: "t.tsv")
        #expect(dataset.texts == ["has, a comma", "quoted\ttab"])
        #expect(dataset.labels == ["neg", "pos"])
    }

    @Test func blankLinesAreSkippedButCounted() throws {
        let dataset = try TestSupport.read("text\n\na\n\r\n\nb\n\n", format: .csv, path: "t.csv")
        #expect(dataset.texts == ["a", "b"])
        #expect(dataset.lineNumbers == [3, 6])
    }

    @Test func strayQuoteInUnquotedFieldIsLiteral() throws {
        let dataset = try TestSupport.read("text,label\na 5\" screen,x\nab\"c\"d,y\n", format: .csv, path: "t.csv")
        #expect(dataset.texts == ["a 5\" screen", "ab\"c\"d"])
    }

    @Test func labelCellsAreKeptAsWritten() throws {
        let dataset = try TestSupport.read("text,label\na,1.0\nb, pos \n", format: .csv, path: "t.csv")
        #expect(dataset.labels == ["1.0", " pos "])
    }

    @Test func emptyTextCellIsAnEmptyRowAndTrailingDelimiterIsAnEmptyField() throws {
        let dataset = try TestSupport.read("text,label\n,a\nb,", format: .csv, path: "t.csv")
        #expect(dataset.texts == ["", "b"])
        #expect(dataset.labels == ["a", nil])
    }

    @Test func emptyColumnNamesAreAllowed() throws {
        // pandas writes its index column with an empty name.
        let dataset = try TestSupport.read(",text,\n0,a,\n1,b,\n", format: .csv, path: "t.csv")
        #expect(dataset.texts == ["a", "b"])
    }

    @Test func nonASCIIRoundTrips() throws {
        let text = "naïve 😀 中文 \"q\""
        let dataset = try TestSupport.read("text\n\"naïve 😀 中文 \"\"q\"\"\"\n", format: .csv, path: "t.csv")
        #expect(dataset.texts.map { Array($0.utf8) } == [Array(text.utf8)])
    }

    @Test func customFieldMapping() throws {
        let fields = FieldMapping(text: "sentence", label: "gold", annotators: "raters")
        let dataset = try TestSupport.read(
            "sentence,gold,raters\nhi,3,\"[1,2]\"\n", format: .csv, path: "t.csv", fields: fields)
        #expect(dataset.texts == ["hi"])
        #expect(dataset.labels == ["3"])
        #expect(dataset.annotations == [["1", "2"]])
    }

    @Test(arguments: [
        ("", "t.csv: file is empty"),
        ("\n\r\n", "t.csv: file is empty"),
        ("text,label\n", "t.csv: no rows after the header"),
        ("sentence,label\na,b\n", "t.csv:1: text: column not found in the header"),
        ("text,label,text\na,b,c\n", "t.csv:1: text: duplicate column name"),
        ("text,label\na\n", "t.csv:2: expected 2 fields as in the header, found 1"),
        ("text,label\na,b\n\nc,d,e\n", "t.csv:4: expected 2 fields as in the header, found 3"),
        ("text,label\na,b\n\"open,c\nmore\n", "t.csv:3: text: unterminated quoted field"),
        ("text,label\na,\"open\n", "t.csv:2: label: unterminated quoted field"),
        ("\"text,label\na,b\n", "t.csv:1: unterminated quoted field"),
        ("text,label\n\"a\"b,c\n", "t.csv:2: text: unexpected 'b' after a closing quote"),
        ("text,label\n\"a\" ,c\n", "t.csv:2: text: unexpected character after a closing quote"),
        (
            "text,annotators\na,1|2\n",
            "t.csv:2: annotators: expected empty or a json array of strings, numbers or nulls"
        ),
        (
            "text,annotators\na,\"{}\"\n",
            "t.csv:2: annotators: expected empty or a json array of strings, numbers or nulls"
        ),
        (
            "text,annotators\na,\"[true]\"\n",
            "t.csv:2: annotators: element 0 must be a string, number or null, found a boolean"
        ),
    ])
    func rejects(input: String, expected: String) {
        #expect(TestSupport.error(input, format: .csv, path: "t.csv") == expected)
    }

    @Test func rejectsInvalidUTF8NamingTheLine() {
        let bytes = Array("text\nok\nbad".utf8) + [0xFF] + Array("\n".utf8)
        #expect(TestSupport.error(bytes: bytes, format: .csv, path: "t.csv") == "t.csv:3: invalid utf-8 at column 4")
    }

    @Test func tsvRaggedRow() {
        #expect(
            TestSupport.error("text\tlabel\na\tb\tc\n", format: .tsv, path: "t.tsv")
                == "t.tsv:2: expected 2 fields as in the header, found 3")
    }
}
