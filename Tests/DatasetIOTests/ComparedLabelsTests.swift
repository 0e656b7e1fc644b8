import Testing

@testable import DatasetIO

/// `--compare-labels`: two label fields read beside the label, like it, in JSON Lines and CSV.
@Suite("compared label fields")
struct ComparedLabelsTests {
    static let fields = FieldMapping(comparedLabels: ["label", "judge"])

    @Test func jsonLinesReadsBothFieldsLikeTheLabel() throws {
        let dataset = try TestSupport.read(
            """
            {"text": "a", "label": "pos", "judge": "neg"}
            {"text": "b", "label": 1, "judge": null}
            {"text": "c"}
            """, fields: Self.fields)
        #expect(dataset.comparedLabels == [["pos", "1", nil], ["neg", nil, nil]])
        #expect(dataset.labels == ["pos", "1", nil], "the label field can be one of the two")
    }

    @Test func jsonLinesRejectsABadJudgeLabel() {
        let error = TestSupport.error("{\"text\": \"a\", \"judge\": [1]}\n", fields: Self.fields)
        #expect(error == "t.jsonl:1: judge: expected a string, number or null, found an array")
    }

    @Test func csvReadsColumnsAndTreatsAMissingColumnAsNoLabels() throws {
        let dataset = try TestSupport.read(
            "text,label,judge\na,pos,neg\nb,neg,\n", format: .csv, path: "t.csv", fields: Self.fields)
        #expect(dataset.comparedLabels == [["pos", "neg"], ["neg", nil]])
        let without = try TestSupport.read("text,label\na,pos\n", format: .csv, path: "t.csv", fields: Self.fields)
        #expect(without.comparedLabels == [["pos"], [nil]])
    }

    @Test func splitsAreReadFromJSONLinesAndCSV() throws {
        let lines = try TestSupport.read("{\"text\": \"a\", \"split\": \"test\"}\n{\"text\": \"b\"}\n")
        #expect(lines.splits == ["test", nil])
        let csv = try TestSupport.read("text,split\na,train\nb,\n", format: .csv, path: "t.csv")
        #expect(csv.splits == ["train", nil])
        let renamed = try TestSupport.read(
            "{\"text\": \"a\", \"part\": \"validation\"}\n", fields: FieldMapping(split: "part"))
        #expect(renamed.splits == ["validation"])
    }

    @Test func nothingIsReadUnlessAsked() throws {
        #expect(try TestSupport.read("{\"text\": \"a\", \"judge\": \"x\"}").comparedLabels.isEmpty)
    }
}
