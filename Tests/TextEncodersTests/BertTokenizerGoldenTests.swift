import Foundation
import Testing

@testable import TextEncoders

/// Token ids against the Hugging Face tokenizer sentence-transformers uses (References/golden_minilm.py).
@Suite("BertTokenizer against Hugging Face")
struct BertTokenizerGoldenTests {
    @Test(
        "ids equal Hugging Face on every golden row (the shared-dataset rows when present)",
        .enabled(if: Support.modelPresent, "run scripts/fetch-minilm.sh: .models/all-MiniLM-L6-v2 is absent"))
    func goldenIDs() throws {
        let golden = try Support.decode(Support.TokenGolden.self, "minilm_tokens.json")
        let tokenizer = try BertTokenizer(directory: Support.modelDirectory)
        #expect(tokenizer.maxLength == 256)
        let (rows, texts) = try Support.checkable(golden.rows)
        #expect(rows.count >= (Support.datasetsPresent ? 320 : 20))
        var mismatches = 0
        for (row, text) in zip(rows, texts) {
            let ids = tokenizer.encode(text)
            if ids != row.ids {
                mismatches += 1
                Issue.record("\(row.label): got \(ids), hugging face \(row.ids ?? [])")
            }
        }
        print("minilm tokens: \(rows.count) rows, \(mismatches) mismatches")
    }

    @Test(
        "scalar classes equal tokenizers' BertNormalizer and BertPreTokenizer for every scalar",
        .enabled(if: Support.modelPresent, "run scripts/fetch-minilm.sh: .models/all-MiniLM-L6-v2 is absent"))
    func unicodeClasses() throws {
        let classes = try Support.decode(Support.TokenGolden.self, "minilm_tokens.json").unicodeClasses
        let tokenizer = try BertTokenizer(directory: Support.modelDirectory)
        func set(_ ranges: [[UInt32]]) -> Set<UInt32> {
            var result = Set<UInt32>()
            for range in ranges where range.count == 2 { result.formUnion(range[0]...range[1]) }
            return result
        }
        let (dropped, whitespace, punctuation, stripped) = (
            set(classes.dropped), set(classes.whitespace), set(classes.punctuation), set(classes.strippedAccents)
        )
        var differences: [String] = []
        for value in UInt32(0)...0x10FFFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let isDropped = value == 0 || value == 0xFFFD || tokenizer.isControl(scalar)
            if isDropped != dropped.contains(value) { differences.append("dropped U+\(String(value, radix: 16))") }
            let isSpace = !isDropped && tokenizer.isWhitespace(scalar)
            if isSpace != whitespace.contains(value) { differences.append("whitespace U+\(String(value, radix: 16))") }
            if tokenizer.isPunctuation(scalar) != punctuation.contains(value) {
                differences.append("punctuation U+\(String(value, radix: 16))")
            }
            // Stripped: NFD then nonspacing marks dropped leaves nothing.
            let decomposed = String(Character(scalar)).decomposedStringWithCanonicalMapping.unicodeScalars
            let isStripped = decomposed.allSatisfy(tokenizer.isNonspacingMark)
            if isStripped != stripped.contains(value) { differences.append("stripped U+\(String(value, radix: 16))") }
        }
        #expect(differences.isEmpty, "\(differences.count) differences: \(differences.prefix(40))")
    }

    @Test("WordPiece, special tokens and truncation on a tiny vocabulary")
    func tinyVocabulary() throws {
        let vocabulary = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", "un", "##aff", "##able", "hello", ",", "!"]
        let tokenizer = try #require(BertTokenizer(vocabulary: vocabulary, maxLength: 5))
        #expect(tokenizer.tokenize("UnAffable, hello!") == ["un", "##aff", "##able", ",", "hello", "!"])
        #expect(tokenizer.tokenize("unaffx hello") == ["[UNK]", "hello"])
        #expect(tokenizer.tokenize("hello [SEP] [sep]") == ["hello", "[SEP]", "[UNK]", "[UNK]", "[UNK]"])
        #expect(tokenizer.encode("hello [SEP]") == [2, 8, 3, 3])
        #expect(tokenizer.encode("hello, hello! hello") == [2, 8, 9, 8, 3])
        #expect(tokenizer.encode("") == [2, 3])
        #expect(BertTokenizer(vocabulary: ["a", "b"]) == nil)
    }
}
